//! Property tests: the real decision (core + `apply`, as the adapters use
//! it) against the reference model of PROTOCOL.md in `properties/model.rs`,
//! on generated requests — methods in odd cases, origins mixing allowed,
//! near-miss and garbage values, ACRH lists with whitespace, case, empty
//! elements and several fields, repeated fields — for several policies; and
//! the invariants that must hold whatever the policy.

#[path = "properties/model.rs"]
mod model;

use std::collections::BTreeMap;

use std::sync::OnceLock;

use cors_runtime::dynamic::DynamicPolicy;
use cors_runtime::{decide, Outcome, Policy};
use model::{Headers, Request, Response, Spec};
use proptest::prelude::*;

// ------------------------------------------------------------- the policies

mod compiled {
    cors_runtime::cors_policy! { include "tests/properties/policies.cors"; }
}

/// The same text, parsed at run time.
const POLICIES: &str = include_str!("properties/policies.cors");

/// The run-time policy named `name`, parsed once.
fn dynamic(name: &str) -> &'static DynamicPolicy {
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
type Real = fn(&Request) -> (Response, http::HeaderMap);

/// Each case: a description, the policy's name in `policies.cors`, the
/// policy as the model reads it, and the compiled one.
fn cases() -> Vec<(&'static str, &'static str, Spec, Real)> {
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
fn real<P: Policy>(policy: &P, request: &Request) -> (Response, http::HeaderMap) {
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

// ------------------------------------------------------------ the generators

const ALLOWED_ORIGINS: &[&str] = &[
    "https://app.example",
    "https://a.example.com",
    "https://a.b.example.com",
    "https://x-1_y.example.com",
    "https://a.example.org",
    "https://a.example.org:8443",
    "https://a.example.com:8443",
    "http://localhost",
    "http://localhost:3000",
    "http://[::1]:3000",
    "https://trailing.example.",
    "null",
];

const NEAR_MISSES: &[&str] = &[
    "https://example.com",
    "https://evilexample.com",
    "https://a.example.com.evil.net",
    "https://app.example.evil",
    "https://APP.example",
    "HTTPS://app.example",
    "https://app.example/",
    "https://app.example:443",
    "https://app.example.",
    "https://trailing.example",
    "http://app.example",
    "https://a.example.com:443",
    "https://a.example.org:0",
    "https://a.example.org:08443",
    "https://a.example.org:65536",
    "https://a.example.org:",
    "http://localhost:80",
    "http://localhost:03000",
    "http://localhost.:3000",
    "http://LOCALHOST:3000",
    "http://[::1]",
    "http://[::01]:3000",
    "http://[::1%25eth0]:3000",
    " https://app.example",
    "https://app.example ",
    "https://a..example.com",
    "https://.example.com",
    "https://user@app.example",
    "https://xn--pple-43d.example",
    "Null",
    "NULL",
    "",
    "*",
    "https://app.example,https://app.example",
];

/// An origin: allowed, a near miss, a mutated allowed one, or garbage.
fn origin() -> impl Strategy<Value = Vec<u8>> {
    prop_oneof![
        4 => prop::sample::select(ALLOWED_ORIGINS).prop_map(|o| o.as_bytes().to_vec()),
        3 => prop::sample::select(NEAR_MISSES).prop_map(|o| o.as_bytes().to_vec()),
        2 => (prop::sample::select(ALLOWED_ORIGINS), any::<prop::sample::Index>(), 0x20u8..0x7f)
            .prop_map(|(o, at, byte)| {
                let mut bytes = o.as_bytes().to_vec();
                if !bytes.is_empty() {
                    let i = at.index(bytes.len());
                    bytes[i] = byte;
                }
                bytes
            }),
        1 => "[ -~]{0,40}".prop_map(String::into_bytes),
        1 => prop::collection::vec(prop_oneof![0x20u8..0x7f, Just(b'\t'), 0x80u8..=0xff], 0..40),
    ]
}

fn method() -> impl Strategy<Value = String> {
    prop_oneof![
        1 => Just("OPTIONS"),
        1 => prop::sample::select(&[
            "options", "Options", "GET", "get", "HEAD", "POST", "post", "PUT", "put", "PATCH",
            "patch", "DELETE", "chicken", "CHICKEN", "*",
        ][..]),
    ]
    .prop_map(str::to_owned)
}

fn request_method() -> impl Strategy<Value = Vec<u8>> {
    prop_oneof![
        8 => prop::sample::select(&[
            "GET", "HEAD", "POST", "PUT", "put", "PATCH", "patch", "Patch", "DELETE", "delete",
            "chicken", "CHICKEN", "CONNECT", "*", "",
        ][..])
        .prop_map(|m| m.as_bytes().to_vec()),
        1 => prop::sample::select(&["P T", " PUT", "PUT ", "P@T", "PUT,PATCH", "P\tT"][..])
            .prop_map(|m| m.as_bytes().to_vec()),
    ]
}

/// One ACRH element: a name (in some case) with optional whitespace around.
fn acrh_element() -> impl Strategy<Value = String> {
    let name = prop::sample::select(
        &[
            "content-type",
            "Content-Type",
            "CONTENT-TYPE",
            "x-a",
            "X-A",
            "x-b",
            "authorization",
            "Authorization",
            "x-unknown",
            "",
            "",
            "x a",
            "x@y",
            "*",
            "cookie",
        ][..],
    );
    let ows = "[ \t]{0,3}";
    (ows, name, ows).prop_map(|(before, name, after)| format!("{before}{name}{after}"))
}

fn acrh_field() -> impl Strategy<Value = Vec<u8>> {
    prop_oneof![
        6 => prop::collection::vec(acrh_element(), 0..6).prop_map(|e| e.join(",").into_bytes()),
        1 => (8usize..24, "[ \t]{0,2}")
            .prop_map(|(n, ows)| format!("{ows}{}", ",".repeat(n)).into_bytes()),
    ]
}

fn request() -> impl Strategy<Value = Request> {
    (
        method(),
        prop::collection::vec(origin(), 0..=2),
        prop::collection::vec(request_method(), 0..=2),
        prop::collection::vec(acrh_field(), 0..=3),
        prop::collection::vec(prop::sample::select(&["true", "TRUE", "false"][..]), 0..=2),
        (0usize..=2, 0usize..=3, 0usize..=1),
    )
        .prop_map(|(method, origins, acrm, acrh, pna, weights)| {
            // Mostly one field of each; sometimes none or two.
            let (o, m, h) = weights;
            let origins = if o == 0 {
                origins
            } else {
                origins.into_iter().take(1).collect()
            };
            let acrm = if m > 0 {
                acrm.into_iter().take(1).collect()
            } else {
                acrm
            };
            let acrh = if h > 0 {
                acrh
            } else {
                acrh.into_iter().take(1).collect()
            };
            let mut fields = Vec::new();
            fields.extend(origins.into_iter().map(|v| ("origin", v)));
            fields.extend(
                acrm.into_iter()
                    .map(|v| ("access-control-request-method", v)),
            );
            fields.extend(
                acrh.into_iter()
                    .map(|v| ("access-control-request-headers", v)),
            );
            fields.extend(pna.into_iter().map(|v| {
                (
                    "access-control-request-private-network",
                    v.as_bytes().to_vec(),
                )
            }));
            fields.push(("accept", b"*/*".to_vec()));
            Request { method, fields }
        })
        .prop_filter("http accepts the header values", |r| {
            r.fields
                .iter()
                .all(|(_, v)| http::HeaderValue::from_bytes(v).is_ok())
        })
}

// ------------------------------------------------------------- the properties

fn config() -> ProptestConfig {
    ProptestConfig {
        cases: 1000,
        failure_persistence: None,
        ..ProptestConfig::default()
    }
}

proptest! {
    #![proptest_config(config())]

    /// The real decision is exactly the model's, for every policy.
    #[test]
    fn decision_matches_the_model(request in request()) {
        for (name, policy, spec, compiled) in cases() {
            let expected = model::respond(&spec, &request);
            let (actual, _) = compiled(&request);
            prop_assert_eq!(&actual, &expected, "compiled {:?}, request {:?}", name, request);
            let (actual, _) = real(dynamic(policy), &request);
            prop_assert_eq!(&actual, &expected, "run-time {:?}, request {:?}", name, request);
        }
    }

    /// What must hold whatever the policy and the request (PROTOCOL §2–5).
    #[test]
    fn invariants(request in request()) {
        for (name, _, spec, compiled) in cases() {
            let (reduced, response) = compiled(&request);
            let acao: Vec<_> = response.get_all("access-control-allow-origin").iter().collect();
            let acac = response.get("access-control-allow-credentials");
            let origins: Vec<&[u8]> = request
                .fields
                .iter()
                .filter(|(n, _)| *n == "origin")
                .map(|(_, v)| v.as_slice())
                .collect();
            prop_assert!(acao.len() <= 1, "{}: {} ACAO fields", name, acao.len());
            if let Some(acao) = acao.first() {
                prop_assert!(!(*acao == "*" && acac.is_some()), "{}: ACAO * with ACAC", name);
                prop_assert!(
                    *acao == "*" || origins == [acao.as_bytes()],
                    "{}: ACAO {:?} is neither * nor the request origin {:?}", name, acao, origins
                );
            }
            if let Some(acac) = acac {
                prop_assert_eq!(acac, "true");
            }
            if spec.origins.is_some() {
                prop_assert!(reduced.vary.iter().any(|t| t == "origin"), "{}: no Vary: origin", name);
            }
            if reduced.status == Some(403) {
                prop_assert!(!reduced.app_called);
                prop_assert!(reduced.cors.is_empty(), "{}: refused preflight with {:?}", name, reduced.cors);
            }
            if !reduced.app_called {
                prop_assert!(matches!(reduced.status, Some(200 | 204 | 403)));
            }
        }
    }
}

/// The model itself, on rows whose answer is known (so a wrong model cannot
/// make the comparison above vacuous).
#[test]
fn model_sanity() {
    let cases = cases();
    let listed = &cases[0].2;
    let req = |method: &str, fields: &[(&'static str, &str)]| Request {
        method: method.to_owned(),
        fields: fields
            .iter()
            .map(|(n, v)| (*n, v.as_bytes().to_vec()))
            .collect(),
    };
    let ok = model::respond(
        listed,
        &req(
            "OPTIONS",
            &[
                ("origin", "https://a.b.example.com"),
                ("access-control-request-method", "PATCH"),
                ("access-control-request-headers", "X-A, content-type"),
            ],
        ),
    );
    assert_eq!(ok.status, Some(204));
    assert_eq!(
        ok.cors["access-control-allow-origin"],
        [b"https://a.b.example.com".to_vec()]
    );
    assert_eq!(ok.cors["access-control-allow-methods"], [b"PATCH".to_vec()]);
    for (origin, method) in [
        ("https://evilexample.com", "PUT"),
        ("https://a.example.com", "patch"),
        ("https://a.example.com:443", "PUT"),
        ("https://APP.example", "PUT"),
    ] {
        let refused = model::respond(
            listed,
            &req(
                "OPTIONS",
                &[
                    ("origin", origin),
                    ("access-control-request-method", method),
                ],
            ),
        );
        assert_eq!(refused.status, Some(403), "{origin} {method}");
        assert!(refused.cors.is_empty());
    }
    let actual = model::respond(listed, &req("GET", &[("origin", "https://app.example")]));
    assert!(actual.app_called);
    assert_eq!(actual.vary, ["accept-encoding", "origin"]);
    assert_eq!(
        actual.cors["access-control-allow-credentials"],
        [b"true".to_vec()]
    );
}
