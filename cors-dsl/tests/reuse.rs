//! Sets and `extends`: what they mean (the plan of a policy written with
//! them is the plan of the same policy written out), and where their errors
//! point (at the value where it is written, with a note saying through
//! which policy and set it arrived).

use std::path::{Path, PathBuf};

use cors_dsl::lower::plan;
use cors_dsl::{compile_str, Compiled, Report};

fn compiled(text: &str) -> Compiled {
    compile_str("test.cors", text, None).unwrap_or_else(|r| panic!("{r}"))
}

fn invalid(text: &str) -> Report {
    match compile_str("test.cors", text, None) {
        Ok(_) => panic!("should be invalid:\n{text}"),
        Err(report) => report,
    }
}

/// The plans of every policy, by name.
fn plans(compiled: &Compiled) -> Vec<cors_core::plan::Plan> {
    compiled.policies.iter().map(plan).collect()
}

/// Each pair: a text with sets and `extends`, and the same policies written out.
const SAME_PLAN: &[(&str, &str)] = &[
    (
        r#"
        set Frontends = "https://app.example.com", "https://admin.example.com";
        set AuthHeaders = content-type, authorization, x-request-id;
        pub policy Api {
            origins: Frontends, "https://*.partners.example.org";
            methods: GET, POST, PUT, DELETE;
            request-headers: AuthHeaders;
            credentials: true;
            max-age: 10m;
        }
        /// The admin API.
        pub policy Admin extends Api {
            origins: "https://admin.example.com";
            methods: GET, POST, PUT, DELETE, PATCH;
        }
        "#,
        r#"
        pub policy Api {
            origins: "https://app.example.com", "https://admin.example.com", "https://*.partners.example.org";
            methods: GET, POST, PUT, DELETE;
            request-headers: content-type, authorization, x-request-id;
            credentials: true;
            max-age: 10m;
        }
        pub policy Admin {
            origins: "https://admin.example.com";
            methods: GET, POST, PUT, DELETE, PATCH;
            request-headers: content-type, authorization, x-request-id;
            credentials: true;
            max-age: 10m;
        }
        "#,
    ),
    // Sets inside sets, used before their definition, in several lists;
    // `extends` over two levels, declared further down.
    (
        r#"
        policy C extends B { expose-headers: Ids, etag; }
        policy B extends A { max-age: 2h; private-network: true; }
        set All = Web, Local;
        set Web = "https://a.example", "https://*.b.example:*";
        set Local = "http://localhost:*";
        set Writes = PUT, PATCH, chicken;
        set Ids = x-request-id, x-trace-id;
        policy A {
            origins: All;
            methods: GET, Writes;
            request-headers: *, authorization;
            expose-headers: Ids;
            preflight: forward;
            preflight-status: 200;
        }
        "#,
        r#"
        policy C {
            origins: "https://a.example", "https://*.b.example:*", "http://localhost:*";
            methods: GET, PUT, PATCH, chicken;
            request-headers: *, authorization;
            expose-headers: x-request-id, x-trace-id, etag;
            preflight: forward;
            preflight-status: 200;
            max-age: 2h;
            private-network: true;
        }
        policy B {
            origins: "https://a.example", "https://*.b.example:*", "http://localhost:*";
            methods: GET, PUT, PATCH, chicken;
            request-headers: *, authorization;
            expose-headers: x-request-id, x-trace-id;
            preflight: forward;
            preflight-status: 200;
            max-age: 2h;
            private-network: true;
        }
        policy A {
            origins: "https://a.example", "https://*.b.example:*", "http://localhost:*";
            methods: GET, PUT, PATCH, chicken;
            request-headers: *, authorization;
            expose-headers: x-request-id, x-trace-id;
            preflight: forward;
            preflight-status: 200;
        }
        "#,
    ),
    // `*` and `null` through a set; a child that replaces every list.
    (
        r#"
        set Anyone = *;
        set Opaque = null, "https://app.example";
        policy Open { origins: Anyone; methods: *; }
        policy Sandboxed extends Open {
            origins: Opaque;
            methods: GET;
            dangerously-allow: null-origin;
        }
        "#,
        r#"
        policy Open { origins: *; methods: *; }
        policy Sandboxed {
            origins: null, "https://app.example";
            methods: GET;
            dangerously-allow: null-origin;
        }
        "#,
    ),
];

#[test]
fn sets_and_extends_lower_to_the_plan_written_out() {
    for (reused, written_out) in SAME_PLAN {
        let reused = compiled(reused);
        let written_out = compiled(written_out);
        assert_eq!(plans(&reused), plans(&written_out));
        assert!(reused.warnings.is_empty(), "{:?}", reused.warnings);
    }
}

#[test]
fn the_model_keeps_the_childs_own_name_docs_and_visibility() {
    let compiled = compiled(SAME_PLAN[0].0);
    let admin = &compiled.policies[1];
    assert_eq!(admin.name, "Admin");
    assert_eq!(admin.docs, [" The admin API."]);
    assert_eq!(admin.visibility, "pub");
    assert_eq!((admin.name_span.line, admin.name_span.col), (12, 20));
}

