//! Hot reload under load, over real loopback TCP, through both adapters;
//! and memory across 100,000 reloads.
//!
//! Clients send preflights and actual requests from origins allowed by
//! policy A only, B only, or both, while a thread reloads A and B
//! alternately (and now and then an invalid text) every few milliseconds.
//! Every answer must be exactly A's or exactly B's answer to that request,
//! as the decision core computes it in-process (never A's origin decision
//! with B's methods, say); a refused reload keeps the policy in force.
//!
//! The counting allocator ([`cors_tests::counting`]) measures the bytes
//! alive before and after 100,000 reloads with a request being decided all
//! along: they must not grow.
//!
//! `requests` holds the requests of the load and what A and B answer to
//! each, `client` the HTTP/1.1 client, `load` the clients and the reloader;
//! this file the policies and the tests.

mod client;
mod load;
mod requests;

use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::sync::{Mutex, MutexGuard};
use std::time::Instant;

use cors_runtime::dynamic::{DynamicPolicy, ReloadablePolicy};
use cors_runtime::{decide, PolicySource};
use cors_tests::counting::live_bytes;

use load::{listener, load};

#[global_allocator]
static GLOBAL: cors_tests::counting::Counting = cors_tests::counting::Counting;

/// Policy A: origins `a` and `both`, `PUT` with `x-a`.
const A: &str = r#"policy Live {
    origins: "http://a.test", "http://both.test";
    methods: PUT;
    request-headers: x-a;
    expose-headers: x-from-a;
    max-age: 111;
}"#;

/// Policy B: origins `b` and `both`, `DELETE` with `x-b`.
const B: &str = r#"policy Live {
    origins: "http://b.test", "http://both.test";
    methods: DELETE;
    request-headers: x-b;
    expose-headers: x-from-b;
    max-age: 222;
}"#;

/// Texts every reload of which must be refused.
const INVALID: [&str; 3] = [
    // A trailing slash in an origin (a validation error).
    r#"policy Live { origins: "http://a.test/"; methods: PUT; }"#,
    // A syntax error.
    r#"policy Live { origins: "http://a.test" methods: PUT; }"#,
    // No policy of that name.
    r#"policy Other { origins: "http://a.test"; }"#,
];

/// The load test and the memory test must not overlap: the memory test
/// counts the bytes alive in the whole process.
fn exclusive() -> MutexGuard<'static, ()> {
    static LOCK: Mutex<()> = Mutex::new(());
    LOCK.lock().unwrap_or_else(|poisoned| poisoned.into_inner())
}

#[test]
fn reloads_under_load_through_tower() {
    let _exclusive = exclusive();
    let handle = ReloadablePolicy::new(DynamicPolicy::parse(A, "Live").expect("valid"));
    let (listener, addr) = listener();
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(1)
        .enable_all()
        .build()
        .expect("runtime");
    let app = axum::Router::new()
        .fallback(|| async { "ok" })
        .layer(cors_runtime::tower::CorsLayer::new(handle.clone()));
    runtime.spawn(async move {
        let listener = tokio::net::TcpListener::from_std(listener).expect("listener");
        axum::serve(listener, app).await
    });
    load("tower", addr, &handle);
}

#[test]
fn reloads_under_load_through_actix() {
    use actix_web::{web, App, HttpResponse, HttpServer};

    let _exclusive = exclusive();
    let handle = ReloadablePolicy::new(DynamicPolicy::parse(A, "Live").expect("valid"));
    let (listener, addr) = listener();
    let (tx, rx) = std::sync::mpsc::channel();
    let server_handle = handle.clone();
    let thread = std::thread::spawn(move || {
        actix_web::rt::System::new().block_on(async move {
            let server = HttpServer::new(move || {
                App::new()
                    .wrap(cors_runtime::actix::Cors::new(server_handle.clone()))
                    .default_service(web::to(|| async { HttpResponse::Ok().body("ok") }))
            })
            .workers(1)
            .disable_signals()
            .listen(listener)
            .expect("listen")
            .run();
            tx.send(server.handle()).expect("handle");
            server.await
        })
    });
    let server = rx.recv().expect("actix-web started");
    load("actix", addr, &handle);
    drop(server.stop(false));
    thread.join().expect("server thread").expect("server");
}

