//! End-to-end tests in headless browsers — Chromium and Firefox ESR: what
//! the **browser** allows, for policies compiled by `cors_policy!` and
//! applied by the real adapters (tower and actix-web).
//!
//! The servers listen on 127.0.0.1 only; each browser maps every host name
//! to 127.0.0.1 (Chromium: `--host-resolver-rules`, Firefox: the preference
//! `network.dns.forceResolve`), so pages can live on origins such as
//! `http://app.example.test:PORT`. chromedriver and geckodriver are driven
//! over their WebDriver HTTP API by the small client in `webdriver/`.
//!
//! Where the two engines legitimately differ, the matrix says what each
//! one does ([`Engine`]); nothing is skipped.
//!
//! Needs the Debian packages `chromium`, `chromium-driver` and
//! `firefox-esr`, and `geckodriver` (`bash .ci/install-browser.sh`);
//! without them the tests fail and say so.

mod harness;
mod webdriver;
mod websocket;

use std::sync::{Arc, Mutex, MutexGuard};

use cors_examples::actix_app;
use cors_examples::api::Stats;
use cors_examples::axum_app::{api_router, page_router, serve};
use cors_examples::config::{api_base, bind_loopback};
use cors_examples::page::SCENARIOS;
use cors_examples::policy::Api;
use cors_runtime::PolicySource;
use serde_json::json;

use harness::{Check, Example, Expect, Matrix, Read};
use webdriver::{Driver, Engine, Session};

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

fn start_driver(engine: Engine) -> Driver {
    Driver::start(engine)
        .unwrap_or_else(|e| panic!("cannot run the browser tests in {}: {e}", engine.name()))
}

fn open_session(driver: &Driver, engine: Engine) -> Session<'_> {
    let session = driver
        .session()
        .unwrap_or_else(|e| panic!("cannot start headless {}: {e}", engine.name()));
    println!("browser: {} {}", engine.name(), session.version());
    session
}

/// The CORS middleware the API servers of the matrix run behind.
#[derive(Clone, Copy, Debug)]
enum Adapter {
    /// `cors_runtime::tower::CorsLayer` in axum.
    Tower,
    /// `cors_runtime::actix::Cors` in actix-web.
    Actix,
}

/// In-process servers: the example API (policy `Api` from
/// `policies/api.cors`), `Wild`, `WildAuth` behind `adapter`, and the page
/// (axum), on free loopback ports; stopped when dropped (with the runtime,
/// and each actix-web server with its handle).
struct Servers {
    _runtime: tokio::runtime::Runtime,
    _actix: Vec<actix_app::Running>,
    api: (u16, Arc<Stats>),
    wild: (u16, Arc<Stats>),
    wild_auth: (u16, Arc<Stats>),
    page: u16,
    /// Hand-written CORS answers (no policy), to see how the browser reads
    /// them: [`raw_router`].
    raw: u16,
}

impl Servers {
    fn start(adapter: Adapter) -> Servers {
        let runtime = tokio::runtime::Builder::new_multi_thread()
            .worker_threads(1)
            .enable_all()
            .build()
            .expect("tokio runtime");
        let mut actix = Vec::new();
        let spawn_axum = |router: axum::Router| {
            let listener = bind_loopback(0).expect("bind 127.0.0.1:0");
            let port = listener.local_addr().expect("local addr").port();
            let _guard = runtime.enter();
            runtime.spawn(serve(listener, router));
            port
        };
        let mut spawn_api = |policy: &dyn Fn() -> ApiPolicy, stats: Arc<Stats>| match adapter {
            Adapter::Tower => spawn_axum(policy().router(stats)),
            Adapter::Actix => {
                let listener = bind_loopback(0).expect("bind 127.0.0.1:0");
                let port = listener.local_addr().expect("local addr").port();
                let policy = policy();
                let running = actix_app::spawn(move || policy.actix(listener, stats))
                    .expect("actix-web server");
                actix.push(running);
                port
            }
        };
        let stats = || Arc::new(Stats::default());
        let (api_stats, wild_stats, wild_auth_stats) = (stats(), stats(), stats());
        let api = spawn_api(&|| ApiPolicy::Api, api_stats.clone());
        let wild = spawn_api(&|| ApiPolicy::Wild, wild_stats.clone());
        let wild_auth = spawn_api(&|| ApiPolicy::WildAuth, wild_auth_stats.clone());
        let page = spawn_axum(page_router(&api_base(api)));
        let raw = spawn_axum(raw_router());
        Servers {
            api: (api, api_stats),
            wild: (wild, wild_stats),
            wild_auth: (wild_auth, wild_auth_stats),
            page,
            raw,
            _actix: actix,
            _runtime: runtime,
        }
    }

