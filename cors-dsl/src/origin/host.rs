//! The host of an origin: domain (with an optional leading `*.`), IPv4 or
//! bracketed IPv6.

use std::net::Ipv6Addr;

use cors_core::grammar::{is_label_byte, MAX_HOST_LEN, MAX_LABEL_LEN};

use super::error::{error, quote, OriginError, Quoted};
use super::idna::{self, Deny};
use super::ip;
use crate::codes::Code;

/// What kind of host an origin has.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum HostKind {
    /// A domain name (ASCII, punycode for Unicode labels).
    Domain,
    /// A dotted-quad IPv4 address.
    Ipv4,
    /// A bracketed IPv6 address.
    Ipv6,
}

/// A canonical host.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(super) struct Host {
    /// The canonical host, or the suffix after `*.` when `wildcard`.
    pub(super) name: String,
    /// Written as `*.name`.
    pub(super) wildcard: bool,
    /// The kind of host.
    pub(super) kind: HostKind,
}

/// Parses and checks the host text of an origin.
///
/// `port` (the port text as written, if any) is only used to show a fixed
/// origin in hints.
pub(super) fn parse_host(
    scheme: &str,
    text: &str,
    port: Option<&str>,
    shown: Quoted<'_>,
) -> Result<Host, OriginError> {
    // Hints only: formatted when an error is reported.
    let fixed = |host: &str| {
        let port_suffix = port.map(|p| format!(":{p}")).unwrap_or_default();
        format!(
            "write \"{scheme}://{}{}\"",
            host.escape_debug(),
            port_suffix.escape_debug()
        )
    };
    if text.is_empty() {
        return Err(error(
            Code::OriginEmptyHost,
            format!("the origin {shown} has no host"),
            format!("write the host after \"{scheme}://\", e.g. \"{scheme}://example.com\""),
        ));
    }
    if text.starts_with('[') {
        return parse_ipv6(text, shown, &fixed);
    }

    // Wildcards: only a whole leading `*.` label.
    let (wildcard, name) = match text.strip_prefix("*.") {
        Some(rest) => (true, rest),
        None => (false, text),
    };
    if text == "*" || (wildcard && name.is_empty()) {
        return Err(error(
            Code::OriginWildcardBareHost,
            format!("the origin {shown} has a wildcard for its whole host"),
            "write the bare keyword * (no quotes) to allow any origin, or a wildcard over a domain such as \"https://*.example.com\"",
        ));
    }
    if wildcard && name.starts_with('[') {
        return Err(wildcard_on_ip(shown));
    }
    if name.contains('*') {
        let labels: Vec<&str> = text.split('.').collect();
        let whole_later_label = labels.iter().skip(1).any(|l| *l == "*");
        let suggestion = text
            .rsplit_once('*')
            .map(|(_, after)| after.trim_start_matches('.'))
            .filter(|s| s.contains('.'));
        let hint = match suggestion {
            Some(s) => format!(
                "{} (a leading \"*.\" matches subdomains at any depth)",
                fixed(&format!("*.{s}"))
            ),
            None => "a wildcard is a whole leading label: \"*.example.com\"".to_string(),
        };
        return Err(if whole_later_label {
            error(
                Code::OriginWildcardNotLeading,
                format!("the origin {shown} has a \"*\" label that is not the leftmost label"),
                hint,
            )
        } else {
            error(
                Code::OriginWildcardPartialLabel,
                format!(
                    "the origin {shown} has \"*\" inside a label; a wildcard must be a whole label"
                ),
                hint,
            )
        });
    }

    // Uppercase is an error, not silently lowercased: the policy says what
    // is matched byte for byte, and browsers send lowercase.
    let has_uppercase = if name.is_ascii() {
        name.bytes().any(|b| b.is_ascii_uppercase())
    } else {
        name.chars()
            .any(|c| !c.to_lowercase().eq(std::iter::once(c)))
    };
    if has_uppercase {
        return Err(error(
            Code::OriginUppercaseHost,
            format!("the host of the origin {shown} has uppercase letters; browsers send hosts in lowercase"),
            fixed(&text.to_lowercase()),
        ));
    }
    if let Some(c) = name
        .chars()
        .find(|c| c.is_ascii() && !is_label_byte(*c as u8) && *c != '.')
    {
        return Err(invalid_character(shown, c));
    }
    check_labels(name, shown)?;

    let ascii = to_ascii(name, shown)?;
    if let Some(c) = ascii.chars().find(|c| !is_host_byte_or_dot(*c)) {
        return Err(error(
            Code::OriginInvalidIdna,
            format!(
                "the host of the origin {shown} maps to a name with {}, which is not allowed in a host",
                quote(&c.to_string())
            ),
            "use a host made of letters, digits and hyphens",
        ));
    }
    if ascii != name {
        check_labels(&ascii, shown)?;
    }
    check_lengths(&ascii, wildcard, shown)?;

    let body = ascii.strip_suffix('.').unwrap_or(&ascii);
    let ends_in_number = body
        .rsplit('.')
        .next()
        .is_some_and(|last| last.starts_with(|c: char| c.is_ascii_digit()));
    if !ends_in_number {
        return Ok(Host {
            name: ascii,
            wildcard,
            kind: HostKind::Domain,
        });
    }
    match ip::whatwg_ipv4(&ascii) {
        Some(_) if wildcard => Err(wildcard_on_ip(shown)),
        // Written exactly as the dotted quad (not, say, in full-width digits).
        Some(addr) if addr.to_string() == ascii && ascii == name => Ok(Host {
            name: ascii,
            wildcard: false,
            kind: HostKind::Ipv4,
        }),
        Some(addr) => Err(error(
            Code::OriginIpv4NotCanonical,
            format!(
                "the host of the origin {shown} is an IPv4 address not written as a dotted quad; browsers read it as {addr} and send that"
            ),
            format!(
                "{} if that is meant (four decimal numbers 0–255, no leading zeros, no trailing dot)",
                fixed(&addr.to_string())
            ),
        )),
        None => Err(error(
            Code::OriginNumericHost,
            format!(
                "the host of the origin {shown} ends in a number but is not a valid IPv4 address; browsers reject such hosts"
            ),
            "write an IPv4 address as four decimal numbers 0–255 (e.g. \"127.0.0.1\"), or a domain whose last label starts with a letter",
        )),
    }
}

