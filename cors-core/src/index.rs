//! Matching many wildcard patterns in time independent of their number.
//!
//! Patterns are kept sorted by their host key ([`host_key`]: the exact host,
//! or the suffix after `*.`), so that a request origin is matched by looking
//! its host up once, then each of its parent domains (one look-up per `.`),
//! by binary search: `O(labels × log n)` instead of one comparison per
//! pattern. Small lists are scanned directly (cheaper below
//! [`LINEAR_MAX`] patterns). Both engines use it: the code `cors_policy!`
//! generates emits its patterns in [`index_order`], the interpreter sorts
//! its copy the same way.

use std::cmp::Ordering;

use crate::wildcard::{WildcardHost, WildcardPattern};

/// Up to this many patterns, a list is scanned pattern by pattern.
pub const LINEAR_MAX: usize = 8;

/// The sort key of a pattern: its host (exact) or suffix (`*.`), then exact
/// hosts before subdomain patterns.
#[inline]
pub fn host_key<S: AsRef<str>>(pattern: &WildcardPattern<S>) -> (&[u8], u8) {
    match &pattern.host {
        WildcardHost::Exact(host) => (host.as_ref().as_bytes(), 0),
        WildcardHost::Subdomains(suffix) => (suffix.as_ref().as_bytes(), 1),
    }
}

/// The order [`matches_any`] needs: by [`host_key`].
///
/// ```
/// use cors_core::{index, WildcardHost, WildcardPattern, WildcardPort};
/// let mut patterns = vec![
///     WildcardPattern { scheme: "https", host: WildcardHost::Subdomains("b.example"), port: WildcardPort::Default },
///     WildcardPattern { scheme: "https", host: WildcardHost::Subdomains("a.example"), port: WildcardPort::Default },
/// ];
/// patterns.sort_by(index::index_order);
/// assert_eq!(patterns[0].host, WildcardHost::Subdomains("a.example"));
/// ```
pub fn index_order<S: AsRef<str>>(a: &WildcardPattern<S>, b: &WildcardPattern<S>) -> Ordering {
    host_key(a).cmp(&host_key(b))
}

/// Whether any of `patterns` (sorted by [`index_order`]) matches `origin`,
/// the exact bytes of a request `Origin`: the same answer as
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
/// patterns.sort_by(index::index_order);
/// assert!(index::matches_any(&patterns, b"https://app.tenant42.example.com"));
/// assert!(!index::matches_any(&patterns, b"https://tenant42.example.com"));
/// ```
#[inline]
pub fn matches_any<S: AsRef<str>>(patterns: &[WildcardPattern<S>], origin: &[u8]) -> bool {
    if patterns.len() <= LINEAR_MAX {
        return patterns.iter().any(|p| p.matches(origin));
    }
    indexed(patterns, origin)
}

fn indexed<S: AsRef<str>>(patterns: &[WildcardPattern<S>], origin: &[u8]) -> bool {
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
    if any_with_key(patterns, (host, 0), origin) {
        return true;
    }
    host.iter()
        .enumerate()
        .any(|(i, &b)| b == b'.' && any_with_key(patterns, (&host[i + 1..], 1), origin))
}

/// Whether a pattern with exactly this key matches.
fn any_with_key<S: AsRef<str>>(
    patterns: &[WildcardPattern<S>],
    key: (&[u8], u8),
    origin: &[u8],
) -> bool {
    let start = patterns.partition_point(|p| host_key(p) < key);
    patterns[start..]
        .iter()
        .take_while(|p| host_key(p) == key)
        .any(|p| p.matches(origin))
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
        patterns.sort_by(index_order);
        assert!(patterns.len() > LINEAR_MAX);
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
            assert_eq!(matches_any(&patterns, origin.as_bytes()), scan, "{origin}");
        }
        assert!(matches_any(&patterns, b"https://a.t7.example.com"));
    }
}
