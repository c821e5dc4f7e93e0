//! Rewrites that keep a policy's meaning: `cors_dsl::diff` reports each as
//! equivalent, and the changes it does report are real (a table of pairs
//! that differ in exactly one way).

use cors_dsl::diff::{self, Aspect, Direction};

fn plan(text: &str) -> cors_core::plan::Plan {
    let compiled = cors_dsl::compile_str("rewrite.cors", text, None)
        .unwrap_or_else(|report| panic!("{text}\n{report}"));
    cors_dsl::lower::plan(&compiled.policies[0])
}

/// Each row: what the rewrite does, a policy, and the same policy rewritten.
const EQUIVALENT: &[(&str, &str, &str)] = &[
    (
        "origins through a named set",
        r#"policy A { origins: "https://a.example", "https://*.b.example"; methods: GET, PUT; }"#,
        r#"set Frontends = "https://a.example", "https://*.b.example";
           policy A { origins: Frontends; methods: GET, PUT; }"#,
    ),
    (
        "a set inside a set, in two statements",
        r#"policy A { origins: "https://a.example", "http://localhost:*"; request-headers: x-a, content-type; }"#,
        r#"set Local = "http://localhost:*";
           set All = "https://a.example", Local;
           set Headers = x-a, content-type;
           policy A { origins: All; request-headers: Headers; }"#,
    ),
    (
        "extends with one statement replaced",
        r#"policy A { origins: "https://a.example"; methods: GET, DELETE; max-age: 60; }"#,
        r#"policy A extends Base { methods: GET, DELETE; }
           policy Base { origins: "https://a.example"; methods: GET; max-age: 1m; }"#,
    ),
    (
        "origins reordered",
        r#"policy A { origins: "https://a.example", "https://*.b.example", "http://localhost:*"; }"#,
        r#"policy A { origins: "http://localhost:*", "https://a.example", "https://*.b.example"; }"#,
    ),
    (
        "max-age in minutes",
        r#"policy A { origins: "https://a.example"; max-age: 600; }"#,
        r#"policy A { origins: "https://a.example"; max-age: 10m; }"#,
    ),
    (
        "max-age in hours",
        r#"policy A { origins: "https://a.example"; max-age: 1h; }"#,
        r#"policy A { origins: "https://a.example"; max-age: 60m; }"#,
    ),
    (
        "max-age 0 with a unit",
        r#"policy A { origins: "https://a.example"; max-age: 0; }"#,
        r#"policy A { origins: "https://a.example"; max-age: 0s; }"#,
    ),
    (
        "default methods spelled out",
        r#"policy A { origins: "https://a.example"; }"#,
        r#"policy A { origins: "https://a.example"; methods: GET, HEAD, POST; }"#,
    ),
    (
        "a safelisted method listed",
        r#"policy A { origins: "https://a.example"; methods: PUT; }"#,
        r#"policy A { origins: "https://a.example"; methods: GET, PUT; }"#,
    ),
    (
        "methods reordered",
        r#"policy A { origins: "https://a.example"; methods: PUT, DELETE, PATCH; }"#,
        r#"policy A { origins: "https://a.example"; methods: PATCH, PUT, DELETE; }"#,
    ),
    (
        "request headers reordered",
        r#"policy A { origins: "https://a.example"; request-headers: x-b, content-type, x-a; }"#,
        r#"policy A { origins: "https://a.example"; request-headers: x-a, x-b, content-type; }"#,
    ),
    (
        "request header names in another case",
        r#"policy A { origins: "https://a.example"; request-headers: content-type, x-api-key; }"#,
        r#"policy A { origins: "https://a.example"; request-headers: Content-Type, X-Api-Key; }"#,
    ),
    (
        "exposed headers reordered and in another case",
        r#"policy A { origins: "https://a.example"; expose-headers: x-id, etag; }"#,
        r#"policy A { origins: "https://a.example"; expose-headers: ETag, X-Id; }"#,
    ),
    (
        "a CORS-safelisted response header exposed",
        r#"policy A { origins: "https://a.example"; expose-headers: x-id; }"#,
        r#"policy A { origins: "https://a.example"; expose-headers: x-id, content-type, cache-control; }"#,
    ),
    (
        "only safelisted response headers exposed",
        r#"policy A { origins: "https://a.example"; }"#,
        r#"policy A { origins: "https://a.example"; expose-headers: content-language; }"#,
    ),
    (
        "credentials: false written",
        r#"policy A { origins: "https://a.example"; }"#,
        r#"policy A { origins: "https://a.example"; credentials: false; }"#,
    ),
    (
        "private-network: false written",
        r#"policy A { origins: "https://a.example"; }"#,
        r#"policy A { origins: "https://a.example"; private-network: false; }"#,
    ),
    (
        "preflight-status: 204 written",
        r#"policy A { origins: "https://a.example"; }"#,
        r#"policy A { origins: "https://a.example"; preflight-status: 204; }"#,
    ),
    (
        "preflight: respond written",
        r#"policy A { origins: "https://a.example"; }"#,
        r#"policy A { origins: "https://a.example"; preflight: respond; }"#,
    ),
    (
        "preflight-status under preflight: forward (the application answers)",
        r#"policy A { origins: "https://a.example"; preflight: forward; }"#,
        r#"policy A { origins: "https://a.example"; preflight: forward; preflight-status: 200; }"#,
    ),
    (
        "statements reordered",
        r#"policy A { origins: "https://a.example"; methods: PUT; credentials: true; max-age: 5; }"#,
        r#"policy A { max-age: 5; credentials: true; methods: PUT; origins: "https://a.example"; }"#,
    ),
    (
        "comments and doc comments",
        r#"policy A { origins: "https://a.example"; }"#,
        "/// The API.\n// reviewed\npolicy A {\n    /* the app */ origins: \"https://a.example\"; // only\n}\n",
    ),
    (
        "layout",
        r#"policy A { origins: "https://a.example", "https://b.example"; methods: PUT; }"#,
        "policy A\n{\n  origins:\n    \"https://a.example\",\n    \"https://b.example\"\n  ;\n  methods:PUT;\n}",
    ),
    (
        "a Unicode host and its punycode",
        r#"policy A { origins: "https://bücher.example"; }"#,
        r#"policy A { origins: "https://xn--bcher-kva.example"; }"#,
    ),
    (
        "an unused dangerously-allow opt-in",
        r#"policy A { origins: "https://a.example"; }"#,
        r#"policy A { origins: "https://a.example"; dangerously-allow: insecure-origins; }"#,
    ),
    (
        "visibility",
        r#"policy A { origins: "https://a.example"; }"#,
        r#"pub(crate) policy A { origins: "https://a.example"; }"#,
    ),
    (
        "the policy renamed",
        r#"policy Api { origins: "https://a.example"; }"#,
        r#"policy PublicApi { origins: "https://a.example"; }"#,
    ),
    (
        "request-headers: *, authorization reordered against a list",
        r#"policy A { origins: "https://a.example"; request-headers: *, authorization; }"#,
        r#"policy A { request-headers: *, authorization; origins: "https://a.example"; }"#,
    ),
    (
        "null and wildcards reordered",
        r#"policy A { origins: null, "https://*.a.example:*"; dangerously-allow: null-origin; }"#,
        r#"policy A { dangerously-allow: null-origin; origins: "https://*.a.example:*", null; }"#,
    ),
];

