//! The `Access-Control-Request-Headers` scanner against the reference:
//! same answer (`Allowed`, `Refused`, or `NotAllowed` at the same name),
//! never a panic, `allow` only ever sees lowercase tokens within the limits
//! (never more calls than `max_names`), and a `NotAllowed` span is a name
//! as sent that is too long for the policy or that `allow` refuses.
//!
//! Input: the first byte picks the limits; the rest is split on `\n` into
//! ACRH fields.

#![no_main]

use std::cell::Cell;

use cors_core::acrh::{self, Limits, Scan};
use libfuzzer_sys::fuzz_target;

fn allowed(name: &[u8]) -> bool {
    matches!(
        name,
        b"content-type" | b"x-a" | b"x-b" | b"authorization" | b"x-requested-with"
    )
}

fuzz_target!(|data: &[u8]| {
    let Some((&selector, rest)) = data.split_first() else {
        return;
    };
    let limits = match selector % 4 {
        0 => Limits {
            max_names: 8,
            max_name_len: 16,
        },
        1 => Limits {
            max_names: acrh::MAX_ANY_NAMES,
            max_name_len: acrh::MAX_NAME_LEN,
        },
        2 => Limits {
            max_names: 0,
            max_name_len: 0,
        },
        _ => Limits {
            max_names: 2,
            max_name_len: 1000, // clamped to MAX_NAME_LEN by the scanner
        },
    };
    let any = selector & 0x10 != 0;
    let allow = |name: &[u8]| {
        if any {
            name != b"authorization"
        } else {
            allowed(name)
        }
    };
    let fields: Vec<&[u8]> = if rest.is_empty() {
        Vec::new()
    } else {
        cors_fuzz::lines(rest).collect()
    };

    let calls = Cell::new(0usize);
    let actual = acrh::scan(fields.iter().copied(), limits, |name| {
        calls.set(calls.get() + 1);
        assert!(!name.is_empty());
        assert!(name.len() <= limits.max_name_len.min(acrh::MAX_NAME_LEN));
        assert!(name.iter().all(|b| !b.is_ascii_uppercase()));
        allow(name)
    });
    assert!(calls.get() <= limits.max_names, "{} calls", calls.get());
    let expected = cors_fuzz::reference::acrh_scan(&fields, limits, allow);
    assert_eq!(actual, expected, "fields {fields:?}");
    match actual {
        Scan::Absent => assert!(fields.is_empty()),
        Scan::Allowed { names, fields: n } => {
            assert!(names <= limits.max_names);
            assert!((1..=acrh::MAX_FIELDS).contains(&n));
            assert_eq!(n, fields.len());
        }
        Scan::NotAllowed { field, start, end } => {
            assert!(field < acrh::MAX_FIELDS.min(fields.len()));
            let name = &fields[field][start..end];
            assert!(!name.is_empty() && name.len() <= acrh::MAX_NAME_LEN);
            assert!(name
                .iter()
                .all(|&b| b.is_ascii_alphanumeric() || b"!#$%&'*+-.^_`|~".contains(&b)));
            assert!(
                name.len() > limits.max_name_len || !allow(&name.to_ascii_lowercase()),
                "{name:?} is allowed"
            );
        }
        Scan::Refused => {}
    }
});
