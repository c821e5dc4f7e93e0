//! The bounded, single-pass, allocation-free `Access-Control-Request-Headers`
//! scanner.
//!
//! Browsers send ACRH in a canonical form (lowercase, sorted, de-duplicated,
//! joined by `,` without spaces), but proxies and old engines add optional
//! whitespace, split it over several fields or use other cases. The scanner
//! accepts all of that, yet bounds its work so that an adversarial value
//! (1 MiB of commas, 10,000 fields, a huge name) is refused after a short
//! prefix:
//!
//! | limit | value |
//! |---|---|
//! | ACRH fields | [`MAX_FIELDS`] |
//! | empty elements in total | [`MAX_EMPTY_ELEMENTS`] |
//! | whitespace around one element | [`MAX_OWS_PER_ELEMENT`] bytes |
//! | names | the policy's `count` × 2 (duplicates), or [`MAX_ANY_NAMES`] under `request-headers: *` |
//! | one name | the policy's `max_name_len`, or [`MAX_NAME_LEN`] |
//!
//! Each name is lowercased into a fixed stack buffer before it is looked up.

use crate::grammar::TCHAR_LOWER;

/// More ACRH fields than this → refused.
pub const MAX_FIELDS: usize = 8;
/// More empty elements (over all fields) than this → refused.
pub const MAX_EMPTY_ELEMENTS: usize = 16;
/// More optional whitespace bytes around a single element than this → refused.
pub const MAX_OWS_PER_ELEMENT: usize = 4;
/// The longest name the scanner ever reads (and the size of its buffer).
pub use crate::grammar::MAX_HEADER_NAME_LEN as MAX_NAME_LEN;
/// Under `request-headers: *`, more names than this → refused.
pub const MAX_ANY_NAMES: usize = 64;

/// What the scanner found.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Scan {
    /// No ACRH field.
    Absent,
    /// Every name is allowed. `names` may be 0 (a present but empty ACRH,
    /// which means "no headers"); `fields` is the number of ACRH fields.
    Allowed {
        /// How many names were read (duplicates included).
        names: usize,
        /// How many ACRH fields the request has (1..=[`MAX_FIELDS`]).
        fields: usize,
    },
    /// Malformed: a byte that is not part of a token, whitespace or `,`, a
    /// name over [`MAX_NAME_LEN`] bytes, or a limit of the
    /// [module docs](self) exceeded.
    Refused,
    /// A well-formed name the policy does not allow (with `max_names == 0`,
    /// any name): the first one, at
    /// `field[start..end]` of the ACRH field with index `field` (as sent,
    /// not lowercased).
    NotAllowed {
        /// Index of the ACRH field holding the name.
        field: usize,
        /// Where the name starts in that field.
        start: usize,
        /// Where it ends.
        end: usize,
    },
}

/// Limits of one scan; see the [module docs](self).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Limits {
    /// The most names accepted in total.
    pub max_names: usize,
    /// The longest name accepted (at most [`MAX_NAME_LEN`]).
    pub max_name_len: usize,
}

