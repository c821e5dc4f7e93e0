//! PROTOCOL.md as tables: every row runs through the five adapters (tower,
//! actix-web, Poem, Salvo, Rocket), which must answer identically, and the
//! answer is compared with the row's expected status, application calls
//! and the exact set of `Access-Control-*` and `Vary` fields.
//!
//! The adversarial table (`adversarial/mod.rs`) and the gRPC-web test
//! (`grpc_web/mod.rs`) are modules of this test binary, so that the
//! frameworks are linked once.

#[path = "support/adapters/mod.rs"]
mod adapters;
#[path = "adversarial/mod.rs"]
mod adversarial;
#[path = "grpc_web/mod.rs"]
mod grpc_web;
mod support;

use adapters::{report, run};
use support::harness::{App, Req, Resp, APP_BODY};
use support::policy::{erase, TestPolicy};

const APP: &str = "https://app.example";
const VARY_ORIGIN: (&str, &str) = ("vary", "origin");
const VARY_PREFLIGHT: (&str, &str) = (
    "vary",
    "origin, access-control-request-method, access-control-request-headers",
);

fn acao(v: &'static str) -> (&'static str, &'static str) {
    ("access-control-allow-origin", v)
}
fn acam(v: &'static str) -> (&'static str, &'static str) {
    ("access-control-allow-methods", v)
}
fn acah(v: &'static str) -> (&'static str, &'static str) {
    ("access-control-allow-headers", v)
}
fn acma(v: &'static str) -> (&'static str, &'static str) {
    ("access-control-max-age", v)
}
fn aceh(v: &'static str) -> (&'static str, &'static str) {
    ("access-control-expose-headers", v)
}
const ACAC: (&str, &str) = ("access-control-allow-credentials", "true");
const ACAPN: (&str, &str) = ("access-control-allow-private-network", "true");

struct Policies {
    list: TestPolicy,
    creds: TestPolicy,
    any: TestPolicy,
    any_auth: TestPolicy,
    creds_any: TestPolicy,
    null_ok: TestPolicy,
    pna: TestPolicy,
    ok200: TestPolicy,
    forward: TestPolicy,
    no_headers: TestPolicy,
    ws: TestPolicy,
}

mod compiled {
    cors_runtime::cors_policy! {
        pub policy List {
            origins: "https://app.example", "https://*.example.com", "http://localhost:*";
            methods: PUT, PATCH, chicken;
            request-headers: content-type, x-a, x-b;
            expose-headers: x-id;
            max-age: 600;
        }
        pub policy Creds {
            origins: "https://app.example", "https://*.example.com";
            credentials: true;
            methods: PUT;
            request-headers: authorization, x-a;
            expose-headers: x-id;
        }
        pub policy Any {
            origins: *;
            methods: *;
            request-headers: *;
            expose-headers: *;
            max-age: 0;
        }
        pub policy AnyAuth {
            origins: *;
            methods: PUT;
            request-headers: *, authorization;
        }
        pub policy CredsAny {
            origins: "https://app.example";
            credentials: true;
            methods: *;
            request-headers: *;
        }
        pub policy NullOk {
            origins: null;
            methods: PUT;
            dangerously-allow: null-origin;
        }
        pub policy Pna {
            origins: "https://app.example";
            private-network: true;
        }
        pub policy Ok200 {
            origins: "https://app.example";
            preflight-status: 200;
        }
        pub policy Forward {
            origins: "https://app.example";
            methods: PUT;
            preflight: forward;
        }
        pub policy NoHeaders {
            origins: "https://app.example";
        }
        pub policy Ws {
            origins: "https://app.example", "https://*.example.com";
            credentials: true;
            websocket: check-origin;
        }
    }
}

fn policies() -> Policies {
    Policies {
        list: erase(compiled::List),
        creds: erase(compiled::Creds),
        any: erase(compiled::Any),
        any_auth: erase(compiled::AnyAuth),
        creds_any: erase(compiled::CredsAny),
        null_ok: erase(compiled::NullOk),
        pna: erase(compiled::Pna),
        ok200: erase(compiled::Ok200),
        forward: erase(compiled::Forward),
        no_headers: erase(compiled::NoHeaders),
        ws: erase(compiled::Ws),
    }
}

struct Row {
    name: &'static str,
    policy: TestPolicy,
    req: Req,
    app: App,
    status: u16,
    app_calls: usize,
    headers: Vec<(&'static str, &'static str)>,
}

fn row(
    name: &'static str,
    policy: TestPolicy,
    req: Req,
    status: u16,
    app_calls: usize,
    headers: &[(&'static str, &'static str)],
) -> Row {
    Row {
        name,
        policy,
        req,
        app: App::ok(),
        status,
        app_calls,
        headers: headers.to_vec(),
    }
}

impl Row {
    fn app(mut self, app: App) -> Self {
        self.app = app;
        self
    }
}

fn get(origin: &str) -> Req {
    Req::new("GET").origin(origin)
}

