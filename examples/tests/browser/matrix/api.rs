//! The checks of policy `Api` (policies/api.cors): listed and wildcard
//! `localhost` origins, listed methods and headers, exposed headers, error
//! responses, credentials and cookies, the preflight cache, and an unlisted
//! origin.

use serde_json::json;

use super::json_put;
use crate::harness::{Check, Expect, Matrix, Read};
use crate::servers::Servers;

/// The checks against the API server of policy `Api`.
pub(super) fn rows(m: &mut Matrix<'_>, servers: &Servers) {
    let api = format!("http://localhost:{}", servers.api.0);

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
}
