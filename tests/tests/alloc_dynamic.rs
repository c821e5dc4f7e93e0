//! Allocation counting for run-time policies: building a `DynamicPolicy`
//! allocates, deciding with it does not — directly, through a
//! `ReloadablePolicy` snapshot, and through both adapters (compared with the
//! same application without the middleware), including while the policy is
//! being reloaded.
//!
//! A counting global allocator counts the allocations made by the current
//! thread while counting is on (tests run on several threads at once).

use bytes::Bytes;
use cors_runtime::dynamic::{DynamicPolicy, ReloadablePolicy};
use cors_runtime::{decide, ConstValue, Outcome, PolicySource};

#[global_allocator]
static GLOBAL: cors_tests::counting::Counting = cors_tests::counting::Counting;

use cors_tests::counting::{count, start, stop};

const POLICY: &str = r#"
    policy List {
        origins: "https://app.example", "https://b.example", "https://c.example",
                 "https://*.example.com", "http://localhost:*";
        methods: PUT, DELETE;
        request-headers: content-type, x-a, x-b;
        expose-headers: x-id, etag;
        max-age: 600;
        private-network: true;
    }
    policy CredsAny {
        origins: "https://app.example";
        credentials: true;
        methods: *;
        request-headers: *;
    }
    policy Star {
        origins: *;
        request-headers: *, authorization;
        expose-headers: *;
    }
"#;

fn policy(name: &str) -> DynamicPolicy {
    DynamicPolicy::parse(POLICY, name).expect("valid policy")
}

/// A thousand exact origins and wildcard patterns.
fn thousand_origins() -> DynamicPolicy {
    let mut text = String::from("policy Big { origins: ");
    for i in 0..1000 {
        text.push_str(&format!("\"https://app{i}.example\", "));
    }
    text.push_str("\"https://*.example.com\"; methods: PUT; }");
    DynamicPolicy::parse(&text, "Big").expect("valid policy")
}

/// Request headers built the way hyper builds them: every value is a slice
/// of one shared buffer, promoted (first clone) before counting starts.
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
        let value = http::HeaderValue::from_maybe_shared(buffer.slice(range)).expect("value");
        headers.append(http::HeaderName::from_static(name), value);
    }
    headers
}

struct Scenario {
    name: &'static str,
    policy: DynamicPolicy,
    method: http::Method,
    headers: http::HeaderMap,
    /// Allocations the response header map itself needs (a second ACAH
    /// field goes into `http::HeaderMap`'s extra-value vector).
    extra_fields: usize,
    /// Allocations of `Decision::into_owned` (0 but for one rare path).
    detach_allocs: usize,
}

fn scenarios() -> Vec<Scenario> {
    let list = policy("List");
    let commas = vec![b','; 1 << 20];
    let preflight = |origin: &'static str, method: &'static str| {
        vec![
            ("origin", origin.as_bytes()),
            ("access-control-request-method", method.as_bytes()),
        ]
    };
    let s = |name, policy: &DynamicPolicy, method, fields: Vec<(&'static str, &[u8])>| Scenario {
        name,
        policy: policy.clone(),
        method,
        headers: request_headers(&fields),
        extra_fields: 0,
        detach_allocs: 0,
    };
    let mut allowed = preflight("https://app.example", "PUT");
    allowed.push(("access-control-request-headers", b"content-type,X-A, x-b"));
    allowed.push(("access-control-request-private-network", b"true"));
    let mut echo = preflight("https://a.example.com", "DELETE");
    echo.push(("access-control-request-headers", b"x-a"));
    let mut creds_any = preflight("https://app.example", "DELETE");
    creds_any.push(("access-control-request-headers", b"x-a"));
    creds_any.push(("access-control-request-headers", b"X-Foo, x-bar"));
    let mut star = preflight("https://anyone.example", "GET");
    star.push(("access-control-request-headers", b"authorization,x-y"));
    let mut huge = preflight("https://app.example", "PUT");
    huge.push(("access-control-request-headers", &commas));
    let big = thousand_origins();
    let mut big_preflight = preflight("https://app999.example", "PUT");
    big_preflight.push(("access-control-request-headers", b""));
    use http::Method;
    vec![
        s("allowed preflight", &list, Method::OPTIONS, allowed),
        s(
            "allowed preflight, echoed origin",
            &list,
            Method::OPTIONS,
            echo,
        ),
        Scenario {
            extra_fields: 1,
            // Detaching the decision (`into_owned`, which only `preflight:
            // forward` needs for a preflight) moves the echoed fields into
            // one vector.
            detach_allocs: 1,
            ..s(
                "allowed preflight, echoed ACRH fields",
                &policy("CredsAny"),
                Method::OPTIONS,
                creds_any,
            )
        },
        s(
            "origins: * preflight",
            &policy("Star"),
            Method::OPTIONS,
            star,
        ),
        s(
            "refused preflight (origin)",
            &list,
            Method::OPTIONS,
            preflight("https://evil.example", "PUT"),
        ),
        s(
            "refused preflight (method)",
            &list,
            Method::OPTIONS,
            preflight("https://app.example", "put"),
        ),
        s(
            "refused preflight (1 MiB ACRH)",
            &list,
            Method::OPTIONS,
            huge,
        ),
        s(
            "allowed actual",
            &list,
            Method::GET,
            vec![("origin", b"https://c.example")],
        ),
        s(
            "allowed actual, echoed origin",
            &list,
            Method::POST,
            vec![("origin", b"http://localhost:3000")],
        ),
        s(
            "refused actual",
            &list,
            Method::GET,
            vec![("origin", b"https://evil.example")],
        ),
        s("no Origin", &list, Method::GET, vec![("accept", b"*/*")]),
        s(
            "1,000-origin policy, preflight",
            &big,
            Method::OPTIONS,
            big_preflight,
        ),
        s(
            "1,000-origin policy, actual",
            &big,
            Method::GET,
            vec![("origin", b"https://app0.example")],
        ),
    ]
}

