//! The refusal reason of every kind of refused request, and the first
//! refused header name; the matcher's contract on origin bytes.

use super::{any_method, api, headers, no_headers, APP};
use crate::{decide, HttpRequestView, Interpreted, Refusal, RequestKind};

/// Policy, method, request headers, expected reason, first refused header.
type Row<'a> = (
    Interpreted,
    &'a str,
    Vec<(&'a str, &'a str)>,
    Option<Refusal>,
    Option<&'a str>,
);

#[test]
fn reasons() {
    let long_method = "X".repeat(65);
    let max_method = "X".repeat(64);
    // (policy, method, headers, expected reason, first refused header)
    let cases: Vec<Row<'_>> = vec![
        (api(), "GET", vec![], None, None),
        (api(), "GET", vec![APP], None, None),
        (
            api(),
            "GET",
            vec![("origin", "https://evil.example")],
            Some(Refusal::Origin),
            None,
        ),
        (api(), "GET", vec![APP, APP], Some(Refusal::Origin), None),
        (
            api(),
            "OPTIONS",
            vec![
                ("origin", "https://app.example/"),
                ("access-control-request-method", "PUT"),
            ],
            Some(Refusal::Origin),
            None,
        ),
        (
            api(),
            "OPTIONS",
            vec![APP, ("access-control-request-method", "PUT")],
            None,
            None,
        ),
        (
            api(),
            "OPTIONS",
            vec![APP, ("access-control-request-method", "put")],
            Some(Refusal::Method),
            None,
        ),
        (
            api(),
            "OPTIONS",
            vec![APP, ("access-control-request-method", "DELETE")],
            Some(Refusal::Method),
            None,
        ),
        (
            api(),
            "OPTIONS",
            vec![APP, ("access-control-request-method", "PU T")],
            Some(Refusal::Malformed),
            None,
        ),
        (
            api(),
            "OPTIONS",
            vec![
                APP,
                ("access-control-request-method", "PUT"),
                ("access-control-request-method", "PUT"),
            ],
            Some(Refusal::Malformed),
            None,
        ),
        (
            any_method(),
            "OPTIONS",
            vec![APP, ("access-control-request-method", &max_method)],
            None,
            None,
        ),
        (
            any_method(),
            "OPTIONS",
            vec![APP, ("access-control-request-method", &long_method)],
            Some(Refusal::Malformed),
            None,
        ),
        (
            api(),
            "OPTIONS",
            vec![
                APP,
                ("access-control-request-method", "PUT"),
                ("access-control-request-headers", "content-type, X-B"),
            ],
            Some(Refusal::RequestHeaders),
            Some("X-B"),
        ),
        (
            api(),
            "OPTIONS",
            vec![
                APP,
                ("access-control-request-method", "PUT"),
                ("access-control-request-headers", "x-a"),
                ("access-control-request-headers", "x-a,x-very-long-name"),
            ],
            Some(Refusal::RequestHeaders),
            Some("x-very-long-name"),
        ),
        (
            any_method(),
            "OPTIONS",
            vec![
                APP,
                ("access-control-request-method", "PATCH"),
                ("access-control-request-headers", "x-b,authorization"),
            ],
            Some(Refusal::RequestHeaders),
            Some("authorization"),
        ),
        (
            no_headers(),
            "OPTIONS",
            vec![
                APP,
                ("access-control-request-method", "POST"),
                ("access-control-request-headers", "X-A"),
            ],
            Some(Refusal::RequestHeaders),
            Some("X-A"),
        ),
        (
            api(),
            "OPTIONS",
            vec![
                APP,
                ("access-control-request-method", "PUT"),
                ("access-control-request-headers", "x-a;x-b"),
            ],
            Some(Refusal::Malformed),
            None,
        ),
        (
            api(),
            "OPTIONS",
            vec![
                APP,
                ("access-control-request-method", "PUT"),
                ("access-control-request-headers", ",,,,,,,,,,,,,,,,,,,,"),
            ],
            Some(Refusal::Malformed),
            None,
        ),
    ];
    for (i, (policy, method, fields, reason, header)) in cases.iter().enumerate() {
        let map = headers(fields);
        let method = http::Method::from_bytes(method.as_bytes()).unwrap();
        let view = HttpRequestView::new(&method, &map);
        let decision = decide(policy, &method, &map);
        assert_eq!(decision.refusal(), *reason, "row {i}: {fields:?}");
        assert_eq!(
            decision.is_allowed(),
            reason.is_none() && decision.kind() != RequestKind::NotCors,
            "row {i}"
        );
        let refused = decision.refused_header(policy, &view);
        assert_eq!(refused, header.map(str::as_bytes), "row {i}");
        // Owned decisions keep the reason.
        assert_eq!(decision.into_owned().refusal(), *reason, "row {i}");
    }
}

/// Delegates to the interpreter, asserting the contract of
/// [`Policy::match_origin`](crate::Policy::match_origin): exactly the
/// request bytes, non-empty, at most `max_len` bytes.
#[derive(Clone)]
struct Contract(Interpreted);

impl crate::Policy for Contract {
    fn name(&self) -> &str {
        self.0.name()
    }
    fn config(&self) -> &crate::PolicyConfig {
        self.0.config()
    }
    fn match_origin(&self, origin: &[u8]) -> crate::OriginMatch<'_> {
        let crate::OriginRule::Listed { max_len } = self.0.config().origins() else {
            panic!("match_origin called under origins: *");
        };
        assert!(
            !origin.is_empty(),
            "match_origin called with an empty origin"
        );
        assert!(
            origin.len() <= max_len,
            "match_origin called with {} bytes, max_len {max_len}",
            origin.len()
        );
        self.0.match_origin(origin)
    }
    fn allows_method(&self, method: &[u8]) -> bool {
        self.0.allows_method(method)
    }
    fn allows_request_header(&self, name: &[u8]) -> bool {
        self.0.allows_request_header(name)
    }
}

#[test]
fn empty_and_over_long_origins_never_reach_the_matcher() {
    let policy = Contract(api());
    let long = format!("https://app.example{}", "e".repeat(300));
    for origin in ["", long.as_str()] {
        for (method, fields) in [
            ("GET", vec![("origin", origin)]),
            (
                "OPTIONS",
                vec![("origin", origin), ("access-control-request-method", "PUT")],
            ),
        ] {
            let map = headers(&fields);
            let method = http::Method::from_bytes(method.as_bytes()).unwrap();
            let decision = decide(&policy, &method, &map);
            assert_eq!(decision.refusal(), Some(Refusal::Origin), "{origin:?}");
        }
    }
    // The longest allowed origin does reach it, and is allowed.
    let map = headers(&[APP]);
    assert!(decide(&policy, &http::Method::GET, &map).is_allowed());
}
