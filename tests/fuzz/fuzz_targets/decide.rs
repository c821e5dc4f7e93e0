//! The whole decision on arbitrary requests, for several policies, applied
//! to a clean response and to one where the application already wrote stale
//! CORS headers.
//!
//! Input: byte 0 picks the policy (and whether the application writes stale
//! headers); then `\n`-separated lines: the method, then one header field per
//! line, whose first byte picks the name (`o` Origin, `m` ACRM, `h` ACRH,
//! `p` ACRPN, anything else an unrelated header) and whose rest is the value.
//!
//! Invariants (PROTOCOL.md): no panic; classification; never `ACAO: *` with
//! `ACAC`; `ACAO` absent, `*` (only for `origins: *`) or byte-equal to the
//! single request `Origin`, which the reference then allows; one field per
//! `Access-Control-*` header (except echoed `ACAH`); `Vary: origin` whenever
//! the policy lists origins; a refused preflight is `403` with no
//! `Access-Control-*` header; actual responses never carry preflight headers
//! and preflights never `ACEH`; `authorization` is only ever allowed when
//! listed; wildcards are never answered under credentials; and the policy is
//! consulted a bounded number of times.
//!
//! The refusal reason: `refusal()` is `None` exactly when the request is
//! allowed (and for requests without `Origin`), and equals the reference's
//! reason — the checks in order: origin (the reference matcher), then
//! `Access-Control-Request-Method` (one token of at most 64 bytes, else
//! `Malformed`; a non-safelisted method the policy does not list is
//! `Method`), then `Access-Control-Request-Headers` (the reference scanner
//! under the documented limits: refused is `Malformed`, a name not allowed
//! is `RequestHeaders`). Under `RequestHeaders`, `refused_header` is the
//! scanner's name, byte for byte as sent, and the policy does not allow it;
//! under any other reason it is `None`.

#![no_main]

use cors_core::acrh::{self, Limits, Scan};
use cors_core::{
    decide, HttpRequestView, MethodRule, OriginRule, Outcome, Policy, Refusal, RequestHeaderRule,
    RequestKind,
};
use cors_fuzz::policies::{self, FuzzPolicy, POLICIES};
use cors_fuzz::reference;
use http::header::{self, HeaderMap, HeaderName, HeaderValue};
use http::Method;
use libfuzzer_sys::fuzz_target;

const ACAPN: HeaderName = HeaderName::from_static("access-control-allow-private-network");
const OTHER: HeaderName = HeaderName::from_static("x-other");

fn stale_app_headers() -> HeaderMap {
    let mut headers = HeaderMap::new();
    headers.insert(header::VARY, HeaderValue::from_static("accept-encoding"));
    headers.insert(
        header::ACCESS_CONTROL_ALLOW_ORIGIN,
        HeaderValue::from_static("https://stale.example"),
    );
    headers.append(
        header::ACCESS_CONTROL_ALLOW_ORIGIN,
        HeaderValue::from_static("*"),
    );
    headers.insert(
        header::ACCESS_CONTROL_ALLOW_CREDENTIALS,
        HeaderValue::from_static("true"),
    );
    headers.insert(
        header::ACCESS_CONTROL_ALLOW_METHODS,
        HeaderValue::from_static("*"),
    );
    headers.insert(
        header::ACCESS_CONTROL_ALLOW_HEADERS,
        HeaderValue::from_static("*"),
    );
    headers.insert(
        header::ACCESS_CONTROL_MAX_AGE,
        HeaderValue::from_static("1"),
    );
    headers.insert(
        header::ACCESS_CONTROL_EXPOSE_HEADERS,
        HeaderValue::from_static("*"),
    );
    headers.insert(ACAPN, HeaderValue::from_static("true"));
    headers
}

fn vary_tokens(headers: &HeaderMap) -> Vec<String> {
    headers
        .get_all(header::VARY)
        .iter()
        .flat_map(|v| v.as_bytes().split(|&b| b == b','))
        .map(|t| String::from_utf8_lossy(t).trim().to_ascii_lowercase())
        .collect()
}

fn cors_fields(headers: &HeaderMap) -> usize {
    headers
        .keys()
        .filter(|k| k.as_str().starts_with("access-control-"))
        .count()
}

fn count(headers: &HeaderMap, name: &HeaderName) -> usize {
    headers.get_all(name).iter().count()
}