    /// A page origin on host `host` (served by the page server).
    fn page(&self, host: &str) -> String {
        format!("http://{host}:{}", self.page)
    }
}

/// A hand-written CORS handler, no policy: every preflight gets
/// `Access-Control-Allow-Origin: <its origin>`, `-Methods: PUT`,
/// `-Headers: *`, `-Max-Age: 0` (and `-Credentials: true` under
/// `/star-credentials`); every other request the same origin and
/// credentials, status 200.
fn raw_router() -> axum::Router {
    use axum::extract::Request;
    use axum::response::Response;
    axum::Router::new().fallback(|request: Request| async move {
        let mut response = Response::new(axum::body::Body::from("raw"));
        let headers = response.headers_mut();
        if let Some(origin) = request.headers().get("origin") {
            headers.insert("access-control-allow-origin", origin.clone());
        }
        if request.uri().path() == "/star-credentials" {
            headers.insert(
                "access-control-allow-credentials",
                http::HeaderValue::from_static("true"),
            );
        }
        if request.method() == http::Method::OPTIONS {
            for (name, value) in [
                ("access-control-allow-methods", "PUT"),
                ("access-control-allow-headers", "*"),
                ("access-control-max-age", "0"),
            ] {
                headers.insert(name, http::HeaderValue::from_static(value));
            }
            *response.status_mut() = http::StatusCode::NO_CONTENT;
        }
        response
    })
}

/// What each engine documents (and does, as checked here) where engines
/// may differ. Where both happen to agree today, each still says why.
///
/// | | Chromium | Firefox |
/// |---|---|---|
/// | preflight without `Access-Control-Max-Age` | cached 5 s (`kDefaultPreflightCacheTimeout`, the Fetch standard's default) | cached 5 s (`PREFLIGHT_DEFAULT_EXPIRY_SECONDS`) |
/// | `max-age` cap (not observable in a test's time) | 7,200 s | 86,400 s |
/// | `Access-Control-Allow-Headers: *` and `Authorization` | covered (the standard says it is not; Chromium only warns in the console, enforcement not shipped) | covered (preference `network.cors_preflight.authorization_covered_by_wildcard`, on by default; a console warning) |
///
/// A policy is stricter than both: `request-headers: *` refuses a preflight
/// asking for `authorization` unless the policy says `*, authorization`.
trait EngineFacts {
    fn default_preflight_cache_text(self) -> &'static str;
    fn preflights_for_two_puts_without_max_age(self) -> u64;
    fn star_authorization_text(self) -> &'static str;
    fn star_authorization(self) -> Expect;
}

impl EngineFacts for Engine {
    fn default_preflight_cache_text(self) -> &'static str {
        match self {
            Engine::Chromium => {
                "no max-age: Chromium caches the preflight 5 s, one preflight for two PUTs"
            }
            Engine::Firefox => {
                "no max-age: Firefox caches the preflight 5 s, one preflight for two PUTs"
            }
        }
    }

    fn preflights_for_two_puts_without_max_age(self) -> u64 {
        match self {
            Engine::Chromium | Engine::Firefox => 1,
        }
    }

    fn star_authorization_text(self) -> &'static str {
        match self {
            Engine::Chromium => {
                "raw answer `ACAH: *`: Chromium still lets `*` cover authorization (console warning only)"
            }
            Engine::Firefox => {
                "raw answer `ACAH: *`: Firefox still lets `*` cover authorization \
                 (network.cors_preflight.authorization_covered_by_wildcard)"
            }
        }
    }

    fn star_authorization(self) -> Expect {
        match self {
            Engine::Chromium | Engine::Firefox => Expect::allowed(200).body("raw"),
        }
    }
}

/// The policies of the matrix's API servers.
#[derive(Clone, Copy)]
enum ApiPolicy {
    Api,
    Wild,
    WildAuth,
}

impl ApiPolicy {
    fn router(self, stats: Arc<Stats>) -> axum::Router {
        match self {
            ApiPolicy::Api => api_router(Api, stats),
            ApiPolicy::Wild => api_router(Wild, stats),
            ApiPolicy::WildAuth => api_router(WildAuth, stats),
        }
    }