#[test]
fn meaning_preserving_rewrites_are_equivalent() {
    assert!(EQUIVALENT.len() >= 20);
    for (what, before, after) in EQUIVALENT {
        assert_ne!(before, after, "{what}: the rewrite changes nothing");
        let diff = diff::compare(&plan(before), &plan(after)).unwrap();
        assert!(diff.is_equivalent(), "{what}:\n{diff}");
        let back = diff::compare(&plan(after), &plan(before)).unwrap();
        assert!(back.is_equivalent(), "{what} (reversed):\n{back}");
    }
}

/// Each row: a change of one aspect, and what `diff` must say about it.
const CHANGED: &[(&str, &str, Aspect, Direction)] = &[
    (
        r#"policy A { origins: "https://a.example"; }"#,
        r#"policy A { origins: "https://a.example", "https://b.example"; }"#,
        Aspect::Origins,
        Direction::Widen,
    ),
    (
        r#"policy A { origins: "https://a.example"; methods: PUT; }"#,
        r#"policy A { origins: "https://a.example"; methods: PUT, chicken; }"#,
        Aspect::Methods,
        Direction::Widen,
    ),
    (
        r#"policy A { origins: "https://a.example"; request-headers: x-a; }"#,
        r#"policy A { origins: "https://a.example"; }"#,
        Aspect::RequestHeaders,
        Direction::Narrow,
    ),
    (
        r#"policy A { origins: "https://a.example"; }"#,
        r#"policy A { origins: "https://a.example"; expose-headers: *; }"#,
        Aspect::ExposeHeaders,
        Direction::Widen,
    ),
    (
        r#"policy A { origins: "https://a.example"; max-age: 10m; }"#,
        r#"policy A { origins: "https://a.example"; max-age: 601; }"#,
        Aspect::MaxAge,
        Direction::Change,
    ),
    (
        r#"policy A { origins: "https://a.example"; private-network: true; }"#,
        r#"policy A { origins: "https://a.example"; }"#,
        Aspect::PrivateNetwork,
        Direction::Narrow,
    ),
    (
        r#"policy A { origins: "https://a.example"; preflight: forward; }"#,
        r#"policy A { origins: "https://a.example"; preflight-status: 200; }"#,
        Aspect::Preflight,
        Direction::Change,
    ),
    (
        r#"policy A { origins: "https://a.example"; credentials: true; }"#,
        r#"policy A { origins: "https://a.example"; }"#,
        Aspect::Credentials,
        Direction::Narrow,
    ),
    (
        r#"policy A { origins: "https://a.example"; }"#,
        r#"policy A { origins: "https://a.example"; websocket: check-origin; }"#,
        Aspect::Websocket,
        Direction::Narrow,
    ),
    (
        r#"policy A { origins: "https://a.example"; websocket: check-origin; }"#,
        r#"policy A { origins: "https://a.example"; }"#,
        Aspect::Websocket,
        Direction::Widen,
    ),
];

#[test]
fn one_change_each() {
    for (before, after, aspect, direction) in CHANGED {
        let diff = diff::compare(&plan(before), &plan(after)).unwrap();
        let got: Vec<_> = diff
            .changes()
            .iter()
            .map(|c| (c.aspect, c.direction))
            .collect();
        assert_eq!(got, [(*aspect, *direction)], "{before}\n{after}\n{diff}");
        assert_eq!(diff.widens(), *direction == Direction::Widen);
    }
}
