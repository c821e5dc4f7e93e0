//! End-to-end tests in headless Chromium: what the **browser** allows, for
//! policies compiled by `cors_policy!` and applied by the real adapters.
//!
//! The servers listen on 127.0.0.1 only; Chromium maps every host name to
//! 127.0.0.1 (`--host-resolver-rules`), so pages can live on origins such as
//! `http://app.example.test:PORT`. chromedriver is driven over its WebDriver
//! HTTP API by the small client in `webdriver.rs`.
//!
//! Needs the Debian packages `chromium` and `chromium-driver`
//! (`bash .ci/install-browser.sh`); without them the tests fail and say so.

mod harness;
mod webdriver;
mod websocket;

use std::sync::{Arc, Mutex, MutexGuard};

use cors_examples::api::Stats;
use cors_examples::axum_app::{api_router, page_router, serve};
use cors_examples::config::{api_base, bind_loopback};
use cors_examples::page::SCENARIOS;
use cors_examples::policy::Api;
use serde_json::json;

use harness::{Check, Example, Expect, Matrix, Read};
use webdriver::{ChromeDriver, Session};

/// The Chromium flags beyond the fixed ones: every host name resolves to
/// loopback (so `app.example.test` reaches our servers, nothing else).
const RESOLVE_TO_LOOPBACK: &str = "--host-resolver-rules=MAP * 127.0.0.1";

cors_runtime::cors_policy! {
    /// Any subdomain of example.test on any port, without credentials; any
    /// request header but `authorization`; every response header exposed;
    /// preflights not cached.
    policy Wild {
        origins: "http://*.example.test:*";
        methods: GET, PUT, DELETE;
        request-headers: *;
        expose-headers: *;
        max-age: 0;
    }

    /// As `Wild`, with `authorization` listed beside `*`.
    policy WildAuth {
        origins: "http://*.example.test:*";
        methods: PUT;
        request-headers: *, authorization;
    }
}

/// One browser at a time: the machine is small, and timings stay sane.
fn browser_lock() -> MutexGuard<'static, ()> {
    static LOCK: Mutex<()> = Mutex::new(());
    LOCK.lock().unwrap_or_else(|poisoned| poisoned.into_inner())
}

fn start_chromedriver() -> ChromeDriver {
    ChromeDriver::start().unwrap_or_else(|e| panic!("cannot run the browser tests: {e}"))
}

fn open_session(driver: &ChromeDriver) -> Session<'_> {
    driver
        .session(&[RESOLVE_TO_LOOPBACK])
        .unwrap_or_else(|e| panic!("cannot start headless Chromium: {e}"))
}

/// In-process servers: the example API (policy `Api` from
/// `policies/api.cors`), `Wild`, `WildAuth`, and the page, on free loopback
/// ports; stopped when dropped (with the runtime).
struct Servers {
    _runtime: tokio::runtime::Runtime,
    api: (u16, Arc<Stats>),
    wild: (u16, Arc<Stats>),
    wild_auth: (u16, Arc<Stats>),
    page: u16,
}

impl Servers {
    fn start() -> Servers {
        let runtime = tokio::runtime::Builder::new_multi_thread()
            .worker_threads(1)
            .enable_all()
            .build()
            .expect("tokio runtime");
        let spawn = |router: axum::Router| {
            let listener = bind_loopback(0).expect("bind 127.0.0.1:0");
            let port = listener.local_addr().expect("local addr").port();
            let _guard = runtime.enter();
            runtime.spawn(serve(listener, router));
            port
        };
        let stats = || Arc::new(Stats::default());
        let (api_stats, wild_stats, wild_auth_stats) = (stats(), stats(), stats());
        let api = spawn(api_router(Api, api_stats.clone()));
        let wild = spawn(api_router(Wild, wild_stats.clone()));
        let wild_auth = spawn(api_router(WildAuth, wild_auth_stats.clone()));
        let page = spawn(page_router(&api_base(api)));
        Servers {
            api: (api, api_stats),
            wild: (wild, wild_stats),
            wild_auth: (wild_auth, wild_auth_stats),
            page,
            _runtime: runtime,
        }
    }

    /// A page origin on host `host` (served by the page server).
    fn page(&self, host: &str) -> String {
        format!("http://{host}:{}", self.page)
    }
}