#[test]
fn owned_values_clone_without_allocating() {
    let value = ConstValue::from_string("https://app.example".to_owned()).expect("valid");
    // The very first clone too: the buffer is reference-counted from the start.
    let (allocations, clones) = count(|| {
        let a = value.http().clone();
        let b = value.http().clone();
        let c = value.http02().clone();
        (a, b, c)
    });
    assert_eq!(allocations, 0);
    assert_eq!(clones.0, "https://app.example");
    assert_eq!(clones.2, "https://app.example");
    let (allocations, ()) = count(|| drop(clones));
    assert_eq!(allocations, 0);
}

#[test]
fn decision_core_allocates_nothing() {
    for scenario in scenarios() {
        for round in 0..2 {
            let mut response = http::HeaderMap::with_capacity(16);
            let (allocations, ()) = count(|| {
                let decision = decide(&scenario.policy, &scenario.method, &scenario.headers);
                decision.apply_to(&mut response);
                let owned = decision.into_owned();
                owned.apply_to(&mut response);
            });
            assert!(
                allocations <= scenario.extra_fields + scenario.detach_allocs,
                "{} (round {round}): {allocations} allocation(s)",
                scenario.name
            );
            assert!(!response.is_empty(), "{}", scenario.name);
        }
    }
}

#[test]
fn reloadable_snapshots_allocate_nothing() {
    for scenario in scenarios() {
        let reloadable = ReloadablePolicy::new(scenario.policy.clone());
        // Warm up: arc-swap registers this thread once, on its first load.
        drop(reloadable.snapshot());
        for round in 0..2 {
            let mut response = http::HeaderMap::with_capacity(16);
            let (allocations, ()) = count(|| {
                let snapshot = reloadable.snapshot();
                let decision = decide(&*snapshot, &scenario.method, &scenario.headers);
                let owned = decision.into_owned();
                drop(snapshot);
                owned.apply_to(&mut response);
            });
            assert!(
                allocations <= scenario.extra_fields + scenario.detach_allocs,
                "{} (round {round}): {allocations} allocation(s)",
                scenario.name
            );
        }
    }
}

#[test]
fn reloading_while_deciding_never_mixes_policies_nor_allocates_per_request() {
    let handle = ReloadablePolicy::new(policy("List"));
    let headers = request_headers(&[
        ("origin", b"https://app.example"),
        ("access-control-request-method", b"PUT"),
    ]);
    let stop = std::sync::atomic::AtomicBool::new(false);
    std::thread::scope(|scope| {
        let reloader = scope.spawn(|| {
            let texts = [
                r#"policy List { origins: "https://app.example"; methods: PUT; max-age: 1; }"#,
                r#"policy List { origins: "https://app.example"; methods: PUT; max-age: 2; }"#,
            ];
            let mut reloads = 0;
            while !stop.load(std::sync::atomic::Ordering::Relaxed) {
                handle.reload_from_str(texts[reloads % 2]).expect("valid");
                reloads += 1;
            }
            reloads
        });
        drop(handle.snapshot());
        let mut total = 0;
        for _ in 0..20_000 {
            let mut response = http::HeaderMap::with_capacity(16);
            let (allocations, ()) = count(|| {
                let snapshot = handle.snapshot();
                let decision = decide(&*snapshot, &http::Method::OPTIONS, &headers);
                decision.apply_to(&mut response);
            });
            total += allocations;
            // One policy per request: its max-age matches its own text.
            let max_age = response
                .get("access-control-max-age")
                .map(|v| v.as_bytes().to_vec());
            assert!(matches!(
                max_age.as_deref(),
                None | Some(b"1" | b"2" | b"600")
            ));
        }
        stop.store(true, std::sync::atomic::Ordering::Relaxed);
        let reloads = reloader.join().expect("reloader");
        assert!(reloads > 0);
        assert_eq!(total, 0, "allocations while reloading");
    });
}