/// (text, `line:col` of the error, code, message fragment, note fragment or "")
const ERRORS: &[(&str, &str, &str, &str, &str)] = &[
    // Through a set: the error is at the value in the set.
    (
        "set Frontends = \"https://a.example/\";\npolicy A { origins: Frontends; }",
        "1:17",
        "origin-trailing-slash",
        "",
        "arrived in policy `A` through set `Frontends` (named at test.cors:2:21)",
    ),
    // Through nested sets.
    (
        "set Outer = Inner;\nset Inner = \"http://a.example\";\npolicy A { origins: Outer; credentials: true; }",
        "2:13",
        "insecure-origin-with-credentials",
        "plain `http://`",
        "through set `Outer` (named at test.cors:3:21), inside set `Inner` (named at test.cors:1:13)",
    ),
    // Through `extends`: the child's credentials make the parent's origin an error.
    (
        "policy Api { origins: \"http://a.example\"; }\npolicy Admin extends Api { credentials: true; }",
        "1:23",
        "insecure-origin-with-credentials",
        "",
        "arrived in policy `Admin` from policy `Api`",
    ),
    // Through `extends` and a set.
    (
        "set Web = *;\npolicy Api { origins: Web; }\npolicy Admin extends Api { credentials: true; }",
        "1:11",
        "wildcard-origin-with-credentials",
        "",
        "arrived in policy `Admin` from policy `Api`, through set `Web` (named at test.cors:2:23)",
    ),
    // Two levels of `extends`.
    (
        "policy A { origins: *; }\npolicy B extends A { methods: GET; }\npolicy C extends B { private-network: true; }",
        "1:21",
        "private-network-with-any-origin",
        "",
        "arrived in policy `C` from policy `A` (by way of `B`)",
    ),
    // A duplicate made by a set: at the second one, in the policy.
    (
        "set Web = \"https://a.example\";\npolicy A { origins: Web, \"https://a.example\"; }",
        "2:26",
        "duplicate-origin",
        "listed twice",
        "",
    ),
    // A duplicate inside the set's own values, reached through it.
    (
        "set Methods = GET, PUT;\npolicy A { origins: *; methods: PUT, Methods; }",
        "1:20",
        "duplicate-method",
        "listed twice",
        "arrived in policy `A` through set `Methods`",
    ),
    // New codes.
    ("set frontends = GET;\npolicy A { origins: *; }", "1:5", "invalid-set-name", "cannot name a set", ""),
    ("set GET = GET;\npolicy A { origins: *; }", "1:5", "invalid-set-name", "cannot name a set", ""),
    ("set Web = *;\nset Web = *;\npolicy A { origins: Web; }", "2:5", "duplicate-set", "already defined (at test.cors:1:5)", ""),
    ("set Frontends = *;\npolicy A { origins: Frontend; }", "2:21", "unknown-set", "no set is named `Frontend`", ""),
    ("set Frontends = *;\npolicy A { origins: *; methods: GET, Frontend; }", "2:38", "unknown-set", "no set is named `Frontend`", ""),
    ("set Writes = PUT, Write;\npolicy A { origins: *; methods: Writes; }", "1:19", "unknown-set", "no set is named `Write`", ""),
    ("set Aa = Bb;\nset Bb = Aa;\npolicy P { origins: *; methods: Aa; }", "2:10", "set-cycle", "set `Aa` contains itself through `Bb`", ""),
    ("set Loop = GET, Loop;\npolicy P { origins: *; methods: Loop; }", "1:17", "set-cycle", "set `Loop` contains itself", ""),
    ("set Web = \"https://a.example\";\npolicy P { origins: *; methods: Web; }", "2:33", "set-mismatch", "it holds the origin \"https://a.example\"", ""),
    ("set Verbs = GET, PUT;\npolicy P { origins: Verbs; }", "2:21", "set-mismatch", "it holds the bare word `GET`", ""),
    ("set Ten = GET;\npolicy P { origins: *; max-age: Ten; }", "2:33", "set-mismatch", "cannot be used in `max-age`", ""),
    ("policy Admin extends Apii { origins: *; }\npolicy Api { origins: *; }", "1:22", "unknown-parent", "no policy has that name", ""),
    ("policy A extends B { origins: *; }\npolicy B extends A { origins: *; }", "2:18", "extends-cycle", "policy `A` extends itself through `B`", ""),
    ("policy A extends A { origins: *; }", "1:18", "extends-cycle", "policy `A` extends itself", ""),
];