/// Scans every ACRH field in `fields` (their raw bytes, in order) and asks
/// `allow` about each name, lowercased. Stops at the first refusal.
///
/// ```
/// use cors_core::acrh::{scan, Limits, Scan};
/// let limits = Limits { max_names: 4, max_name_len: 16 };
/// let allow = |name: &[u8]| name == b"x-a" || name == b"content-type";
/// let fields: [&[u8]; 2] = [b"Content-Type, x-a", b""];
/// assert_eq!(
///     scan(fields.into_iter(), limits, allow),
///     Scan::Allowed { names: 2, fields: 2 }
/// );
/// let commas = vec![b','; 1 << 20];
/// assert_eq!(scan([&commas[..]].into_iter(), limits, allow), Scan::Refused);
/// ```
pub fn scan<'a, I, F>(fields: I, limits: Limits, mut allow: F) -> Scan
where
    I: Iterator<Item = &'a [u8]>,
    F: FnMut(&[u8]) -> bool,
{
    let max_name_len = limits.max_name_len.min(MAX_NAME_LEN);
    let mut buf = [0u8; MAX_NAME_LEN];
    let mut field_count = 0;
    let mut names = 0;
    let mut empties = 0;
    for field in fields {
        field_count += 1;
        if field_count > MAX_FIELDS {
            return Scan::Refused;
        }
        let mut pos = 0;
        loop {
            // An empty element without whitespace (`,,`): what a flood of
            // commas is made of, counted without the general steps below.
            if field.get(pos) == Some(&b',') {
                empties += 1;
                if empties > MAX_EMPTY_ELEMENTS {
                    return Scan::Refused;
                }
                pos += 1;
                continue;
            }
            // One element: OWS token OWS, then `,` or the end of the field.
            let mut ows = 0;
            while pos < field.len() && is_ows(field[pos]) {
                pos += 1;
                ows += 1;
                if ows > MAX_OWS_PER_ELEMENT {
                    return Scan::Refused;
                }
            }
            // The bytes that may still make an allowed name, lowercased
            // (bounded up front, so the loop needs no other check).
            let rest = field.get(pos..).unwrap_or_default();
            let limit = rest.len().min(max_name_len);
            let mut len = 0;
            while len < limit {
                let lower = TCHAR_LOWER[rest[len] as usize];
                if lower == 0 {
                    break;
                }
                buf[len] = lower;
                len += 1;
            }
            pos += len;
            // Longer than any allowed name (but within the bound of a header
            // name): read on to its end, it is refused as not allowed below.
            if len == max_name_len {
                while let Some(&byte) = field.get(pos) {
                    if TCHAR_LOWER[byte as usize] == 0 {
                        break;
                    }
                    if len >= MAX_NAME_LEN {
                        return Scan::Refused;
                    }
                    len += 1;
                    pos += 1;
                }
            }
            let end = pos;
            while pos < field.len() && is_ows(field[pos]) {
                pos += 1;
                ows += 1;
                if ows > MAX_OWS_PER_ELEMENT {
                    return Scan::Refused;
                }
            }
            let at_end = pos == field.len();
            if !at_end && field[pos] != b',' {
                // A byte that is neither a token character, OWS nor `,`,
                // or whitespace inside a name.
                return Scan::Refused;
            }
            if len == 0 {
                empties += 1;
                if empties > MAX_EMPTY_ELEMENTS {
                    return Scan::Refused;
                }
            } else {
                names += 1;
                let not_allowed = || Scan::NotAllowed {
                    field: field_count - 1,
                    start: end - len,
                    end,
                };
                if names > limits.max_names {
                    // A policy that lists no header allows no name: say
                    // which one was refused (without asking `allow`).
                    if limits.max_names == 0 {
                        return not_allowed();
                    }
                    return Scan::Refused;
                }
                if len > max_name_len || !allow(&buf[..len]) {
                    return not_allowed();
                }
            }
            if at_end {
                break;
            }
            pos += 1; // the `,`
        }
    }
    if field_count == 0 {
        Scan::Absent
    } else {
        Scan::Allowed {
            names,
            fields: field_count,
        }
    }
}

