//! The refusal reason of every kind of refused request, and the first
//! refused header name, through the interpreted engine.

use crate::plan::{MethodsPlan, OriginsPlan, Plan, RequestHeadersPlan};
use crate::{decide, HttpRequestView, Interpreted, Refusal, RequestKind};

fn api() -> Interpreted {
    let mut plan = Plan::new(
        "Api",
        OriginsPlan::listed(vec!["https://app.example".into()], false, vec![]),
    );
    plan.methods = MethodsPlan::Listed(vec!["PUT".into()]);
    plan.request_headers = RequestHeadersPlan::listed(vec!["content-type".into(), "x-a".into()]);
    Interpreted::new(plan).unwrap()
}

fn any_method() -> Interpreted {
    let mut plan = Plan::new(
        "Any",
        OriginsPlan::listed(vec!["https://app.example".into()], false, vec![]),
    );
    plan.methods = MethodsPlan::Any;
    plan.request_headers = RequestHeadersPlan::Any {
        authorization: false,
    };
    Interpreted::new(plan).unwrap()
}

fn no_headers() -> Interpreted {
    Interpreted::new(Plan::new(
        "NoHeaders",
        OriginsPlan::listed(vec!["https://app.example".into()], false, vec![]),
    ))
    .unwrap()
}

fn headers(fields: &[(&str, &str)]) -> http::HeaderMap {
    let mut map = http::HeaderMap::new();
    for (name, value) in fields {
        map.append(
            http::HeaderName::from_bytes(name.as_bytes()).unwrap(),
            http::HeaderValue::from_str(value).unwrap(),
        );
    }
    map
}

const APP: (&str, &str) = ("origin", "https://app.example");

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

fn live(check: bool) -> Interpreted {
    let mut plan = Plan::new(
        "Live",
        OriginsPlan::listed(vec!["https://app.example".into()], false, vec![]),
    );
    if check {
        plan.websocket = crate::WebSocketMode::CheckOrigin;
    }
    Interpreted::new(plan).unwrap()
}

/// Method, request headers, kind, outcome, refusal.
type WsRow = (
    &'static str,
    Vec<(&'static str, &'static str)>,
    RequestKind,
    crate::Outcome,
    Option<Refusal>,
);

/// PROTOCOL §9: `websocket: check-origin;`.
#[test]
fn websocket_handshakes() {
    use crate::Outcome;
    let forbidden = Outcome::Respond(http::StatusCode::FORBIDDEN);
    let rows: [WsRow; 9] = [
        (
            "GET",
            vec![("upgrade", "websocket"), ("origin", "https://evil.example")],
            RequestKind::WebSocket,
            forbidden,
            Some(Refusal::Origin),
        ),
        (
            "GET",
            vec![("upgrade", "WebSocket"), ("origin", "https://evil.example")],
            RequestKind::WebSocket,
            forbidden,
            Some(Refusal::Origin),
        ),
        (
            "GET",
            vec![
                ("upgrade", "h2c, websocket/13"),
                ("origin", "https://evil.example"),
            ],
            RequestKind::WebSocket,
            forbidden,
            Some(Refusal::Origin),
        ),
        (
            "GET",
            vec![("upgrade", "websocket"), ("origin", "https://APP.example")],
            RequestKind::WebSocket,
            forbidden,
            Some(Refusal::Origin),
        ),
        (
            "GET",
            vec![("upgrade", "websocket"), APP, APP],
            RequestKind::WebSocket,
            forbidden,
            Some(Refusal::Origin),
        ),
        (
            "CONNECT",
            vec![("origin", "https://evil.example")],
            RequestKind::WebSocket,
            forbidden,
            Some(Refusal::Origin),
        ),
        (
            "GET",
            vec![("upgrade", "websocket"), APP],
            RequestKind::WebSocket,
            Outcome::CallApp,
            None,
        ),
        (
            "GET",
            vec![("upgrade", "websocket")],
            RequestKind::NotCors,
            Outcome::CallApp,
            None,
        ),
        (
            "GET",
            vec![("upgrade", "h2c"), ("origin", "https://evil.example")],
            RequestKind::Actual,
            Outcome::CallApp,
            Some(Refusal::Origin),
        ),
    ];
    for (method, fields, kind, outcome, refusal) in rows {
        let method = http::Method::from_bytes(method.as_bytes()).unwrap();
        let map = headers(&fields);
        let policy = live(true);
        let decision = decide(&policy, &method, &map);
        assert_eq!(decision.kind(), kind, "{method} {fields:?}");
        assert_eq!(decision.outcome(), outcome, "{method} {fields:?}");
        assert_eq!(decision.refusal(), refusal, "{method} {fields:?}");
        // No CORS header on a handshake, allowed or refused.
        if kind != RequestKind::Actual {
            let mut response = headers(&[("vary", "accept")]);
            decision.apply_to(&mut response);
            assert_eq!(response, headers(&[("vary", "accept")]), "{fields:?}");
            if let Some(answer) = decision.preflight_response::<()>() {
                assert!(answer.headers().is_empty());
            }
        }
    }
    // Without the statement, a handshake is an actual request.
    let map = headers(&[("upgrade", "websocket"), ("origin", "https://evil.example")]);
    let policy = live(false);
    let decision = decide(&policy, &http::Method::GET, &map);
    assert_eq!(decision.kind(), RequestKind::Actual);
    assert_eq!(decision.outcome(), Outcome::CallApp);
}