fn check(table: &str, rows: Vec<Row>) {
    let mut failures = Vec::new();
    let methods: Vec<&[u8]> = rows.iter().map(|row| row.req.method.as_bytes()).collect();
    report(&format!("protocol/{table}"), methods);
    for row in rows {
        let resp: Resp = run(row.policy, &row.req, &row.app);
        let mut expected: Vec<(String, String)> = row
            .headers
            .iter()
            .map(|(n, v)| (n.to_string(), v.to_string()))
            .collect();
        expected.sort_by(|a, b| a.0.cmp(&b.0));
        let expected_body = if row.app_calls == 1 { APP_BODY } else { "" };
        if resp.status != row.status
            || resp.app_calls != row.app_calls
            || resp.headers != expected
            || resp.body != expected_body
        {
            failures.push(format!(
                "{}: expected {} {} call(s) {:?}\n     got {} {} call(s) {:?} body {:?}",
                row.name,
                row.status,
                row.app_calls,
                expected,
                resp.status,
                resp.app_calls,
                resp.headers,
                resp.body
            ));
        }
    }
    assert!(failures.is_empty(), "\n{}", failures.join("\n"));
}

#[test]
fn classification() {
    let p = policies();
    check(
        "classification",
        vec![
            row(
                "no Origin: not CORS, app called, Vary",
                p.list,
                Req::new("GET"),
                200,
                1,
                &[VARY_ORIGIN],
            ),
            row(
                "no Origin, origins *: constant ACAO/ACEH, no Vary",
                p.any,
                Req::new("GET"),
                200,
                1,
                &[acao("*"), aceh("*")],
            ),
            row(
                "ACRM without Origin: not CORS",
                p.list,
                Req::new("OPTIONS").h("access-control-request-method", "PUT"),
                200,
                1,
                &[VARY_ORIGIN],
            ),
            row(
                "OPTIONS + Origin without ACRM: actual, reaches the app",
                p.list,
                Req::new("OPTIONS").origin(APP),
                200,
                1,
                &[acao(APP), aceh("x-id"), VARY_ORIGIN],
            ),
            row(
                "POST with Origin: actual",
                p.list,
                Req::new("POST").origin(APP),
                200,
                1,
                &[acao(APP), aceh("x-id"), VARY_ORIGIN],
            ),
        ],
    );
}

#[test]
fn origins() {
    let p = policies();
    let long = format!("https://{}.example.com", "a".repeat(300));
    let long: &'static str = Box::leak(long.into_boxed_str());
    let refused = |name, origin: &str| row(name, p.list, get(origin), 200, 1, &[VARY_ORIGIN]);
    check(
        "origins",
        vec![
            row(
                "exact origin: constant",
                p.list,
                get(APP),
                200,
                1,
                &[acao(APP), aceh("x-id"), VARY_ORIGIN],
            ),
            row(
                "subdomain: echoed",
                p.list,
                get("https://a.b.example.com"),
                200,
                1,
                &[acao("https://a.b.example.com"), aceh("x-id"), VARY_ORIGIN],
            ),
            row(
                "any port: echoed",
                p.list,
                get("http://localhost:3000"),
                200,
                1,
                &[acao("http://localhost:3000"), aceh("x-id"), VARY_ORIGIN],
            ),
            refused("disallowed", "https://evil.example"),
            refused("bare suffix", "https://example.com"),
            refused("suffix glued", "https://evilexample.com"),
            refused("suffix then more", "https://app.example.com.evil.net"),
            refused("uppercase", "https://APP.example"),
            refused("trailing slash", "https://app.example/"),
            refused("default port", "https://app.example:443"),
            refused("trailing dot", "https://a.example.com."),
            refused("leading-zero port", "http://localhost:03000"),
            refused("port > 65535", "http://localhost:65536"),
            refused("comma-joined", "https://app.example, https://app.example"),
            refused("empty", ""),
            refused("over-long", long),
            refused("null not listed", "null"),
            refused("scheme differs", "http://app.example"),
            row(
                "raw non-ASCII",
                p.list,
                Req::new("GET").h("origin", b"https://\xc3\xa9.example.com"),
                200,
                1,
                &[VARY_ORIGIN],
            ),
            row(
                "two Origin fields",
                p.list,
                get(APP).origin(APP),
                200,
                1,
                &[VARY_ORIGIN],
            ),
            row(
                "null listed",
                p.null_ok,
                get("null"),
                200,
                1,
                &[acao("null"), VARY_ORIGIN],
            ),
            row(
                "origins *: null gets *",
                p.any,
                get("null"),
                200,
                1,
                &[acao("*"), aceh("*")],
            ),
            row(
                "origins *: garbage gets *",
                p.any,
                get("://x"),
                200,
                1,
                &[acao("*"), aceh("*")],
            ),
            row(
                "credentials: ACAC true",
                p.creds,
                get(APP),
                200,
                1,
                &[acao(APP), ACAC, aceh("x-id"), VARY_ORIGIN],
            ),
            row(
                "credentials, refused: no ACAC",
                p.creds,
                get("https://evil.example"),
                200,
                1,
                &[VARY_ORIGIN],
            ),
        ],
    );
}

