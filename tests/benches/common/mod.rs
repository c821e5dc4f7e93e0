//! What the benchmark targets share: the policies (ours, tower-http's,
//! actix-cors', and a hand-written baseline), the requests, and closures that
//! run one request through one implementation without sockets.
//!
//! Every bench target uses only part of this module.
#![allow(dead_code)]

pub mod cases;
pub mod generated;
pub mod hand;
#[cfg(feature = "tracing")]
pub mod listen;
pub mod ours;
pub mod runners;

/// `https://<one or more labels>.example.com`, with the label rules of
/// PROTOCOL §2 (lowercase `[a-z0-9_-]`, 1–63 bytes, host ≤ 253 bytes). Used by
/// the hand-written baseline and by the tower-http / actix-cors predicates.
pub fn wildcard_matches(origin: &[u8]) -> bool {
    let Some(host) = origin.strip_prefix(b"https://") else {
        return false;
    };
    let Some(labels) = host.strip_suffix(b".example.com") else {
        return false;
    };
    host.len() <= 253
        && labels.split(|&b| b == b'.').all(|label| {
            !label.is_empty()
                && label.len() <= 63
                && label.iter().all(|&b| {
                    b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-' || b == b'_'
                })
        })
}

/// The longest string in `list`.
pub const fn max_len(list: &[&str]) -> usize {
    let mut i = 0;
    let mut max = 0;
    while i < list.len() {
        if list[i].len() > max {
            max = list[i].len();
        }
        i += 1;
    }
    max
}