/// The matrix: `fetch()` calls from pages on several origins, against
/// policies compiled by `cors_policy!` and applied by the tower adapter, and
/// what Chromium reports for each.
#[test]
fn fetch_matrix_in_chromium() {
    let _lock = browser_lock();
    let servers = Servers::start();
    let driver = start_chromedriver();
    let session = open_session(&driver);
    let mut m = Matrix::new(&session);

    let api = format!("http://localhost:{}", servers.api.0);
    let wild = format!("http://127.0.0.1:{}", servers.wild.0);
    let wild_auth = format!("http://127.0.0.1:{}", servers.wild_auth.0);
    let json_put = |headers: serde_json::Value| json!({ "method": "PUT", "headers": headers, "body": "{\"name\":\"teapot\"}" });

    // ---- Api (policies/api.cors): "http://localhost:*", "http://*.localhost:*",
    //      credentials, PUT/DELETE/PATCH, content-type + x-request-id, exposes x-request-id.
    let localhost = servers.page("localhost");
    m.check(Check {
        name: "simple GET from a localhost:* origin is allowed; exposed vs unexposed headers",
        page: &localhost,
        url: format!("{api}/api/hello"),
        init: json!({}),
        expect: Expect::allowed(200)
            .read("content-type", Read::Value("application/json"))
            .read("x-request-id", Read::Present)
            .read("x-internal", Read::Hidden)
            .body("hello from the API"),
    });
    m.check(Check {
        name: "preflighted PUT with JSON and x-request-id is allowed",
        page: &localhost,
        url: format!("{api}/api/items/1"),
        init: json_put(json!({ "content-type": "application/json", "x-request-id": "e2e-put" })),
        expect: Expect::allowed(200)
            .read("x-request-id", Read::Value("e2e-put"))
            .body("teapot"),
    });
    m.check(Check {
        name: "preflighted DELETE with x-request-id is allowed",
        page: &localhost,
        url: format!("{api}/api/items/2"),
        init: json!({ "method": "DELETE", "headers": { "x-request-id": "e2e-del" } }),
        expect: Expect::allowed(200).body("\"method\":\"DELETE\""),
    });
    m.check(Check {
        name: "PUT with a header the policy does not list (x-debug) is refused",
        page: &localhost,
        url: format!("{api}/api/items/3"),
        init: json_put(json!({ "content-type": "application/json", "x-debug": "1" })),
        expect: Expect::Blocked,
    });
    m.check(Check {
        name: "DELETE with a header the policy does not list is refused",
        page: &localhost,
        url: format!("{api}/api/items/4"),
        init: json!({ "method": "DELETE", "headers": { "x-debug": "1" } }),
        expect: Expect::Blocked,
    });
    m.check(Check {
        name: "a method the policy does not list (PURGE) is refused",
        page: &localhost,
        url: format!("{api}/api/items/5"),
        init: json!({ "method": "PURGE" }),
        expect: Expect::Blocked,
    });
    m.check(Check {
        name: "PATCH (as listed) is allowed",
        page: &localhost,
        url: format!("{api}/api/items/6"),
        init: json!({ "method": "PATCH" }),
        expect: Expect::allowed(200).body("\"method\":\"PATCH\""),
    });
    m.check(Check {
        name: "patch (lower case: browsers do not normalise it) is refused",
        page: &localhost,
        url: format!("{api}/api/items/7"),
        init: json!({ "method": "patch" }),
        expect: Expect::Blocked,
    });
    m.check(Check {
        name: "authorization not listed is refused",
        page: &localhost,
        url: format!("{api}/api/items/8"),
        init: json!({ "method": "PUT", "headers": { "authorization": "Bearer x" } }),
        expect: Expect::Blocked,
    });
    m.check(Check {
        name: "a 500 error response is readable cross-origin",
        page: &localhost,
        url: format!("{api}/api/error"),
        init: json!({}),
        expect: Expect::allowed(500)
            .read("x-request-id", Read::Present)
            .body("on purpose"),
    });
    m.check(Check {
        name: "a 404 response is readable cross-origin",
        page: &localhost,
        url: format!("{api}/api/nowhere"),
        init: json!({}),
        expect: Expect::allowed(404).body("not found"),
    });

    // Credentials: log in (the API sets a SameSite=Lax cookie; the page
    // on localhost:P and the API on localhost:A are the same site), then
    // the cookie goes with credentials: "include" and not with "omit".
    m.check(Check {
        name: "credentialed POST /api/login is allowed (exact origin + ACAC)",
        page: &localhost,
        url: format!("{api}/api/login"),
        init: json!({ "method": "POST", "credentials": "include" }),
        expect: Expect::allowed(200).body("\"logged_in\":true"),
    });
    m.check(Check {
        name: "credentialed GET sends the cookie and is readable",
        page: &localhost,
        url: format!("{api}/api/me"),
        init: json!({ "credentials": "include" }),
        expect: Expect::allowed(200).body("\"session\":\"demo-"),
    });
    m.check(Check {
        name: "the same GET without credentials does not send it",
        page: &localhost,
        url: format!("{api}/api/me"),
        init: json!({ "credentials": "omit" }),
        expect: Expect::allowed(200).body("\"session\":null"),
    });
    m.check(Check {
        name: "credentialed preflighted PUT is allowed",
        page: &localhost,
        url: format!("{api}/api/items/9"),
        init: json!({ "method": "PUT", "credentials": "include",
                      "headers": { "content-type": "application/json" }, "body": "{}" }),
        expect: Expect::allowed(200),
    });

    // Preflight cache, max-age: 10m: the second identical PUT reuses the
    // first preflight.
    let before = servers.api.1.preflights();
    for round in 0..2 {
        m.check(Check {
            name: if round == 0 {
                "max-age 10m: first PUT (preflighted)"
            } else {
                "max-age 10m: second PUT (preflight cached)"
            },
            page: &localhost,
            url: format!("{api}/api/items/cached"),
            init: json_put(json!({ "content-type": "application/json" })),
            expect: Expect::allowed(200),
        });
    }
    m.expect_eq(
        "max-age 10m: two PUTs, one preflight reached the server",
        servers.api.1.preflights() - before,
        1,
    );

    // A subdomain of localhost matches "http://*.localhost:*".
    let sub_localhost = servers.page("app.localhost");
    m.check(Check {
        name: "wildcard subdomain origin app.localhost:P is allowed",
        page: &sub_localhost,
        url: format!("{api}/api/hello"),
        init: json!({}),
        expect: Expect::allowed(200).read("x-request-id", Read::Present),
    });

    // An origin the policy does not list: the server answers, the browser
    // hides it.
    let loopback_ip = servers.page("127.0.0.1");
    let requests_before = servers.api.1.requests();
    m.check(Check {
        name: "simple GET from an unlisted origin (127.0.0.1:P) is refused",
        page: &loopback_ip,
        url: format!("{api}/api/hello"),
        init: json!({}),
        expect: Expect::Blocked,
    });
    m.expect_eq(
        "the refused simple GET still reached the server (CORS is not access control)",
        servers.api.1.requests() - requests_before,
        1,
    );
    m.check(Check {
        name: "preflighted PUT from an unlisted origin is refused",
        page: &loopback_ip,
        url: format!("{api}/api/items/10"),
        init: json_put(json!({ "content-type": "application/json" })),
        expect: Expect::Blocked,
    });

    // ---- Wild: "http://*.example.test:*", no credentials, request-headers: *,
    //      expose-headers: *, max-age: 0.
    let app = servers.page("app.example.test");
    m.check(Check {
        name: "wildcard subdomain origin app.example.test:P is allowed; expose-headers: * exposes all",
        page: &app,
        url: format!("{wild}/api/hello"),
        init: json!({}),
        expect: Expect::allowed(200)
            .read("x-request-id", Read::Present)
            .read("x-internal", Read::Value("not exposed to scripts")),
    });
    m.check(Check {
        name: "request-headers: * allows any custom header",
        page: &app,
        url: format!("{wild}/api/items/11"),
        init: json_put(
            json!({ "content-type": "application/json", "x-anything": "1", "x-request-id": "w" }),
        ),
        expect: Expect::allowed(200).read("x-request-id", Read::Value("w")),
    });
    m.check(Check {
        name: "request-headers: * does not cover authorization",
        page: &app,
        url: format!("{wild}/api/items/12"),
        init: json!({ "method": "PUT", "headers": { "authorization": "Bearer x" } }),
        expect: Expect::Blocked,
    });
    m.check(Check {
        name: "request-headers: *, authorization allows authorization",
        page: &app,
        url: format!("{wild_auth}/api/items/13"),
        init: json!({ "method": "PUT", "headers": { "authorization": "Bearer x", "x-other": "1" } }),
        expect: Expect::allowed(200),
    });
    m.check(Check {
        name: "a credentialed request to a policy without credentials is refused",
        page: &app,
        url: format!("{wild}/api/hello"),
        init: json!({ "credentials": "include" }),
        expect: Expect::Blocked,
    });
    let before = servers.wild.1.preflights();
    for round in 0..2 {
        m.check(Check {
            name: if round == 0 {
                "max-age 0: first PUT"
            } else {
                "max-age 0: second PUT (preflighted again)"
            },
            page: &app,
            url: format!("{wild}/api/items/uncached"),
            init: json_put(json!({ "content-type": "application/json" })),
            expect: Expect::allowed(200),
        });
    }
    m.expect_eq(
        "max-age 0: two PUTs, two preflights reached the server",
        servers.wild.1.preflights() - before,
        2,
    );
    let deep = servers.page("a.b.example.test");
    m.check(Check {
        name: "wildcard matches several labels (a.b.example.test)",
        page: &deep,
        url: format!("{wild}/api/hello"),
        init: json!({}),
        expect: Expect::allowed(200),
    });
    for (name, host) in [
        (
            "wildcard never matches the apex (example.test)",
            "example.test",
        ),
        (
            "wildcard is label-wise (evilexample.test)",
            "evilexample.test",
        ),
        (
            "wildcard needs the exact suffix (example.test.evil.test)",
            "example.test.evil.test",
        ),
    ] {
        let page = servers.page(host);
        m.check(Check {
            name,
            page: &page,
            url: format!("{wild}/api/hello"),
            init: json!({}),
            expect: Expect::Blocked,
        });
    }
    // Wild's max-age is 0 but WildAuth sends none, which Chromium caches for
    // 5 s: nothing to assert there.

    m.finish();
}

