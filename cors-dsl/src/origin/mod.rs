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

mod host;
mod ip;
#[cfg(test)]
mod tests;

use std::fmt;

use crate::model::{HostPattern, OriginPattern, PortPattern};

use host::Host;

/// Longest scheme accepted, in bytes.
pub const MAX_SCHEME_LEN: usize = 64;
/// Longest host accepted, in bytes (without a trailing dot).
pub const MAX_HOST_LEN: usize = 253;
/// Longest origin string accepted, in bytes: scheme, `://`, host, `:`, port.
pub const MAX_ORIGIN_LEN: usize = MAX_SCHEME_LEN + 3 + MAX_HOST_LEN + 1 + 5;

/// Every error code [`parse_origin`] can return, with an example input and
/// a one-line summary, in the order the checks run (for documentation;
/// examples in `<…>` describe inputs too long to show).
pub const ERROR_CODES: &[(&str, &str, &str)] = &[
    ("origin-empty", "", "the origin string is empty"),
    (
        "origin-quoted-wildcard",
        "*",
        "`\"*\"` in quotes: write the bare keyword `*`",
    ),
    (
        "origin-quoted-null",
        "null",
        "`\"null\"` in quotes: write the bare keyword `null`",
    ),
    (
        "origin-too-long",
        "<a 400-byte string>",
        "longer than 64 + 3 + 253 + 1 + 5 bytes",
    ),
    ("origin-whitespace", "https://a.com ", "whitespace anywhere"),
    (
        "origin-control-character",
        "https://a\u{0}.com",
        "a control character",
    ),
    (
        "origin-file-scheme",
        "file:///index.html",
        "`file:` pages send the origin `null`",
    ),
    (
        "origin-opaque-scheme",
        "data:text/html,hi",
        "`data:`, `blob:`, `about:`, `javascript:` send the origin `null`",
    ),
    ("origin-missing-scheme", "example.com", "no `scheme://`"),
    (
        "origin-missing-slashes",
        "https:example.com",
        "`scheme:` without `//`",
    ),
    (
        "origin-uppercase-scheme",
        "HTTPS://example.com",
        "the scheme is not lowercase",
    ),
    (
        "origin-invalid-scheme",
        "1http://example.com",
        "the scheme is not `[a-z][a-z0-9+.-]*`",
    ),
    (
        "origin-scheme-too-long",
        "<a 65-letter scheme>",
        "the scheme is over 64 bytes",
    ),
    ("origin-empty-host", "https://", "no host"),
    (
        "origin-trailing-slash",
        "https://example.com/",
        "a trailing `/`",
    ),
    ("origin-path", "https://example.com/api", "a path"),
    ("origin-query", "https://example.com?x=1", "a query"),
    ("origin-fragment", "https://example.com#top", "a fragment"),
    (
        "origin-userinfo",
        "https://user@example.com",
        "a user name or password",
    ),
    (
        "origin-ipv6-zone-id",
        "http://[fe80::1%25eth0]",
        "an IPv6 zone id",
    ),
    (
        "origin-percent-encoding",
        "https://%61.com",
        "percent-encoding",
    ),
    (
        "origin-ipv6-unbracketed",
        "http://::1",
        "an IPv6 address without brackets",
    ),
    (
        "origin-ipv6-invalid",
        "http://[::g]",
        "not a valid IPv6 address (or unclosed `[`)",
    ),
    (
        "origin-wildcard-ip-host",
        "https://*.127.0.0.1",
        "a subdomain wildcard on an IP address",
    ),
    (
        "origin-ipv6-embedded-ipv4",
        "http://[::ffff:1.2.3.4]",
        "an IPv6 address with a dotted IPv4 tail",
    ),
    (
        "origin-ipv6-not-canonical",
        "http://[0:0:0:0:0:0:0:1]",
        "an IPv6 address not in RFC 5952 form",
    ),
    (
        "origin-wildcard-bare-host",
        "https://*",
        "a wildcard as the whole host",
    ),
    (
        "origin-wildcard-not-leading",
        "https://a.*.example.com",
        "a `*` label that is not the leftmost",
    ),
    (
        "origin-wildcard-partial-label",
        "https://*example.com",
        "`*` inside a label",
    ),
    (
        "origin-uppercase-host",
        "https://Example.com",
        "uppercase letters in the host",
    ),
    (
        "origin-invalid-host-character",
        "https://a!b.com",
        "a character not allowed in a host",
    ),
    ("origin-empty-label", "https://a..com", "an empty label"),
    (
        "origin-invalid-idna",
        "https://xn--f",
        "not a valid internationalized domain name",
    ),
    (
        "origin-label-too-long",
        "<a 64-letter label>",
        "a label over 63 bytes",
    ),
    (
        "origin-host-too-long",
        "<a 255-byte host>",
        "a host over 253 bytes",
    ),
    (
        "origin-ipv4-not-canonical",
        "http://127.1",
        "an IPv4 address not in dotted-quad form",
    ),
    (
        "origin-numeric-host",
        "http://foo.255",
        "ends in a number but is not an IPv4 address",
    ),
    (
        "origin-port-empty",
        "https://example.com:",
        "`:` without a port",
    ),
    (
        "origin-wildcard-partial-port",
        "https://example.com:8*",
        "`*` mixed into a port",
    ),
    (
        "origin-port-invalid",
        "https://example.com:abc",
        "a port that is not a number",
    ),
    ("origin-port-zero", "https://example.com:0", "port 0"),
    (
        "origin-port-leading-zero",
        "https://example.com:08080",
        "a port with a leading zero",
    ),
    (
        "origin-port-out-of-range",
        "https://example.com:65536",
        "a port above 65535",
    ),
    (
        "origin-default-port",
        "https://example.com:443",
        "the scheme's default port (browsers never send it)",
    ),
];