#[test]
fn actual_responses_and_header_hygiene() {
    let p = policies();
    let allowed = [acao(APP), aceh("x-id"), VARY_ORIGIN];
    check(
        "actual_responses_and_header_hygiene",
        vec![
            row("500 keeps headers", p.list, get(APP), 500, 1, &allowed).app(App::ok().status(500)),
            row("404 keeps headers", p.list, get(APP), 404, 1, &allowed).app(App::ok().status(404)),
            row("302 keeps headers", p.list, get(APP), 302, 1, &allowed).app(App::ok().status(302)),
            row(
                "refused 500: only Vary",
                p.list,
                get("https://evil.example"),
                500,
                1,
                &[VARY_ORIGIN],
            )
            .app(App::ok().status(500)),
            row(
                "no Origin 503: Vary",
                p.list,
                Req::new("GET"),
                503,
                1,
                &[VARY_ORIGIN],
            )
            .app(App::ok().status(503)),
            row(
                "Vary appended to the app's",
                p.list,
                get(APP),
                200,
                1,
                &[
                    acao(APP),
                    aceh("x-id"),
                    ("vary", "accept-encoding"),
                    VARY_ORIGIN,
                ],
            )
            .app(App::ok().h("vary", "accept-encoding")),
            row(
                "Vary: Origin not duplicated",
                p.list,
                get(APP),
                200,
                1,
                &[acao(APP), aceh("x-id"), ("vary", "Origin")],
            )
            .app(App::ok().h("vary", "Origin")),
            row(
                "Vary list containing origin not duplicated",
                p.list,
                Req::new("GET"),
                200,
                1,
                &[("vary", "accept-encoding, origin")],
            )
            .app(App::ok().h("vary", "accept-encoding, origin")),
            row(
                "Vary: * kept",
                p.list,
                get(APP),
                200,
                1,
                &[acao(APP), aceh("x-id"), ("vary", "*")],
            )
            .app(App::ok().h("vary", "*")),
            row(
                "app's ACAO replaced, never duplicated",
                p.list,
                get(APP),
                200,
                1,
                &allowed,
            )
            .app(
                App::ok()
                    .h("access-control-allow-origin", "https://other.example")
                    .h("access-control-allow-origin", "*"),
            ),
            row(
                "app's ACAO removed when refused",
                p.list,
                get("https://evil.example"),
                200,
                1,
                &[VARY_ORIGIN],
            )
            .app(
                App::ok()
                    .h("access-control-allow-origin", "*")
                    .h("access-control-allow-credentials", "true"),
            ),
            row(
                "no ACAM/ACAH/ACMA/ACAPN on actual responses",
                p.list,
                get(APP),
                200,
                1,
                &allowed,
            )
            .app(
                App::ok()
                    .h("access-control-allow-methods", "PUT")
                    .h("access-control-allow-headers", "x-a")
                    .h("access-control-max-age", "5")
                    .h("access-control-allow-private-network", "true"),
            ),
            row("app's ACEH replaced", p.list, get(APP), 200, 1, &allowed)
                .app(App::ok().h("access-control-expose-headers", "x-secret")),
        ],
    );
    // Other headers of the application are kept.
    let resp = run(p.list, &get(APP), &App::ok().h("x-app", "1"));
    assert_eq!(resp.other, vec![("x-app".to_owned(), "1".to_owned())]);
}

#[test]
fn preflight_method() {
    let p = policies();
    let ok = |m: &'static str| {
        row(
            "allowed method",
            p.list,
            Req::preflight(APP, m),
            204,
            0,
            &[acao(APP), acam(m), acma("600"), VARY_PREFLIGHT],
        )
    };
    let refused = |name, req| row(name, p.list, req, 403, 0, &[VARY_PREFLIGHT]);
    check(
        "preflight_method",
        vec![
            ok("PUT"),
            ok("PATCH"),
            ok("chicken"),
            refused("patch is not PATCH", Req::preflight(APP, "patch")),
            refused("Chicken is not chicken", Req::preflight(APP, "Chicken")),
            refused("DELETE not listed", Req::preflight(APP, "DELETE")),
            refused(
                "disallowed origin",
                Req::preflight("https://evil.example", "PUT"),
            ),
            refused("two Origin fields", Req::preflight(APP, "PUT").origin(APP)),
            refused(
                "two ACRM fields",
                Req::preflight(APP, "PUT").h("access-control-request-method", "PUT"),
            ),
            refused("empty ACRM", Req::preflight(APP, "")),
            refused("non-token ACRM", Req::preflight(APP, "PU T")),
            refused("comma in ACRM", Req::preflight(APP, "PUT,PATCH")),
            row(
                "GET: no ACAM",
                p.list,
                Req::preflight(APP, "GET"),
                204,
                0,
                &[acao(APP), acma("600"), VARY_PREFLIGHT],
            ),
            row(
                "HEAD: no ACAM",
                p.list,
                Req::preflight(APP, "HEAD"),
                204,
                0,
                &[acao(APP), acma("600"), VARY_PREFLIGHT],
            ),
            row(
                "POST: no ACAM",
                p.list,
                Req::preflight(APP, "POST"),
                204,
                0,
                &[acao(APP), acma("600"), VARY_PREFLIGHT],
            ),
            row(
                "methods *: echo, never *",
                p.any,
                Req::preflight(APP, "chicken"),
                204,
                0,
                &[acao("*"), acam("chicken"), acma("0"), VARY_PREFLIGHT],
            ),
            row(
                "methods * with credentials: echo",
                p.creds_any,
                Req::preflight(APP, "DELETE"),
                204,
                0,
                &[acao(APP), ACAC, acam("DELETE"), VARY_PREFLIGHT],
            ),
            row(
                "credentials on the preflight",
                p.creds,
                Req::preflight(APP, "PUT"),
                204,
                0,
                &[acao(APP), ACAC, acam("PUT"), VARY_PREFLIGHT],
            ),
            row(
                "wildcard origin echoed",
                p.list,
                Req::preflight("https://x.example.com", "PUT"),
                204,
                0,
                &[
                    acao("https://x.example.com"),
                    acam("PUT"),
                    acma("600"),
                    VARY_PREFLIGHT,
                ],
            ),
            row(
                "null listed",
                p.null_ok,
                Req::preflight("null", "PUT"),
                204,
                0,
                &[acao("null"), acam("PUT"), VARY_PREFLIGHT],
            ),
            row(
                "refused preflight: app's status ignored, app not called",
                p.list,
                Req::preflight(APP, "DELETE"),
                403,
                0,
                &[VARY_PREFLIGHT],
            )
            .app(App::ok().status(500)),
        ],
    );
}

