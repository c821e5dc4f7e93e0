//! The conversion against the `idna` crate (a development dependency):
//! every line of the UTS #46 conformance file `IdnaTestV2.txt` it ships, and
//! random names over the characters the rules care about. Both settings are
//! compared: the WHATWG URL one (`Deny::Url`, what origins use) and plain
//! `domain_to_ascii` (`Deny::Nothing`, what policy tests use).

use idna::uts46::{AsciiDenyList, DnsLength, Hyphens, Uts46};

use super::{punycode, to_ascii, Deny};

#[path = "../../../tests/support/metadata.rs"]
mod metadata;

fn oracle(input: &str, deny: Deny) -> Option<String> {
    let list = match deny {
        Deny::Url => AsciiDenyList::URL,
        Deny::Nothing => AsciiDenyList::EMPTY,
    };
    Uts46::new()
        .to_ascii(input.as_bytes(), list, Hyphens::Allow, DnsLength::Ignore)
        .ok()
        .map(|s| s.into_owned())
}

/// A label that decodes to one starting with `xn--` again: UTS #46 refuses it
/// when CheckHyphens is off (error V4 of the conformance file), the `idna`
/// crate accepts it. We follow the standard, as browsers using ICU do.
fn decodes_to_xn(ascii: &str) -> bool {
    ascii.split('.').any(|label| {
        label
            .strip_prefix("xn--")
            .and_then(punycode::decode)
            .is_some_and(|d| d.starts_with(&['x', 'n', '-', '-']))
    })
}

fn check(input: &str, differences: &mut Vec<String>) {
    for deny in [Deny::Url, Deny::Nothing] {
        let ours = to_ascii(input, deny).ok();
        let theirs = oracle(input, deny);
        let v4 = ours.is_none() && theirs.as_deref().is_some_and(decodes_to_xn);
        if ours != theirs && !v4 {
            differences.push(format!(
                "{input:?} ({deny:?}): ours {ours:?}, idna {theirs:?}"
            ));
        }
    }
}

fn report(differences: &[String], checked: usize) {
    assert!(
        differences.is_empty(),
        "{} of {checked} inputs differ:\n{}",
        differences.len(),
        differences
            .iter()
            .take(40)
            .cloned()
            .collect::<Vec<_>>()
            .join("\n")
    );
}

/// `\uXXXX` and `\x{X…}` escapes of the conformance file.
fn unescape(text: &str) -> String {
    let mut out = String::new();
    let mut rest = text;
    while let Some(i) = rest.find('\\') {
        out.push_str(&rest[..i]);
        let tail = &rest[i..];
        let (hex, len) = if let Some(t) = tail.strip_prefix("\\u") {
            (&t[..4], 6)
        } else if let Some(t) = tail.strip_prefix("\\x{") {
            let end = t.find('}').expect("a closing brace");
            (&t[..end], end + 4)
        } else {
            out.push('\\');
            rest = &tail[1..];
            continue;
        };
        let cp = u32::from_str_radix(hex, 16).expect("hexadecimal");
        out.push(char::from_u32(cp).unwrap_or('\u{FFFD}'));
        rest = &tail[len..];
    }
    out.push_str(rest);
    out
}

#[test]
fn every_conformance_line_converts_as_idna_does() {
    let path = metadata::package("idna").1.join("tests/IdnaTestV2.txt");
    let text =
        std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("read {}: {e}", path.display()));
    let mut differences = Vec::new();
    let mut checked = 0;
    for line in text.lines() {
        let line = line.split('#').next().unwrap_or("");
        if line.trim().is_empty() {
            continue;
        }
        let fields: Vec<&str> = line.split(';').map(str::trim).collect();
        // The source, and the toUnicode and toAsciiN results as inputs too.
        for field in [fields[0], fields[1], fields[3]] {
            if field.is_empty() || field == "\"\"" {
                continue;
            }
            checked += 1;
            check(&unescape(field), &mut differences);
        }
    }
    assert!(
        checked > 10_000,
        "only {checked} inputs read from {}",
        path.display()
    );
    report(&differences, checked);
}

