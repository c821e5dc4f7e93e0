//! What a parsed origin allows, compared with the rest of a policy: plain
//! `http://` origins, wildcards over public suffixes, and entries another
//! pattern already covers.

use std::collections::HashMap;

use super::{ip, ParsedOrigin};
use crate::model::{HostPattern, OriginPattern, PortPattern};

/// The parts of a parsed origin, borrowed.
struct Parts<'a> {
    scheme: &'a str,
    /// Host text (exact) or suffix (subdomains).
    host: &'a str,
    subdomains: bool,
    port: PortPattern,
}

impl ParsedOrigin {
    /// Scheme, host and port, read from the fields of either form.
    fn parts(&self) -> Parts<'_> {
        match self {
            ParsedOrigin::Pattern(p) => {
                let (host, subdomains) = match &p.host {
                    HostPattern::Exact(h) => (h.as_str(), false),
                    HostPattern::Subdomains(s) => (s.as_str(), true),
                };
                Parts {
                    scheme: &p.scheme,
                    host,
                    subdomains,
                    port: p.port,
                }
            }
            ParsedOrigin::Exact(e) => Parts {
                scheme: &e.scheme,
                host: &e.host,
                subdomains: false,
                port: e.port.map_or(PortPattern::Default, PortPattern::Exact),
            },
        }
    }

    /// `http://` (the scheme `http`) and the host is not loopback or a
    /// localhost name: `localhost`, `*.localhost` (also as the pattern
    /// `*.localhost`), 127.0.0.0/8 and `[::1]`; a trailing-dot `localhost.`
    /// counts as localhost too.
    ///
    /// Only the scheme `http` is considered: the `Origin` of a page is never
    /// `ws:`, and other schemes (`chrome-extension`, `tauri`, …) are not
    /// plain-text network origins.
    pub fn is_insecure(&self) -> bool {
        let parts = self.parts();
        parts.scheme == "http" && !is_loopback_host(parts.host, parts.subdomains)
    }

    /// For a `*.suffix` pattern whose suffix is a public suffix per the
    /// embedded Public Suffix List (ICANN and private sections, e.g. `com`,
    /// `co.uk`, `github.io`): `Some(suffix)` as stored in the pattern (with
    /// its trailing dot, if any).
    pub fn public_suffix_wildcard(&self) -> Option<&str> {
        let ParsedOrigin::Pattern(OriginPattern {
            host: HostPattern::Subdomains(suffix),
            ..
        }) = self
        else {
            return None;
        };
        let name = suffix.strip_suffix('.').unwrap_or(suffix);
        super::public_suffix::is_public_suffix(name).then_some(suffix.as_str())
    }

    /// True for a `Pattern` with a subdomain or port wildcard.
    pub fn is_wildcard(&self) -> bool {
        matches!(self, ParsedOrigin::Pattern(_))
    }
}

/// The host (or the suffix of a subdomain wildcard) is a loopback address or
/// a localhost name.
fn is_loopback_host(host: &str, subdomains: bool) -> bool {
    let name = host.strip_suffix('.').unwrap_or(host);
    if name == "localhost" || name.ends_with(".localhost") {
        return true;
    }
    if subdomains {
        return false;
    }
    if host == "[::1]" {
        return true;
    }
    ip::is_canonical_ipv4(host) && host.starts_with("127.")
}

/// `general` (a pattern) already matches every origin `specific` matches,
/// and they are not equal — so `specific` is redundant.
///
/// E.g. `https://*.example.com` covers `https://a.example.com` and
/// `https://*.a.example.com`; `http://localhost:*` covers
/// `http://localhost:3000` and `http://localhost`; `https://*.example.com:*`
/// covers `https://*.example.com`. The schemes must be equal.
pub fn covers(general: &ParsedOrigin, specific: &ParsedOrigin) -> bool {
    if general == specific || !general.is_wildcard() {
        return false;
    }
    let (g, s) = (general.parts(), specific.parts());
    if g.scheme != s.scheme {
        return false;
    }
    let port_ok = match (g.port, s.port) {
        (PortPattern::Any, _) => true,
        (a, b) => a == b,
    };
    let host_ok = if g.subdomains {
        // `*.s` covers hosts under `.s`, and `*.t` for `t` equal to or under `s`.
        let under = s.host.len() > g.host.len()
            && s.host.ends_with(g.host)
            && s.host.as_bytes()[s.host.len() - g.host.len() - 1] == b'.';
        under || (s.subdomains && s.host == g.host)
    } else {
        !s.subdomains && s.host == g.host
    };
    port_ok && host_ok
}

