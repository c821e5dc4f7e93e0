//! Domain names to ASCII as browsers convert them: UTS #46 processing
//! (non-transitional, CheckHyphens off, CheckBidi and CheckJoiners on, no
//! DNS length check — the WHATWG URL Standard's settings), then Punycode.
//!
//! Our own conversion over checked-in tables (`tables.rs`, generated from
//! the Unicode data by `tests/idna_tables.rs`), so that a user's build does
//! not compile a Unicode back end; NFC comes from `unicode-normalization`.
//! `tests/idna_conformance.rs` holds it to the `idna` crate on the whole
//! UTS #46 conformance file and on random names.

mod bidi;
mod joiners;
mod punycode;
#[rustfmt::skip]
mod tables;

use unicode_normalization::char::is_combining_mark;
use unicode_normalization::{is_nfc, UnicodeNormalization};

/// Longer Punycode than this (after `xn--`) is not decoded, and longer
/// labels are not encoded (what the `idna` crate and browsers bound, so that
/// a name cannot make the quadratic coder work long).
const MAX_DECODE_LEN: usize = 2000;
const MAX_ENCODE_LEN: usize = 1000;

/// Which ASCII characters the converted name may not hold.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Deny {
    /// None (UTS #46 with UseSTD3ASCIIRules off).
    Nothing,
    /// The WHATWG URL Standard's forbidden domain code points: C0 controls,
    /// space, DEL and `%#/:<>?@[\]^|`.
    Url,
}

/// The name is not a valid internationalized domain name.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct Invalid;

/// UTS #46 status of a code point (non-transitional: deviations are valid).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Status {
    Valid,
    Ignored,
    Mapped(&'static str),
    Disallowed,
}

/// The value of the run holding `c` in a table of `(start, value)` runs.
fn lookup<T: Copy>(table: &[(u32, T)], c: char) -> T {
    let i = table.partition_point(|&(start, _)| start <= c as u32);
    // Every table starts at U+0000, so `i >= 1`.
    table[i.saturating_sub(1)].1
}

fn status(c: char) -> Status {
    let entry = lookup(tables::MAPPING, c);
    match entry >> 13 {
        0 | 3 => Status::Valid,
        1 => Status::Ignored,
        2 => Status::Mapped(tables::MAPPED[usize::from(entry & 0x1FFF)]),
        _ => Status::Disallowed,
    }
}

fn denied(c: char, deny: Deny) -> bool {
    deny == Deny::Url
        && (c <= ' '
            || c == '\u{7F}'
            || matches!(
                c,
                '%' | '#' | '/' | ':' | '<' | '>' | '?' | '@' | '[' | '\\' | ']' | '^' | '|'
            ))
}

/// Converts `domain` to the ASCII form browsers send.
pub(crate) fn to_ascii(domain: &str, deny: Deny) -> Result<String, Invalid> {
    // ASCII without Punycode (nearly every policy's hosts): mapping only
    // lowercases, and no other rule can refuse it.
    let punycode = |label: &str| {
        label
            .get(..4)
            .is_some_and(|p| p.eq_ignore_ascii_case("xn--"))
    };
    if domain.is_ascii() && !domain.split('.').any(punycode) {
        if domain.chars().any(|c| denied(c, deny)) {
            return Err(Invalid);
        }
        return Ok(domain.to_ascii_lowercase());
    }
    // 1. Map.
    let mut mapped = String::with_capacity(domain.len());
    for c in domain.chars() {
        match status(c) {
            Status::Valid => mapped.push(c),
            Status::Ignored => {}
            Status::Mapped(to) => mapped.push_str(to),
            Status::Disallowed => return Err(Invalid),
        }
    }
    // 2. Normalize.
    let normalized: String = mapped.nfc().collect();
    if normalized.chars().any(|c| denied(c, deny)) {
        return Err(Invalid);
    }
    // 3–4. Break into labels; convert and validate each.
    let mut labels: Vec<Vec<char>> = Vec::new();
    for label in normalized.split('.') {
        let chars = match label.strip_prefix("xn--") {
            Some(encoded) => {
                if encoded.len() > MAX_DECODE_LEN {
                    return Err(Invalid);
                }
                let decoded = punycode::decode(encoded).ok_or(Invalid)?;
                if decoded.iter().all(char::is_ascii) || !valid(&decoded, true) {
                    return Err(Invalid);
                }
                decoded
            }
            None => {
                let chars: Vec<char> = label.chars().collect();
                if !valid(&chars, false) {
                    return Err(Invalid);
                }
                chars
            }
        };
        labels.push(chars);
    }
    // CheckBidi: in a name with a right-to-left label, every label.
    if labels.iter().any(|l| bidi::is_rtl_label(l))
        && !labels.iter().all(|l| bidi::satisfies_bidi_rule(l))
    {
        return Err(Invalid);
    }
    // 5. To ASCII.
    let mut ascii = String::with_capacity(normalized.len());
    for (i, label) in labels.iter().enumerate() {
        if i > 0 {
            ascii.push('.');
        }
        if label.iter().all(char::is_ascii) {
            ascii.extend(label);
        } else {
            if label.len() > MAX_ENCODE_LEN {
                return Err(Invalid);
            }
            ascii.push_str("xn--");
            ascii.push_str(&punycode::encode(label).ok_or(Invalid)?);
        }
    }
    Ok(ascii)
}

/// The validity criteria of UTS #46 (section 4.1) for one label;
/// `decoded`: the label came from Punycode (and may not be normalized).
fn valid(label: &[char], decoded: bool) -> bool {
    let Some(&first) = label.first() else {
        return true;
    };
    if decoded {
        let text: String = label.iter().collect();
        // NFC; with CheckHyphens off, not `xn--` again. (No `.` either, but
        // a decoded label cannot hold one: it was split off before, and
        // Punycode's other code points are above U+007F.)
        if !is_nfc(&text) || text.starts_with("xn--") {
            return false;
        }
    }
    !is_combining_mark(first)
        && label.iter().all(|&c| status(c) == Status::Valid)
        && joiners::joiners_allowed(label)
}

#[cfg(test)]
mod tests;