/// A character allowed in a canonical ASCII host: a label byte or `.`.
fn is_host_byte_or_dot(c: char) -> bool {
    c == '.' || (c.is_ascii() && is_label_byte(c as u8))
}

/// The error for a character not allowed in a host.
fn invalid_character(shown: Quoted<'_>, c: char) -> OriginError {
    let (code, extra) = match c {
        '[' | ']' => (
            Code::OriginIpv6Invalid,
            " (an IPv6 address is written whole in brackets, e.g. \"http://[::1]:3000\")",
        ),
        ':' => (
            Code::OriginPortInvalid,
            " (only one \":port\" may follow the host)",
        ),
        _ => (Code::OriginInvalidHostCharacter, ""),
    };
    error(
        code,
        format!(
            "the host of the origin {shown} contains {}, which is not allowed in a host{extra}",
            quote(&c.to_string())
        ),
        "a host label holds only lowercase letters, digits, \"-\" and \"_\" (or Unicode letters, converted to punycode)",
    )
}

/// The error for a wildcard on an IP literal.
fn wildcard_on_ip(shown: Quoted<'_>) -> OriginError {
    error(
        Code::OriginWildcardIpHost,
        format!("the origin {shown} puts a wildcard on an IP address; subdomain wildcards apply to domain names only"),
        "list each IP origin exactly (a \":*\" port wildcard is fine, e.g. \"http://127.0.0.1:*\")",
    )
}

