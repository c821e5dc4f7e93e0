//! The scenarios measured: a policy, a request built the way hyper builds
//! one (values sharing one buffer), and the allocations the response header
//! map itself needs.

use crate::hyper_headers::request_headers;
use crate::support::policy::TestPolicy;
use crate::{creds_any_policy, list_policy, thousand_origins, APP};

pub struct Scenario {
    pub name: &'static str,
    pub policy: TestPolicy,
    pub method: http::Method,
    pub headers: http::HeaderMap,
    /// Allocations the response header map itself needs: several ACAH
    /// fields (one echo per ACRH field) put the second field in
    /// `http::HeaderMap`'s separate extra-value vector.
    pub extra_fields: usize,
    /// Allocations of `Decision::into_owned` (0 but for one rare path).
    pub detach_allocs: usize,
}

pub fn scenarios() -> Vec<Scenario> {
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
