//! Allocation counting: deciding and writing the CORS headers never allocates.
//!
//! A counting global allocator counts the allocations made by the current
//! thread while counting is on (tests run on several threads at once).
//!
//! `scenarios` holds the requests measured, `adapters` the measurements
//! through tower and actix-web, `observe` the same with the feature
//! `tracing` on, `sizes` what the adapters' futures keep; this file the
//! policies and the decision-core tests.

#[path = "../support/mod.rs"]
mod support;

mod adapters;
#[path = "../support/hyper_headers.rs"]
mod hyper_headers;
#[cfg(feature = "tracing")]
mod observe;
mod scenarios;
mod sizes;

use cors_runtime::actix::Cors;
use cors_runtime::decide;
use cors_runtime::tower::CorsLayer;
use support::policy::{erase, TestPolicy};

use adapters::{check_actix, check_tower};
use hyper_headers::request_headers;
use scenarios::scenarios;

#[global_allocator]
static GLOBAL: cors_tests::counting::Counting = cors_tests::counting::Counting;

use cors_tests::counting::{start, stop};

const APP: &str = "https://app.example";

mod compiled {
    cors_runtime::cors_policy! {
        pub policy List {
            origins: "https://app.example", "https://*.example.com";
            methods: PUT;
            request-headers: content-type, x-a, x-b;
            expose-headers: x-id;
            max-age: 600;
            private-network: true;
        }
        pub policy CredsAny {
            origins: "https://app.example";
            credentials: true;
            methods: *;
            request-headers: *;
        }
        include "ui/policies/thousand-origins.cors";
    }
}

fn list_policy() -> TestPolicy {
    erase(compiled::List)
}

fn creds_any_policy() -> TestPolicy {
    erase(compiled::CredsAny)
}

fn thousand_origins() -> TestPolicy {
    erase(compiled::ThousandOrigins)
}

#[test]
fn decision_core_allocates_nothing() {
    for scenario in scenarios() {
        for round in 0..2 {
            let mut response = http::HeaderMap::with_capacity(16);
            start();
            let decision = decide(&scenario.policy, &scenario.method, &scenario.headers);
            decision.apply_to(&mut response);
            let count = stop();
            assert!(
                count <= scenario.extra_fields,
                "{} (round {round}): {count} allocation(s)",
                scenario.name
            );
            let outcome = decision.outcome();
            start();
            let owned = decision.into_owned();
            owned.apply_to(&mut response);
            drop(owned);
            let count = stop();
            assert!(
                count <= scenario.extra_fields + scenario.detach_allocs,
                "{} detached (round {round}): {count} allocation(s)",
                scenario.name
            );
            assert!(!response.is_empty(), "{}", scenario.name);
            let _ = outcome;
        }
    }
}

#[test]
fn appending_to_an_existing_vary_allocates_at_most_once() {
    let policy = list_policy();
    let headers = request_headers(&[("origin", APP.as_bytes())]);
    let mut response = http::HeaderMap::with_capacity(16);
    response.insert("vary", http::HeaderValue::from_static("accept-encoding"));
    start();
    decide(&policy, &http::Method::GET, &headers).apply_to(&mut response);
    let count = stop();
    // `http::HeaderMap` keeps a name's second field in a separate vector.
    assert!(count <= 1, "{count}");
    assert_eq!(response.get_all("vary").iter().count(), 2);
}

#[test]
fn preflight_answer_allocates_only_its_header_map() {
    let policy = list_policy();
    let headers = request_headers(&[
        ("origin", APP.as_bytes()),
        ("access-control-request-method", b"PUT"),
        ("access-control-request-headers", b"x-a"),
    ]);
    start();
    let decision = decide(&policy, &http::Method::OPTIONS, &headers);
    let response: http::Response<String> = decision.preflight_response().unwrap();
    let count = stop();
    // `HeaderMap::with_capacity` allocates its index table and its entries.
    assert!(count <= 2, "{count}");
    assert_eq!(response.status(), 204);
}

#[test]
fn tower_adapter() {
    check_tower("tower", CorsLayer::new);
}

#[test]
fn actix_adapter() {
    check_actix("actix", Cors::new);
}