#[test]
fn random_names_convert_as_idna_does() {
    // Characters the rules care about: ASCII, upper case, dots of several
    // scripts, combining marks, RTL letters and digits, joiners after a
    // virama or between joining letters, deviations, full-width forms,
    // Hangul jamo, compatibility characters, and Punycode prefixes.
    let pool: Vec<char> =
        "abcxyz09-._AZ%:/ \u{3002}\u{FF0E}\u{FF61}\u{0300}\u{0301}\u{0308}\u{0327}\
        \u{0627}\u{0628}\u{0644}\u{0645}\u{0660}\u{0661}\u{05D0}\u{05D1}\u{06F0}\u{200C}\u{200D}\
        \u{094D}\u{0915}\u{0924}\u{00DF}\u{03C2}\u{FB01}\u{FF21}\u{FF41}\u{FF10}\u{1100}\u{1161}\
        \u{11A8}\u{AC00}\u{00E9}\u{0065}\u{2460}\u{00AD}\u{FE0F}\u{1E9E}\u{2132}\u{0130}\u{212A}\
        \u{0640}\u{0652}\u{064B}\u{200E}\u{FFFD}\u{E000}"
            .chars()
            .collect();
    let prefixes = ["", "xn--", "a.xn--", "xn--ls8h.", "1.", "\u{0627}."];
    let mut next = crate::test_rng::xorshift(0x9E37_79B9_7F4A_7C15);
    let mut differences = Vec::new();
    let count = 60_000;
    for _ in 0..count {
        let len = (next() % 9) as usize;
        let mut input = prefixes[(next() % prefixes.len() as u64) as usize].to_string();
        for _ in 0..len {
            input.push(pool[(next() % pool.len() as u64) as usize]);
        }
        check(&input, &mut differences);
    }
    report(&differences, count);
}

/// UTS #46 error V4, which the oracle tests tolerate: a label decoding to
/// `xn--…` is refused.
#[test]
fn a_label_decoding_to_punycode_again_is_refused() {
    for input in ["xn--xn--a--gua.pt", "xn--xn---epa"] {
        assert_eq!(to_ascii(input, Deny::Url), Err(super::Invalid), "{input}");
        assert!(oracle(input, Deny::Url).is_some(), "idna accepts {input}");
    }
}

/// The bounds on what is decoded and encoded, at and just past each limit,
/// as the `idna` crate has them.
#[test]
fn length_limits_are_idna_s() {
    let mut differences = Vec::new();
    let mut checked = 0;
    // Encoded parts of 2,000 and 2,001 bytes that decode to a valid label
    // short enough to be encoded again: some 600 ideographs, plus a few
    // ASCII letters to hit each length exactly.
    let mut next = crate::test_rng::xorshift(0x9E37_79B9_7F4A_7C15);
    let ideographs: Vec<char> = (0..800)
        .map(|_| char::from_u32(0x4E00 + (next() % 0x5000) as u32).expect("a CJK ideograph"))
        .collect();
    let label = |ascii: usize, count: usize| {
        let mut label = vec!['a'; ascii];
        label.extend_from_slice(&ideographs[..count]);
        punycode::encode(&label).expect("encodes")
    };
    let mut lengths = std::collections::BTreeSet::new();
    for ascii in 0..12 {
        // The first count whose encoding reaches 1,999 bytes.
        let (mut lo, mut hi) = (400, ideographs.len());
        while lo < hi {
            let mid = (lo + hi) / 2;
            if label(ascii, mid).len() >= 1_999 {
                hi = mid;
            } else {
                lo = mid + 1;
            }
        }
        for count in lo..lo + 2 {
            let encoded = label(ascii, count);
            if (1_999..=2_001).contains(&encoded.len()) && lengths.insert(encoded.len()) {
                checked += 1;
                check(&format!("xn--{encoded}"), &mut differences);
            }
        }
        if lengths.contains(&2_000) && lengths.contains(&2_001) {
            break;
        }
    }
    assert!(
        lengths.contains(&2_000) && lengths.contains(&2_001),
        "{lengths:?}"
    );
    // Labels of 1,000 and 1,001 non-ASCII characters to encode.
    for n in [999, 1_000, 1_001] {
        checked += 1;
        check(&"\u{e9}".repeat(n), &mut differences);
    }
    report(&differences, checked);
    assert!(to_ascii(&"\u{e9}".repeat(1_000), Deny::Url).is_ok());
    assert!(to_ascii(&"\u{e9}".repeat(1_001), Deny::Url).is_err());
}
