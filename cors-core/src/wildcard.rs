//! Wildcard origin patterns, matched against request `Origin` bytes.
//!
//! Exact origins are matched by the policy itself (`match` arms in generated
//! code); patterns with `*.` or `:*` go through [`WildcardPattern::matches`],
//! shared by the compiled and the interpreted engines.

/// An origin pattern with a subdomain wildcard and/or a port wildcard, in
/// canonical form (lowered from the policy model into the [plan](crate::plan)).
///
/// ```
/// use cors_core::{WildcardHost, WildcardPattern, WildcardPort};
/// static P: WildcardPattern = WildcardPattern {
///     scheme: "https",
///     host: WildcardHost::Subdomains("example.com"),
///     port: WildcardPort::Default,
/// };
/// assert!(P.matches(b"https://a.example.com"));
/// assert!(!P.matches(b"https://example.com"));
/// ```
///
/// `S` is how the text is held: `&'static str` in the statics `cors_policy!`
/// generates, `String` in a [`Plan`](crate::plan::Plan).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct WildcardPattern<S = &'static str> {
    /// Lowercase scheme, without `://`.
    pub scheme: S,
    /// The host part.
    pub host: WildcardHost<S>,
    /// The port part.
    pub port: WildcardPort<S>,
}

/// The host part of a [`WildcardPattern`].
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum WildcardHost<S = &'static str> {
    /// Exactly this ASCII host (punycode domain, dotted IPv4, bracketed IPv6).
    Exact(S),
    /// One or more whole labels in front of this suffix (stored without the leading dot).
    Subdomains(S),
}

/// The port part of a [`WildcardPattern`].
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum WildcardPort<S = &'static str> {
    /// No port in the serialization (the scheme's default).
    Default,
    /// Exactly this explicit port, as canonical decimal digits.
    Exact(S),
    /// Any port, explicit or default.
    Any,
}

use std::fmt;

use crate::grammar::{
    default_port_text, is_canonical_port, is_label_byte, MAX_HOST_LEN, MAX_LABEL_LEN,
};

impl<S: AsRef<str>> WildcardPattern<S> {
    /// Whether `origin` (the exact bytes of a request's `Origin` header) is
    /// matched by this pattern.
    ///
    /// The comparison is byte-exact and allocation-free: the request value
    /// must already be in the ASCII serialization browsers send (lowercase,
    /// punycode, no default port, no trailing slash). In particular:
    ///
    /// - the scheme must be followed by `://` and be byte-equal;
    /// - [`WildcardHost::Subdomains`] matches one or more whole labels of
    ///   `[a-z0-9_-]` in front of `.` + suffix: never the suffix itself, never
    ///   `evil` + suffix, never suffix + `.evil`; empty labels, labels over 63
    ///   bytes, hosts over 253 bytes, upper case and non-ASCII bytes are refused;
    /// - [`WildcardPort::Default`] matches no port, [`WildcardPort::Exact`] only
    ///   that port, and [`WildcardPort::Any`] no port or one canonical explicit
    ///   port (1–65535, no leading zero, not the scheme's default port).
    ///
    /// ```
    /// use cors_core::{WildcardHost, WildcardPattern, WildcardPort};
    /// let p = WildcardPattern {
    ///     scheme: "https",
    ///     host: WildcardHost::Subdomains("example.com"),
    ///     port: WildcardPort::Any,
    /// };
    /// assert!(p.matches(b"https://a.b.example.com:8443"));
    /// assert!(!p.matches(b"https://evilexample.com"));
    /// assert!(!p.matches(b"https://a.example.com.evil.net"));
    /// assert!(!p.matches(b"https://A.example.com"));
    /// assert!(!p.matches(b"https://a.example.com:443")); // default port, never sent
    /// ```
    pub fn matches(&self, origin: &[u8]) -> bool {
        // The host and port first, `scheme://` last: refused origins mostly
        // differ in the host.
        let scheme = self.scheme.as_ref();
        let Some(rest) = origin.get(scheme.len() + 3..) else {
            return false;
        };
        let port = match &self.host {
            WildcardHost::Exact(host) => match rest.strip_prefix(host.as_ref().as_bytes()) {
                Some(port) => port,
                None => return false,
            },
            WildcardHost::Subdomains(suffix) => {
                // Without a port in the pattern the whole rest is the host
                // (a `:port` in it fails the suffix or the label check).
                let end = match self.port {
                    WildcardPort::Default => rest.len(),
                    _ => rest.iter().position(|&b| b == b':').unwrap_or(rest.len()),
                };
                let (host, port) = rest.split_at(end);
                if !subdomain_matches(host, suffix.as_ref().as_bytes()) {
                    return false;
                }
                port
            }
        };
        let port_matches = match &self.port {
            WildcardPort::Default => port.is_empty(),
            WildcardPort::Exact(expected) => {
                port.first() == Some(&b':') && &port[1..] == expected.as_ref().as_bytes()
            }
            WildcardPort::Any => {
                port.is_empty()
                    || (port[0] == b':'
                        && is_canonical_port(&port[1..])
                        && Some(&port[1..]) != default_port_text(scheme))
            }
        };
        port_matches
            && origin.starts_with(scheme.as_bytes())
            && &origin[scheme.len()..scheme.len() + 3] == b"://"
    }
}