fn acrh_names(request: &HeaderMap) -> impl Iterator<Item = Vec<u8>> + '_ {
    request
        .get_all(header::ACCESS_CONTROL_REQUEST_HEADERS)
        .iter()
        .flat_map(|v| v.as_bytes().split(|&b| b == b','))
        .map(|t| {
            let text = String::from_utf8_lossy(t);
            text.trim_matches([' ', '\t'])
                .to_ascii_lowercase()
                .into_bytes()
        })
        .filter(|t| !t.is_empty())
}

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
fn check_refusal(
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
    if kind == RequestKind::Preflight {
        // An `Access-Control-Request-Method` over 64 bytes is never allowed.
        let long_method = request
            .get_all(header::ACCESS_CONTROL_REQUEST_METHOD)
            .iter()
            .any(|m| m.len() > 64);
        if long_method {
            assert!(matches!(
                refusal,
                Some(Refusal::Origin | Refusal::Malformed)
            ));
        }
    }
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

fn check(
    policy: &FuzzPolicy,
    method: &Method,
    request: &HeaderMap,
    kind: RequestKind,
    outcome: Outcome,
    status: Option<u16>,
    response: &HeaderMap,
) {
    let config = policy.config();
    let origins: Vec<&HeaderValue> = request.get_all(header::ORIGIN).iter().collect();
    let acrm: Vec<&HeaderValue> = request
        .get_all(header::ACCESS_CONTROL_REQUEST_METHOD)
        .iter()
        .collect();

    // Classification (PROTOCOL §1).
    let expected_kind = if origins.is_empty() {
        RequestKind::NotCors
    } else if method == Method::OPTIONS && !acrm.is_empty() {
        RequestKind::Preflight
    } else {
        RequestKind::Actual
    };
    assert_eq!(kind, expected_kind);
    if kind != RequestKind::Preflight {
        assert_eq!(outcome, Outcome::CallApp);
    }

    // At most one field of each Access-Control-* header (ACAH may be echoed
    // field by field under credentials).
    for name in [
        header::ACCESS_CONTROL_ALLOW_ORIGIN,
        header::ACCESS_CONTROL_ALLOW_CREDENTIALS,
        header::ACCESS_CONTROL_ALLOW_METHODS,
        header::ACCESS_CONTROL_MAX_AGE,
        header::ACCESS_CONTROL_EXPOSE_HEADERS,
        ACAPN,
    ] {
        assert!(count(response, &name) <= 1, "two {name} fields");
    }

    let acao = response.get(header::ACCESS_CONTROL_ALLOW_ORIGIN);
    let acac = response.get(header::ACCESS_CONTROL_ALLOW_CREDENTIALS);
    if let Some(acac) = acac {
        assert_eq!(acac, "true");
        assert!(acao.is_some(), "ACAC without ACAO");
        assert!(config.credentials());
    }
    match acao {
        None => {}
        Some(value) if value == "*" => {
            assert!(acac.is_none(), "ACAO: * with ACAC");
            assert!(matches!(config.origins(), OriginRule::Any));
        }
        Some(value) => {
            assert_eq!(
                origins.len(),
                1,
                "ACAO with {} Origin fields",
                origins.len()
            );
            assert_eq!(
                value.as_bytes(),
                origins[0].as_bytes(),
                "ACAO is not the origin"
            );
            assert!(
                policy.reference_allows_origin(value.as_bytes()),
                "reflected an origin the reference refuses: {value:?}"
            );
        }
    }
    if let (OriginRule::Listed { .. }, [origin]) = (config.origins(), origins.as_slice()) {
        if policy.reference_allows_origin(origin.as_bytes()) && kind == RequestKind::Actual {
            assert!(acao.is_some(), "allowed origin {origin:?} not answered");
        }
    }

    // Vary (PROTOCOL §5).
    if matches!(config.origins(), OriginRule::Listed { .. }) || kind == RequestKind::Preflight {
        assert!(vary_tokens(response).iter().any(|t| t == "origin"));
    }
    assert!(
        vary_tokens(response)
            .iter()
            .filter(|t| *t == "origin")
            .count()
            <= 1,
        "origin twice in Vary"
    );

    let preflight_only = [
        header::ACCESS_CONTROL_ALLOW_METHODS,
        header::ACCESS_CONTROL_ALLOW_HEADERS,
        header::ACCESS_CONTROL_MAX_AGE,
        ACAPN,
    ];
    if kind == RequestKind::Preflight {
        assert!(response
            .get(header::ACCESS_CONTROL_EXPOSE_HEADERS)
            .is_none());
        let refused = acao.is_none();
        if refused {
            assert_eq!(outcome, Outcome::Respond(http::StatusCode::FORBIDDEN));
            assert_eq!(status, Some(403));
            assert_eq!(
                cors_fields(response),
                0,
                "refused preflight with CORS headers"
            );
        } else {
            assert_ne!(outcome, Outcome::Respond(http::StatusCode::FORBIDDEN));
            if let Some(status) = status {
                assert!(status == 200 || status == 204);
            }
            assert_eq!(acrm.len(), 1);
            let requested = acrm[0].as_bytes();
            match response.get(header::ACCESS_CONTROL_ALLOW_METHODS) {
                None => assert!(matches!(requested, b"GET" | b"HEAD" | b"POST")),
                Some(acam) => {
                    assert!(!matches!(requested, b"GET" | b"HEAD" | b"POST"));
                    // Under credentials `*` is never a wildcard: only the
                    // literal method `*` (a valid token) may be echoed as `*`.
                    assert!(!(config.credentials() && acam == "*" && requested != b"*"));
                    if matches!(config.methods(), MethodRule::Listed) {
                        assert!(policy.methods.iter().any(|m| m.as_bytes() == requested));
                    }
                }
            }
            // Under credentials `ACAH: *` would be the literal name `*`: only
            // an echo of a request field may say so.
            let requested_fields: Vec<&[u8]> = request
                .get_all(header::ACCESS_CONTROL_REQUEST_HEADERS)
                .iter()
                .map(HeaderValue::as_bytes)
                .collect();
            for acah in response.get_all(header::ACCESS_CONTROL_ALLOW_HEADERS) {
                if config.credentials() && acah.as_bytes().starts_with(b"*") {
                    assert!(requested_fields.contains(&acah.as_bytes()), "{acah:?}");
                }
            }
            let mut names = 0;
            for name in acrh_names(request) {
                names += 1;
                match config.request_headers() {
                    RequestHeaderRule::Any { authorization } => {
                        assert!(*authorization || name != b"authorization");
                    }
                    RequestHeaderRule::Listed { .. } => {
                        assert!(policy
                            .headers
                            .iter()
                            .any(|h| h.as_bytes() == name.as_slice()));
                    }
                }
            }
            if names > 0 {
                assert!(response.get(header::ACCESS_CONTROL_ALLOW_HEADERS).is_some());
            }
        }
    } else {
        for name in &preflight_only {
            assert!(response.get(name).is_none(), "{name} on an actual response");
        }
    }

    // Bounded work: the policy is asked about the origin at most once, the
    // method at most once, and about at most `count × 2` header names.
    let calls = policies::calls();
    assert!(calls.origin <= 1 && calls.method <= 1, "{calls:?}");
    if let RequestHeaderRule::Listed { count, .. } = config.request_headers() {
        assert!(calls.header <= count * 2, "{calls:?}");
    } else {
        assert_eq!(calls.header, 0);
    }
}

fuzz_target!(|data: &[u8]| {
    let Some((&selector, rest)) = data.split_first() else {
        return;
    };
    let policy = &POLICIES[usize::from(selector & 0x7f) % POLICIES.len()];
    let stale = selector & 0x80 != 0;
    let Some((method, request)) = cors_fuzz::request(rest, Some(OTHER)) else {
        return;
    };

    policies::reset_calls();
    let decision = decide(policy, &method, &request);
    let (kind, outcome) = (decision.kind(), decision.outcome());
    let (allowed, refusal) = (decision.is_allowed(), decision.refusal());
    let view = HttpRequestView::new(&method, &request);
    // Finding the refused name scans again: keep the decision's own calls.
    let decision_calls = policies::calls();
    let refused_header = decision.refused_header(policy, &view);
    let (status, response) = match outcome {
        Outcome::Respond(status) => {
            let response: http::Response<()> = decision
                .preflight_response()
                .expect("Respond gives a response");
            assert_eq!(response.status(), status);
            (Some(status.as_u16()), response.headers().clone())
        }
        Outcome::CallApp => {
            assert!(decision.preflight_response::<()>().is_none());
            let decision = decision.into_owned();
            assert_eq!(decision.refusal(), refusal);
            assert_eq!(decision.refused_header(policy, &view), refused_header);
            let mut headers = if stale {
                stale_app_headers()
            } else {
                HeaderMap::new()
            };
            decision.apply_to(&mut headers);
            // Applying twice (a second layer) changes nothing.
            let mut again = headers.clone();
            decision.apply_to(&mut again);
            assert_eq!(headers, again, "apply is not idempotent");
            (None, headers)
        }
    };
    policies::set_calls(decision_calls);
    check(policy, &method, &request, kind, outcome, status, &response);
    check_refusal(
        policy,
        &request,
        kind,
        allowed,
        refusal,
        refused_header,
        &response,
    );
});
