//! Canonicalization of one origin string from a policy.
//!
//! [`parse_origin`] takes the content of a string literal such as
//! `"https://bücher.example"` and returns what it means: an exact origin in
//! the ASCII serialization browsers send in the `Origin` header
//! (`https://xn--bcher-kva.example`), or a wildcard [`OriginPattern`].
//! Anything a browser would never send in that exact form is an
//! [`OriginError`] with a stable `code`, rather than being silently
//! "fixed": a policy must say what is matched, byte for byte.
//!
//! Decisions worth knowing:
//! - The shape is `scheme://host[:port]`, nothing more (no path, not even a
//!   trailing `/`).
//! - The scheme is `[a-z][a-z0-9+.-]*`, at most 64 bytes, never `file`.
//! - Hosts must be written in lowercase; Unicode hosts are converted with
//!   IDNA (UTS #46, non-transitional, as browsers do), which is not an error.
//! - ASCII host labels may hold `[a-z0-9_-]`. The underscore is accepted
//!   because browsers accept it in hosts (and send it in `Origin`); hyphens
//!   are accepted anywhere in a label for the same reason.
//! - A trailing dot (`example.com.`) is kept: it is a different origin.
//! - `*.` as a whole leading label (one or more labels at run time) on
//!   domain hosts, and `:*` as the whole port, are the only wildcards.
//!
//! The parts, one file each: the whole string (`input.rs`), the scheme
//! (`scheme.rs`), the authority split into host and port text
//! (`authority.rs`), the host (`host.rs`, with IP literals in `ip.rs`) and
//! the port (`port.rs`); then what a parsed origin allows next to the rest
//! of a policy (`relations.rs`: [`covers`], [`ParsedOrigin::is_insecure`]).
//! Every error is an [`OriginError`] with a [`Code`](crate::codes::Code).
//!
//! ```
//! use cors_dsl::origin::{parse_origin, ExactOrigin, ParsedOrigin};
//!
//! let parsed = parse_origin("https://bücher.example:8443").unwrap();
//! assert_eq!(parsed.to_string(), "https://xn--bcher-kva.example:8443");
//! let ParsedOrigin::Exact(exact) = parsed else { panic!("not a pattern") };
//! assert_eq!(exact.port, Some(8443));
//! assert_eq!(parse_origin("https://a.example/").unwrap_err().code, "origin-trailing-slash");
//! ```

mod authority;
mod error;
mod host;
pub(crate) mod idna;
mod input;
mod ip;
mod port;
mod public_suffix;
mod relations;
mod scheme;
#[cfg(test)]
mod tests;

use std::fmt;

use cors_core::grammar::MAX_HOST_LEN;

use crate::model::{HostPattern, OriginPattern, PortPattern};
use host::Host;

pub use cors_core::grammar::default_port;
pub use error::OriginError;
pub use relations::{covers, CoverIndex};

/// Longest scheme accepted, in bytes.
pub const MAX_SCHEME_LEN: usize = 64;
/// Longest origin string accepted, in bytes: scheme, `://`, host, `:`, port.
pub const MAX_ORIGIN_LEN: usize = MAX_SCHEME_LEN + 3 + MAX_HOST_LEN + 1 + 5;

/// Every error code [`parse_origin`] can return, with an example input and
/// a one-line summary, in the order the checks run (for documentation;
/// examples in `<…>` describe inputs too long to show). These are the rows
/// of [`Code`](crate::codes::Code) that have an
/// [`origin_example`](crate::codes::Code::origin_example).
///
/// ```
/// let (code, example, _) = cors_dsl::origin::ERROR_CODES[0];
/// assert_eq!((code, example), ("origin-empty", ""));
/// ```
pub const ERROR_CODES: &[(&str, &str, &str)] = crate::codes::ORIGIN_CODES;

/// What one origin string in a policy means.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ParsedOrigin {
    /// One origin; its `Display` is the canonical ASCII serialization
    /// browsers send, e.g. `https://xn--bcher-kva.example` or
    /// `http://[::1]:3000`.
    Exact(ExactOrigin),
    /// A wildcard pattern: a `*.` subdomain wildcard and/or a `:*` port.
    Pattern(OriginPattern),
}

/// One exact origin, canonical, as its parts.
///
/// `Display` writes it as browsers send it in `Origin`: `scheme://host`,
/// plus `:port` when the port is explicit and not the scheme's default.
///
/// ```
/// use cors_dsl::origin::ExactOrigin;
///
/// let origin = ExactOrigin { scheme: "http".into(), host: "[::1]".into(), port: Some(3000) };
/// assert_eq!(origin.to_string(), "http://[::1]:3000");
/// ```
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct ExactOrigin {
    /// Lowercase scheme, e.g. `https`.
    pub scheme: String,
    /// ASCII host: a domain in punycode, a dotted IPv4 address, or a
    /// bracketed IPv6 address (`[::1]`).
    pub host: String,
    /// The explicit, non-default port; `None` when the origin has none.
    pub port: Option<u16>,
}