/// What one origin string in a policy means.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ParsedOrigin {
    /// One origin, as its canonical ASCII serialization: `scheme://host`
    /// plus `:port` when the port is explicit and not the scheme's default,
    /// e.g. `https://xn--bcher-kva.example` or `http://[::1]:3000`.
    Exact(String),
    /// A wildcard pattern: a `*.` subdomain wildcard and/or a `:*` port.
    Pattern(OriginPattern),
}

/// Why an origin string was rejected.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct OriginError {
    /// A stable slug naming the rule, e.g. `origin-trailing-slash`.
    pub code: &'static str,
    /// What is wrong, naming the origin as written.
    pub message: String,
    /// How to fix it.
    pub hint: String,
}

impl fmt::Display for OriginError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} [{}] (hint: {})", self.message, self.code, self.hint)
    }
}

impl std::error::Error for OriginError {}

/// Builds an [`OriginError`].
fn error(code: &'static str, message: impl Into<String>, hint: impl Into<String>) -> OriginError {
    OriginError {
        code,
        message: message.into(),
        hint: hint.into(),
    }
}

/// Quotes user text for a message, escaping control characters.
fn quote(text: &str) -> String {
    format!("\"{}\"", text.escape_debug())
}

/// The port a browser leaves out for `scheme`, if it has one.
pub fn default_port(scheme: &str) -> Option<u16> {
    match scheme {
        "http" | "ws" => Some(80),
        "https" | "wss" => Some(443),
        "ftp" => Some(21),
        _ => None,
    }
}

/// Schemes whose URLs have no host and whose documents send `Origin: null`.
const OPAQUE_SCHEMES: &[&str] = &["data", "blob", "about", "javascript"];

/// `s` is a valid scheme: `[a-z][a-z0-9+.-]*`.
fn is_valid_scheme(s: &str) -> bool {
    let mut bytes = s.bytes();
    matches!(bytes.next(), Some(b'a'..=b'z'))
        && bytes.all(|b| matches!(b, b'a'..=b'z' | b'0'..=b'9' | b'+' | b'.' | b'-'))
}

/// `s` would be a valid scheme once lowercased.
fn is_scheme_like(s: &str) -> bool {
    is_valid_scheme(&s.to_ascii_lowercase())
}

