//! Property tests: the real decision (core + `apply`, as the adapters use
//! it) against the reference model of PROTOCOL.md in `properties/model.rs`,
//! on generated requests — methods in odd cases, origins mixing allowed,
//! near-miss and garbage values, ACRH lists with whitespace, case, empty
//! elements and several fields, repeated fields — for several policies; and
//! the invariants that must hold whatever the policy.
//!
//! `cases` holds the policies (compiled, run-time, and as the model reads
//! them) and the real decision; `generators` the request strategies. The
//! other files of this folder are modules of other targets: `diff_text.rs`
//! of `diff`, `policy_text.rs` of `fmt_properties`.

mod cases;
mod generators;
mod model;

use model::Request;
use proptest::prelude::*;

use cases::{cases, dynamic, real};
use generators::request;

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