impl ExactOrigin {
    /// The origin as browsers send it: `scheme://host[:port]` (built
    /// directly: validation makes one for every entry of long lists).
    ///
    /// ```
    /// let exact = cors_dsl::origin::ExactOrigin {
    ///     scheme: "https".into(),
    ///     host: "a.example".into(),
    ///     port: Some(8443),
    /// };
    /// assert_eq!(exact.canonical(), "https://a.example:8443");
    /// for port in [0, 7, 80, 65535] {
    ///     let exact = cors_dsl::origin::ExactOrigin { port: Some(port), ..exact.clone() };
    ///     assert_eq!(exact.canonical(), format!("https://a.example:{port}"));
    /// }
    /// ```
    pub fn canonical(&self) -> String {
        let mut text = String::with_capacity(self.scheme.len() + 3 + self.host.len() + 6);
        text.push_str(&self.scheme);
        text.push_str("://");
        text.push_str(&self.host);
        if let Some(mut port) = self.port {
            text.push(':');
            let mut digits = [0u8; 5];
            let mut first = digits.len();
            loop {
                first -= 1;
                digits[first] = b'0' + (port % 10) as u8;
                port /= 10;
                if port == 0 {
                    break;
                }
            }
            text.extend(digits[first..].iter().map(|&d| char::from(d)));
        }
        text
    }
}

impl fmt::Display for ExactOrigin {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.canonical())
    }
}

/// Parses and canonicalizes one origin string of a policy.
///
/// `content` is the string literal's content (escapes already resolved).
/// See the [module documentation](self) for the accepted forms.
///
/// # Errors
///
/// Every form a browser would not send byte for byte, and every wildcard
/// other than a leading `*.` label or a `:*` port, is an [`OriginError`].
///
/// ```
/// use cors_dsl::origin::parse_origin;
///
/// assert!(parse_origin("https://*.example.com:*").unwrap().is_wildcard());
/// assert_eq!(parse_origin("https://a.example:443").unwrap_err().code, "origin-default-port");
/// ```
pub fn parse_origin(content: &str) -> Result<ParsedOrigin, OriginError> {
    // Quoted only when a message needs it (most origins are valid).
    let shown = error::Quoted(content);
    input::check(content, shown)?;
    let (scheme, rest) = scheme::split_scheme(content, shown)?;
    let authority = authority::split_authority(scheme, rest, shown)?;
    authority::check(scheme, authority, shown)?;
    let (host_text, port_text) = authority::split_host_port(scheme, authority, shown)?;
    let host = host::parse_host(scheme, host_text, port_text, shown)?;
    let port = port::parse_port(scheme, port_text, shown)?;
    Ok(build(scheme, host, port))
}

/// Assembles the canonical result.
fn build(scheme: &str, host: Host, port: PortPattern) -> ParsedOrigin {
    let scheme = scheme.to_string();
    match (host.wildcard, port) {
        (false, PortPattern::Default) => ParsedOrigin::Exact(ExactOrigin {
            scheme,
            host: host.name,
            port: None,
        }),
        (false, PortPattern::Exact(n)) => ParsedOrigin::Exact(ExactOrigin {
            scheme,
            host: host.name,
            port: Some(n),
        }),
        (wildcard, port) => ParsedOrigin::Pattern(OriginPattern {
            scheme,
            host: if wildcard {
                HostPattern::Subdomains(host.name)
            } else {
                HostPattern::Exact(host.name)
            },
            port,
        }),
    }
}

impl ParsedOrigin {
    /// The text of [`ParsedOrigin`]'s `Display`; for an exact origin,
    /// [`ExactOrigin::canonical`].
    pub fn canonical(&self) -> String {
        match self {
            ParsedOrigin::Exact(exact) => exact.canonical(),
            ParsedOrigin::Pattern(_) => self.to_string(),
        }
    }
}

impl fmt::Display for ParsedOrigin {
    /// The origin as a user would write it, canonical: `https://a.example`,
    /// `https://*.example.com:*`, `http://[::1]:*`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ParsedOrigin::Exact(e) => e.fmt(f),
            ParsedOrigin::Pattern(p) => {
                write!(f, "{}://", p.scheme)?;
                match &p.host {
                    HostPattern::Exact(h) => f.write_str(h)?,
                    HostPattern::Subdomains(s) => write!(f, "*.{s}")?,
                }
                match p.port {
                    PortPattern::Default => Ok(()),
                    PortPattern::Exact(n) => write!(f, ":{n}"),
                    PortPattern::Any => f.write_str(":*"),
                }
            }
        }
    }
}

// Keep the kind visible to the tests without exporting it.
#[cfg(test)]
pub(crate) fn host_kind_for_tests(content: &str) -> Option<&'static str> {
    let (scheme, rest) = scheme::split_scheme(content, error::Quoted("")).ok()?;
    let authority = authority::split_authority(scheme, rest, error::Quoted("")).ok()?;
    let (h, p) = authority::split_host_port(scheme, authority, error::Quoted("")).ok()?;
    let host = host::parse_host(scheme, h, p, error::Quoted("")).ok()?;
    Some(match host.kind {
        host::HostKind::Domain => "domain",
        host::HostKind::Ipv4 => "ipv4",
        host::HostKind::Ipv6 => "ipv6",
    })
}
