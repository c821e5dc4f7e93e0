//! The authority of an origin, after `scheme://`: nothing after it (no
//! path, query or fragment), nothing a browser never sends in it (user
//! info, IPv6 zone ids, percent-encoding), split into host and port text.

use super::error::{error, quote, OriginError, Quoted};
use super::ip;
use crate::codes::Code;

/// Cuts `rest` (after `://`) at the end of the authority, rejecting a path,
/// query or fragment.
pub(super) fn split_authority<'a>(
    scheme: &str,
    rest: &'a str,
    shown: Quoted<'_>,
) -> Result<&'a str, OriginError> {
    let Some(end) = rest.find(['/', '\\', '?', '#']) else {
        return Ok(rest);
    };
    let authority = &rest[..end];
    let tail = &rest[end..];
    if authority.is_empty() {
        return Err(error(
            Code::OriginEmptyHost,
            format!("the origin {shown} has no host"),
            format!("write the host right after \"{scheme}://\", e.g. \"{scheme}://example.com\""),
        ));
    }
    let fixed = format!("write \"{scheme}://{}\"", authority.escape_debug());
    Err(if tail == "/" {
        error(
            Code::OriginTrailingSlash,
            format!("the origin {shown} ends with \"/\"; browsers never send a trailing slash in Origin"),
            "remove the trailing \"/\"",
        )
    } else if tail.starts_with('?') {
        error(
            Code::OriginQuery,
            format!(
                "the origin {shown} has a query (\"?…\"); an origin is only scheme://host[:port]"
            ),
            fixed,
        )
    } else if tail.starts_with('#') {
        error(
            Code::OriginFragment,
            format!("the origin {shown} has a fragment (\"#…\"); an origin is only scheme://host[:port]"),
            fixed,
        )
    } else {
        error(
            Code::OriginPath,
            format!(
                "the origin {shown} has a path ({}); an origin is only scheme://host[:port] and CORS policies apply to every path",
                quote(tail)
            ),
            fixed,
        )
    })
}

/// Rejects an empty authority and what browsers never send in one: a user
/// name or password, an IPv6 zone id, percent-encoding.
pub(super) fn check(scheme: &str, authority: &str, shown: Quoted<'_>) -> Result<(), OriginError> {
    if authority.is_empty() {
        return Err(error(
            Code::OriginEmptyHost,
            format!("the origin {shown} has no host"),
            format!("write the host after \"{scheme}://\", e.g. \"{scheme}://example.com\""),
        ));
    }
    if let Some(at) = authority.rfind('@') {
        let host = &authority[at + 1..];
        return Err(error(
            Code::OriginUserinfo,
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
            Code::OriginIpv6ZoneId,
            format!(
                "the origin {shown} has an IPv6 zone id (after \"%\"); browsers never send one"
            ),
            hint,
        ));
    }
    if authority.contains('%') {
        return Err(error(
            Code::OriginPercentEncoding,
            format!(
                "the origin {shown} contains percent-encoding (\"%\"); browsers send hosts decoded"
            ),
            "write the host's characters themselves (Unicode is fine: it is converted to punycode)",
        ));
    }
    Ok(())
}

/// Splits the authority into host and optional port text.
pub(super) fn split_host_port<'a>(
    scheme: &str,
    authority: &'a str,
    shown: Quoted<'_>,
) -> Result<(&'a str, Option<&'a str>), OriginError> {
    if authority.starts_with('[') {
        let Some(close) = authority.find(']') else {
            return Err(error(
                Code::OriginIpv6Invalid,
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
                Code::OriginIpv6Invalid,
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
                    Code::OriginIpv6Unbracketed,
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