/// A guess at the scheme a newcomer meant for `host`: `http` for loopback
/// hosts (local development), `https` otherwise.
fn suggested_scheme(authority: &str) -> &'static str {
    let host = authority.split(':').next().unwrap_or("");
    if host == "localhost" || host.ends_with(".localhost") || host.starts_with("127.") {
        "http"
    } else {
        "https"
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
pub fn parse_origin(content: &str) -> Result<ParsedOrigin, OriginError> {
    let shown = quote(content);
    if content.is_empty() {
        return Err(error(
            "origin-empty",
            "the origin \"\" is empty",
            "write an origin such as \"https://example.com\"",
        ));
    }
    let trimmed = content.trim();
    if trimmed == "*" {
        return Err(error(
            "origin-quoted-wildcard",
            format!("the origin {shown} is a string, so it would only match an origin literally named \"*\""),
            "write the bare keyword * without quotes to allow any origin",
        ));
    }
    if trimmed.eq_ignore_ascii_case("null") {
        return Err(error(
            "origin-quoted-null",
            format!("the origin {shown} is a string, not the opaque origin null"),
            "write the bare keyword null without quotes (it also needs `dangerously-allow: null-origin;`)",
        ));
    }
    if content.len() > MAX_ORIGIN_LEN {
        return Err(error(
            "origin-too-long",
            format!(
                "the origin {}… is {} bytes long; no origin is longer than {MAX_ORIGIN_LEN} bytes",
                quote(&content.chars().take(40).collect::<String>()),
                content.len()
            ),
            "check the origin: it should be just scheme://host[:port]",
        ));
    }
    if content.chars().any(char::is_whitespace) {
        let hint = if trimmed.chars().any(char::is_whitespace) {
            "remove the whitespace: an origin contains none".to_string()
        } else {
            format!("write \"{}\"", trimmed.escape_debug())
        };
        return Err(error(
            "origin-whitespace",
            format!("the origin {shown} contains whitespace; browsers never send that"),
            hint,
        ));
    }
    if content.chars().any(char::is_control) {
        return Err(error(
            "origin-control-character",
            format!("the origin {shown} contains a control character"),
            "remove the control character",
        ));
    }

    let (scheme, rest) = split_scheme(content, &shown)?;
    let authority = split_authority(scheme, rest, &shown)?;

    if authority.is_empty() {
        return Err(error(
            "origin-empty-host",
            format!("the origin {shown} has no host"),
            format!("write the host after \"{scheme}://\", e.g. \"{scheme}://example.com\""),
        ));
    }
    if let Some(at) = authority.rfind('@') {
        let host = &authority[at + 1..];
        return Err(error(
            "origin-userinfo",
            format!(
                "the origin {shown} contains a user name or password (before \"@\"); browsers never send one in Origin"
            ),
            format!("write \"{scheme}://{}\"", host.escape_debug()),
        ));
    }
    if authority.starts_with('[') && authority.contains('%') {
        let hint = match authority.find('%') {
            Some(pct) => format!(
                "remove the zone id: write \"{scheme}://{}]\"",
                authority[..pct].escape_debug()
            ),
            None => "remove the zone id".to_string(),
        };
        return Err(error(
            "origin-ipv6-zone-id",
            format!(
                "the origin {shown} has an IPv6 zone id (after \"%\"); browsers never send one"
            ),
            hint,
        ));
    }
    if authority.contains('%') {
        return Err(error(
            "origin-percent-encoding",
            format!(
                "the origin {shown} contains percent-encoding (\"%\"); browsers send hosts decoded"
            ),
            "write the host's characters themselves (Unicode is fine: it is converted to punycode)",
        ));
    }

    let (host_text, port_text) = split_host_port(scheme, authority, &shown)?;
    let host = host::parse_host(scheme, host_text, port_text, &shown)?;
    let port = parse_port(scheme, port_text, &shown)?;

    Ok(build(scheme, host, port))
}

/// Splits `scheme://rest`, checking the scheme.
fn split_scheme<'a>(content: &'a str, shown: &str) -> Result<(&'a str, &'a str), OriginError> {
    if let Some((first, _)) = content.split_once(':') {
        let lower = first.to_ascii_lowercase();
        if lower == "file" {
            return Err(file_scheme(shown));
        }
        if OPAQUE_SCHEMES.contains(&lower.as_str()) {
            return Err(opaque_scheme(shown, &lower));
        }
    }
    let Some(sep) = content.find("://") else {
        return Err(no_scheme_separator(content, shown));
    };
    let scheme = &content[..sep];
    let rest = &content[sep + 3..];
    if scheme.is_empty() {
        return Err(error(
            "origin-missing-scheme",
            format!("the origin {shown} has no scheme before \"://\""),
            format!(
                "write \"{}{}\"",
                suggested_scheme(rest),
                content.escape_debug()
            ),
        ));
    }
    if scheme.eq_ignore_ascii_case("file") {
        return Err(file_scheme(shown));
    }
    if is_scheme_like(scheme) && !is_valid_scheme(scheme) {
        return Err(error(
            "origin-uppercase-scheme",
            format!(
                "the scheme of the origin {shown} is not lowercase; browsers send it in lowercase"
            ),
            format!(
                "write \"{}://{}\"",
                scheme.to_ascii_lowercase(),
                rest.escape_debug()
            ),
        ));
    }
    if !is_valid_scheme(scheme) {
        let bad = scheme
            .chars()
            .enumerate()
            .find(|&(i, c)| {
                !(c.is_ascii_alphabetic()
                    || (i > 0 && (c.is_ascii_digit() || matches!(c, '+' | '.' | '-'))))
            })
            .map(|(_, c)| c);
        let what = match bad {
            Some(c) if scheme.starts_with(c) => {
                format!(" (it starts with {})", quote(&c.to_string()))
            }
            Some(c) => format!(" (it contains {})", quote(&c.to_string())),
            None => String::new(),
        };
        return Err(error(
            "origin-invalid-scheme",
            format!("the scheme of the origin {shown} is not valid{what}"),
            "a scheme starts with a letter followed by letters, digits, \"+\", \".\" or \"-\", e.g. \"https\"",
        ));
    }
    if scheme.len() > MAX_SCHEME_LEN {
        return Err(error(
            "origin-scheme-too-long",
            format!(
                "the scheme of the origin {shown} is {} bytes long; the limit is {MAX_SCHEME_LEN}",
                scheme.len()
            ),
            "check the scheme, e.g. \"https\"",
        ));
    }
    Ok((scheme, rest))
}