#[test]
fn errors_point_at_the_value_and_say_how_it_arrived() {
    let mut failures = Vec::new();
    for (text, at, code, message, note) in ERRORS {
        let report = invalid(text);
        let Some(d) = report.diagnostics.iter().find(|d| d.code == *code) else {
            failures.push(format!("{text:?}: no {code}, got:\n{report}"));
            continue;
        };
        let position = format!("{}:{}", d.span.line, d.span.col);
        let notes = d.notes.join("\n");
        if position != *at || !d.message.contains(message) || !notes.contains(note) {
            failures.push(format!(
                "{text:?}: expected {code} at {at} with {message:?} and note {note:?}, got:\n{report}"
            ));
        }
        if d.hint.is_none() {
            failures.push(format!("{text:?}: {code} has no hint"));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n---\n"));
}

#[test]
fn an_error_reaching_several_policies_is_reported_once_with_every_note() {
    let report = invalid(
        "set Web = \"https://a.example/\";\npolicy A { origins: Web; }\npolicy B { origins: Web; }",
    );
    assert_eq!(report.codes(), ["origin-trailing-slash"], "{report}");
    let notes = &report.diagnostics[0].notes;
    assert_eq!(notes.len(), 2, "{notes:?}");
    assert!(notes[0].contains("policy `A`") && notes[1].contains("policy `B`"));
    let text = report.to_string();
    assert!(
        text.contains(
            "  = note: arrived in policy `A` through set `Web` (named at test.cors:2:21)\n"
        ),
        "{text}"
    );
}

#[test]
fn an_error_of_a_parent_is_reported_once() {
    let report = invalid("policy A { origins: \"https://a.example/\"; }\npolicy B extends A {}");
    assert_eq!(report.codes(), ["origin-trailing-slash"], "{report}");
    assert_eq!(
        report.diagnostics[0].notes,
        ["arrived in policy `B` from policy `A`"]
    );
}

#[test]
fn unused_sets_are_warnings() {
    let compiled = compiled(
        "set Used = GET;\nset Inner = PUT;\nset Outer = Inner;\nset Alone = x-a;\npolicy A { origins: *; methods: Used; }",
    );
    let warned: Vec<&str> = compiled
        .warnings
        .iter()
        .map(|d| d.message.as_str())
        .collect();
    assert_eq!(
        warned,
        [
            "set `Inner` is never used",
            "set `Outer` is never used",
            "set `Alone` is never used"
        ]
    );
    assert!(compiled.warnings.iter().all(|d| d.code == "unused-set"));
    let rendered = compiled.warnings[0].render(&compiled.sources);
    assert!(
        rendered.starts_with("test.cors:2:5: warning: set `Inner` is never used\n"),
        "{rendered}"
    );
    // A set used only through a used set is used.
    let compiled = compiled_ok(
        "set Inner = PUT;\nset Outer = Inner;\npolicy A { origins: *; methods: Outer; }",
    );
    assert!(compiled.warnings.is_empty());
    // A set used only by a parent is used; a file of sets alone warns of nothing.
    let compiled = compiled_ok("set Mine = PUT;\npolicy A { origins: *; methods: Mine; }\npolicy B extends A { methods: GET; }");
    assert!(compiled.warnings.is_empty());
    let compiled = compiled_ok("set Frontends = \"https://a.example\";");
    assert!(compiled.policies.is_empty() && compiled.warnings.is_empty());
}

fn compiled_ok(text: &str) -> Compiled {
    compiled(text)
}

fn include_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../tests/corpus/include/sets")
}

#[test]
fn sets_and_parents_are_visible_through_include() {
    let compiled = compile_str(
        "root.cors",
        "include \"frontends.cors\";\npolicy Admin extends Shared { methods: GET, Writes; }",
        Some(&include_dir()),
    )
    .unwrap_or_else(|r| panic!("{r}"));
    let names: Vec<&str> = compiled.policies.iter().map(|p| p.name.as_str()).collect();
    assert_eq!(names, ["Shared", "Admin"]);
    let written_out = compiled_ok(
        r#"policy Shared { origins: "https://app.example.com", "https://admin.example.com"; credentials: true; }
           policy Admin { origins: "https://app.example.com", "https://admin.example.com"; credentials: true; methods: GET, PUT, PATCH; }"#,
    );
    assert_eq!(plans(&compiled), plans(&written_out));
}

#[test]
fn an_error_through_an_included_set_names_the_file() {
    let report = compile_str(
        "root.cors",
        "include \"frontends.cors\";\npolicy Api { origins: Frontends; methods: Frontends; }",
        Some(&include_dir()),
    )
    .unwrap_err();
    assert_eq!(report.codes(), ["set-mismatch"], "{report}");
    let text = report.to_string();
    assert!(
        text.starts_with("root.cors:2:43: error: set `Frontends` cannot be used in `methods`"),
        "{text}"
    );
    assert!(
        text.contains(
            "= note: the origin \"https://app.example.com\" is written at frontends.cors:3:17"
        ),
        "{text}"
    );

    let report = compile_str(
        "root.cors",
        "include \"frontends.cors\";\npolicy Api extends Shared { credentials: false; origins: Frontends, Insecure; }",
        Some(&include_dir()),
    )
    .unwrap_err();
    assert_eq!(report.codes(), ["duplicate-origin"], "{report}");
    let d = &report.diagnostics[0];
    assert_eq!(report.sources.get(d.source).name, "frontends.cors");
    assert_eq!((d.span.line, d.span.col), (5, 16));
    let text = report.to_string();
    assert!(
        text.contains(
            "= note: arrived in policy `Api` through set `Insecure` (named at root.cors:2:69)"
        ),
        "{text}"
    );
    assert!(
        text.contains("= note: included from root.cors:1:9"),
        "{text}"
    );
}
