//! `test` blocks: what each expectation means (the browser's requests, the
//! core's decision), where failures point and what they say, includes,
//! outcomes, and that tests change nothing in the compiled policies.

use std::path::{Path, PathBuf};

use cors_dsl::{compile_file, compile_str, LoadError, Report};

fn include_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../tests/corpus/include/tests")
}

const API: &str = r#"
policy Api {
    origins: "https://app.example.com", "https://*.example.org", "http://localhost:*";
    methods: PUT, PATCH;
    request-headers: content-type, x-a;
    credentials: true;
}
policy Open { origins: *; methods: *; request-headers: *; }
"#;

/// Compiles `API` plus `tests`; the report of the failures (`None` when
/// every expectation holds).
fn run(tests: &str) -> Option<Report> {
    compile_str("api.cors", &format!("{API}{tests}"), None).err()
}

#[track_caller]
fn passes(tests: &str) {
    if let Some(report) = run(tests) {
        panic!("{tests}\nshould pass:\n{report}");
    }
}

#[track_caller]
fn fails(tests: &str, code: &str, message: &str) {
    let report = run(tests).unwrap_or_else(|| panic!("{tests}\nshould fail"));
    assert_eq!(report.codes(), [code], "{report}");
    let diagnostic = &report.diagnostics[0];
    assert!(
        diagnostic.message.contains(message),
        "{tests}: {}",
        diagnostic.message
    );
}

#[test]
fn allowed_calls() {
    passes(
        r#"test Api {
            allow GET from "https://app.example.com";
            allow HEAD from "https://a.b.example.org";
            allow POST from "http://localhost:3000";
            allow PUT from "https://app.example.com";
            allow preflight GET from "https://app.example.com";
            allow PATCH from "https://x.example.org" with Content-Type, X-A, x-a;
            allow POST from "https://app.example.com" with content-type;
        }
        test Open {
            allow GET from null;
            allow chicken from "https://anyone.example" with x-anything;
        }"#,
    );
}

#[test]
fn denied_calls_and_their_reasons() {
    passes(
        r#"test Api {
            deny GET from "https://app.example.com/" because origin;
            deny GET from "https://example.org" because origin;
            deny GET from null because origin;
            deny DELETE from "https://app.example.com" because method;
            deny patch from "https://app.example.com" because method;
            deny PUT from "https://app.example.com" with x-b because request-headers;
            deny GET from "https://app.example.com" with authorization because request-headers;
            deny PUT from "https://evil.example" with x-b because origin;
        }
        test Open {
            deny GET from "https://a.example" with authorization because request-headers;
        }"#,
    );
}

