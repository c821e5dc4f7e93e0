//! Allocation counting for run-time policies: building a `DynamicPolicy`
//! allocates, deciding with it does not — directly, through a
//! `ReloadablePolicy` snapshot, and through both adapters (compared with the
//! same application without the middleware), including while the policy is
//! being reloaded.
//!
//! A counting global allocator counts the allocations made by the current
//! thread while counting is on (tests run on several threads at once).
//!
//! `scenarios` holds the requests measured; this file the policies and the
//! tests of the decision core and of reloadable handles; `adapters` the
//! tests through tower and actix-web.

mod adapters;
#[path = "../support/hyper_headers.rs"]
mod hyper_headers;
mod scenarios;

use cors_runtime::dynamic::{DynamicPolicy, ReloadablePolicy};
use cors_runtime::{decide, ConstValue, PolicySource};

use hyper_headers::request_headers;
use scenarios::scenarios;

#[global_allocator]
static GLOBAL: cors_tests::counting::Counting = cors_tests::counting::Counting;

use cors_tests::counting::count;

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
