//! The policies of the properties: each compiled by `cors_policy!`, parsed
//! at run time, and stated as the model reads it; and the real decision (the
//! decision core and `apply`, as the adapters use them) in the model's
//! reduced form.

use std::collections::BTreeMap;
use std::sync::OnceLock;

use cors_runtime::dynamic::DynamicPolicy;
use cors_runtime::{decide, Outcome, Policy};

use crate::model::{self, Headers, Request, Response, Spec};

// ------------------------------------------------------------- the policies

mod compiled {
    cors_runtime::cors_policy! { include "tests/properties/policies.cors"; }
}

/// The same text, parsed at run time.
const POLICIES: &str = include_str!("policies.cors");

/// The run-time policy named `name`, parsed once.
pub fn dynamic(name: &str) -> &'static DynamicPolicy {
    static PARSED: OnceLock<Vec<(&'static str, DynamicPolicy)>> = OnceLock::new();
    let parsed = PARSED.get_or_init(|| {
        [
            "ListedCreds",
            "AnyOrigin",
            "NullOptIn",
            "EchoCreds",
            "Forwarded",
        ]
        .into_iter()
        .map(|n| (n, DynamicPolicy::parse(POLICIES, n).unwrap()))
        .collect()
    });
    &parsed.iter().find(|(n, _)| *n == name).unwrap().1
}

/// The real decision for one policy.
pub type Real = fn(&Request) -> (Response, http::HeaderMap);

/// Each case: a description, the policy's name in `policies.cors`, the
/// policy as the model reads it, and the compiled one.
pub fn cases() -> Vec<(&'static str, &'static str, Spec, Real)> {
    vec![
        (
            "listed with credentials",
            "ListedCreds",
            Spec {
                origins: Some(vec![
                    "https://app.example",
                    "https://*.example.com",
                    "http://localhost:*",
                    "https://*.example.org:*",
                    "http://[::1]:3000",
                    "https://trailing.example.",
                ]),
                credentials: true,
                methods: Some(vec!["PUT", "PATCH", "chicken"]),
                request_headers: Headers::List(vec!["content-type", "x-a", "x-b", "authorization"]),
                expose: Some("x-id,etag"),
                max_age: Some(600),
                private_network: false,
                status_200: false,
                forward: false,
            },
            |r| real(&compiled::ListedCreds, r),
        ),
        (
            "any origin",
            "AnyOrigin",
            Spec {
                origins: None,
                credentials: false,
                methods: None,
                request_headers: Headers::Any(false),
                expose: Some("*"),
                max_age: Some(0),
                private_network: false,
                status_200: false,
                forward: false,
            },
            |r| real(&compiled::AnyOrigin, r),
        ),
        (
            "null opted in, any headers with authorization, 200",
            "NullOptIn",
            Spec {
                origins: Some(vec!["null", "https://app.example"]),
                credentials: false,
                methods: Some(vec!["DELETE"]),
                request_headers: Headers::Any(true),
                expose: None,
                max_age: None,
                private_network: false,
                status_200: true,
                forward: false,
            },
            |r| real(&compiled::NullOptIn, r),
        ),
        (
            "credentials with echoed methods and headers, private network",
            "EchoCreds",
            Spec {
                origins: Some(vec!["https://app.example", "https://*.example.com:8443"]),
                credentials: true,
                methods: None,
                request_headers: Headers::Any(false),
                expose: None,
                max_age: Some(7200),
                private_network: true,
                status_200: false,
                forward: false,
            },
            |r| real(&compiled::EchoCreds, r),
        ),
        (
            "forwarded, no request headers",
            "Forwarded",
            Spec {
                origins: Some(vec!["https://app.example", "http://localhost:*"]),
                credentials: false,
                methods: Some(vec!["PUT"]),
                request_headers: Headers::List(vec![]),
                expose: None,
                max_age: None,
                private_network: false,
                status_200: false,
                forward: true,
            },
            |r| real(&compiled::Forwarded, r),
        ),
    ]
}

// -------------------------------------------------------- the real decision

/// Runs `request` through the decision core and `apply`, the way both
/// adapters do, around an application that writes [`model::app_headers`].
pub fn real<P: Policy>(policy: &P, request: &Request) -> (Response, http::HeaderMap) {
    let method = http::Method::from_bytes(request.method.as_bytes()).unwrap();
    let mut headers = http::HeaderMap::new();
    for (name, value) in &request.fields {
        headers.append(
            http::HeaderName::from_static(name),
            http::HeaderValue::from_bytes(value).unwrap(),
        );
    }
    let decision = decide(policy, &method, &headers);
    let (app_called, status, response) = match decision.outcome() {
        Outcome::Respond(status) => {
            let response: http::Response<()> = decision.preflight_response().unwrap();
            assert_eq!(response.status(), status);
            (false, Some(status.as_u16()), response.headers().clone())
        }
        Outcome::CallApp => {
            let decision = decision.into_owned();
            let mut response = http::HeaderMap::new();
            for (name, value) in model::app_headers() {
                response.append(name, http::HeaderValue::from_static(value));
            }
            decision.apply_to(&mut response);
            (true, None, response)
        }
    };
    let mut cors: BTreeMap<String, Vec<Vec<u8>>> = BTreeMap::new();
    for (name, value) in &response {
        if name.as_str().starts_with("access-control-") {
            cors.entry(name.as_str().to_owned())
                .or_default()
                .push(value.as_bytes().to_vec());
        }
    }
    let vary = response
        .get_all(http::header::VARY)
        .iter()
        .flat_map(|v| v.to_str().unwrap().split(','))
        .map(|t| t.trim().to_ascii_lowercase())
        .collect();
    let reduced = Response {
        app_called,
        status,
        cors,
        vary,
    };
    (reduced, response)
}