#[test]
fn preflight_request_headers() {
    let p = policies();
    let list_ok = |name, acrh: &str| {
        row(
            name,
            p.list,
            Req::preflight(APP, "PUT").acrh(acrh),
            204,
            0,
            &[
                acao(APP),
                acam("PUT"),
                acah("content-type,x-a,x-b"),
                acma("600"),
                VARY_PREFLIGHT,
            ],
        )
    };
    let list_no_acah = |name, acrh: &str| {
        row(
            name,
            p.list,
            Req::preflight(APP, "PUT").acrh(acrh),
            204,
            0,
            &[acao(APP), acam("PUT"), acma("600"), VARY_PREFLIGHT],
        )
    };
    let refused = |name, policy, req| row(name, policy, req, 403, 0, &[VARY_PREFLIGHT]);
    let commas = ",".repeat(1 << 20);
    let mut many_fields = Req::preflight(APP, "PUT");
    for _ in 0..100 {
        many_fields = many_fields.acrh("x-a");
    }
    check(
        "preflight_request_headers",
        vec![
            list_ok("canonical", "content-type,x-a"),
            list_ok("OWS", "x-a, x-b"),
            list_ok("uppercase", "X-A,Content-Type"),
            list_ok("empty elements", ",x-a,,x-b,"),
            list_ok("duplicates, unsorted", "x-b,x-a,x-a"),
            row(
                "several fields",
                p.list,
                Req::preflight(APP, "PUT").acrh("x-a").acrh("x-b"),
                204,
                0,
                &[
                    acao(APP),
                    acam("PUT"),
                    acah("content-type,x-a,x-b"),
                    acma("600"),
                    VARY_PREFLIGHT,
                ],
            ),
            list_no_acah("present but empty: no headers", ""),
            list_no_acah("only commas and spaces: no headers", ", ,,"),
            refused(
                "not allowed",
                p.list,
                Req::preflight(APP, "PUT").acrh("x-a,x-c"),
            ),
            refused(
                "not a token",
                p.list,
                Req::preflight(APP, "PUT").acrh("x a"),
            ),
            refused(
                "not a token (@)",
                p.list,
                Req::preflight(APP, "PUT").acrh("x@"),
            ),
            refused(
                "1 MiB of commas",
                p.list,
                Req::preflight(APP, "PUT").acrh(&commas),
            ),
            refused("100 fields", p.list, many_fields),
            refused(
                "empty list policy",
                p.no_headers,
                Req::preflight(APP, "PUT").acrh("x-a"),
            ),
            row(
                "empty list policy, empty ACRH",
                p.no_headers,
                Req::preflight(APP, "PUT").acrh(""),
                403,
                0,
                &[VARY_PREFLIGHT],
            ),
            row(
                "empty list policy, GET, empty ACRH",
                p.no_headers,
                Req::preflight(APP, "GET").acrh(""),
                204,
                0,
                &[acao(APP), VARY_PREFLIGHT],
            ),
            row(
                "* without credentials: ACAH *",
                p.any,
                Req::preflight(APP, "GET").acrh("x-anything"),
                204,
                0,
                &[acao("*"), acah("*"), acma("0"), VARY_PREFLIGHT],
            ),
            refused(
                "authorization never covered by *",
                p.any,
                Req::preflight(APP, "GET").acrh("authorization,x-a"),
            ),
            refused(
                "Authorization never covered by *",
                p.any,
                Req::preflight(APP, "GET").acrh("Authorization"),
            ),
            row(
                "*, authorization",
                p.any_auth,
                Req::preflight(APP, "GET").acrh("authorization,x-a"),
                204,
                0,
                &[acao("*"), acah("*,authorization"), VARY_PREFLIGHT],
            ),
            row(
                "authorization listed with credentials",
                p.creds,
                Req::preflight(APP, "PUT").acrh("authorization"),
                204,
                0,
                &[
                    acao(APP),
                    ACAC,
                    acam("PUT"),
                    acah("authorization,x-a"),
                    VARY_PREFLIGHT,
                ],
            ),
            row(
                "* with credentials: echo",
                p.creds_any,
                Req::preflight(APP, "GET").acrh("X-Foo, x-bar"),
                204,
                0,
                &[acao(APP), ACAC, acah("X-Foo, x-bar"), VARY_PREFLIGHT],
            ),
            row(
                "* with credentials, several fields: as many ACAH fields",
                p.creds_any,
                Req::preflight(APP, "GET").acrh("x-a").acrh("x-b"),
                204,
                0,
                &[acao(APP), ACAC, acah("x-a"), acah("x-b"), VARY_PREFLIGHT],
            ),
            refused(
                "* with credentials: authorization",
                p.creds_any,
                Req::preflight(APP, "GET").acrh("authorization"),
            ),
        ],
    );
}