impl<S: AsRef<str>> fmt::Display for WildcardPattern<S> {
    /// The pattern as written in canonical form, e.g. `https://*.example.com:*`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}://", self.scheme.as_ref())?;
        match &self.host {
            WildcardHost::Exact(host) => f.write_str(host.as_ref())?,
            WildcardHost::Subdomains(suffix) => write!(f, "*.{}", suffix.as_ref())?,
        }
        match &self.port {
            WildcardPort::Default => Ok(()),
            WildcardPort::Exact(port) => write!(f, ":{}", port.as_ref()),
            WildcardPort::Any => f.write_str(":*"),
        }
    }
}

/// `host` is one or more valid labels, then `.`, then exactly `suffix`.
#[inline]
fn subdomain_matches(host: &[u8], suffix: &[u8]) -> bool {
    let limit = if suffix.last() == Some(&b'.') {
        MAX_HOST_LEN + 1
    } else {
        MAX_HOST_LEN
    };
    if host.len() > limit || host.len() < suffix.len() + 2 {
        return false;
    }
    let (labels, rest) = host.split_at(host.len() - suffix.len() - 1);
    if rest[0] != b'.' || &rest[1..] != suffix {
        return false;
    }
    labels.split(|&b| b == b'.').all(|label| {
        !label.is_empty() && label.len() <= MAX_LABEL_LEN && label.iter().all(|&b| is_label_byte(b))
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    const SUB: WildcardPattern = WildcardPattern {
        scheme: "https",
        host: WildcardHost::Subdomains("example.com"),
        port: WildcardPort::Default,
    };
    const SUB_ANY_PORT: WildcardPattern = WildcardPattern {
        scheme: "https",
        host: WildcardHost::Subdomains("example.com"),
        port: WildcardPort::Any,
    };
    const SUB_8443: WildcardPattern = WildcardPattern {
        scheme: "https",
        host: WildcardHost::Subdomains("example.com"),
        port: WildcardPort::Exact("8443"),
    };
    const SUB_DOT: WildcardPattern = WildcardPattern {
        scheme: "https",
        host: WildcardHost::Subdomains("example.com."),
        port: WildcardPort::Default,
    };
    const LOCAL_ANY: WildcardPattern = WildcardPattern {
        scheme: "http",
        host: WildcardHost::Exact("localhost"),
        port: WildcardPort::Any,
    };
    const V6_ANY: WildcardPattern = WildcardPattern {
        scheme: "http",
        host: WildcardHost::Exact("[::1]"),
        port: WildcardPort::Any,
    };

    #[test]
    fn table() {
        let long_label = format!("https://{}.example.com", "a".repeat(64));
        let ok_label = format!("https://{}.example.com", "a".repeat(63));
        let long_host = format!("https://{}example.com", "abcdefghi.".repeat(25)); // 261-byte host
        let cases: &[(&WildcardPattern, &[u8], bool)] = &[
            (&SUB, b"https://a.example.com", true),
            (&SUB, b"https://a.b.example.com", true),
            (&SUB, b"https://x-1_y.example.com", true),
            (&SUB, b"https://example.com", false),
            (&SUB, b"https://.example.com", false),
            (&SUB, b"https://a..example.com", false),
            (&SUB, b"https://.a.example.com", false),
            (&SUB, b"https://evilexample.com", false),
            (&SUB, b"https://a.evilexample.com", false),
            (&SUB, b"https://a.example.com.evil.net", false),
            (&SUB, b"https://example.com.evil.net", false),
            (&SUB, b"https://A.example.com", false),
            (&SUB, b"https://a.EXAMPLE.com", false),
            (&SUB, b"HTTPS://a.example.com", false),
            (&SUB, b"http://a.example.com", false),
            (&SUB, b"https:/a.example.com", false),
            (&SUB, b"https//a.example.com", false),
            (&SUB, b"https://a.example.com/", false),
            (&SUB, b"https://a.example.com.", false),
            (&SUB, b"https://a.example.com:443", false),
            (&SUB, b"https://a.example.com:8443", false),
            (&SUB, b"https://a.example.com:", false),
            (&SUB, b"https://\xc3\xa9.example.com", false),
            (&SUB, b"https://a b.example.com", false),
            (&SUB, b"https://user@a.example.com", false),
            (&SUB, b"", false),
            (&SUB, b"https://", false),
            (&SUB, b"null", false),
            (&SUB, long_label.as_bytes(), false),
            (&SUB, ok_label.as_bytes(), true),
            (&SUB, long_host.as_bytes(), false),
            (&SUB_ANY_PORT, b"https://a.example.com", true),
            (&SUB_ANY_PORT, b"https://a.example.com:8443", true),
            (&SUB_ANY_PORT, b"https://a.example.com:1", true),
            (&SUB_ANY_PORT, b"https://a.example.com:65535", true),
            (&SUB_ANY_PORT, b"https://a.example.com:65536", false),
            (&SUB_ANY_PORT, b"https://a.example.com:99999", false),
            (&SUB_ANY_PORT, b"https://a.example.com:123456", false),
            (&SUB_ANY_PORT, b"https://a.example.com:0", false),
            (&SUB_ANY_PORT, b"https://a.example.com:08443", false),
            (&SUB_ANY_PORT, b"https://a.example.com:443", false),
            (&SUB_ANY_PORT, b"https://a.example.com:", false),
            (&SUB_ANY_PORT, b"https://a.example.com:84a3", false),
            (&SUB_ANY_PORT, b"https://a.example.com:+443", false),
            (&SUB_ANY_PORT, b"https://example.com:8443", false),
            (&SUB_8443, b"https://a.example.com:8443", true),
            (&SUB_8443, b"https://a.example.com", false),
            (&SUB_8443, b"https://a.example.com:08443", false),
            (&SUB_8443, b"https://a.example.com:844", false),
            (&SUB_8443, b"https://a.example.com:84430", false),
            (&SUB_DOT, b"https://a.example.com.", true),
            (&SUB_DOT, b"https://a.example.com", false),
            (&LOCAL_ANY, b"http://localhost", true),
            (&LOCAL_ANY, b"http://localhost:3000", true),
            (&LOCAL_ANY, b"http://localhost:80", false),
            (&LOCAL_ANY, b"http://localhost:03000", false),
            (&LOCAL_ANY, b"http://localhost.:3000", false),
            (&LOCAL_ANY, b"http://localhostx:3000", false),
            (&LOCAL_ANY, b"http://a.localhost:3000", false),
            (&LOCAL_ANY, b"http://LOCALHOST:3000", false),
            (&LOCAL_ANY, b"https://localhost:3000", false),
            (&V6_ANY, b"http://[::1]:3000", true),
            (&V6_ANY, b"http://[::1]", true),
            (&V6_ANY, b"http://[::01]:3000", false),
        ];
        for (pattern, origin, expected) in cases {
            assert_eq!(
                pattern.matches(origin),
                *expected,
                "{pattern:?} on {:?}",
                String::from_utf8_lossy(origin)
            );
        }
        // 254-byte host is refused, 253 accepted.
        let host253 = format!("{}example.com", "a.".repeat(121)); // 242 + 11 = 253
        assert_eq!(host253.len(), 253);
        assert!(SUB.matches(format!("https://{host253}").as_bytes()));
        assert!(!SUB.matches(format!("https://a{host253}").as_bytes()));
        // With a fully qualified suffix (`example.com.`) the host may be one
        // byte longer: its trailing dot.
        let host254 = format!("{host253}.");
        assert!(SUB_DOT.matches(format!("https://{host254}").as_bytes()));
        assert!(!SUB_DOT.matches(format!("https://a{host254}").as_bytes()));
    }

    #[test]
    fn display_is_the_canonical_pattern() {
        for (pattern, text) in [
            (&SUB, "https://*.example.com"),
            (&SUB_ANY_PORT, "https://*.example.com:*"),
            (&SUB_8443, "https://*.example.com:8443"),
            (&SUB_DOT, "https://*.example.com."),
            (&LOCAL_ANY, "http://localhost:*"),
            (&V6_ANY, "http://[::1]:*"),
        ] {
            assert_eq!(pattern.to_string(), text);
        }
    }

    #[test]
    fn max_len() {
        assert_eq!(SUB.max_len(), "https://".len() + 253);
        assert_eq!(SUB_ANY_PORT.max_len(), "https://".len() + 253 + 6);
        assert_eq!(SUB_8443.max_len(), "https://".len() + 253 + 5);
        assert_eq!(SUB_DOT.max_len(), "https://".len() + 254);
        assert_eq!(V6_ANY.max_len(), "http://[::1]:65535".len());
    }
}
