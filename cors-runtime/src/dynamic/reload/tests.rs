//! Tests of [`ReloadablePolicy`](super::ReloadablePolicy): reloads kept
//! or refused, widening guards, staged reloads, policy tests.

use super::*;

fn policy(origins: &str) -> DynamicPolicy {
    DynamicPolicy::parse(&format!("policy Api {{ origins: {origins}; }}"), "Api").unwrap()
}

#[test]
fn a_widening_reload_is_refused_and_the_policy_kept() {
    let handle = ReloadablePolicy::new(policy(r#""https://a.example""#));
    let error = handle
        .reload_from_str_unless_widening(r#"policy Api { origins: *; }"#)
        .unwrap_err();
    assert!(error.widening().is_some_and(Diff::widens));
    assert!(error.diagnostics().is_empty());
    assert_eq!(handle.load().origin_entries(), ["https://a.example"]);

    // Swapping one origin for another widens too (b.example is new).
    let error = handle
        .reload_from_str_unless_widening(r#"policy Api { origins: "https://b.example"; }"#)
        .unwrap_err();
    assert!(error.widening().is_some());
    // An equivalent rewrite is applied; an invalid text is an error.
    let diff = handle
        .reload_from_str_unless_widening(
            r#"policy Api { origins: "https://a.example"; methods: GET; }"#,
        )
        .unwrap();
    assert!(diff.is_equivalent());
    assert!(handle
        .reload_from_str_unless_widening(r#"policy Api { origins: null; }"#)
        .is_err_and(|e| e.report().is_some()));
}

#[test]
fn a_stale_staged_reload_is_not_applied() {
    let handle = ReloadablePolicy::new(policy(r#""https://a.example""#));
    let staged = handle.stage(policy(r#""https://a.example", "https://b.example""#));
    assert!(staged.widens());
    handle.store(policy(r#""https://c.example""#));
    let staged = handle.apply(staged).unwrap_err();
    assert_eq!(handle.load().origin_entries(), ["https://c.example"]);
    // Staged again against what is served now, then applied.
    let staged = handle.stage(staged.policy().clone());
    assert_eq!(staged.diff().changes().len(), 3);
    let diff = handle.apply(staged).unwrap();
    assert!(diff.widens());
    assert_eq!(
        handle.load().origin_entries(),
        ["https://a.example", "https://b.example"]
    );
}

use crate::{OriginMatch, Policy};

const TESTED: &str = r#"
        policy Api { origins: "https://app.example.com"; methods: PUT; }
        test Api {
            allow PUT from "https://app.example.com";
            deny GET from "https://evil.example" because origin;
        }
    "#;

/// A new text whose tests fail: the origin it would serve is not the
/// one its authors meant.
const BROKEN: &str = r#"
        policy Api { origins: "https://app.example.org"; methods: PUT; }
        test Api {
            allow PUT from "https://app.example.com";
        }
    "#;

fn serves(handle: &ReloadablePolicy, origin: &str) -> bool {
    !matches!(
        handle.snapshot().match_origin(origin.as_bytes()),
        OriginMatch::Refused
    )
}

#[test]
fn a_reload_that_breaks_a_test_keeps_the_old_policy() {
    let handle = ReloadablePolicy::new(DynamicPolicy::parse(TESTED, "Api").unwrap());
    let error = handle.reload_from_str(BROKEN).unwrap_err();
    assert_eq!(error.report().unwrap().codes(), ["test-not-allowed"]);
    assert!(
        error.to_string().contains(
            "<text>:4:13: error: expected PUT from \"https://app.example.com\" to be allowed, \
                 but the origin is not allowed"
        ),
        "{error}"
    );
    assert!(serves(&handle, "https://app.example.com"));
    assert!(!serves(&handle, "https://app.example.org"));

    let dir = std::env::temp_dir().join(format!("cors-reload-tests-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join("api.cors");
    std::fs::write(&path, BROKEN).unwrap();
    assert!(DynamicPolicy::from_file(&path, "Api").is_err());
    assert!(handle.reload_from_file(&path).is_err());
    assert!(serves(&handle, "https://app.example.com"));

    // Fixed, with its tests passing: served.
    std::fs::write(&path, BROKEN.replace("app.example.org", "app.example.com")).unwrap();
    handle.reload_from_file(&path).unwrap();
    assert!(serves(&handle, "https://app.example.com"));
    assert_eq!(handle.load().name(), "Api");
}