/// Rejects empty labels (a single trailing dot is allowed).
fn check_labels(name: &str, shown: Quoted<'_>) -> Result<(), OriginError> {
    let body = name.strip_suffix('.').unwrap_or(name);
    if body.is_empty() || body.split('.').any(str::is_empty) {
        return Err(error(
            Code::OriginEmptyLabel,
            format!("the host of the origin {shown} has an empty label (\"..\", or a leading or doubled dot)"),
            "remove the extra \".\" (one trailing dot is allowed, and makes a different origin)",
        ));
    }
    Ok(())
}

/// Rejects labels over 63 bytes and hosts over 253 bytes (251 after `*.`,
/// so that the hosts it matches fit).
fn check_lengths(ascii: &str, wildcard: bool, shown: Quoted<'_>) -> Result<(), OriginError> {
    let body = ascii.strip_suffix('.').unwrap_or(ascii);
    if let Some(label) = body.split('.').find(|l| l.len() > MAX_LABEL_LEN) {
        return Err(error(
            Code::OriginLabelTooLong,
            format!(
                "the host of the origin {shown} has a label of {} bytes (in punycode); the limit is {MAX_LABEL_LEN}",
                label.len()
            ),
            format!("check the host: DNS labels are at most {MAX_LABEL_LEN} bytes"),
        ));
    }
    let limit = if wildcard {
        MAX_HOST_LEN - 2
    } else {
        MAX_HOST_LEN
    };
    if body.len() > limit {
        return Err(error(
            Code::OriginHostTooLong,
            format!(
                "the host of the origin {shown} is {} bytes long (in punycode); the limit is {limit}",
                body.len()
            ),
            format!("check the host: DNS names are at most {MAX_HOST_LEN} bytes"),
        ));
    }
    Ok(())
}

/// Runs UTS #46 ToASCII (non-transitional, as browsers do). For a host that
/// is already lowercase ASCII the result must be the host itself: an
/// `xn--` label that does not round-trip is invalid.
fn to_ascii(name: &str, shown: Quoted<'_>) -> Result<String, OriginError> {
    let invalid = || {
        error(
            Code::OriginInvalidIdna,
            format!("the host of the origin {shown} is not a valid internationalized domain name (IDNA)"),
            "check the host's spelling; write Unicode letters directly (they are converted to punycode) or valid punycode (\"xn--…\")",
        )
    };
    let converted = idna::to_ascii(name, Deny::Url).map_err(|_| invalid())?;
    if name.is_ascii() && converted != name {
        return Err(invalid());
    }
    Ok(converted)
}

/// Parses a bracketed IPv6 literal (`text` starts with `[` and ends with `]`).
fn parse_ipv6(
    text: &str,
    shown: Quoted<'_>,
    fixed: &dyn Fn(&str) -> String,
) -> Result<Host, OriginError> {
    let inner = text
        .strip_prefix('[')
        .and_then(|t| t.strip_suffix(']'))
        .unwrap_or("");
    if inner.contains('*') {
        return Err(wildcard_on_ip(shown));
    }
    let Ok(addr) = inner.parse::<Ipv6Addr>() else {
        return Err(error(
            Code::OriginIpv6Invalid,
            format!("the host of the origin {shown} is not a valid IPv6 address"),
            "write an IPv6 address in brackets, e.g. \"http://[::1]:3000\"",
        ));
    };
    let canonical = ip::format_ipv6(&addr);
    let bracketed = format!("[{canonical}]");
    if inner.contains('.') {
        return Err(error(
            Code::OriginIpv6EmbeddedIpv4,
            format!(
                "the IPv6 address of the origin {shown} ends in a dotted IPv4 part; browsers send it in hex"
            ),
            fixed(&bracketed),
        ));
    }
    if inner != canonical {
        return Err(error(
            Code::OriginIpv6NotCanonical,
            format!(
                "the IPv6 address of the origin {shown} is not in the compressed lowercase form browsers send (RFC 5952)"
            ),
            fixed(&bracketed),
        ));
    }
    Ok(Host {
        name: bracketed,
        wildcard: false,
        kind: HostKind::Ipv6,
    })
}