/// The error for an origin without `://`.
fn no_scheme_separator(content: &str, shown: &str) -> OriginError {
    // What the user most likely meant as the authority (no path etc.).
    let authority = |text: &'_ str| -> String {
        let text = text.trim_start_matches('/');
        let end = text.find(['/', '\\', '?', '#']).unwrap_or(text.len());
        text[..end].escape_debug().to_string()
    };
    if let Some((before, after)) = content.split_once(':') {
        let port = after.split(['/', '\\', '?', '#']).next().unwrap_or("");
        let port_like =
            !port.is_empty() && (port == "*" || port.bytes().all(|b| b.is_ascii_digit()));
        if is_scheme_like(before) && !before.contains('.') && !port_like {
            return error(
                "origin-missing-slashes",
                format!(
                    "the origin {shown} lacks \"//\" after \"{}:\"",
                    before.escape_debug()
                ),
                format!("write \"{}://{}\"", before.escape_debug(), authority(after)),
            );
        }
    }
    let host = authority(content);
    error(
        "origin-missing-scheme",
        format!("the origin {shown} has no scheme"),
        format!("write \"{}://{host}\"", suggested_scheme(&host)),
    )
}

/// The error for a `data:`, `blob:`, `about:` or `javascript:` origin.
fn opaque_scheme(shown: &str, scheme: &str) -> OriginError {
    error(
        "origin-opaque-scheme",
        format!(
            "the origin {shown} uses the scheme \"{scheme}:\", whose documents have no host and send the origin null"
        ),
        "to allow them, write the bare keyword null (it needs `dangerously-allow: null-origin;`)",
    )
}

/// The error for a `file:` origin.
fn file_scheme(shown: &str) -> OriginError {
    error(
        "origin-file-scheme",
        format!("the origin {shown} uses the file: scheme; file pages send the origin null"),
        "to allow file pages, write the bare keyword null (it needs `dangerously-allow: null-origin;`); better, serve the page over http://localhost",
    )
}