fn preflight(fields: &[(&str, &str)]) -> http::HeaderMap {
    let mut all = vec![APP, ("access-control-request-method", "PUT")];
    all.extend_from_slice(fields);
    headers(&all)
}

/// The `Vary` fields of a response that had `existing` before the CORS
/// headers were applied.
fn vary_after(decision: &crate::Decision<'_, http::HeaderValue>, existing: &[&str]) -> Vec<String> {
    let mut response = http::HeaderMap::new();
    for value in existing {
        response.append("vary", http::HeaderValue::from_str(value).unwrap());
    }
    decision.apply_to(&mut response);
    response
        .get_all("vary")
        .iter()
        .map(|v| v.to_str().unwrap().to_owned())
        .collect()
}

#[test]
fn vary_appends_only_missing_tokens() {
    let policy = api();
    let map = preflight(&[]);
    let decision = decide(&policy, &http::Method::OPTIONS, &map);
    let all = "origin, access-control-request-method, access-control-request-headers";
    assert_eq!(vary_after(&decision, &[]), [all]);
    assert_eq!(vary_after(&decision, &["accept"]), ["accept", all]);
    // One of the three present: the two others, one field each.
    assert_eq!(
        vary_after(&decision, &["Access-Control-Request-Headers"]),
        [
            "Access-Control-Request-Headers",
            "origin",
            "access-control-request-method"
        ]
    );
    assert_eq!(
        vary_after(&decision, &["accept, Origin"]),
        [
            "accept, Origin",
            "access-control-request-method",
            "access-control-request-headers"
        ]
    );
    assert_eq!(
        vary_after(
            &decision,
            &["x, access-control-request-method ", "\torigin"]
        ),
        [
            "x, access-control-request-method ",
            "\torigin",
            "access-control-request-headers"
        ]
    );
    assert_eq!(vary_after(&decision, &[all]), [all]);
    assert_eq!(vary_after(&decision, &["*"]), ["*"]);
    // An actual request: only `origin`.
    let map = headers(&[APP]);
    let decision = decide(&policy, &http::Method::GET, &map);
    assert_eq!(vary_after(&decision, &[]), ["origin"]);
    assert_eq!(vary_after(&decision, &["ORIGIN"]), ["ORIGIN"]);
}

#[test]
fn any_request_header_with_credentials_is_echoed() {
    for authorization in [false, true] {
        let mut plan = Plan::new(
            "Creds",
            OriginsPlan::listed(vec!["https://app.example".into()], false, vec![]),
        );
        plan.credentials = true;
        plan.methods = MethodsPlan::Any;
        plan.request_headers = RequestHeadersPlan::Any { authorization };
        let policy = Interpreted::new(plan).unwrap();
        let map = preflight(&[("access-control-request-headers", "x-a,x-b")]);
        let decision = decide(&policy, &http::Method::OPTIONS, &map);
        let mut response = http::HeaderMap::new();
        decision.apply_to(&mut response);
        // With credentials `*` is a literal name: the names are echoed.
        assert_eq!(
            response["access-control-allow-headers"], "x-a,x-b",
            "authorization: {authorization}"
        );
        assert_eq!(response["access-control-allow-credentials"], "true");
    }
}

/// `preflight_response` sizes its header map by `field_count`: exactly the
/// names `apply` writes into an empty map, for every kind of answer.
#[test]
fn field_count_is_the_number_of_names_written() {
    let mut full = Plan::new(
        "Full",
        OriginsPlan::listed(vec!["https://app.example".into()], false, vec![]),
    );
    full.credentials = true;
    full.methods = MethodsPlan::Listed(vec!["PUT".into()]);
    full.request_headers = RequestHeadersPlan::listed(vec!["x-a".into()]);
    full.max_age = Some("600".into());
    full.private_network = true;
    let full = Interpreted::new(full).unwrap();
    let pna = ("access-control-request-private-network", "true");
    let acrh = ("access-control-request-headers", "x-a");
    let cases = [
        (full.clone(), preflight(&[acrh, pna]), 7),
        (full.clone(), preflight(&[acrh]), 6),
        (full.clone(), preflight(&[]), 5),
        (
            full,
            preflight(&[("access-control-request-headers", "x-z")]),
            1,
        ),
        (api(), preflight(&[]), 3),
        (api(), preflight(&[acrh]), 4),
        (any_method(), preflight(&[acrh]), 4),
    ];
    for (i, (policy, map, expected)) in cases.into_iter().enumerate() {
        let decision = decide(&policy, &http::Method::OPTIONS, &map);
        let mut written = http::HeaderMap::new();
        decision.apply_to(&mut written);
        assert_eq!(written.keys_len(), expected, "row {i}: {written:?}");
        assert_eq!(decision.field_count(), expected, "row {i}");
        let response: http::Response<()> = decision.preflight_response().unwrap();
        assert_eq!(response.headers(), &written, "row {i}");
    }
}
