//! What a parsed origin allows, compared with the rest of a policy: plain
//! `http://` origins, wildcards over public suffixes, and entries another
//! pattern already covers.

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
        let found = psl::suffix(name.as_bytes())?;
        (found.is_known() && found.as_bytes() == name.as_bytes()).then_some(suffix.as_str())
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
