//! Matching many origins in time independent of their number.
//!
//! A long list is kept in hash buckets: the entries are arranged by bucket
//! ([`arrange`]), and `starts[b]..starts[b + 1]` is the range of bucket `b`.
//! An entry's bucket comes from its key ([`key_hash`]): the bytes of an exact
//! origin, or a wildcard pattern's host key ([`host_key`]: its exact host,
//! or the suffix after `*.`). A wildcard request origin is matched by
//! looking its host up, then each of its parent domains: the key bytes are
//! hashed from the last to the first, so that one pass from the right over
//! the host hashes every parent domain on the way (`O(host length)` in all,
//! plus one short bucket per label), whatever the number of patterns.
//!
//! The hash is not keyed: a request can only be looked up, never inserted,
//! so a crafted origin costs at most a walk of the longest bucket of the
//! policy's own entries. Short lists (up to [`LINEAR_MAX`] entries) have no
//! buckets and are scanned. Both engines use it: the code `cors_policy!`
//! generates holds the arranged patterns and their `starts` in statics, the
//! interpreter arranges its copy the same way.

use std::borrow::Borrow;
use std::ops::Range;

use crate::value::ConstValue;
use crate::wildcard::{WildcardHost, WildcardPattern};

/// Up to this many entries, a list is scanned entry by entry (no buckets).
pub const LINEAR_MAX: usize = 4;

/// The key of an exact origin: its bytes (kind 2, a kind of its own).
pub const EXACT_KIND: u8 = 2;

/// The key of a pattern: its host (exact, kind 0) or suffix (`*.`, kind 1).
#[inline]
pub fn host_key<S: AsRef<str>>(pattern: &WildcardPattern<S>) -> (&[u8], u8) {
    match &pattern.host {
        WildcardHost::Exact(host) => (host.as_ref().as_bytes(), 0),
        WildcardHost::Subdomains(suffix) => (suffix.as_ref().as_bytes(), 1),
    }
}

const SEED: u32 = 0x811c_9dc5;

/// One byte into the hash (FNV-1a).
#[inline]
fn step(hash: u32, byte: u8) -> u32 {
    (hash ^ u32::from(byte)).wrapping_mul(0x0100_0193)
}

/// The hash of the bytes taken so far, with the key's kind.
#[inline]
fn finish(hash: u32, kind: u8) -> u32 {
    let hash = step(hash, kind);
    hash ^ (hash >> 16)
}

/// The hash of a key: its bytes from the last to the first, then its kind.
///
/// ```
/// use cors_core::index::key_hash;
/// assert_eq!(key_hash(b"example.com", 1), key_hash(b"example.com", 1));
/// assert_ne!(key_hash(b"example.com", 0), key_hash(b"example.com", 1));
/// ```
pub fn key_hash(bytes: &[u8], kind: u8) -> u32 {
    finish(
        bytes.iter().rev().fold(SEED, |hash, &b| step(hash, b)),
        kind,
    )
}

/// Arranges `items` (keyed by `key`) into buckets and returns the bucket
/// starts (one more than the buckets, a power of two: about one entry per
/// bucket), or nothing for a list of up to [`LINEAR_MAX`] entries, which is
/// scanned instead. Within a bucket, entries are in key order.
///
/// ```
/// use cors_core::index::{arrange, bucket, key_hash, EXACT_KIND};
/// let mut origins: Vec<String> = (0..100).map(|i| format!("https://app{i}.example")).collect();
/// let starts = arrange(&mut origins, |o| (o.as_bytes(), EXACT_KIND));
/// let wanted = b"https://app42.example";
/// let range = bucket(&starts, key_hash(wanted, EXACT_KIND));
/// assert!(origins[range].iter().any(|o| o.as_bytes() == wanted));
/// ```
pub fn arrange<T>(items: &mut [T], key: impl Fn(&T) -> (&[u8], u8)) -> Vec<u32> {
    if items.len() <= LINEAR_MAX {
        return Vec::new();
    }
    let buckets = items.len().next_power_of_two();
    let mask = buckets - 1;
    let bucket_of: Vec<u32> = items
        .iter()
        .map(|item| {
            let (bytes, kind) = key(item);
            (key_hash(bytes, kind) as usize & mask) as u32
        })
        .collect();
    let mut starts = vec![0u32; buckets + 1];
    for &b in &bucket_of {
        starts[b as usize + 1] += 1;
    }
    for b in 1..starts.len() {
        starts[b] += starts[b - 1];
    }
    // By bucket (a counting sort, keeping the given order), then by key
    // inside each bucket (a stable sort of a few positions): no comparison
    // sort of the whole list, no copy of a key, no move of an item.
    let mut next = starts.clone();
    let mut order = vec![0u32; items.len()];
    for (i, &b) in bucket_of.iter().enumerate() {
        order[next[b as usize] as usize] = i as u32;
        next[b as usize] += 1;
    }
    for range in starts.windows(2) {
        let (from, to) = (range[0] as usize, range[1] as usize);
        if to - from > 1 {
            order[from..to].sort_by(|&a, &b| key(&items[a as usize]).cmp(&key(&items[b as usize])));
        }
    }
    permute(items, order);
    starts
}