#[test]
fn preflight_options() {
    let p = policies();
    let pna = |acrpn: &'static str| {
        Req::preflight(APP, "GET").h("access-control-request-private-network", acrpn)
    };
    check(
        "preflight_options",
        vec![
            row(
                "PNA allowed",
                p.pna,
                pna("true"),
                204,
                0,
                &[acao(APP), ACAPN, VARY_PREFLIGHT],
            ),
            row(
                "PNA not requested",
                p.pna,
                Req::preflight(APP, "GET"),
                204,
                0,
                &[acao(APP), VARY_PREFLIGHT],
            ),
            row(
                "PNA not true",
                p.pna,
                pna("TRUE"),
                204,
                0,
                &[acao(APP), VARY_PREFLIGHT],
            ),
            row(
                "PNA requested, not allowed: success without ACAPN",
                p.list,
                pna("true"),
                204,
                0,
                &[acao(APP), acma("600"), VARY_PREFLIGHT],
            ),
            row(
                "PNA refused origin",
                p.pna,
                Req::preflight("https://evil.example", "GET")
                    .h("access-control-request-private-network", "true"),
                403,
                0,
                &[VARY_PREFLIGHT],
            ),
            row(
                "preflight-status 200",
                p.ok200,
                Req::preflight(APP, "GET"),
                200,
                0,
                &[acao(APP), VARY_PREFLIGHT],
            ),
            row(
                "preflight-status 200, refused: 403",
                p.ok200,
                Req::preflight(APP, "PUT"),
                403,
                0,
                &[VARY_PREFLIGHT],
            ),
            row(
                "max-age 0 emitted",
                p.any,
                Req::preflight(APP, "GET"),
                204,
                0,
                &[acao("*"), acma("0"), VARY_PREFLIGHT],
            ),
            row(
                "forward: app called, headers added",
                p.forward,
                Req::preflight(APP, "PUT"),
                200,
                1,
                &[acao(APP), acam("PUT"), VARY_PREFLIGHT],
            ),
            row(
                "forward: app's status kept",
                p.forward,
                Req::preflight(APP, "PUT"),
                202,
                1,
                &[acao(APP), acam("PUT"), VARY_PREFLIGHT],
            )
            .app(App::ok().status(202)),
            row(
                "forward: no ACEH on the preflight",
                p.forward,
                Req::preflight(APP, "PUT"),
                200,
                1,
                &[acao(APP), acam("PUT"), VARY_PREFLIGHT],
            )
            .app(App::ok().h("access-control-expose-headers", "x-id")),
            row(
                "forward: Vary appended",
                p.forward,
                Req::preflight(APP, "PUT"),
                200,
                1,
                &[
                    acao(APP),
                    acam("PUT"),
                    ("vary", "accept-encoding"),
                    VARY_PREFLIGHT,
                ],
            )
            .app(App::ok().h("vary", "accept-encoding")),
            row(
                "forward: Vary origin present, others added",
                p.forward,
                Req::preflight(APP, "PUT"),
                200,
                1,
                &[
                    acao(APP),
                    acam("PUT"),
                    ("vary", "origin"),
                    ("vary", "access-control-request-method"),
                    ("vary", "access-control-request-headers"),
                ],
            )
            .app(App::ok().h("vary", "origin")),
            row(
                "forward: refused answered 403",
                p.forward,
                Req::preflight(APP, "DELETE"),
                403,
                0,
                &[VARY_PREFLIGHT],
            ),
            row(
                "forward: OPTIONS without ACRM is actual",
                p.forward,
                Req::new("OPTIONS").origin(APP),
                200,
                1,
                &[acao(APP), VARY_ORIGIN],
            ),
        ],
    );
}