/// Optional whitespace (RFC 9110 `OWS`): space or horizontal tab.
fn is_ows(b: u8) -> bool {
    b == b' ' || b == b'\t'
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::grammar::is_token;
    use std::time::{Duration, Instant};

    const LISTED: Limits = Limits {
        max_names: 6,
        max_name_len: 13,
    };
    const ANY: Limits = Limits {
        max_names: MAX_ANY_NAMES,
        max_name_len: MAX_NAME_LEN,
    };

    fn listed(name: &[u8]) -> bool {
        matches!(name, b"content-type" | b"x-a" | b"x-b" | b"authorization")
    }

    fn any_but_authorization(name: &[u8]) -> bool {
        name != b"authorization"
    }

    fn run(fields: &[&[u8]], limits: Limits, allow: fn(&[u8]) -> bool) -> Scan {
        scan(fields.iter().copied(), limits, allow)
    }

    fn ok(names: usize, fields: usize) -> Scan {
        Scan::Allowed { names, fields }
    }

    fn na(field: usize, start: usize, end: usize) -> Scan {
        Scan::NotAllowed { field, start, end }
    }

    #[test]
    fn table() {
        let cases: &[(&[&[u8]], Scan)] = &[
            (&[], Scan::Absent),
            (&[b"content-type,x-a,x-b"], ok(3, 1)),
            (&[b"x-a"], ok(1, 1)),
            (&[b"x-a, x-b"], ok(2, 1)),
            (&[b" x-a ,\tx-b\t"], ok(2, 1)),
            (&[b"x-a,  x-b"], ok(2, 1)),
            (&[b"x-a,     x-b"], Scan::Refused),
            // At most four bytes of whitespace around one element, before
            // and after it together.
            (&[b"x-a,    x-b"], ok(2, 1)),
            (&[b"x-a    ,x-b"], ok(2, 1)),
            (&[b"x-a,  x-b  "], ok(2, 1)),
            (&[b"x-a,   x-b  "], Scan::Refused),
            (&[b"x-a,  x-b   "], Scan::Refused),
            (&[b"X-A,Content-Type"], ok(2, 1)),
            (&[b"x-a,,x-b"], ok(2, 1)),
            (&[b",x-a"], ok(1, 1)),
            (&[b"x-a,"], ok(1, 1)),
            (&[b""], ok(0, 1)),
            (&[b",,, , ,"], ok(0, 1)),
            (&[b"x-a", b"x-b"], ok(2, 2)),
            (&[b"x-a", b"", b"X-B"], ok(2, 3)),
            (&[b"x-b,x-a,x-a"], ok(3, 1)),
            (&[b"x-c"], na(0, 0, 3)),
            (&[b"x-a", b"x-c"], na(1, 0, 3)),
            (&[b"x a"], Scan::Refused),
            (&[b"x-a x-b"], Scan::Refused),
            (&[b"x@"], Scan::Refused),
            (&[b"x-a;"], Scan::Refused),
            (&[b"\xc3\xa9"], Scan::Refused),
            (&[b"x-a\r\n"], Scan::Refused),
            (&[b"content-typeX"], na(0, 0, 13)),
            (&[b"x-very-long-header-name"], na(0, 0, 23)),
            (&[b"x-a,x-a,x-a,x-a,x-a,x-a"], ok(6, 1)),
            (&[b"x-a,x-a,x-a,x-a,x-a,x-a,x-a"], Scan::Refused),
            (&[b",,,,,,,,,,,,,,,,x-a"], ok(1, 1)),
            (&[b",,,,,,,,,,,,,,,,,x-a"], Scan::Refused),
            (&[b"authorization"], ok(1, 1)),
        ];
        for (fields, expected) in cases {
            assert_eq!(run(fields, LISTED, listed), *expected, "{fields:?}");
        }
    }

    #[test]
    fn nothing_listed() {
        let none = Limits {
            max_names: 0,
            max_name_len: 0,
        };
        assert_eq!(run(&[b""], none, |_| true), ok(0, 1));
        assert_eq!(run(&[b" , "], none, |_| true), ok(0, 1));
        assert_eq!(run(&[b",X-A"], none, |_| true), na(0, 1, 4));
        assert_eq!(run(&[b"x;"], none, |_| true), Scan::Refused);
    }

    #[test]
    fn any_never_covers_authorization() {
        assert_eq!(
            run(&[b"x-anything,x-b"], ANY, any_but_authorization),
            ok(2, 1)
        );
        assert_eq!(
            run(&[b"x-a,authorization"], ANY, any_but_authorization),
            na(0, 4, 17)
        );
        assert_eq!(
            run(&[b"Authorization"], ANY, any_but_authorization),
            na(0, 0, 13)
        );
        assert_eq!(run(&[b"x a"], ANY, any_but_authorization), Scan::Refused);
        let many = "x,".repeat(MAX_ANY_NAMES + 1);
        assert_eq!(
            run(&[many.as_bytes()], ANY, any_but_authorization),
            Scan::Refused
        );
        let long = "x".repeat(MAX_NAME_LEN + 1);
        assert_eq!(
            run(&[long.as_bytes()], ANY, any_but_authorization),
            Scan::Refused
        );
    }

    #[test]
    fn several_fields_are_capped() {
        let fields: Vec<&[u8]> = vec![b"x-a"; MAX_FIELDS];
        assert_eq!(run(&fields, ANY, |_| true), ok(MAX_FIELDS, MAX_FIELDS));
        let fields: Vec<&[u8]> = vec![b""; MAX_FIELDS + 1];
        assert_eq!(run(&fields, LISTED, listed), Scan::Refused);
    }

    #[test]
    fn adversarial_inputs_are_refused_quickly() {
        let commas = vec![b','; 1 << 20];
        let spaces = vec![b' '; 1 << 20];
        let names = b"x-a,".repeat(1 << 18);
        let ten_thousand: Vec<&[u8]> = vec![b"x-a"; 10_000];
        let start = Instant::now();
        for _ in 0..100 {
            assert_eq!(run(&[&commas], LISTED, listed), Scan::Refused);
            assert_eq!(run(&[&spaces], LISTED, listed), Scan::Refused);
            assert_eq!(run(&[&names], LISTED, listed), Scan::Refused);
            assert_eq!(run(&[&names], ANY, any_but_authorization), Scan::Refused);
            assert_eq!(run(&ten_thousand, LISTED, listed), Scan::Refused);
        }
        // 500 scans; each stops after a few hundred bytes at most.
        assert!(
            start.elapsed() < Duration::from_millis(200),
            "{:?}",
            start.elapsed()
        );
    }

    #[test]
    fn tokens() {
        assert!(is_token(b"PATCH"));
        assert!(is_token(b"x-a!#$%&'*+.^_`|~"));
        assert!(!is_token(b""));
        assert!(!is_token(b"a b"));
        assert!(!is_token(b"a,b"));
        assert!(!is_token(b"\xff"));
    }
}
