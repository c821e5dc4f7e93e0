//! IP literals: the WHATWG IPv4 parser (to explain what a browser would make
//! of a non-canonical address) and an RFC 5952 IPv6 formatter.

use std::fmt::Write as _;
use std::net::{Ipv4Addr, Ipv6Addr};

/// Parses `host` the way the WHATWG URL Standard's IPv4 parser does: one to
/// four dot-separated numbers, each decimal, octal (leading `0`) or hex
/// (`0x`), the last one filling the remaining bytes; one trailing dot is
/// ignored. `None` when a browser would reject the host.
///
/// Only used to classify and explain; the policy itself accepts nothing but
/// the canonical dotted quad.
pub(super) fn whatwg_ipv4(host: &str) -> Option<Ipv4Addr> {
    let mut parts: Vec<&str> = host.split('.').collect();
    if parts.len() > 1 && parts.last() == Some(&"") {
        parts.pop();
    }
    if parts.is_empty() || parts.len() > 4 {
        return None;
    }
    let mut numbers = Vec::with_capacity(parts.len());
    for part in &parts {
        numbers.push(ipv4_number(part)?);
    }
    let (last, init) = numbers.split_last()?;
    if init.iter().any(|&n| n > 255) {
        return None;
    }
    // The last number fills 5 - n bytes.
    let free_bytes = 5 - u32::try_from(numbers.len()).ok()?;
    let limit = 256u64.checked_pow(free_bytes)?;
    if *last >= limit {
        return None;
    }
    let mut value = *last;
    for (i, n) in init.iter().enumerate() {
        let shift = 8 * (3 - u32::try_from(i).ok()?);
        value += n << shift;
    }
    u32::try_from(value).ok().map(Ipv4Addr::from)
}

/// One number of the WHATWG IPv4 parser (`None` if it is not a number or
/// does not fit in `u64`).
fn ipv4_number(part: &str) -> Option<u64> {
    if part.is_empty() {
        return None;
    }
    let (digits, radix) =
        if let Some(hex) = part.strip_prefix("0x").or_else(|| part.strip_prefix("0X")) {
            (hex, 16)
        } else if part.len() > 1 && part.starts_with('0') {
            (&part[1..], 8)
        } else {
            (part, 10)
        };
    if digits.is_empty() {
        return Some(0);
    }
    let mut value: u64 = 0;
    for c in digits.chars() {
        let d = u64::from(c.to_digit(radix)?);
        value = value.checked_mul(u64::from(radix))?.checked_add(d)?;
    }
    Some(value)
}

/// `host` is exactly a canonical dotted quad: four decimal numbers 0–255
/// without leading zeros.
pub(super) fn is_canonical_ipv4(host: &str) -> bool {
    whatwg_ipv4(host).is_some_and(|addr| addr.to_string() == host)
}

/// Formats an IPv6 address per RFC 5952 (as the WHATWG URL serializer does):
/// lowercase hex, no leading zeros, `::` for the longest run of two or more
/// zero groups (the leftmost on ties), and never a dotted IPv4 tail.
pub(super) fn format_ipv6(addr: &Ipv6Addr) -> String {
    let groups = addr.segments();
    // Longest run of zero groups (start, len), leftmost on ties.
    let mut best: Option<(usize, usize)> = None;
    let mut i = 0;
    while i < groups.len() {
        if groups[i] == 0 {
            let start = i;
            while i < groups.len() && groups[i] == 0 {
                i += 1;
            }
            let len = i - start;
            if len >= 2 && best.is_none_or(|(_, l)| len > l) {
                best = Some((start, len));
            }
        } else {
            i += 1;
        }
    }
    let mut out = String::with_capacity(39);
    let mut i = 0;
    while i < groups.len() {
        if let Some((start, len)) = best {
            if i == start {
                out.push_str("::");
                i += len;
                continue;
            }
        }
        if !out.is_empty() && !out.ends_with(':') {
            out.push(':');
        }
        // Writing to a String cannot fail.
        let _ = write!(out, "{:x}", groups[i]);
        i += 1;
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn whatwg_ipv4_table() {
        let cases: &[(&str, Option<&str>)] = &[
            ("127.0.0.1", Some("127.0.0.1")),
            ("127.1", Some("127.0.0.1")),
            ("0x7f.0.0.1", Some("127.0.0.1")),
            ("0x7F000001", Some("127.0.0.1")),
            ("2130706433", Some("127.0.0.1")),
            ("010.0.0.1", Some("8.0.0.1")),
            ("127.0.0.1.", Some("127.0.0.1")),
            ("0x", Some("0.0.0.0")),
            ("1.2.3.4.5", None),
            ("256.0.0.1", None),
            ("1.2.3.256", None),
            ("1.2.65536", None),
            ("4294967296", None),
            ("foo.255", None),
            ("99999999999999999999999", None),
            ("08", None),
            ("1..2", None),
            ("", None),
            (".", None),
        ];
        for (input, want) in cases {
            let got = whatwg_ipv4(input).map(|a| a.to_string());
            assert_eq!(got.as_deref(), *want, "{input}");
        }
    }

    #[test]
    fn format_ipv6_table() {
        let cases: &[(&str, &str)] = &[
            ("::1", "::1"),
            ("::", "::"),
            ("0:0:0:0:0:0:0:1", "::1"),
            ("2001:db8:0:0:1:0:0:1", "2001:db8::1:0:0:1"),
            ("2001:db8:0:1:1:1:1:1", "2001:db8:0:1:1:1:1:1"),
            ("2001:0db8::0001", "2001:db8::1"),
            ("1:0:0:2:0:0:0:3", "1:0:0:2::3"),
            ("1::", "1::"),
            ("::ffff:1.2.3.4", "::ffff:102:304"),
            ("::1.2.3.4", "::102:304"),
            ("FE80::1", "fe80::1"),
            ("1:2:3:4:5:6:7:0", "1:2:3:4:5:6:7:0"),
            ("0:1:2:3:4:5:6:7", "0:1:2:3:4:5:6:7"),
        ];
        for (input, want) in cases {
            let addr: Ipv6Addr = input.parse().expect("test input parses");
            assert_eq!(format_ipv6(&addr), *want, "{input}");
        }
    }
}
