//! Allocation counting: deciding and writing the CORS headers never allocates.
//!
//! A counting global allocator counts the allocations made by the current
//! thread while counting is on (tests run on several threads at once).

mod support;

use bytes::Bytes;
use cors_runtime::actix::Cors;
use cors_runtime::observe::Shadow;
use cors_runtime::tower::CorsLayer;
use cors_runtime::{decide, Outcome, PolicySource};
use support::harness::block_on;
use support::policy::{erase, TestPolicy};

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

/// Request headers built the way hyper builds them: every value is a slice
/// of one shared buffer (`HeaderValue::from_maybe_shared(Bytes)`), so that
/// cloning a value is a reference-count bump. The buffer is promoted to a
/// shared one (its first clone) before counting starts.
fn request_headers(fields: &[(&'static str, &[u8])]) -> http::HeaderMap {
    let mut raw = Vec::new();
    let mut ranges = Vec::new();
    for (_, value) in fields {
        ranges.push(raw.len()..raw.len() + value.len());
        raw.extend_from_slice(value);
    }
    let buffer = Bytes::from(raw);
    let _promote = buffer.clone();
    let mut headers = http::HeaderMap::with_capacity(fields.len().max(1));
    for ((name, _), range) in fields.iter().zip(ranges) {
        let value = http::HeaderValue::from_maybe_shared(buffer.slice(range)).unwrap();
        headers.append(http::HeaderName::from_static(name), value);
    }
    headers
}

struct Scenario {
    name: &'static str,
    policy: TestPolicy,
    method: http::Method,
    headers: http::HeaderMap,
    /// Allocations the response header map itself needs: several ACAH
    /// fields (one echo per ACRH field) put the second field in
    /// `http::HeaderMap`'s separate extra-value vector.
    extra_fields: usize,
    /// Allocations of `Decision::into_owned` (0 but for one rare path).
    detach_allocs: usize,
}

fn scenarios() -> Vec<Scenario> {
    let list = list_policy();
    let commas = vec![b','; 1 << 20];
    let many: Vec<(&'static str, &[u8])> = vec![("access-control-request-headers", b"x-a"); 10_000];
    let mut with_origin = vec![("origin", APP.as_bytes())];
    with_origin.extend(many);
    let preflight = |origin: &'static str, method: &'static str| {
        vec![
            ("origin", origin.as_bytes()),
            ("access-control-request-method", method.as_bytes()),
        ]
    };
    let s = |name, policy, method, fields: Vec<(&'static str, &[u8])>| Scenario {
        name,
        policy,
        method,
        headers: request_headers(&fields),
        extra_fields: 0,
        detach_allocs: 0,
    };
    let mut allowed_preflight = preflight(APP, "PUT");
    allowed_preflight.push(("access-control-request-headers", b"content-type,X-A, x-b"));
    allowed_preflight.push(("access-control-request-private-network", b"true"));
    let mut echo_preflight = preflight("https://a.example.com", "PUT");
    echo_preflight.push(("access-control-request-headers", b"x-a"));
    let mut creds_any = preflight(APP, "DELETE");
    creds_any.push(("access-control-request-headers", b"x-a"));
    creds_any.push(("access-control-request-headers", b"X-Foo, x-bar"));
    let mut huge = preflight(APP, "PUT");
    huge.push(("access-control-request-headers", &commas));
    let mut thousand = preflight("https://app999.example", "PUT");
    thousand.push(("access-control-request-headers", b"x-a"));
    vec![
        s(
            "allowed preflight",
            list,
            http::Method::OPTIONS,
            allowed_preflight,
        ),
        s(
            "allowed preflight, echoed origin",
            list,
            http::Method::OPTIONS,
            echo_preflight,
        ),
        Scenario {
            extra_fields: 1,
            // Detaching the decision (`into_owned`, which only `preflight:
            // forward` needs for a preflight) moves the echoed fields into
            // one vector.
            detach_allocs: 1,
            ..s(
                "allowed preflight, echoed ACRH fields",
                creds_any_policy(),
                http::Method::OPTIONS,
                creds_any,
            )
        },
        s(
            "refused preflight (origin)",
            list,
            http::Method::OPTIONS,
            preflight("https://evil.example", "PUT"),
        ),
        s(
            "refused preflight (method)",
            list,
            http::Method::OPTIONS,
            preflight(APP, "patch"),
        ),
        s(
            "refused preflight (1 MiB ACRH)",
            list,
            http::Method::OPTIONS,
            huge,
        ),
        s(
            "refused preflight (10,000 ACRH fields)",
            list,
            http::Method::OPTIONS,
            with_origin
                .iter()
                .map(|(n, v)| (*n, *v))
                .chain([("access-control-request-method", &b"PUT"[..])])
                .collect(),
        ),
        s(
            "allowed actual",
            list,
            http::Method::GET,
            vec![("origin", APP.as_bytes())],
        ),
        s(
            "allowed actual, echoed origin",
            list,
            http::Method::POST,
            vec![("origin", b"https://a.example.com")],
        ),
        s(
            "refused actual",
            list,
            http::Method::GET,
            vec![("origin", b"https://evil.example")],
        ),
        s(
            "no Origin",
            list,
            http::Method::GET,
            vec![("accept", b"*/*")],
        ),
        s(
            "1,000-origin policy, preflight",
            thousand_origins(),
            http::Method::OPTIONS,
            thousand,
        ),
        s(
            "1,000-origin policy, actual",
            thousand_origins(),
            http::Method::GET,
            vec![("origin", b"https://app0.example")],
        ),
    ]
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

/// The tower application: `200`; `room`: its response's header map
/// already has room for the CORS headers.
#[derive(Clone, Copy, Debug)]
struct TowerApp {
    room: bool,
}

impl tower::Service<http::Request<()>> for TowerApp {
    type Response = http::Response<String>;
    type Error = std::convert::Infallible;
    type Future = std::future::Ready<Result<http::Response<String>, Self::Error>>;

    fn poll_ready(
        &mut self,
        _: &mut std::task::Context<'_>,
    ) -> std::task::Poll<Result<(), Self::Error>> {
        std::task::Poll::Ready(Ok(()))
    }

    fn call(&mut self, _: http::Request<()>) -> Self::Future {
        let mut response = http::Response::new(String::new());
        if self.room {
            *response.headers_mut() = http::HeaderMap::with_capacity(16);
        }
        std::future::ready(Ok(response))
    }
}

/// Requests through the tower adapter built by `layer` for each scenario's
/// policy: an application whose response header map already has room costs
/// no allocation in the middleware; a preflight answer costs only its new
/// header map.
fn check_tower<P, Sh>(label: &str, layer: impl Fn(TestPolicy) -> CorsLayer<P, Sh>)
where
    P: PolicySource,
    Sh: Shadow,
{
    use tower::{Layer, ServiceExt};

    for scenario in scenarios() {
        for room in [true, false] {
            let app = TowerApp { room };
            let measure = |with_cors: bool| {
                let mut request = http::Request::new(());
                *request.method_mut() = scenario.method.clone();
                *request.headers_mut() = scenario.headers.clone();
                // Warm up, then measure.
                let mut counts = [0; 2];
                for count in &mut counts {
                    let request = clone_request(&request);
                    if with_cors {
                        let service = layer(scenario.policy).layer(app);
                        start();
                        let response = block_on(service.oneshot(request)).unwrap();
                        *count = stop();
                        drop(response);
                    } else {
                        start();
                        let response = block_on(app.oneshot(request)).unwrap();
                        *count = stop();
                        drop(response);
                    }
                }
                counts[1]
            };
            let base = measure(false);
            let with_cors = measure(true);
            let extra = with_cors.saturating_sub(base);
            let preflight_answered = is_answered(&scenario);
            let limit = if preflight_answered || !room { 2 } else { 0 } + scenario.extra_fields;
            assert!(
                extra <= limit,
                "{label}, {} (room: {room}): {extra} extra allocation(s)",
                scenario.name
            );
        }
    }
}

#[test]
fn tower_adapter() {
    check_tower("tower", CorsLayer::new);
}

fn clone_request(request: &http::Request<()>) -> http::Request<()> {
    let mut clone = http::Request::new(());
    *clone.method_mut() = request.method().clone();
    *clone.headers_mut() = request.headers().clone();
    clone
}

fn is_answered(scenario: &Scenario) -> bool {
    let decision = decide(&scenario.policy, &scenario.method, &scenario.headers);
    matches!(decision.outcome(), Outcome::Respond(_))
}

/// Requests through the actix-web adapter built by `cors` for each
/// scenario's policy, compared with the same application without the
/// middleware.
fn check_actix<P, Sh>(label: &str, cors: impl Fn(TestPolicy) -> Cors<P, Sh>)
where
    P: PolicySource,
    Sh: Shadow,
{
    use actix_web::{test, web, HttpResponse};

    for scenario in scenarios() {
        let (base, with_cors) = actix_web::rt::System::new().block_on(async {
            let plain = test::init_service(
                actix_web::App::new()
                    .default_service(web::to(|| async { HttpResponse::Ok().finish() })),
            )
            .await;
            let wrapped = test::init_service(
                actix_web::App::new()
                    .wrap(cors(scenario.policy))
                    .default_service(web::to(|| async { HttpResponse::Ok().finish() })),
            )
            .await;
            let request = || {
                let mut request = test::TestRequest::default().method(
                    actix_web::http::Method::from_bytes(scenario.method.as_str().as_bytes())
                        .unwrap(),
                );
                // Shared-buffer values, as actix-http's parser builds them.
                for (name, value) in &scenario.headers {
                    let shared = Bytes::copy_from_slice(value.as_bytes());
                    let _promote = shared.clone();
                    request = request.append_header((
                        name.as_str(),
                        actix_web::http::header::HeaderValue::from_maybe_shared(shared).unwrap(),
                    ));
                }
                request.to_request()
            };
            let mut base = 0;
            let mut with_cors = 0;
            for _ in 0..2 {
                let req = request();
                start();
                let res = test::call_service(&plain, req).await;
                base = stop();
                drop(res);
                let req = request();
                start();
                let res = test::call_service(&wrapped, req).await;
                with_cors = stop();
                drop(res);
            }
            (base, with_cors)
        });
        let extra = with_cors.saturating_sub(base);
        // No extra allocation at all: actix-web's header map keeps up to four
        // fields per name inline, and a preflight answer even saves the
        // application's allocations.
        let limit = 0;
        assert!(
            extra <= limit,
            "{label}, {}: {extra} extra allocation(s) (base {base})",
            scenario.name
        );
    }
}

#[test]
fn actix_adapter() {
    check_actix("actix", Cors::new);
}

/// Feature `tracing` (PROTOCOL §8): still no allocation per request with
/// the feature on and no subscriber (the tests above, when the feature is
/// on), with a subscriber that filters the events out, and with a shadow
/// policy that agrees with the policy.
#[cfg(feature = "tracing")]
mod observe {
    use cors_runtime::actix::Cors;
    use cors_runtime::tower::CorsLayer;
    use cors_tests::capture::Capture;
    use tracing::Level;

    use super::support::harness::Req;
    use super::{check_actix, check_tower, list_policy};

    #[test]
    fn with_a_subscriber_that_filters_the_events_out() {
        for capture in [
            Capture::new().max_level(Level::INFO),
            Capture::new().only_target("another_crate"),
        ] {
            tracing::subscriber::with_default(capture.clone(), || {
                check_tower("tower, filtered", CorsLayer::new);
                check_actix("actix, filtered", Cors::new);
            });
            assert_eq!(capture.events(), []);
        }
    }

    #[test]
    fn with_a_shadow_policy_that_agrees() {
        // A subscriber listening to the shadow events only: the candidate
        // decides every request.
        let capture = Capture::new().only_target("cors_runtime::shadow");
        tracing::subscriber::with_default(capture.clone(), || {
            check_tower("tower, shadow", |policy| {
                CorsLayer::new(policy).with_shadow(policy)
            });
            check_actix("actix, shadow", |policy| {
                Cors::new(policy).with_shadow(policy)
            });
        });
        assert_eq!(capture.events(), []);

        // The same subscriber does see a disagreement.
        cors_runtime::cors_policy! { policy Nobody { origins: "https://nobody.example"; } }
        let req = Req::new("GET").origin(super::APP);
        tracing::subscriber::with_default(capture.clone(), || {
            let layer = CorsLayer::new(list_policy()).with_shadow(Nobody);
            let service = tower::Layer::layer(&layer, super::TowerApp { room: true });
            let request = super::support::harness::http_request(&req);
            let mut request = request.map(|_| ());
            *request.method_mut() = http::Method::GET;
            super::block_on(tower::ServiceExt::oneshot(service, request)).unwrap();
        });
        assert_eq!(capture.events().len(), 1);
    }
}