/// The patterns of an origin list, keyed by what they match, so that the
/// pattern covering an entry is found from the entry's own host and parent
/// domains — a few lookups per entry — instead of by trying every pattern:
/// validating n entries takes time linear in n (times the labels of a host),
/// not quadratic.
pub struct CoverIndex<'a> {
    origins: Vec<&'a ParsedOrigin>,
    /// (scheme, host or suffix, subdomains, port) → positions in `origins`.
    patterns: HashMap<(&'a str, &'a str, bool, PortPattern), Vec<usize>>,
}

impl<'a> CoverIndex<'a> {
    /// Indexes the patterns among `origins` (in list order).
    pub fn new(origins: impl IntoIterator<Item = &'a ParsedOrigin>) -> Self {
        let origins: Vec<&'a ParsedOrigin> = origins.into_iter().collect();
        let mut patterns: HashMap<_, Vec<usize>> = HashMap::new();
        for (i, origin) in origins.iter().enumerate() {
            if origin.is_wildcard() {
                let p = origin.parts();
                patterns
                    .entry((p.scheme, p.host, p.subdomains, p.port))
                    .or_default()
                    .push(i);
            }
        }
        CoverIndex { origins, patterns }
    }

    /// The position of the first pattern (in list order) that [`covers`]
    /// the entry at position `j`, if any: the same answer as trying every
    /// pattern in turn.
    pub fn first_covering(&self, j: usize) -> Option<usize> {
        let specific = self.origins[j];
        let s = specific.parts();
        // A covering pattern's host is the entry's host or one of its
        // parent domains (the text after one of its dots); its port is
        // `:*` or the entry's own.
        let parents = s.host.match_indices('.').map(|(dot, _)| &s.host[dot + 1..]);
        let mut first: Option<usize> = None;
        for host in std::iter::once(s.host).chain(parents) {
            for subdomains in [true, false] {
                for port in [PortPattern::Any, s.port] {
                    let Some(found) = self.patterns.get(&(s.scheme, host, subdomains, port)) else {
                        continue;
                    };
                    for &i in found {
                        if i != j
                            && first.is_none_or(|f| i < f)
                            && covers(self.origins[i], specific)
                        {
                            first = Some(i);
                        }
                    }
                }
            }
        }
        first
    }
}

#[cfg(test)]
mod tests {
    use super::{covers, CoverIndex};
    use crate::origin::parse_origin;

    /// The index finds, for every entry, the same first covering pattern as
    /// trying every pattern in list order, whatever the order of the list.
    #[test]
    fn index_agrees_with_trying_every_pattern() {
        let written = [
            "https://*.example.com",
            "https://*.example.com:*",
            "https://*.a.example.com",
            "https://*.a.example.com:9",
            "https://a.example.com",
            "https://a.example.com:8443",
            "https://b.a.example.com",
            "https://example.com",
            "https://example.com:8443",
            "https://*.example.com:8443",
            "http://*.example.com",
            "http://a.example.com",
            "https://*.com",
            "https://*.org",
            "https://x.y.z.example.org",
            "http://localhost:*",
            "http://localhost:3000",
            "http://localhost",
            "http://*.localhost",
            "http://a.localhost:3000",
            "http://localhost.:3000",
            "http://[::1]:*",
            "http://[::1]:3000",
            "http://127.0.0.1:*",
            "http://127.0.0.1:8080",
            "http://127.0.0.2:8080",
        ];
        let parsed: Vec<_> = written.iter().map(|w| parse_origin(w).expect(w)).collect();
        // The list forwards, backwards, and rotated.
        let n = parsed.len();
        for order in [
            (0..n).collect::<Vec<_>>(),
            (0..n).rev().collect(),
            (0..n).map(|i| (i + 7) % n).collect(),
        ] {
            let list: Vec<_> = order.iter().map(|&i| &parsed[i]).collect();
            let index = CoverIndex::new(list.iter().copied());
            let mut found = 0;
            for j in 0..n {
                let brute = (0..n).find(|&i| i != j && covers(list[i], list[j]));
                assert_eq!(index.first_covering(j), brute, "{}", written[order[j]]);
                found += usize::from(brute.is_some());
            }
            // The table exercises covered entries, not only uncovered ones.
            assert!(found >= 10, "{found}");
        }
    }
}
