//! Support code shared by the fuzz targets: a few hand-written policies that
//! count how often the decision core calls them, and small reference
//! implementations (written for clarity, not speed) that the fast code is
//! compared with.

pub mod policies;
pub mod reference;

/// Splits fuzz input into lines on `\n` (a byte `http` refuses inside a
/// header value anyway, so nothing expressible is lost).
pub fn lines(data: &[u8]) -> impl Iterator<Item = &[u8]> {
    data.split(|&b| b == b'\n')
}

const ACRPN: http::HeaderName =
    http::HeaderName::from_static("access-control-request-private-network");

/// A request from fuzz input: the first line is the method (empty:
/// `OPTIONS`; not a method: `None`), each further line a header whose first
/// byte says which (`o` Origin, `m` ACRM, `h` ACRH, `p` ACRPN; any other byte
/// gives `other`, or is skipped when `other` is `None`) and whose rest is the
/// value (values `http` refuses are skipped).
pub fn request(
    data: &[u8],
    other: Option<http::HeaderName>,
) -> Option<(http::Method, http::HeaderMap)> {
    use http::header;
    let mut lines = lines(data);
    let method = match lines.next() {
        None | Some(b"") => http::Method::OPTIONS,
        Some(bytes) => http::Method::from_bytes(bytes).ok()?,
    };
    let mut request = http::HeaderMap::new();
    for line in lines {
        let Some((&kind, value)) = line.split_first() else {
            continue;
        };
        let name = match (kind, &other) {
            (b'o', _) => header::ORIGIN,
            (b'm', _) => header::ACCESS_CONTROL_REQUEST_METHOD,
            (b'h', _) => header::ACCESS_CONTROL_REQUEST_HEADERS,
            (b'p', _) => ACRPN,
            (_, Some(other)) => other.clone(),
            (_, None) => continue,
        };
        if let Ok(value) = http::HeaderValue::from_bytes(value) {
            request.append(name, value);
        }
    }
    Some((method, request))
}

/// The invariant on `Access-Control-Request-Method` every decision keeps: a
/// preflight whose method field is over 64 bytes is refused, for its origin
/// or as malformed, never let through.
pub fn assert_long_method_refused(
    kind: cors_core::RequestKind,
    request: &http::HeaderMap,
    refusal: Option<cors_core::Refusal>,
) {
    use cors_core::{Refusal, RequestKind};
    if kind != RequestKind::Preflight {
        return;
    }
    let long_method = request
        .get_all(http::header::ACCESS_CONTROL_REQUEST_METHOD)
        .iter()
        .any(|m| m.len() > 64);
    if long_method {
        assert!(matches!(
            refusal,
            Some(Refusal::Origin | Refusal::Malformed)
        ));
    }
}