/// Cuts `rest` (after `://`) at the end of the authority, rejecting a path,
/// query or fragment.
fn split_authority<'a>(scheme: &str, rest: &'a str, shown: &str) -> Result<&'a str, OriginError> {
    let Some(end) = rest.find(['/', '\\', '?', '#']) else {
        return Ok(rest);
    };
    let authority = &rest[..end];
    let tail = &rest[end..];
    if authority.is_empty() {
        return Err(error(
            "origin-empty-host",
            format!("the origin {shown} has no host"),
            format!("write the host right after \"{scheme}://\", e.g. \"{scheme}://example.com\""),
        ));
    }
    let fixed = format!("write \"{scheme}://{}\"", authority.escape_debug());
    Err(if tail == "/" {
        error(
            "origin-trailing-slash",
            format!("the origin {shown} ends with \"/\"; browsers never send a trailing slash in Origin"),
            "remove the trailing \"/\"",
        )
    } else if tail.starts_with('?') {
        error(
            "origin-query",
            format!(
                "the origin {shown} has a query (\"?…\"); an origin is only scheme://host[:port]"
            ),
            fixed,
        )
    } else if tail.starts_with('#') {
        error(
            "origin-fragment",
            format!("the origin {shown} has a fragment (\"#…\"); an origin is only scheme://host[:port]"),
            fixed,
        )
    } else {
        error(
            "origin-path",
            format!(
                "the origin {shown} has a path ({}); an origin is only scheme://host[:port] and CORS policies apply to every path",
                quote(tail)
            ),
            fixed,
        )
    })
}

/// Splits the authority into host and optional port text.
fn split_host_port<'a>(
    scheme: &str,
    authority: &'a str,
    shown: &str,
) -> Result<(&'a str, Option<&'a str>), OriginError> {
    if authority.starts_with('[') {
        let Some(close) = authority.find(']') else {
            return Err(error(
                "origin-ipv6-invalid",
                format!("the origin {shown} opens \"[\" for an IPv6 address but never closes it"),
                "write the IPv6 address in brackets, e.g. \"http://[::1]:3000\"",
            ));
        };
        let host = &authority[..=close];
        let after = &authority[close + 1..];
        if after.is_empty() {
            return Ok((host, None));
        }
        return match after.strip_prefix(':') {
            Some(port) => Ok((host, Some(port))),
            None => Err(error(
                "origin-ipv6-invalid",
                format!(
                    "the origin {shown} has {} after the IPv6 address",
                    quote(after)
                ),
                "only \":port\" may follow \"]\", e.g. \"http://[::1]:3000\"",
            )),
        };
    }
    let colons = authority.matches(':').count();
    if colons >= 2 {
        // Possibly an IPv6 address without brackets, with or without a port.
        let candidates = [Some(authority), authority.rsplit_once(':').map(|(h, _)| h)];
        for (i, candidate) in candidates.iter().enumerate() {
            if let Some(addr) = candidate.and_then(|c| c.parse::<std::net::Ipv6Addr>().ok()) {
                let port = if i == 1 {
                    authority
                        .rsplit_once(':')
                        .map(|(_, p)| format!(":{p}"))
                        .unwrap_or_default()
                } else {
                    String::new()
                };
                return Err(error(
                    "origin-ipv6-unbracketed",
                    format!("the origin {shown} has an IPv6 address without brackets"),
                    format!(
                        "write \"{scheme}://[{}]{}\"",
                        ip::format_ipv6(&addr),
                        port.escape_debug()
                    ),
                ));
            }
        }
    }
    match authority.split_once(':') {
        Some((host, port)) => Ok((host, Some(port))),
        None => Ok((authority, None)),
    }
}

