//! Slow, obvious re-implementations of the runtime's matchers, used as
//! oracles by the fuzz targets.

use cors_runtime::acrh::{self, Limits, Scan};
use cors_runtime::origin::{WildcardHost, WildcardPattern, WildcardPort};

/// The scheme's default port, which browsers leave out of `Origin`.
fn default_port(scheme: &str) -> Option<&'static str> {
    match scheme {
        "http" | "ws" => Some("80"),
        "https" | "wss" => Some("443"),
        "ftp" => Some("21"),
        _ => None,
    }
}

/// A DNS label as browsers serialize it in `Origin`: 1–63 bytes of
/// lowercase letters, digits, `-` and `_`.
fn is_label(label: &str) -> bool {
    (1..=63).contains(&label.len())
        && label
            .bytes()
            .all(|b| matches!(b, b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_'))
}

/// `1..=65535` written without a leading zero.
fn is_canonical_port(port: &str) -> bool {
    !port.starts_with('0')
        && !port.is_empty()
        && port.bytes().all(|b| b.is_ascii_digit())
        && port.parse::<u32>().is_ok_and(|n| (1..=65535).contains(&n))
}

/// Splits `scheme://host[:port]` (ASCII only); `None` when the shape is wrong.
/// The port is `Some("")` for a bare trailing `:`.
pub fn split_origin(origin: &[u8]) -> Option<(&str, &str, Option<&str>)> {
    let text = std::str::from_utf8(origin).ok()?;
    if !text.is_ascii() {
        return None;
    }
    let (scheme, authority) = text.split_once("://")?;
    let (host, after) = if authority.starts_with('[') {
        let close = authority.find(']')?;
        authority.split_at(close + 1)
    } else {
        match authority.find(':') {
            Some(colon) => authority.split_at(colon),
            None => (authority, ""),
        }
    };
    let port = if after.is_empty() {
        None
    } else {
        Some(after.strip_prefix(':')?)
    };
    Some((scheme, host, port))
}

/// Whether `pattern` matches `origin`, per PROTOCOL.md §2 and LANGUAGE.md.
pub fn pattern_matches(pattern: &WildcardPattern<'_>, origin: &[u8]) -> bool {
    let Some((scheme, host, port)) = split_origin(origin) else {
        return false;
    };
    if scheme != pattern.scheme {
        return false;
    }
    let host_ok = match pattern.host {
        WildcardHost::Exact(expected) => host == expected,
        WildcardHost::Subdomains(suffix) => {
            let limit = if suffix.ends_with('.') { 254 } else { 253 };
            let dotted = format!(".{suffix}");
            match host.strip_suffix(dotted.as_str()) {
                Some(labels) if host.len() <= limit => labels.split('.').all(is_label),
                _ => false,
            }
        }
    };
    let port_ok = match (pattern.port, port) {
        (WildcardPort::Default, port) => port.is_none(),
        (WildcardPort::Exact(expected), port) => port == Some(expected),
        (WildcardPort::Any, None) => true,
        (WildcardPort::Any, Some(port)) => {
            is_canonical_port(port) && Some(port) != default_port(pattern.scheme)
        }
    };
    host_ok && port_ok
}

/// An RFC 9110 token character.
fn is_tchar(b: u8) -> bool {
    b.is_ascii_alphanumeric() || b"!#$%&'*+-.^_`|~".contains(&b)
}

/// What [`acrh::scan`] must answer, computed the obvious way: split every
/// field on `,`, trim optional whitespace, and apply each documented limit.
pub fn acrh_scan(fields: &[&[u8]], limits: Limits, allow: impl Fn(&[u8]) -> bool) -> Scan {
    if fields.is_empty() {
        return Scan::Absent;
    }
    if fields.len() > acrh::MAX_FIELDS {
        return Scan::Refused;
    }
    let max_name_len = limits.max_name_len.min(acrh::MAX_NAME_LEN);
    let mut names = 0;
    let mut empties = 0;
    for field in fields {
        for element in field.split(|&b| b == b',') {
            let leading = element
                .iter()
                .take_while(|&&b| b == b' ' || b == b'\t')
                .count();
            let trailing = element[leading..]
                .iter()
                .rev()
                .take_while(|&&b| b == b' ' || b == b'\t')
                .count();
            if leading + trailing > acrh::MAX_OWS_PER_ELEMENT {
                return Scan::Refused;
            }
            let name = &element[leading..element.len() - trailing];
            if name.is_empty() {
                empties += 1;
                continue;
            }
            if !name.iter().all(|&b| is_tchar(b)) || name.len() > max_name_len {
                return Scan::Refused;
            }
            names += 1;
            if !allow(&name.to_ascii_lowercase()) {
                return Scan::Refused;
            }
        }
    }
    if empties > acrh::MAX_EMPTY_ELEMENTS || names > limits.max_names {
        return Scan::Refused;
    }
    Scan::Allowed {
        names,
        fields: fields.len(),
    }
}