/// A call with a method outside GET/HEAD/POST, a header, or `preflight`
/// is preflighted: the preflight must succeed for `allow`.
#[test]
fn the_preflight_decides_first() {
    fails(
        r#"test Api { allow DELETE from "https://app.example.com"; }"#,
        "test-not-allowed",
        "expected DELETE from \"https://app.example.com\" to be allowed, but the method is not \
         allowed: `methods` lists PUT, PATCH (GET, HEAD and POST are always allowed)",
    );
    fails(
        r#"test Api { allow GET from "https://app.example.com" with x-b; }"#,
        "test-not-allowed",
        "the request headers are not allowed: x-b: not listed in `request-headers` (allowed: \
         content-type, x-a)",
    );
    // Not preflighted: the method is never checked.
    fails(
        r#"test Api { deny GET from "https://app.example.com" because method; }"#,
        "test-not-denied",
        "to be denied, but it is allowed: the origin is allowed, listed exactly",
    );
    let report =
        run(r#"test Api { deny GET from "https://app.example.com" because method; }"#).unwrap();
    assert!(
        report.diagnostics[0]
            .hint
            .as_deref()
            .unwrap()
            .contains("write `deny preflight GET …`"),
        "{report}"
    );
}

#[test]
fn failures_say_what_the_middleware_does_and_why() {
    fails(
        r#"test Api { allow GET from "http://app.example.com"; }"#,
        "test-not-allowed",
        "expected GET from \"http://app.example.com\" to be allowed, but the origin is not \
         allowed: closest entry \"https://app.example.com\" is https, not http",
    );
    fails(
        r#"test Api { allow preflight PUT from "https://a.example.org" with x-b; }"#,
        "test-not-allowed",
        "expected preflight PUT from \"https://a.example.org\" with x-b to be allowed",
    );
    fails(
        r#"test Api { deny PUT from "https://a.example.org" with x-a, content-type; }"#,
        "test-not-denied",
        "expected PUT from \"https://a.example.org\" with x-a, content-type to be denied, but \
         it is allowed: the origin is allowed by the pattern \"https://*.example.org\" (the \
         request's value is echoed), and the preflight succeeds",
    );
    fails(
        r#"test Api { deny patch from "https://APP.example.com" because method; }"#,
        "test-wrong-reason",
        "expected patch from \"https://APP.example.com\" to be denied because of the method, but \
         the origin is not allowed: closest entry \"https://app.example.com\" is lowercase",
    );
    fails(
        r#"test Api { deny PUT from "https://app.example.com" with x-b because origin; }"#,
        "test-wrong-reason",
        "but the request headers are not allowed",
    );
}

#[test]
fn the_failure_points_at_the_first_token_and_hints_like_cors_explain() {
    let report = run("test Api {\n    allow PATCH from \"https://app.example.com\";\n    allow patch from \"https://app.example.com\";\n}")
        .unwrap();
    assert_eq!(report.codes(), ["test-not-allowed"]);
    let d = &report.diagnostics[0];
    let line = API.lines().count() as u32 + 3;
    assert_eq!((d.span.line, d.span.col), (line, 5));
    assert_eq!(
        d.hint.as_deref(),
        Some(
            "browsers upper-case DELETE, GET, HEAD, OPTIONS, POST and PUT, but send other \
             methods, PATCH included, as the script wrote them"
        )
    );
    let rendered = report.to_string();
    assert!(
        rendered.contains("    allow patch from \"https://app.example.com\";\n   |     ^^^^^"),
        "{rendered}"
    );
}

#[test]
fn outcomes_count_every_expectation() {
    let report = run(r#"
        test Api {
            allow GET from "https://app.example.com";
            allow GET from "https://evil.example";
            allow G@T from "https://app.example.com";
        }
        test Open { allow GET from "https://a.example"; }
        test Nope { allow GET from "https://a.example"; }
    "#)
    .unwrap();
    assert_eq!(
        report.codes(),
        [
            "test-not-allowed",
            "method-not-token",
            "test-unknown-policy"
        ]
    );
    let outcomes: Vec<_> = report
        .tests
        .iter()
        .map(|t| {
            (
                t.policy.as_str(),
                t.ran,
                t.passed,
                t.failed.len(),
                t.invalid,
            )
        })
        .collect();
    assert_eq!(
        outcomes,
        [
            ("Api", true, 1, 1, 1),
            ("Open", true, 1, 0, 0),
            ("Nope", false, 0, 0, 0)
        ]
    );
    let compiled = compile_str(
        "api.cors",
        &format!("{API}test Open {{ allow GET from \"https://a.example\"; }}"),
        None,
    )
    .unwrap();
    assert_eq!(compiled.tests.len(), 1);
    assert_eq!(compiled.tests[0].passed, 1);
}

/// The tests of an invalid policy do not run: only its own errors show.
#[test]
fn an_invalid_policy_is_not_tested() {
    let report = compile_str(
        "a.cors",
        r#"policy A { origins: "https://a.example/"; }
           test A { allow GET from "https://b.example"; }"#,
        None,
    )
    .unwrap_err();
    assert_eq!(report.codes(), ["origin-trailing-slash"]);
    assert!(!report.tests[0].ran);
}

/// A policy written with sets and `extends` is tested as it finally
/// stands: its own statements, what it inherits, the values of its sets.
#[test]
fn policies_with_sets_and_extends_are_tested_as_they_finally_stand() {
    let text = r#"
        set Frontends = "https://app.example.com", "https://*.example.org";
        set Writes = PUT, PATCH;
        policy Api { origins: Frontends; methods: GET, Writes; request-headers: x-a; }
        policy Admin extends Api { origins: "https://admin.example.com"; }
        test Api {
            allow PATCH from "https://a.example.org" with x-a;
            deny preflight DELETE from "https://app.example.com" because method;
        }
        test Admin {
            allow PUT from "https://admin.example.com" with x-a;
            deny GET from "https://app.example.com" because origin;
            deny PUT from "https://admin.example.com" with x-b because request-headers;
        }
    "#;
    let compiled = compile_str("a.cors", text, None).unwrap_or_else(|r| panic!("{r}"));
    let held: Vec<(&str, usize)> = compiled
        .tests
        .iter()
        .map(|t| (t.policy.as_str(), t.passed))
        .collect();
    assert_eq!(held, [("Api", 2), ("Admin", 3)]);

    // A failure of an inherited method: at the expectation, in the words of
    // the resolved policy.
    let report = compile_str(
        "a.cors",
        &text.replace(
            "test Admin {",
            "test Admin { allow DELETE from \"https://admin.example.com\";",
        ),
        None,
    )
    .unwrap_err();
    assert_eq!(report.codes(), ["test-not-allowed"], "{report}");
    assert!(
        report.diagnostics[0]
            .message
            .contains("the method is not allowed: `methods` lists GET, PUT, PATCH"),
        "{report}"
    );

    // The tests of a policy whose parent is unknown do not run.
    let report = compile_str(
        "a.cors",
        r#"policy Admin extends Apo { origins: "https://a.example"; }
           test Admin { allow GET from "https://a.example"; }"#,
        None,
    )
    .unwrap_err();
    assert_eq!(report.codes(), ["unknown-parent"], "{report}");
    assert!(!report.tests[0].ran);
}

#[test]
fn tests_through_include() {
    let report = match compile_file(&include_dir().join("tests.cors")) {
        Err(LoadError::Invalid(report)) => report,
        other => panic!("{other:?}"),
    };
    assert_eq!(report.codes(), ["test-not-allowed"]);
    let d = &report.diagnostics[0];
    let source = report.sources.get(d.source);
    assert!(source.name.ends_with("failing.cors"), "{}", source.name);
    assert_eq!((d.span.line, d.span.col), (3, 5));
    let rendered = report.to_string();
    assert!(rendered.contains("= note: included from"), "{rendered}");
    assert_eq!(report.tests.len(), 2);
    assert_eq!(
        report.tests.iter().map(|t| t.passed).collect::<Vec<_>>(),
        [0, 2]
    );
}

/// Tests change nothing in what is compiled: the same policies, the same plans.
#[test]
fn tests_change_nothing_in_the_policies() {
    let with_tests = format!(
        "{API}test Api {{ allow GET from \"https://app.example.com\"; deny GET from null; }}"
    );
    let a = compile_str("api.cors", API, None).unwrap();
    let b = compile_str("api.cors", &with_tests, None).unwrap();
    assert_eq!(a.policies, b.policies);
    for (a, b) in a.policies.iter().zip(&b.policies) {
        assert_eq!(cors_dsl::lower::plan(a), cors_dsl::lower::plan(b));
    }
}

#[test]
fn a_test_may_precede_its_policy_and_test_blocks_repeat() {
    let text = r#"
        test A { allow GET from "https://a.example"; }
        policy A { origins: "https://a.example"; }
        test A { deny GET from "https://b.example"; }
    "#;
    let compiled = compile_str("a.cors", text, None).unwrap_or_else(|r| panic!("{r}"));
    assert_eq!(compiled.tests.len(), 2);
}

#[test]
fn the_browser_preflight_request() {
    // `with` names are lowercased, sorted and de-duplicated: a policy that
    // lists exactly one name accepts the same name written three ways.
    passes(r#"test Api { allow PUT from "https://app.example.com" with X-A, x-a, X-a; }"#);
    // `null` and the string "null" are the same Origin.
    passes(r#"test Api { deny GET from "null"; deny GET from null; }"#);
}