fn is_answered(scenario: &Scenario) -> bool {
    let decision = decide(&scenario.policy, &scenario.method, &scenario.headers);
    matches!(decision.outcome(), Outcome::Respond(_))
}

/// Through the tower adapter, with the policy itself and with a reloadable
/// handle: an application whose response header map has room costs no
/// allocation in the middleware; a preflight answer costs only its header map.
#[test]
fn tower_adapter() {
    use tower::{Layer, ServiceExt};

    for scenario in scenarios() {
        let app = tower::service_fn(move |_req: http::Request<()>| {
            let mut response = http::Response::new(String::new());
            *response.headers_mut() = http::HeaderMap::with_capacity(16);
            std::future::ready(Ok::<_, std::convert::Infallible>(response))
        });
        let reloadable = ReloadablePolicy::new(scenario.policy.clone());
        let request = || {
            let mut request = http::Request::new(());
            *request.method_mut() = scenario.method.clone();
            *request.headers_mut() = scenario.headers.clone();
            request
        };
        let measure = |which: u8| {
            let mut counts = [0; 2];
            for slot in &mut counts {
                let request = request();
                let (allocations, response) = match which {
                    0 => count(|| block_on(app.oneshot(request))),
                    1 => {
                        let service =
                            cors_runtime::tower::CorsLayer::new(scenario.policy.clone()).layer(app);
                        count(|| block_on(service.oneshot(request)))
                    }
                    _ => {
                        let service =
                            cors_runtime::tower::CorsLayer::new(reloadable.clone()).layer(app);
                        count(|| block_on(service.oneshot(request)))
                    }
                };
                *slot = allocations;
                drop(response);
            }
            counts[1]
        };
        let base = measure(0);
        let limit = if is_answered(&scenario) { 2 } else { 0 } + scenario.extra_fields;
        for (which, label) in [(1, "policy"), (2, "reloadable")] {
            let extra = measure(which).saturating_sub(base);
            assert!(
                extra <= limit,
                "tower ({label}), {}: {extra} extra allocation(s)",
                scenario.name
            );
        }
    }
}

/// Through the actix-web adapter, with the policy and a reloadable handle,
/// compared with the same application without the middleware.
#[test]
fn actix_adapter() {
    use actix_web::{test, web, HttpResponse};

    for scenario in scenarios() {
        let counts = actix_web::rt::System::new().block_on(async {
            let plain = test::init_service(
                actix_web::App::new()
                    .default_service(web::to(|| async { HttpResponse::Ok().finish() })),
            )
            .await;
            let wrapped = test::init_service(
                actix_web::App::new()
                    .wrap(cors_runtime::actix::Cors::new(scenario.policy.clone()))
                    .default_service(web::to(|| async { HttpResponse::Ok().finish() })),
            )
            .await;
            let reloadable = test::init_service(
                actix_web::App::new()
                    .wrap(cors_runtime::actix::Cors::new(ReloadablePolicy::new(
                        scenario.policy.clone(),
                    )))
                    .default_service(web::to(|| async { HttpResponse::Ok().finish() })),
            )
            .await;
            let request = || {
                let method =
                    actix_web::http::Method::from_bytes(scenario.method.as_str().as_bytes())
                        .expect("method");
                let mut request = test::TestRequest::default().method(method);
                for (name, value) in &scenario.headers {
                    let shared = Bytes::copy_from_slice(value.as_bytes());
                    let _promote = shared.clone();
                    request = request.append_header((
                        name.as_str(),
                        actix_web::http::header::HeaderValue::from_maybe_shared(shared)
                            .expect("value"),
                    ));
                }
                request.to_request()
            };
            let mut counts = [0usize; 3];
            macro_rules! measure {
                ($slot:expr, $service:expr) => {{
                    let req = request();
                    start();
                    let res = test::call_service($service, req).await;
                    counts[$slot] = stop();
                    drop(res);
                }};
            }
            for _ in 0..2 {
                measure!(0, &plain);
                measure!(1, &wrapped);
                measure!(2, &reloadable);
            }
            counts
        });
        for (i, label) in [(1, "policy"), (2, "reloadable")] {
            let extra = counts[i].saturating_sub(counts[0]);
            assert!(
                extra == 0,
                "actix ({label}), {}: {extra} extra allocation(s) (base {})",
                scenario.name,
                counts[0]
            );
        }
    }
}

fn block_on<F: std::future::Future>(future: F) -> F::Output {
    let mut future = std::pin::pin!(future);
    let mut cx = std::task::Context::from_waker(std::task::Waker::noop());
    loop {
        if let std::task::Poll::Ready(output) = future.as_mut().poll(&mut cx) {
            return output;
        }
    }
}