/// Moves `items[order[p]]` to position `p`, for every `p`, cycle by cycle.
fn permute<T>(items: &mut [T], mut order: Vec<u32>) {
    const DONE: u32 = u32::MAX;
    for start in 0..items.len() {
        let mut at = start;
        while order[at] != DONE {
            let from = order[at] as usize;
            order[at] = DONE;
            if from == start {
                break;
            }
            items.swap(at, from);
            at = from;
        }
    }
}

/// The range of the bucket of `hash` in a list arranged with `starts`
/// (which is not empty).
#[inline]
pub fn bucket(starts: &[u32], hash: u32) -> Range<usize> {
    let b = hash as usize & (starts.len() - 2);
    starts[b] as usize..starts[b + 1] as usize
}

/// The exact origin equal to `origin` among `origins` ([`arrange`]d by
/// their text with [`EXACT_KIND`], with their `starts`), if any.
///
/// ```
/// use cors_core::{index, ConstValue};
/// let mut origins: Vec<ConstValue> = (0..100)
///     .map(|i| ConstValue::from_string(format!("https://app{i}.example")).unwrap())
///     .collect();
/// let starts = index::arrange(&mut origins, |o| (o.as_str().as_bytes(), index::EXACT_KIND));
/// let found = index::find_exact(&origins, &starts, b"https://app42.example");
/// assert_eq!(found.map(ConstValue::as_str), Some("https://app42.example"));
/// assert!(index::find_exact(&origins, &starts, b"https://app42.example:1").is_none());
/// ```
///
/// The origins are the values themselves (the interpreter) or references
/// to them (the statics `cors_policy!` generates).
#[inline]
pub fn find_exact<'a, V: Borrow<ConstValue>>(
    origins: &'a [V],
    starts: &[u32],
    origin: &[u8],
) -> Option<&'a ConstValue> {
    let candidates = if starts.is_empty() {
        origins
    } else {
        &origins[bucket(starts, key_hash(origin, EXACT_KIND))]
    };
    candidates
        .iter()
        .map(Borrow::borrow)
        .find(|o: &&ConstValue| o.as_str().as_bytes() == origin)
}

/// Whether any of `patterns` ([`arrange`]d, with their `starts`) matches
/// `origin`, the exact bytes of a request `Origin`: the same answer as
/// `patterns.iter().any(|p| p.matches(origin))`, in time independent of the
/// number of patterns.
///
/// ```
/// use cors_core::{index, WildcardHost, WildcardPattern, WildcardPort};
/// let mut patterns: Vec<WildcardPattern<String>> = (0..100)
///     .map(|i| WildcardPattern {
///         scheme: "https".into(),
///         host: WildcardHost::Subdomains(format!("tenant{i}.example.com")),
///         port: WildcardPort::Default,
///     })
///     .collect();
/// let starts = index::arrange(&mut patterns, index::host_key);
/// assert!(index::matches_any(&patterns, &starts, b"https://app.tenant42.example.com"));
/// assert!(!index::matches_any(&patterns, &starts, b"https://tenant42.example.com"));
/// ```
#[inline]
pub fn matches_any<S: AsRef<str>>(
    patterns: &[WildcardPattern<S>],
    starts: &[u32],
    origin: &[u8],
) -> bool {
    if starts.is_empty() {
        return patterns.iter().any(|p| p.matches(origin));
    }
    indexed(patterns, starts, origin)
}

fn indexed<S: AsRef<str>>(patterns: &[WildcardPattern<S>], starts: &[u32], origin: &[u8]) -> bool {
    let Some(at) = origin.windows(3).position(|w| w == b"://") else {
        return false;
    };
    let rest = &origin[at + 3..];
    let host_end = if rest.first() == Some(&b'[') {
        match rest.iter().position(|&b| b == b']') {
            Some(close) => close + 1,
            None => return false,
        }
    } else {
        rest.iter().position(|&b| b == b':').unwrap_or(rest.len())
    };
    let host = &rest[..host_end];
    // From the right: at each dot, the bytes after it (a parent domain) are
    // what has been hashed so far.
    let mut hash = SEED;
    for (i, &byte) in host.iter().enumerate().rev() {
        if byte == b'.' && i + 1 < host.len() {
            let suffix = (&host[i + 1..], 1);
            if any_with_key(patterns, starts, finish(hash, 1), suffix, origin) {
                return true;
            }
        }
        hash = step(hash, byte);
    }
    any_with_key(patterns, starts, finish(hash, 0), (host, 0), origin)
}

