//! Small facts about origin text: building and splitting origins,
//! domains and their parents, fresh labels and ports, and the origin two
//! patterns share.

use cors_core::grammar::{default_port_text, MAX_HOST_LEN};
use cors_core::{WildcardHost, WildcardPort};

use super::Pattern;

/// Ports tried first when an unnamed port is needed (readable ones).
const FRESH_PORTS: [u16; 6] = [8080, 8443, 3000, 5173, 8000, 9000];

/// An origin both patterns allow, if any.
pub(super) fn intersection(p: &Pattern, q: &Pattern) -> Option<String> {
    if p.scheme != q.scheme {
        return None;
    }
    let host = match (&p.host, &q.host) {
        (WildcardHost::Exact(a), WildcardHost::Exact(b)) => (a == b).then(|| a.clone())?,
        (WildcardHost::Exact(host), WildcardHost::Subdomains(_))
        | (WildcardHost::Subdomains(_), WildcardHost::Exact(host)) => host.clone(),
        (WildcardHost::Subdomains(a), WildcardHost::Subdomains(b)) => {
            if a == b || is_under(a, b) {
                format!("a.{a}")
            } else if is_under(b, a) {
                format!("a.{b}")
            } else {
                return None;
            }
        }
    };
    let port = match (&p.port, &q.port) {
        (WildcardPort::Exact(a), WildcardPort::Exact(b)) => Some((a == b).then_some(a)?),
        (WildcardPort::Exact(a), WildcardPort::Any)
        | (WildcardPort::Any, WildcardPort::Exact(a)) => Some(a),
        (WildcardPort::Exact(_), WildcardPort::Default)
        | (WildcardPort::Default, WildcardPort::Exact(_)) => return None,
        _ => None,
    };
    let origin = serialize(&p.scheme, &host, port.map(String::as_str));
    (p.matches(origin.as_bytes()) && q.matches(origin.as_bytes())).then_some(origin)
}

/// `scheme://host[:port]`.
pub(super) fn serialize(scheme: &str, host: &str, port: Option<&str>) -> String {
    match port {
        Some(port) => format!("{scheme}://{host}:{port}"),
        None => format!("{scheme}://{host}"),
    }
}

/// Scheme, host and explicit port of an exact origin (`None` for `null`).
pub(super) fn split(origin: &str) -> Option<(&str, &str, Option<&str>)> {
    let (scheme, authority) = origin.split_once("://")?;
    let (host, rest) = match authority.find(']') {
        Some(end) if authority.starts_with('[') => authority.split_at(end + 1),
        _ => match authority.find(':') {
            Some(colon) => authority.split_at(colon),
            None => (authority, ""),
        },
    };
    Some((scheme, host, rest.strip_prefix(':')))
}

/// Whether a `*.suffix` pattern's port part allows `port` (`None`: no
/// port; otherwise a canonical non-default port).
pub(super) fn port_allows(pattern: &WildcardPort<String>, port: Option<&str>) -> bool {
    match pattern {
        WildcardPort::Default => port.is_none(),
        WildcardPort::Exact(p) => port == Some(p.as_str()),
        WildcardPort::Any => true,
    }
}

/// `inner` is a proper subdomain of `outer` (`a.b.c` under `b.c`).
pub(super) fn is_under(inner: &str, outer: &str) -> bool {
    inner.len() > outer.len()
        && inner.ends_with(outer)
        && inner.as_bytes()[inner.len() - outer.len() - 1] == b'.'
}

/// The label right in front of `suffix` in `host`, if `host` is under it.
pub(super) fn label_before<'h>(host: &'h str, suffix: &str) -> Option<&'h str> {
    if !is_under(host, suffix) {
        return None;
    }
    let labels = &host[..host.len() - suffix.len() - 1];
    Some(labels.rsplit('.').next().unwrap_or(labels))
}

/// Whether `*.suffix` matches any host at all (the host length limit).
pub(super) fn subdomains_exist(suffix: &str) -> bool {
    let limit = if suffix.ends_with('.') {
        MAX_HOST_LEN + 1
    } else {
        MAX_HOST_LEN
    };
    suffix.len() + 2 <= limit
}

/// Fresh labels in order: `a` … `z`, then `aa`, `ab`, …
pub(super) fn labels() -> impl Iterator<Item = String> {
    let letters = || (b'a'..=b'z').map(char::from);
    let one = letters().map(String::from);
    let two = letters().flat_map(move |a| letters().map(move |b| format!("{a}{b}")));
    one.chain(two)
}

/// A canonical, non-default port of `scheme` not in `named`.
pub(super) fn fresh_port(scheme: &str, named: &[&str]) -> String {
    let default = default_port_text(scheme);
    FRESH_PORTS
        .into_iter()
        .chain(10000..=u16::MAX)
        .map(|p| p.to_string())
        .find(|p| !named.contains(&p.as_str()) && Some(p.as_bytes()) != default)
        .unwrap_or_else(|| "1".to_owned())
}

/// The parent domains of `host`, nearest first: `b.c` and `c` for `a.b.c`
/// (`c.` for `b.c.`).
pub(super) fn ancestors(host: &str) -> impl Iterator<Item = &str> {
    host.match_indices('.')
        .map(move |(i, _)| &host[i + 1..])
        .filter(|rest| !rest.is_empty())
}