/// PROTOCOL §9: `websocket: check-origin;`.
#[test]
fn websocket_handshakes() {
    let p = policies();
    let ws = |origin: Option<&str>, upgrade: &str| {
        let req = Req::new("GET")
            .h("connection", "Upgrade")
            .h("upgrade", upgrade)
            .h("sec-websocket-version", "13");
        match origin {
            Some(origin) => req.origin(origin),
            None => req,
        }
    };
    check(
        "websocket_handshakes",
        vec![
            row(
                "handshake from another origin: 403, empty, app not called",
                p.ws,
                ws(Some("https://evil.example"), "websocket"),
                403,
                0,
                &[],
            ),
            row(
                "Upgrade in any case",
                p.ws,
                ws(Some("https://evil.example"), "WebSocket"),
                403,
                0,
                &[],
            ),
            row(
                "origin matched byte-exactly",
                p.ws,
                ws(Some("https://APP.example"), "websocket"),
                403,
                0,
                &[],
            ),
            row(
                "null is not listed",
                p.ws,
                ws(Some("null"), "websocket"),
                403,
                0,
                &[],
            ),
            row(
                "two Origin fields",
                p.ws,
                ws(Some(APP), "websocket").origin(APP),
                403,
                0,
                &[],
            ),
            row(
                "HTTP/2 handshake (CONNECT) from another origin",
                p.ws,
                Req::new("CONNECT").origin("https://evil.example"),
                403,
                0,
                &[],
            ),
            row(
                "allowed origin: passed untouched, no CORS header",
                p.ws,
                ws(Some(APP), "websocket"),
                200,
                1,
                &[],
            ),
            row(
                "allowed by a pattern: untouched",
                p.ws,
                ws(Some("https://a.b.example.com"), "websocket"),
                200,
                1,
                &[],
            ),
            row(
                "no Origin (not a browser): untouched",
                p.ws,
                ws(None, "websocket"),
                200,
                1,
                &[],
            ),
            row(
                "the application's own CORS headers on a handshake are left alone",
                p.ws,
                ws(Some(APP), "websocket"),
                200,
                1,
                &[("vary", "accept")],
            )
            .app(App::ok().h("vary", "accept")),
            row(
                "another upgrade is an actual request",
                p.ws,
                ws(Some("https://evil.example"), "h2c"),
                200,
                1,
                &[VARY_ORIGIN],
            ),
            row(
                "a plain GET from an allowed origin gets its CORS headers",
                p.ws,
                get(APP),
                200,
                1,
                &[acao(APP), ACAC, VARY_ORIGIN],
            ),
            row(
                "without the statement a handshake is an actual request",
                p.no_headers,
                ws(Some("https://evil.example"), "websocket"),
                200,
                1,
                &[VARY_ORIGIN],
            ),
            row(
                "without the statement, allowed: CORS headers as usual",
                p.no_headers,
                ws(Some(APP), "websocket"),
                200,
                1,
                &[acao(APP), VARY_ORIGIN],
            ),
        ],
    );
}

#[test]
fn works_with_axum_router() {
    use tower::ServiceExt;
    let p = policies();
    let calls = std::sync::Arc::new(std::sync::atomic::AtomicUsize::new(0));
    let counter = calls.clone();
    let router = axum::Router::new()
        .route(
            "/",
            axum::routing::any(move || {
                counter.fetch_add(1, std::sync::atomic::Ordering::SeqCst);
                async { "hi" }
            }),
        )
        .layer(cors_runtime::tower::CorsLayer::new(p.list));
    let get = http::Request::get("/")
        .header("origin", APP)
        .body(axum::body::Body::empty())
        .unwrap();
    let response = support::harness::block_on(router.clone().oneshot(get)).unwrap();
    assert_eq!(response.status(), 200);
    assert_eq!(response.headers()["access-control-allow-origin"], APP);
    assert_eq!(response.headers()["vary"], "origin");
    let preflight = http::Request::options("/")
        .header("origin", APP)
        .header("access-control-request-method", "PUT")
        .body(axum::body::Body::empty())
        .unwrap();
    let response = support::harness::block_on(router.oneshot(preflight)).unwrap();
    assert_eq!(response.status(), 204);
    assert_eq!(response.headers()["access-control-allow-methods"], "PUT");
    assert_eq!(calls.load(std::sync::atomic::Ordering::SeqCst), 1);
}