/// Parses the port text (after `:`), if any.
fn parse_port(scheme: &str, port: Option<&str>, shown: &str) -> Result<PortPattern, OriginError> {
    let Some(text) = port else {
        return Ok(PortPattern::Default);
    };
    if text.is_empty() {
        return Err(error(
            "origin-port-empty",
            format!("the origin {shown} ends with \":\" but has no port"),
            "remove the \":\" (or write a port number, or \":*\" for any port)",
        ));
    }
    if text == "*" {
        return Ok(PortPattern::Any);
    }
    if text.contains('*') {
        return Err(error(
            "origin-wildcard-partial-port",
            format!(
                "the port {} of the origin {shown} mixes \"*\" with other characters",
                quote(text)
            ),
            "a port wildcard is the whole port: write \":*\" for any port, or one exact port",
        ));
    }
    if !text.bytes().all(|b| b.is_ascii_digit()) {
        return Err(error(
            "origin-port-invalid",
            format!(
                "the port {} of the origin {shown} is not a number",
                quote(text)
            ),
            "write a port number from 1 to 65535, or \":*\" for any port",
        ));
    }
    let value = text
        .bytes()
        .try_fold(0u32, |acc, b| {
            acc.checked_mul(10)?.checked_add(u32::from(b - b'0'))
        })
        .unwrap_or(u32::MAX);
    if value == 0 {
        return Err(error(
            "origin-port-zero",
            format!("the origin {shown} has port 0, which no origin has"),
            "write a port number from 1 to 65535",
        ));
    }
    if text.starts_with('0') {
        let trimmed = text.trim_start_matches('0');
        return Err(error(
            "origin-port-leading-zero",
            format!(
                "the port {} of the origin {shown} has a leading zero; browsers send ports without one",
                quote(text)
            ),
            format!("write \":{trimmed}\""),
        ));
    }
    let Ok(port) = u16::try_from(value) else {
        return Err(error(
            "origin-port-out-of-range",
            format!(
                "the port {} of the origin {shown} is above 65535",
                quote(text)
            ),
            "write a port number from 1 to 65535",
        ));
    };
    if default_port(scheme) == Some(port) {
        return Err(error(
            "origin-default-port",
            format!(
                "the origin {shown} names port {port}, the default for {scheme}:, which browsers leave out of Origin (so it would never match)"
            ),
            format!("remove \":{port}\": browsers never send the default port"),
        ));
    }
    Ok(PortPattern::Exact(port))
}

/// Assembles the canonical result.
fn build(scheme: &str, host: Host, port: PortPattern) -> ParsedOrigin {
    if !host.wildcard && port != PortPattern::Any {
        let mut out = format!("{scheme}://{}", host.name);
        if let PortPattern::Exact(n) = port {
            out.push(':');
            out.push_str(&n.to_string());
        }
        return ParsedOrigin::Exact(out);
    }
    let host = if host.wildcard {
        HostPattern::Subdomains(host.name)
    } else {
        HostPattern::Exact(host.name)
    };
    ParsedOrigin::Pattern(OriginPattern {
        scheme: scheme.to_string(),
        host,
        port,
    })
}

/// The parts of a parsed origin, borrowed.
struct Parts<'a> {
    scheme: &'a str,
    /// Host text (exact) or suffix (subdomains).
    host: &'a str,
    subdomains: bool,
    port: PortPattern,
}

impl ParsedOrigin {
    /// Splits into scheme, host and port. `None` only for an `Exact` value
    /// not built by [`parse_origin`] that lacks `://`.
    fn parts(&self) -> Option<Parts<'_>> {
        match self {
            ParsedOrigin::Pattern(p) => {
                let (host, subdomains) = match &p.host {
                    HostPattern::Exact(h) => (h.as_str(), false),
                    HostPattern::Subdomains(s) => (s.as_str(), true),
                };
                Some(Parts {
                    scheme: &p.scheme,
                    host,
                    subdomains,
                    port: p.port,
                })
            }
            ParsedOrigin::Exact(s) => {
                let (scheme, authority) = s.split_once("://")?;
                // The port follows the last ':' unless that ':' is inside
                // an IPv6 literal.
                let (host, port) = match authority.rsplit_once(':') {
                    Some((h, p)) if !p.contains(']') => match p.parse::<u16>() {
                        Ok(n) => (h, PortPattern::Exact(n)),
                        Err(_) => (authority, PortPattern::Default),
                    },
                    _ => (authority, PortPattern::Default),
                };
                Some(Parts {
                    scheme,
                    host,
                    subdomains: false,
                    port,
                })
            }
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
        let Some(parts) = self.parts() else {
            return false;
        };
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
    let (Some(g), Some(s)) = (general.parts(), specific.parts()) else {
        return false;
    };
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

impl fmt::Display for ParsedOrigin {
    /// The origin as a user would write it, canonical: `https://a.example`,
    /// `https://*.example.com:*`, `http://[::1]:*`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ParsedOrigin::Exact(s) => f.write_str(s),
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
    let (scheme, rest) = split_scheme(content, "").ok()?;
    let authority = split_authority(scheme, rest, "").ok()?;
    let (h, p) = split_host_port(scheme, authority, "").ok()?;
    let host = host::parse_host(scheme, h, p, "").ok()?;
    Some(match host.kind {
        host::HostKind::Domain => "domain",
        host::HostKind::Ipv4 => "ipv4",
        host::HostKind::Ipv6 => "ipv6",
    })
}