/// Whether a pattern with exactly this key (whose hash is `hash`) matches.
#[inline]
fn any_with_key<S: AsRef<str>>(
    patterns: &[WildcardPattern<S>],
    starts: &[u32],
    hash: u32,
    key: (&[u8], u8),
    origin: &[u8],
) -> bool {
    patterns[bucket(starts, hash)]
        .iter()
        .any(|p| host_key(p) == key && p.matches(origin))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::wildcard::WildcardPort;

    fn pattern(host: WildcardHost<String>, port: WildcardPort<String>) -> WildcardPattern<String> {
        WildcardPattern {
            scheme: "https".into(),
            host,
            port,
        }
    }

    /// The index gives the linear scan's answer on every origin of a table
    /// built from the patterns' own hosts and their near misses.
    #[test]
    fn same_answer_as_a_scan() {
        let mut patterns = Vec::new();
        for i in 0..40 {
            patterns.push(pattern(
                WildcardHost::Subdomains(format!("t{i}.example.com")),
                WildcardPort::Default,
            ));
            patterns.push(pattern(
                WildcardHost::Exact(format!("h{i}.example.net")),
                WildcardPort::Any,
            ));
        }
        patterns.push(pattern(
            WildcardHost::Subdomains("example.org".into()),
            WildcardPort::Exact("8443".into()),
        ));
        patterns.push(pattern(
            WildcardHost::Exact("[::1]".into()),
            WildcardPort::Any,
        ));
        let starts = arrange(&mut patterns, host_key);
        assert!(!starts.is_empty());
        let mut origins = vec![
            "https://[::1]".to_owned(),
            "https://[::1]:3000".to_owned(),
            "https://[::2]:3000".to_owned(),
            "https://a.example.org:8443".to_owned(),
            "https://a.example.org".to_owned(),
            "https://example.org:8443".to_owned(),
            "http://a.t1.example.com".to_owned(),
            "https://".to_owned(),
            "null".to_owned(),
            "https://[::1".to_owned(),
        ];
        for i in 0..45 {
            for host in [
                format!("a.t{i}.example.com"),
                format!("a.b.t{i}.example.com"),
                format!("t{i}.example.com"),
                format!("at{i}.example.com"),
                format!("h{i}.example.net"),
                format!("a.h{i}.example.net"),
            ] {
                origins.push(format!("https://{host}"));
                origins.push(format!("https://{host}:8443"));
                origins.push(format!("https://{host}:443"));
            }
        }
        for origin in &origins {
            let scan = patterns.iter().any(|p| p.matches(origin.as_bytes()));
            assert_eq!(
                matches_any(&patterns, &starts, origin.as_bytes()),
                scan,
                "{origin}"
            );
        }
        assert!(matches_any(&patterns, &starts, b"https://a.t7.example.com"));
    }
}

#[cfg(test)]
mod arrange_tests {
    use super::{arrange, bucket, key_hash, EXACT_KIND};

    /// Every entry is found in its bucket, and the buckets cover the list
    /// exactly once, at every size around the power-of-two steps.
    #[test]
    fn every_entry_in_its_bucket() {
        for n in [0, 1, 4, 5, 7, 8, 9, 100, 1024, 1025] {
            let mut keys: Vec<String> = (0..n).map(|i| format!("https://a{i}.example")).collect();
            let starts = arrange(&mut keys, |k| (k.as_bytes(), EXACT_KIND));
            if n <= super::LINEAR_MAX {
                assert!(starts.is_empty());
                continue;
            }
            assert!((starts.len() - 1).is_power_of_two());
            assert_eq!(starts[0], 0);
            assert_eq!(*starts.last().unwrap() as usize, n);
            for key in &keys {
                let range = bucket(&starts, key_hash(key.as_bytes(), EXACT_KIND));
                assert!(keys[range].contains(key), "{key} at n = {n}");
            }
        }
    }

    /// The order is by bucket, then key, and equal keys keep their order
    /// (the macro and the interpreter arrange the same plan alike).
    #[test]
    fn order_is_bucket_then_key_then_given() {
        for n in [5, 9, 100, 1000] {
            // Payloads with few distinct keys: many equal keys.
            let mut items: Vec<(String, usize)> =
                (0..n).map(|i| (format!("k{}", i % 7), i)).collect();
            let mut expected = items.clone();
            let mask = n.next_power_of_two() - 1;
            let b = |k: &str| key_hash(k.as_bytes(), EXACT_KIND) as usize & mask;
            expected.sort_by(|x, y| (b(&x.0), &x.0).cmp(&(b(&y.0), &y.0)));
            arrange(&mut items, |(k, _)| (k.as_bytes(), EXACT_KIND));
            assert_eq!(items, expected, "n = {n}");
        }
    }
}
