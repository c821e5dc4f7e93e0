//! The scenarios measured: a run-time policy, a request built the way hyper
//! builds one (values sharing one buffer), and the allocations the response
//! header map itself needs.

use cors_runtime::dynamic::DynamicPolicy;
use cors_runtime::{decide, Outcome};

use crate::hyper_headers::request_headers;
use crate::{policy, thousand_origins};

pub struct Scenario {
    pub name: &'static str,
    pub policy: DynamicPolicy,
    pub method: http::Method,
    pub headers: http::HeaderMap,
    /// Allocations the response header map itself needs (a second ACAH
    /// field goes into `http::HeaderMap`'s extra-value vector).
    pub extra_fields: usize,
    /// Allocations of `Decision::into_owned` (0 but for one rare path).
    pub detach_allocs: usize,
}

pub fn scenarios() -> Vec<Scenario> {
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

pub fn is_answered(scenario: &Scenario) -> bool {
    let decision = decide(&scenario.policy, &scenario.method, &scenario.headers);
    matches!(decision.outcome(), Outcome::Respond(_))
}