#[test]
fn actix_error_responses_get_headers() {
    use actix_web::{test, web};
    let p = policies();
    actix_web::rt::System::new().block_on(async move {
        let app = test::init_service(
            actix_web::App::new()
                .route(
                    "/",
                    web::get().to(|| async {
                        Err::<&'static str, _>(actix_web::error::ErrorBadRequest("nope"))
                    }),
                )
                // An inner middleware that fails with `Err` instead of a response.
                .wrap_fn(|req, srv| {
                    let fail = req.headers().contains_key("x-fail");
                    let fut = actix_web::dev::Service::call(srv, req);
                    async move {
                        if fail {
                            Err(actix_web::error::ErrorUnauthorized("no"))
                        } else {
                            fut.await
                        }
                    }
                })
                // Registered last: the outermost middleware.
                .wrap(cors_runtime::actix::Cors::new(p.list)),
        )
        .await;
        // Handler error: already a response when it reaches the middleware.
        let req = test::TestRequest::get()
            .insert_header(("origin", APP))
            .to_request();
        let res = test::call_service(&app, req).await;
        assert_eq!(res.status(), 400);
        assert_eq!(
            res.headers().get("access-control-allow-origin").unwrap(),
            APP
        );
        // `Err` from an inner middleware: still an error, rendered with the headers.
        let req = test::TestRequest::get()
            .insert_header(("origin", APP))
            .insert_header(("x-fail", "1"))
            .to_request();
        let err = match actix_web::dev::Service::call(&app, req).await {
            Ok(_) => panic!("expected an error"),
            Err(err) => err,
        };
        let res = err.error_response();
        assert_eq!(res.status(), 401);
        assert_eq!(
            res.headers().get("access-control-allow-origin").unwrap(),
            APP
        );
        assert_eq!(res.headers().get("vary").unwrap(), "origin");
    });
}

/// Run-time policies (`DynamicPolicy`, and `ReloadablePolicy` snapshots)
/// through every adapter answer exactly as the compiled ones, and a reload
/// applies to the next request.
#[test]
fn run_time_policies_through_every_adapter() {
    use cors_runtime::dynamic::{DynamicPolicy, ReloadablePolicy};

    const TEXT: &str = r#"
        policy Ws {
            origins: "https://app.example", "https://*.example.com";
            credentials: true;
            websocket: check-origin;
        }
        policy List {
            origins: "https://app.example", "https://*.example.com", "http://localhost:*";
            methods: PUT, PATCH, chicken;
            request-headers: content-type, x-a, x-b;
            expose-headers: x-id;
            max-age: 600;
        }
    "#;
    let p = policies();
    let requests = [
        get(APP),
        get("https://a.example.com"),
        get("https://evil.example"),
        Req::preflight(APP, "PUT").acrh("content-type,x-a"),
        Req::preflight(APP, "DELETE"),
        Req::preflight("https://evil.example", "PUT"),
        Req::new("GET")
            .origin("https://evil.example")
            .h("upgrade", "websocket"),
        Req::new("GET").origin(APP).h("upgrade", "websocket"),
    ];
    let mut rows = 0;
    for (name, compiled) in [("Ws", p.ws), ("List", p.list)] {
        let dynamic = DynamicPolicy::parse(TEXT, name).expect("valid");
        let reloadable = ReloadablePolicy::new(dynamic.clone());
        for req in &requests {
            let expected = run(compiled, req, &App::ok());
            assert_eq!(
                run(dynamic.clone(), req, &App::ok()),
                expected,
                "{name} {req:?}"
            );
            assert_eq!(
                run(reloadable.clone(), req, &App::ok()),
                expected,
                "{name} {req:?}"
            );
            rows += 1;
        }
    }
    // A reload: the handshake from another origin is refused once the
    // policy says `websocket: check-origin;`.
    let reloadable = ReloadablePolicy::new(DynamicPolicy::parse(TEXT, "List").expect("valid"));
    let handshake = requests[6].clone();
    assert_eq!(run(reloadable.clone(), &handshake, &App::ok()).status, 200);
    reloadable.store(DynamicPolicy::parse(TEXT, "Ws").expect("valid"));
    let refused = run(reloadable, &handshake, &App::ok());
    assert_eq!((refused.status, refused.app_calls), (403, 0));
    rows += 2;
    report(
        "protocol/run_time_policies (each row twice: dynamic, reloadable)",
        std::iter::repeat_n(&b"GET"[..], rows),
    );
}

/// `with_shadow` on every adapter (feature `tracing`): one decision event
/// for the current policy and one shadow event when the candidate decides
/// otherwise, the same through each adapter.
#[cfg(feature = "tracing")]
#[test]
fn shadow_policies_through_every_adapter() {
    use adapters::{call_shadowed, Adapter};
    use cors_tests::capture::Capture;

    let p = policies();
    let capture = Capture::new();
    let headers = [("origin", b"https://evil.example".to_vec())];
    let mut seen = Vec::new();
    for adapter in Adapter::ALL {
        capture.clear();
        let raw = tracing::subscriber::with_default(capture.clone(), || {
            call_shadowed(adapter, p.any, p.list, b"GET", &headers).expect("GET")
        });
        assert_eq!(raw.status, 200, "{}", adapter.name());
        let events = capture.events();
        let decisions: Vec<_> = events
            .iter()
            .filter(|e| e.target == "cors_runtime")
            .collect();
        let shadows: Vec<_> = events
            .iter()
            .filter(|e| e.target == "cors_runtime::shadow")
            .collect();
        assert_eq!(decisions.len(), 1, "{}: {events:#?}", adapter.name());
        assert_eq!(decisions[0].get("policy"), Some("Any"));
        assert_eq!(shadows.len(), 1, "{}: {events:#?}", adapter.name());
        assert_eq!(shadows[0].get("shadow"), Some("List"));
        assert_eq!(shadows[0].get("shadow_reason"), Some("origin"));
        seen.push(
            shadows[0]
                .data()
                .iter()
                .map(|(k, v)| format!("{k}={v}"))
                .collect::<Vec<_>>(),
        );
    }
    assert!(seen.windows(2).all(|pair| pair[0] == pair[1]), "{seen:#?}");
    report("protocol/shadow", [&b"GET"[..]]);
}