/// The example binaries themselves: each serves the page and the API; the
/// page's buttons give what `page::SCENARIOS` says, and an unlisted origin
/// is refused.
#[test]
fn example_binaries_in_chromium() {
    let _lock = browser_lock();
    let driver = start_chromedriver();
    let session = open_session(&driver);
    let mut failures = Vec::new();
    for binary in [
        env!("CARGO_BIN_EXE_api-axum"),
        env!("CARGO_BIN_EXE_api-actix"),
        env!("CARGO_BIN_EXE_api-hyper"),
        env!("CARGO_BIN_EXE_api-poem"),
        env!("CARGO_BIN_EXE_api-salvo"),
        env!("CARGO_BIN_EXE_api-rocket"),
    ] {
        let example = Example::start(binary);
        let name = binary.rsplit('/').next().unwrap_or(binary);
        let page = format!("http://localhost:{}/", example.page_port);
        session
            .goto(&page)
            .unwrap_or_else(|e| panic!("{name}: loading {page}: {e}"));
        let title = session
            .execute("return document.title", &[])
            .expect("title");
        assert_eq!(
            title,
            json!("cors-dsl example"),
            "{name}: the page did not load"
        );
        for (scenario, expected) in SCENARIOS {
            let got = harness::click_scenario(&session, scenario);
            let ok = got.outcome == expected.as_str()
                && (*scenario != "credentialed" || got.text.contains("\"session\":\"demo-"));
            println!(
                "{} {name} scenario {scenario}: expected {}, browser says {} ({})",
                if ok { "PASS" } else { "FAIL" },
                expected.as_str(),
                got.outcome,
                got.text.lines().next().unwrap_or("")
            );
            if !ok {
                failures.push(format!("{name} {scenario}: {got:?}"));
            }
        }
        // max-age: 10m: a second PUT right after the first reuses its
        // preflight (the page's stats button reads the server's preflight
        // counter). Consecutive, because a refused call to the same URL
        // clears the browser's cached preflights for it.
        harness::click_scenario(&session, "preflighted");
        let before = harness::preflights_seen(&session);
        let again = harness::click_scenario(&session, "preflighted");
        let after = harness::preflights_seen(&session);
        let ok = again.outcome == "allowed" && before.is_some_and(|n| n >= 2) && after == before;
        println!(
            "{} {name} PUT again within max-age: preflights seen by the server {before:?} -> {after:?}",
            if ok { "PASS" } else { "FAIL" }
        );
        if !ok {
            failures.push(format!(
                "{name} preflight cache: {before:?} -> {after:?}, {again:?}"
            ));
        }

        // The same page from an origin the policy does not list.
        let other = format!("http://127.0.0.1:{}/", example.page_port);
        session.goto(&other).expect("load the page from 127.0.0.1");
        let origin = session
            .execute("return location.origin", &[])
            .expect("origin");
        assert_eq!(
            origin,
            json!(other.trim_end_matches('/')),
            "{name}: the page did not load"
        );
        let got = harness::click_scenario(&session, "simple");
        let ok = got.outcome == "blocked";
        println!(
            "{} {name} simple GET from unlisted origin {other}: browser says {}",
            if ok { "PASS" } else { "FAIL" },
            got.outcome
        );
        if !ok {
            failures.push(format!("{name} unlisted origin: {got:?}"));
        }
    }
    assert!(
        failures.is_empty(),
        "example binaries in Chromium:\n{}",
        failures.join("\n")
    );
}
