//! The refusal reason and the refused header name against the reference:
//! the checks in order (origin, ACRM, ACRH), the reference ACRH scanner
//! under the documented limits.

use cors_core::acrh::{self, Limits, Scan};
use cors_core::{MethodRule, OriginRule, Policy, Refusal, RequestHeaderRule, RequestKind};
use cors_fuzz::policies::FuzzPolicy;
use cors_fuzz::reference;
use http::header::{self, HeaderMap, HeaderValue};

/// Whether the policy allows the (lowercase) request header `name`.
fn allows_header(policy: &FuzzPolicy, name: &[u8]) -> bool {
    match policy.config().request_headers() {
        RequestHeaderRule::Any { authorization } => *authorization || name != b"authorization",
        RequestHeaderRule::Listed { .. } => policy.headers.iter().any(|h| h.as_bytes() == name),
    }
}

/// What the ACRH scanner must answer for this policy, per the reference and
/// the limits documented in `cors_core::acrh`.
fn reference_scan(policy: &FuzzPolicy, fields: &[&[u8]]) -> Scan {
    let limits = match policy.config().request_headers() {
        RequestHeaderRule::Any { .. } => Limits {
            max_names: acrh::MAX_ANY_NAMES,
            max_name_len: acrh::MAX_NAME_LEN,
        },
        RequestHeaderRule::Listed {
            count,
            max_name_len,
            ..
        } => Limits {
            max_names: count * 2,
            max_name_len: *max_name_len,
        },
    };
    reference::acrh_scan(fields, limits, |name| allows_header(policy, name))
}

/// Whether `bytes` is an RFC 9110 token.
fn is_token(bytes: &[u8]) -> bool {
    !bytes.is_empty()
        && bytes
            .iter()
            .all(|&b| b.is_ascii_alphanumeric() || b"!#$%&'*+-.^_`|~".contains(&b))
}

/// Why the request must be refused, the checks in order; `None` when it
/// must be allowed (or is not CORS).
fn expected_refusal(
    policy: &FuzzPolicy,
    kind: RequestKind,
    request: &HeaderMap,
) -> Option<Refusal> {
    let config = policy.config();
    let origins: Vec<&HeaderValue> = request.get_all(header::ORIGIN).iter().collect();
    let origin_ok = match config.origins() {
        OriginRule::Any => true,
        OriginRule::Listed { .. } => {
            origins.len() == 1 && policy.reference_allows_origin(origins[0].as_bytes())
        }
    };
    match kind {
        RequestKind::NotCors => return None,
        RequestKind::Actual | RequestKind::WebSocket => {
            return (!origin_ok).then_some(Refusal::Origin)
        }
        RequestKind::Preflight if !origin_ok => return Some(Refusal::Origin),
        RequestKind::Preflight => {}
    }
    let acrm: Vec<&HeaderValue> = request
        .get_all(header::ACCESS_CONTROL_REQUEST_METHOD)
        .iter()
        .collect();
    let [method] = acrm.as_slice() else {
        return Some(Refusal::Malformed);
    };
    let method = method.as_bytes();
    if method.len() > 64 || !is_token(method) {
        return Some(Refusal::Malformed);
    }
    if !matches!(method, b"GET" | b"HEAD" | b"POST")
        && config.methods() == MethodRule::Listed
        && !policy.methods.iter().any(|m| m.as_bytes() == method)
    {
        return Some(Refusal::Method);
    }
    let fields: Vec<&[u8]> = request
        .get_all(header::ACCESS_CONTROL_REQUEST_HEADERS)
        .iter()
        .map(HeaderValue::as_bytes)
        .collect();
    match reference_scan(policy, &fields) {
        Scan::Refused => Some(Refusal::Malformed),
        Scan::NotAllowed { .. } => Some(Refusal::RequestHeaders),
        Scan::Absent | Scan::Allowed { .. } => None,
    }
}

/// The refusal reason and the refused header name against the reference.
pub fn check_refusal(
    policy: &FuzzPolicy,
    request: &HeaderMap,
    kind: RequestKind,
    allowed: bool,
    refusal: Option<Refusal>,
    refused_header: Option<&[u8]>,
    response: &HeaderMap,
) {
    let expected = expected_refusal(policy, kind, request);
    assert_eq!(refusal, expected, "refusal reason");
    match kind {
        RequestKind::NotCors => assert!(refusal.is_none()),
        // Handshakes under `websocket: check-origin;` get no header.
        RequestKind::WebSocket => {
            assert_eq!(allowed, refusal.is_none());
            assert!(response.get(header::ACCESS_CONTROL_ALLOW_ORIGIN).is_none());
        }
        // Refused ⇔ a reason; allowed ⇔ `ACAO`.
        RequestKind::Actual | RequestKind::Preflight => {
            assert_eq!(allowed, refusal.is_none());
            assert_eq!(
                response.get(header::ACCESS_CONTROL_ALLOW_ORIGIN).is_some(),
                allowed
            );
        }
    }
    cors_fuzz::assert_long_method_refused(kind, request, refusal);
    if refusal == Some(Refusal::RequestHeaders) {
        let name = refused_header.expect("`request-headers` names the refused header");
        assert!(
            is_token(name) && name.len() <= acrh::MAX_NAME_LEN,
            "{name:?}"
        );
        let lower = name.to_ascii_lowercase();
        let too_long = match policy.config().request_headers() {
            RequestHeaderRule::Listed { max_name_len, .. } => name.len() > *max_name_len,
            RequestHeaderRule::Any { .. } => false,
        };
        assert!(
            too_long || !allows_header(policy, &lower),
            "refused an allowed header {name:?}"
        );
        // It is the reference scanner's name, as sent.
        let fields: Vec<&[u8]> = request
            .get_all(header::ACCESS_CONTROL_REQUEST_HEADERS)
            .iter()
            .map(HeaderValue::as_bytes)
            .collect();
        let Scan::NotAllowed { field, start, end } = reference_scan(policy, &fields) else {
            panic!("the reference scanner allows {name:?}");
        };
        assert_eq!(name, &fields[field][start..end]);
    } else {
        assert_eq!(refused_header, None);
    }
}
