//! The checks of policies `Wild` and `WildAuth`: any subdomain of
//! example.test on any port, `request-headers: *` with and without
//! `authorization`, `expose-headers: *`, no credentials, `max-age: 0`, and
//! what the wildcard must never match.

use serde_json::json;

use super::json_put;
use crate::harness::{Check, Expect, Matrix, Read};
use crate::servers::Servers;

/// The checks against the API servers of `Wild` and `WildAuth`.
pub(super) fn rows(m: &mut Matrix<'_>, servers: &Servers) {
    let wild = format!("http://127.0.0.1:{}", servers.wild.0);
    let wild_auth = format!("http://127.0.0.1:{}", servers.wild_auth.0);

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
}