    fn actix(
        self,
        listener: std::net::TcpListener,
        stats: Arc<Stats>,
    ) -> std::io::Result<actix_web::dev::Server> {
        fn server<P: PolicySource>(
            policy: P,
            listener: std::net::TcpListener,
            stats: Arc<Stats>,
        ) -> std::io::Result<actix_web::dev::Server> {
            actix_app::api_server(listener, policy, stats)
        }
        match self {
            ApiPolicy::Api => server(Api, listener, stats),
            ApiPolicy::Wild => server(Wild, listener, stats),
            ApiPolicy::WildAuth => server(WildAuth, listener, stats),
        }
    }
}

#[test]
fn fetch_matrix_chromium_tower() {
    fetch_matrix(Engine::Chromium, Adapter::Tower);
}

#[test]
fn fetch_matrix_chromium_actix() {
    fetch_matrix(Engine::Chromium, Adapter::Actix);
}

#[test]
fn fetch_matrix_firefox_tower() {
    fetch_matrix(Engine::Firefox, Adapter::Tower);
}

#[test]
fn fetch_matrix_firefox_actix() {
    fetch_matrix(Engine::Firefox, Adapter::Actix);
}

/// The matrix: `fetch()` calls from pages on several origins, against
/// policies compiled by `cors_policy!` and applied by `adapter`, and what
/// `engine` reports for each.
fn fetch_matrix(engine: Engine, adapter: Adapter) {
    let _lock = browser_lock();
    let started = std::time::Instant::now();
    let servers = Servers::start(adapter);
    let driver = start_driver(engine);
    let session = open_session(&driver, engine);
    println!("adapter: {adapter:?}");
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
    // ---- Where the engines differ, each one's documented behaviour.

    // No Access-Control-Max-Age (WildAuth sends none): the Fetch standard
    // says 5 s. Two PUTs in a row: how many preflights reach the server?
    let app = servers.page("app.example.test");
    let before = servers.wild_auth.1.preflights();
    for round in 0..2 {
        m.check(Check {
            name: if round == 0 {
                "no max-age: first PUT"
            } else {
                "no max-age: second PUT at once"
            },
            page: &app,
            url: format!("{wild_auth}/api/items/default-age"),
            init: json!({ "method": "PUT", "headers": { "authorization": "Bearer x" } }),
            expect: Expect::allowed(200),
        });
    }
    m.expect_eq(
        engine.default_preflight_cache_text(),
        servers.wild_auth.1.preflights() - before,
        engine.preflights_for_two_puts_without_max_age(),
    );

    // How the browser itself reads `Access-Control-Allow-Headers: *` (a
    // hand-written answer, not a policy's: a policy never sends a bare `*`
    // when `authorization` is requested, it refuses the preflight).
    let raw = format!("http://127.0.0.1:{}", servers.raw);
    m.check(Check {
        name: "raw answer `ACAH: *`: a custom header is covered",
        page: &app,
        url: format!("{raw}/star"),
        init: json!({ "method": "PUT", "headers": { "x-anything": "1" } }),
        expect: Expect::allowed(200),
    });
    m.check(Check {
        name: engine.star_authorization_text(),
        page: &app,
        url: format!("{raw}/star"),
        init: json!({ "method": "PUT", "headers": { "authorization": "Bearer x" } }),
        expect: engine.star_authorization(),
    });
    m.check(Check {
        name: "raw answer `ACAH: *` with credentials: `*` is a literal name, x-anything is refused",
        page: &app,
        url: format!("{raw}/star-credentials"),
        init: json!({ "method": "PUT", "credentials": "include", "headers": { "x-anything": "1" } }),
        expect: Expect::Blocked,
    });

    println!(
        "{} matrix through the {adapter:?} adapter: {:.1} s",
        engine.name(),
        started.elapsed().as_secs_f64()
    );
    m.finish();
}

#[test]
fn example_binaries_in_chromium() {
    example_binaries(Engine::Chromium);
}

#[test]
fn example_binaries_in_firefox() {
    example_binaries(Engine::Firefox);
}

/// The example binaries themselves: each serves the page and the API; the
/// page's buttons give what `page::SCENARIOS` says, and an unlisted origin
/// is refused.
fn example_binaries(engine: Engine) {
    let _lock = browser_lock();
    let started = std::time::Instant::now();
    let driver = start_driver(engine);
    let session = open_session(&driver, engine);
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
    println!(
        "example binaries in {}: {:.1} s",
        engine.name(),
        started.elapsed().as_secs_f64()
    );
    assert!(
        failures.is_empty(),
        "example binaries in {}:\n{}",
        engine.name(),
        failures.join("\n")
    );
}
