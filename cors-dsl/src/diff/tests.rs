//! Unit tests of the comparison on small policies written in the language.

use super::*;

fn plan(text: &str) -> Plan {
    let compiled = crate::compile_str("test.cors", text, None).unwrap_or_else(|r| panic!("{r}"));
    crate::lower::plan(&compiled.policies[0])
}

fn diff(old: &str, new: &str) -> Diff {
    compare(&plan(old), &plan(new)).unwrap()
}

fn lines(diff: &Diff) -> Vec<String> {
    diff.changes().iter().map(ToString::to_string).collect()
}

#[test]
fn the_same_policy_is_equivalent() {
    let text =
        r#"policy A { origins: "https://a.example", "https://*.b.example:*"; methods: PUT; }"#;
    assert!(diff(text, text).is_equivalent());
}

#[test]
fn a_new_method_widens() {
    let d = diff(
        r#"policy A { origins: "https://a.example"; methods: PUT; }"#,
        r#"policy A { origins: "https://a.example"; methods: PUT, DELETE; }"#,
    );
    assert_eq!(
        lines(&d),
        [
            "+ allows method DELETE, e.g. OPTIONS with Origin: https://a.example, \
          Access-Control-Request-Method: DELETE"
        ]
    );
    assert!(d.widens());
    assert_eq!(d.changes()[0].aspect, Aspect::Methods);
}

#[test]
fn methods_star_against_a_list() {
    let d = diff(
        r#"policy A { origins: "https://a.example"; methods: *; }"#,
        r#"policy A { origins: "https://a.example"; methods: PATCH; }"#,
    );
    assert_eq!(d.changes().len(), 1);
    assert_eq!(d.changes()[0].direction, Direction::Narrow);
    assert_eq!(
        d.changes()[0].summary,
        "no longer allows every method (methods: *)"
    );
    assert_eq!(d.changes()[0].witness.headers[1].1, "PUT");
}

#[test]
fn request_headers() {
    let d = diff(
        r#"policy A { origins: "https://a.example"; request-headers: x-a, authorization; }"#,
        r#"policy A { origins: "https://a.example"; request-headers: *; }"#,
    );
    let summaries: Vec<_> = d
        .changes()
        .iter()
        .map(|c| (c.direction, c.summary.as_str()))
        .collect();
    assert_eq!(
        summaries,
        [
            (
                Direction::Narrow,
                "no longer allows request header authorization"
            ),
            (
                Direction::Widen,
                "allows any request header (request-headers: *)"
            ),
        ]
    );
    // Built on the header both allow.
    assert_eq!(
        d.changes()[0].witness.to_string(),
        "OPTIONS with Origin: https://a.example, Access-Control-Request-Method: GET, \
         Access-Control-Request-Headers: authorization"
    );
}

#[test]
fn credentials_expose_max_age_private_network_preflight() {
    let d = diff(
        r#"policy A { origins: "https://a.example"; expose-headers: x-a; max-age: 600; }"#,
        r#"policy A {
            origins: "https://a.example"; credentials: true; expose-headers: x-b, content-type;
            private-network: true; preflight: forward; methods: PUT;
        }"#,
    );
    let got: Vec<_> = d
        .changes()
        .iter()
        .map(|c| (c.aspect, c.direction))
        .collect();
    assert_eq!(
        got,
        [
            (Aspect::Methods, Direction::Widen),
            (Aspect::Credentials, Direction::Widen),
            (Aspect::ExposeHeaders, Direction::Widen),
            (Aspect::ExposeHeaders, Direction::Narrow),
            (Aspect::MaxAge, Direction::Change),
            (Aspect::PrivateNetwork, Direction::Widen),
            (Aspect::Preflight, Direction::Change),
        ]
    );
    assert_eq!(
        d.changes()[4].summary,
        "max-age changes from 600 s to not sent (browser default: 5 s)"
    );
}

#[test]
fn preflight_status_only_matters_when_the_middleware_answers() {
    let forward = r#"policy A { origins: "https://a.example"; preflight: forward; }"#;
    let forward_200 =
        r#"policy A { origins: "https://a.example"; preflight: forward; preflight-status: 200; }"#;
    assert!(diff(forward, forward_200).is_equivalent());
    let d = diff(
        r#"policy A { origins: "https://a.example"; }"#,
        r#"policy A { origins: "https://a.example"; preflight-status: 200; }"#,
    );
    assert_eq!(
        lines(&d),
        ["~ successful preflights are answered 200 instead of 204, \
        e.g. OPTIONS with Origin: https://a.example, Access-Control-Request-Method: GET"]
    );
    assert!(!d.widens());
}

#[test]
fn disjoint_origins_hide_the_other_aspects() {
    let d = diff(
        r#"policy A { origins: "https://a.example"; methods: PUT; }"#,
        r#"policy A { origins: "https://b.example"; methods: DELETE; credentials: true; }"#,
    );
    assert_eq!(
        lines(&d),
        [
            "+ allows credentialed requests from https://b.example, e.g. Origin: https://b.example",
            "- no longer allows requests from https://a.example, e.g. Origin: https://a.example",
        ]
    );
}

#[test]
fn star_origins() {
    let d = diff(
        r#"policy A { origins: "https://a.example"; }"#,
        r#"policy A { origins: *; }"#,
    );
    assert_eq!(
        lines(&d),
        ["+ allows requests from any origin (origins: *), e.g. Origin: https://example.com"]
    );
    let d = diff(
        r#"policy A { origins: *; }"#,
        r#"policy A { origins: "https://example.com"; credentials: true; }"#,
    );
    let got: Vec<_> = d
        .changes()
        .iter()
        .map(|c| (c.aspect, c.direction))
        .collect();
    assert_eq!(
        got,
        [
            (Aspect::Origins, Direction::Narrow),
            (Aspect::Credentials, Direction::Widen)
        ]
    );
    assert_eq!(d.changes()[0].witness.origin(), Some("https://example.org"));
}

#[test]
fn wildcard_changes_from_the_issue() {
    let d = diff(
        r#"policy A { origins: "https://*.example.com"; }"#,
        r#"policy A { origins: "https://*.a.example.com"; }"#,
    );
    assert_eq!(
        lines(&d),
        [
            "- no longer allows requests from every origin of https://*.example.com, \
          e.g. Origin: https://b.example.com"
        ]
    );
    let d = diff(
        r#"policy A { origins: "https://*.example.com"; }"#,
        r#"policy A { origins: "https://*.example.com:*"; }"#,
    );
    assert_eq!(
        lines(&d),
        [
            "+ allows requests from more origins of https://*.example.com:*, \
          e.g. Origin: https://a.example.com:8080"
        ]
    );
    let d = diff(
        r#"policy A { origins: "https://*.example.com"; }"#,
        r#"policy A { origins: "https://a.example.com"; }"#,
    );
    assert_eq!(d.changes().len(), 1);
    assert_eq!(
        d.changes()[0].witness.origin(),
        Some("https://b.example.com")
    );
}

#[test]
fn one_sided_policies() {
    let p = plan(
        r#"policy B { origins: "https://a.example", "https://*.b.example"; credentials: true; }"#,
    );
    assert_eq!(
        removed(&p).unwrap().to_string(),
        "- policy B was removed: no longer allows credentialed requests from \
         https://a.example and 1 more, e.g. Origin: https://a.example\n"
    );
    let star = plan("policy S { origins: *; }");
    let d = added(&star).unwrap();
    assert!(d.widens());
    assert_eq!(d.changes()[0].witness.origin(), Some("https://example.com"));
}
