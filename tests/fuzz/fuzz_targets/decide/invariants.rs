//! The invariants of one answer (PROTOCOL.md): the classification, one
//! field per `Access-Control-*` header, `ACAO` and `ACAC`, `Vary`, refused
//! and allowed preflights, no preflight header on actual responses, and
//! the bounded number of questions to the policy.

use cors_core::{MethodRule, OriginRule, Outcome, Policy, RequestHeaderRule, RequestKind};
use cors_fuzz::policies::{self, FuzzPolicy};
use http::header::{self, HeaderMap, HeaderValue};
use http::Method;

use crate::headers::{acrh_names, cors_fields, count, vary_tokens, ACAPN};

pub fn check(
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