/// 100,000 reloads with a request decided all along through snapshots of
/// the handle: every 25th parses its text (`reload_from_str`: A, B, or an
/// invalid text that is refused), the others store a policy parsed before
/// (`store`, the same swap; parsing 100,000 texts would take a minute in a
/// debug build). The bytes alive are compared after 1,000 reloads and at
/// the end, each time with the decider stopped (a snapshot it holds keeps
/// an old policy alive).
#[test]
fn memory_does_not_grow_over_100_000_reloads() {
    const RELOADS: usize = 100_000;
    const WARM_UP: usize = 1_000;
    const PARSE_EVERY: usize = 25;
    let _exclusive = exclusive();
    let prebuilt = [
        DynamicPolicy::parse(A, "Live").expect("valid"),
        DynamicPolicy::parse(B, "Live").expect("valid"),
    ];
    let handle = ReloadablePolicy::new(prebuilt[0].clone());
    let decided = AtomicU64::new(0);
    let (mut parsed, mut refused) = (0, 0);
    let started = Instant::now();
    let mut reload = |range: std::ops::Range<usize>| {
        let stop = AtomicBool::new(false);
        std::thread::scope(|scope| {
            scope.spawn(|| {
                let mut headers = http::HeaderMap::new();
                headers.insert("origin", "http://both.test".parse().expect("origin"));
                headers.insert(
                    "access-control-request-method",
                    "PUT".parse().expect("acrm"),
                );
                while !stop.load(Ordering::Relaxed) {
                    let snapshot = handle.snapshot();
                    let decision = decide(&*snapshot, &http::Method::OPTIONS, &headers);
                    std::hint::black_box(decision.outcome());
                    decided.fetch_add(1, Ordering::Relaxed);
                }
            });
            for i in range {
                if i % PARSE_EVERY != PARSE_EVERY - 1 {
                    handle.store(prebuilt[i % 2].clone());
                } else if (i / PARSE_EVERY) % 4 == 3 {
                    let before = handle.load();
                    let text = INVALID[(i / PARSE_EVERY) % INVALID.len()];
                    assert!(handle.reload_from_str(text).is_err(), "{text} accepted");
                    assert_eq!(before.origin_entries(), handle.load().origin_entries());
                    refused += 1;
                } else {
                    handle.reload_from_str([A, B][i % 2]).expect("valid");
                    parsed += 1;
                }
            }
            stop.store(true, Ordering::Relaxed);
        });
        live_bytes()
    };
    let base = reload(0..WARM_UP);
    let middle = reload(WARM_UP..RELOADS / 2);
    let end = reload(RELOADS / 2..RELOADS);
    let seconds = started.elapsed().as_secs_f64();
    println!(
        "{RELOADS} reloads ({parsed} parsed, {refused} refused) in {seconds:.1} s, \
         {} decisions meanwhile; bytes alive after {WARM_UP} reloads: {base}, \
         after {}: {middle}, after {RELOADS}: {end} (growth {} bytes); RSS {} KiB",
        decided.load(Ordering::Relaxed),
        RELOADS / 2,
        end - base,
        rss_kib().map_or("?".to_owned(), |k| k.to_string()),
    );
    assert!(
        end - base <= 1024,
        "memory grew by {} bytes over {RELOADS} reloads",
        end - base
    );
    assert!(decided.load(Ordering::Relaxed) > 0);
}

/// The resident set size, from `/proc/self/status` (Linux).
fn rss_kib() -> Option<u64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let line = status.lines().find(|l| l.starts_with("VmRSS:"))?;
    line.split_whitespace().nth(1)?.parse().ok()
}
