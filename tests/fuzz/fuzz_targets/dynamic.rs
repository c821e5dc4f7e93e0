//! Policy text parsed at run time (`DynamicPolicy`), then a request decided
//! with it: the two halves of a run-time engine fed together.
//!
//! Input: policy text, a NUL byte, then a request in the format of the
//! `decide` target (method line, then one header per line: `o` Origin, `m`
//! ACRM, `h` ACRH, `p` ACRPN). Checks: `compile_str` and `DynamicPolicy`
//! agree on validity; no panic; and the decision respects the policy model
//! (never `ACAO: *` with `ACAC`; a reflected origin is one the model lists or
//! a pattern matches per the reference matcher; `Vary: origin` for listed
//! origins; a refused preflight is a bare `403`; `authorization` only when
//! listed; a non-safelisted method only when listed or `*`; a CORS request
//! is refused exactly when it has a `refusal()` reason; an
//! `Access-Control-Request-Method` over 64 bytes is always refused).

#![no_main]

use cors_core::{WildcardHost, WildcardPattern, WildcardPort};
use cors_dsl::model::{self, HostPattern, Methods, Origins, PortPattern, RequestHeaders};
use cors_fuzz::reference;
use cors_runtime::dynamic::DynamicPolicy;
use cors_runtime::{decide, Outcome, RequestKind};
use http::header::{self, HeaderMap, HeaderValue};
use http::Method;
use libfuzzer_sys::fuzz_target;

/// Whether the model allows `origin`, using the reference matcher for patterns.
fn model_allows(policy: &model::Policy, origin: &[u8]) -> bool {
    let Origins::List(list) = &policy.origins else {
        return true;
    };
    if list.null && origin == b"null" {
        return true;
    }
    if list.exact.iter().any(|e| e.as_bytes() == origin) {
        return true;
    }
    list.patterns.iter().any(|p| {
        let digits = match p.port {
            PortPattern::Exact(port) => port.to_string(),
            _ => String::new(),
        };
        let pattern: WildcardPattern<&str> = WildcardPattern {
            scheme: &p.scheme,
            host: match &p.host {
                HostPattern::Exact(h) => WildcardHost::Exact(h),
                HostPattern::Subdomains(s) => WildcardHost::Subdomains(s),
            },
            port: match p.port {
                PortPattern::Default => WildcardPort::Default,
                PortPattern::Exact(_) => WildcardPort::Exact(&digits),
                PortPattern::Any => WildcardPort::Any,
            },
        };
        reference::pattern_matches(&pattern, origin)
    })
}

fn check(policy: &model::Policy, method: &Method, request: &HeaderMap) {
    let dynamic = DynamicPolicy::from_model(policy.clone());
    let decision = decide(&dynamic, method, request);
    let kind = decision.kind();
    let (allowed, refusal) = (decision.is_allowed(), decision.refusal());
    let (status, response) = match decision.outcome() {
        Outcome::Respond(status) => {
            let response: http::Response<()> = decision.preflight_response().unwrap();
            (Some(status.as_u16()), response.headers().clone())
        }
        Outcome::CallApp => {
            let mut headers = HeaderMap::new();
            decision.into_owned().apply_to(&mut headers);
            (None, headers)
        }
    };

    let origins: Vec<&HeaderValue> = request.get_all(header::ORIGIN).iter().collect();
    let acao = response.get(header::ACCESS_CONTROL_ALLOW_ORIGIN);
    let acac = response.get(header::ACCESS_CONTROL_ALLOW_CREDENTIALS);
    assert!(
        response
            .get_all(header::ACCESS_CONTROL_ALLOW_ORIGIN)
            .iter()
            .count()
            <= 1
    );
    if acac.is_some() {
        assert!(policy.credentials && acao.is_some_and(|v| v != "*"));
    }
    match acao {
        None => {}
        Some(v) if v == "*" => assert_eq!(policy.origins, Origins::Any),
        Some(v) => {
            assert_eq!(origins.len(), 1);
            assert_eq!(v.as_bytes(), origins[0].as_bytes());
            assert!(model_allows(policy, v.as_bytes()), "reflected {v:?}");
        }
    }
    let vary_origin = response.get_all(header::VARY).iter().any(|v| {
        v.as_bytes()
            .split(|&b| b == b',')
            .any(|t| t.trim_ascii() == b"origin")
    });
    if matches!(policy.origins, Origins::List(_)) || kind == RequestKind::Preflight {
        assert!(vary_origin);
    }
    // Refused ⇔ a reason (requests without `Origin` have none).
    match kind {
        RequestKind::NotCors => assert_eq!(refusal, None),
        _ => {
            assert_eq!(allowed, refusal.is_none());
            assert_eq!(acao.is_some(), allowed);
        }
    }
    let cors_fields = response
        .keys()
        .filter(|k| k.as_str().starts_with("access-control-"))
        .count();
    cors_fuzz::assert_long_method_refused(kind, request, refusal);
    if kind == RequestKind::Preflight {
        assert!(response
            .get(header::ACCESS_CONTROL_EXPOSE_HEADERS)
            .is_none());
        if acao.is_none() {
            assert_eq!(status, Some(403));
            assert_eq!(cors_fields, 0);
        } else {
            let acrm = request.get(header::ACCESS_CONTROL_REQUEST_METHOD).unwrap();
            let requested = acrm.as_bytes();
            if !matches!(requested, b"GET" | b"HEAD" | b"POST") {
                match &policy.methods {
                    Methods::Any => {}
                    Methods::List(list) => {
                        assert!(list.iter().any(|m| m.as_bytes() == requested));
                    }
                }
            }
            let asks_authorization = request
                .get_all(header::ACCESS_CONTROL_REQUEST_HEADERS)
                .iter()
                .flat_map(|v| v.as_bytes().split(|&b| b == b','))
                .any(|t| t.trim_ascii().eq_ignore_ascii_case(b"authorization"));
            if asks_authorization {
                match &policy.request_headers {
                    RequestHeaders::Any { authorization } => assert!(*authorization),
                    RequestHeaders::List(list) => {
                        assert!(list.iter().any(|h| h == "authorization"));
                    }
                }
            }
        }
    } else {
        for name in [
            header::ACCESS_CONTROL_ALLOW_METHODS,
            header::ACCESS_CONTROL_ALLOW_HEADERS,
            header::ACCESS_CONTROL_MAX_AGE,
        ] {
            assert!(response.get(name).is_none());
        }
    }
}

fuzz_target!(|data: &[u8]| {
    let split = data.iter().position(|&b| b == 0).unwrap_or(data.len());
    let Ok(text) = std::str::from_utf8(&data[..split]) else {
        return;
    };
    let compiled = cors_dsl::compile_str("fuzz.cors", text, None);
    let Ok(compiled) = compiled else {
        assert!(DynamicPolicy::parse(text, "Anything").is_err());
        return;
    };
    let rest = data.get(split + 1..).unwrap_or(&[]);
    let Some((method, request)) = cors_fuzz::request(rest, None) else {
        return;
    };
    for policy in compiled.policies.iter().take(3) {
        let parsed =
            DynamicPolicy::parse(text, &policy.name).expect("valid text parses at run time");
        assert_eq!(parsed.model(), policy);
        check(policy, &method, &request);
    }
});