/// The frameworks' own error responses get the CORS headers too: a Poem
/// endpoint's `Err`, Salvo's catcher page for an unknown path, Rocket's
/// `404` catcher for an unmounted path; and their preflights to paths
/// without any route are answered (empty body, no error page).
#[test]
fn framework_error_responses_get_headers() {
    let p = policies();
    let expect_headers = |fields: &[(String, String)]| {
        let find = |name: &str| {
            fields
                .iter()
                .find(|(n, _)| n == name)
                .map(|(_, v)| v.as_str())
        };
        assert_eq!(find("access-control-allow-origin"), Some(APP), "{fields:?}");
        assert_eq!(find("vary"), Some("origin"), "{fields:?}");
    };

    // Poem: an endpoint that fails.
    {
        use poem::{Endpoint, EndpointExt};
        let failing = poem::endpoint::make(|_request| async {
            Err::<&str, _>(poem::Error::from_status(http::StatusCode::CONFLICT))
        })
        .with(cors_runtime::poem::Cors::new(p.list));
        let request = poem::Request::builder().header("origin", APP).finish();
        let result = support::harness::block_on(failing.call(request));
        let Err(error) = result else {
            panic!("still an error")
        };
        let response = error.into_response();
        assert_eq!(response.status(), 409);
        let fields: Vec<_> = response
            .headers()
            .iter()
            .map(|(n, v)| (n.as_str().to_owned(), v.to_str().unwrap().to_owned()))
            .collect();
        expect_headers(&fields);
    }

    // Salvo: no route at all; the catcher writes the 404 page.
    {
        use salvo_core::conn::SocketAddr;
        use salvo_core::{ConnCtrl, Router, Service};
        let service = Service::new(Router::new()).hoop(cors_runtime::salvo::Cors::new(p.list));
        let handler = service.hyper_handler(
            SocketAddr::Unknown,
            SocketAddr::Unknown,
            http::uri::Scheme::HTTP,
            None,
            ConnCtrl::new(),
            None,
        );
        let request = |method: http::Method, acrm: Option<&'static str>| {
            let mut request = salvo_core::Request::new();
            *request.method_mut() = method;
            request.set_uri(http::Uri::from_static("http://localhost/nowhere"));
            request
                .headers_mut()
                .insert("origin", http::HeaderValue::from_static(APP));
            if let Some(acrm) = acrm {
                request.headers_mut().insert(
                    "access-control-request-method",
                    http::HeaderValue::from_static(acrm),
                );
            }
            request
        };
        let mut response =
            support::harness::block_on(handler.handle(request(http::Method::GET, None)));
        assert_eq!(response.status_code, Some(http::StatusCode::NOT_FOUND));
        assert!(!response.take_body().is_none(), "the catcher's page");
        let fields: Vec<_> = response
            .headers()
            .iter()
            .map(|(n, v)| (n.as_str().to_owned(), v.to_str().unwrap().to_owned()))
            .collect();
        expect_headers(&fields);
        // A refused preflight there: 403, empty, no error page.
        let mut response = support::harness::block_on(
            handler.handle(request(http::Method::OPTIONS, Some("DELETE"))),
        );
        assert_eq!(response.status_code, Some(http::StatusCode::FORBIDDEN));
        assert!(matches!(response.take_body(), salvo_core::http::ResBody::Once(b) if b.is_empty()));
    }

    // Rocket: nothing mounted; the 404 catcher answers.
    {
        use rocket::http::Header;
        use rocket::local::asynchronous::Client;
        let runtime = tokio::runtime::Builder::new_current_thread()
            .enable_all()
            .build()
            .unwrap();
        runtime.block_on(async {
            let config = rocket::Config {
                log_level: rocket::config::LogLevel::Off,
                ..rocket::Config::debug_default()
            };
            let rocket = rocket::custom(config).attach(cors_runtime::rocket::Cors::new(p.list));
            let client = Client::untracked(rocket).await.unwrap();
            let response = client
                .get("/nowhere")
                .header(Header::new("origin", APP))
                .dispatch()
                .await;
            assert_eq!(response.status().code, 404);
            let fields: Vec<_> = response
                .headers()
                .iter()
                .map(|h| (h.name().as_str().to_ascii_lowercase(), h.value().to_owned()))
                .collect();
            expect_headers(&fields);
            assert!(!response.into_string().await.unwrap_or_default().is_empty());
            let response = client
                .options("/nowhere")
                .header(Header::new("origin", APP))
                .header(Header::new("access-control-request-method", "DELETE"))
                .dispatch()
                .await;
            assert_eq!(response.status().code, 403);
            assert_eq!(response.into_string().await.unwrap_or_default(), "");
        });
    }
}
