//! Slow, obvious re-implementations of the runtime's matchers, used as
//! oracles by the fuzz targets.

use cors_core::acrh::{self, Limits, Scan};
use cors_core::{WildcardHost, WildcardPattern, WildcardPort};

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
pub fn pattern_matches<S: AsRef<str>>(pattern: &WildcardPattern<S>, origin: &[u8]) -> bool {
    let Some((scheme, host, port)) = split_origin(origin) else {
        return false;
    };
    if scheme != pattern.scheme.as_ref() {
        return false;
    }
    let host_ok = match &pattern.host {
        WildcardHost::Exact(expected) => host == expected.as_ref(),
        WildcardHost::Subdomains(suffix) => {
            let suffix = suffix.as_ref();
            let limit = if suffix.ends_with('.') { 254 } else { 253 };
            let dotted = format!(".{suffix}");
            match host.strip_suffix(dotted.as_str()) {
                Some(labels) if host.len() <= limit => labels.split('.').all(is_label),
                _ => false,
            }
        }
    };
    let port_ok = match (&pattern.port, port) {
        (WildcardPort::Default, port) => port.is_none(),
        (WildcardPort::Exact(expected), port) => port == Some(expected.as_ref()),
        (WildcardPort::Any, None) => true,
        (WildcardPort::Any, Some(port)) => {
            is_canonical_port(port) && Some(port) != default_port(scheme)
        }
    };
    host_ok && port_ok
}

/// An RFC 9110 token character.
fn is_tchar(b: u8) -> bool {
    b.is_ascii_alphanumeric() || b"!#$%&'*+-.^_`|~".contains(&b)
}

fn is_ows(b: u8) -> bool {
    b == b' ' || b == b'\t'
}

/// What [`acrh::scan`] must answer, computed the obvious way: split every
/// field on `,` and take the elements in order; each is `OWS name OWS`
/// (the name possibly empty). The first element that breaks a rule decides:
///
/// - a ninth field, more than `MAX_OWS_PER_ELEMENT` whitespace bytes around
///   one element, a byte that is neither a token character, whitespace nor
///   `,` (or whitespace inside a name), a name over `MAX_NAME_LEN` bytes,
///   more than `MAX_EMPTY_ELEMENTS` empty elements, or more than
///   `max_names` names (counted before `allow` is asked): `Refused` — except
///   that with `max_names == 0` (a policy that lists no header) the first
///   name is `NotAllowed`;
/// - a name longer than `max_name_len` (but at most `MAX_NAME_LEN`), or one
///   `allow` refuses (asked with the lowercased name): `NotAllowed` at the
///   name's bytes as sent.
pub fn acrh_scan(fields: &[&[u8]], limits: Limits, allow: impl Fn(&[u8]) -> bool) -> Scan {
    if fields.is_empty() {
        return Scan::Absent;
    }
    let max_name_len = limits.max_name_len.min(acrh::MAX_NAME_LEN);
    let mut names = 0;
    let mut empties = 0;
    for (index, field) in fields.iter().enumerate() {
        if index >= acrh::MAX_FIELDS {
            return Scan::Refused;
        }
        let mut offset = 0;
        for element in field.split(|&b| b == b',') {
            let element_start = offset;
            offset += element.len() + 1;
            let leading = element.iter().take_while(|&&b| is_ows(b)).count();
            let name_len = element[leading..]
                .iter()
                .take_while(|&&b| is_tchar(b))
                .count();
            let name = &element[leading..leading + name_len];
            let trailing = element[leading + name_len..]
                .iter()
                .take_while(|&&b| is_ows(b))
                .count();
            let rest = &element[leading + name_len + trailing..];
            if leading + trailing > acrh::MAX_OWS_PER_ELEMENT
                || !rest.is_empty()
                || name.len() > acrh::MAX_NAME_LEN
            {
                return Scan::Refused;
            }
            if name.is_empty() {
                empties += 1;
                if empties > acrh::MAX_EMPTY_ELEMENTS {
                    return Scan::Refused;
                }
                continue;
            }
            names += 1;
            if names > limits.max_names && limits.max_names > 0 {
                return Scan::Refused;
            }
            if limits.max_names == 0
                || name.len() > max_name_len
                || !allow(&name.to_ascii_lowercase())
            {
                let start = element_start + leading;
                return Scan::NotAllowed {
                    field: index,
                    start,
                    end: start + name.len(),
                };
            }
        }
    }
    Scan::Allowed {
        names,
        fields: fields.len(),
    }
}
