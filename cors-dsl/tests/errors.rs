//! Every diagnostic code: an input, where the error points, its code and a
//! fragment of its message. Plus files with several errors, all reported.

use std::collections::BTreeSet;

use cors_dsl::{codes, compile_str, origin};

/// (input, "line:col", code, message fragment)
/// 65 nested block comments (one more than the parser reads), closed.
const DEEP_COMMENT: &str = concat!(
    "/*/*/*/*/*/*/*/*/*/*/*/*/*/*/*/*/*/*/*/*/*/*/*/*/*/*/*/*/*/*/*/*",
    "/*/*/*/*/*/*/*/*/*/*/*/*/*/*/*/*/*/*/*/*/*/*/*/*/*/*/*/*/*/*/*/*/*",
    "*/*/*/*/*/*/*/*/*/*/*/*/*/*/*/*/*/*/*/*/*/*/*/*/*/*/*/*/*/*/*/*/",
    "*/*/*/*/*/*/*/*/*/*/*/*/*/*/*/*/*/*/*/*/*/*/*/*/*/*/*/*/*/*/*/*/*/",
    " policy A { origins: *; }",
);

const CASES: &[(&str, &str, &str, &str)] = &[
    // Syntax.
    ("policy A { origins: * }", "1:23", "missing-semicolon", "expected `;` after the list of origins"),
    ("policy A {\n  origins: \"https://a.com\"\n  methods: GET;\n}", "3:3", "missing-semicolon", "expected `;`"),
    ("include \"x.cors\"", "1:17", "missing-semicolon", "after the include path"),
    ("policy A { origins *; }", "1:20", "missing-colon", "expected `:` after `origins`"),
    ("policy A { origins: *; methods: GET POST; }", "1:37", "missing-comma", "expected `,`"),
    ("policy A { origins: ; }", "1:21", "empty-list", "the list of origins is empty"),
    ("policy A { origins: *; methods: GET, ; }", "1:38", "trailing-comma", "trailing comma"),
    ("policy A { origins: *; methods: GET,, POST; }", "1:37", "empty-element", "empty element"),
    ("policy A { origins: *; allow-headers: x-a; }", "1:24", "unknown-statement", "unknown statement `allow-headers`"),
    ("policy A { origins: \"https://a.com; }", "1:21", "unterminated-string", "never closed"),
    ("policy A { origins: *; } /* open", "1:26", "unterminated-comment", "never closed"),
    (DEEP_COMMENT, "1:129", "comment-too-deep", "nested more than 64 deep"),
    ("policy A { origins: \"https://a\\x41.com\"; }", "1:31", "invalid-escape", "unknown escape `\\x`"),
    ("policy A { origins: *; } }", "1:26", "unmatched-brace", "no matching `{`"),
    ("policy A { origins: *;", "1:10", "unclosed-brace", "never closed"),
    ("policy A { origins: *; }\n/// Stray.\n", "2:1", "misplaced-doc-comment", "doc comment"),
    ("policy fn { origins: *; }", "1:8", "invalid-policy-name", "Rust keyword"),
    ("polcy A { origins: *; }", "1:1", "syntax", "expected `policy` or `include`"),
    // A single-quoted origin is reported at its opening quote, not at the `:` inside it.
    ("policy Api {\n\n\n\n        origins: 'https://app.example.com';\n}", "5:18", "syntax", "this origin is in single quotes, but string literals take double quotes"),
    ("policy A { origins: \"https://a.com\", 'localhost:3000'; }", "1:38", "syntax", "in single quotes"),
    // Files and includes.
    ("// nothing here\n", "1:1", "no-policy", "holds no policy"),
    ("", "1:1", "no-policy", "is empty"),
    ("include \"other.cors\";", "1:9", "include-without-base", "no folder"),
    // Policies and statements.
    ("policy A { origins: *; }\npolicy A { origins: *; }", "2:8", "duplicate-policy", "already defined"),
    ("policy A { origins: *; methods: GET; methods: PUT; }", "1:38", "duplicate-statement", "`methods` is given twice"),
    ("policy A { methods: GET; }", "1:8", "missing-origins", "has no `origins`"),
    ("policy A { origins: *; credentials: true, false; }", "1:43", "too-many-values", "takes a single value"),
    ("policy A { origins: *; methods: \"GET\"; }", "1:33", "quoted-value", "without quotes"),
    ("policy A { origins: *, \"https://a.com\"; }", "1:21", "wildcard-not-alone", "cannot be combined"),
    ("policy A { origins: *; request-headers: *, x-a; }", "1:44", "wildcard-not-alone", "only `authorization`"),
    // Origins.
    ("policy A { origins: https; }", "1:21", "unquoted-origin", "string literals"),
    ("policy A { origins: \"https://a.com\", \"https://a.com\"; }", "1:38", "duplicate-origin", "listed twice"),
    ("policy A { origins: \"https://a.com\",\n  \"https://a.com:443\"; }", "2:3", "origin-default-port", "443"),
    ("policy A { origins: \"https://*.example.com\", \"https://a.example.com\"; }", "1:46", "origin-covered", "already matches"),
    ("policy A { origins: *; credentials: true; }", "1:21", "wildcard-origin-with-credentials", "`origins: *` cannot be combined"),
    ("policy A { origins: \"http://a.com\"; credentials: true; }", "1:21", "insecure-origin-with-credentials", "plain `http://`"),
    ("policy A { origins: \"https://*.co.uk\"; credentials: true; }", "1:21", "public-suffix-wildcard-with-credentials", "public suffix"),
    ("policy A { origins: null; }", "1:21", "null-origin-without-opt-in", "explicit opt-in"),
    ("policy A { origins: null; credentials: true; dangerously-allow: null-origin; }", "1:21", "null-origin-with-credentials", "credentials"),
    ("policy A { origins: *; private-network: true; }", "1:21", "private-network-with-any-origin", "private-network"),
    // Methods.
    ("policy A { origins: *; methods: \"GE T\"; }", "1:33", "method-not-token", "not a valid method"),
    ("policy A { origins: *; methods: GET, patch; }", "1:38", "method-case", "wrong case"),
    ("policy A { origins: *; methods: GET, XXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXX; }", "1:38", "method-too-long", "65 bytes long"),
    ("policy A { origins: *; methods: trace; }", "1:33", "forbidden-method", "forbidden method"),
    ("policy A { origins: *; methods: GET, GET; }", "1:38", "duplicate-method", "listed twice"),
    // Headers.
    ("policy A { origins: *; request-headers: \"x a\"; }", "1:41", "header-not-token", "not a valid header name"),
    ("policy A { origins: *; request-headers: x-aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa; }", "1:41", "header-too-long", "above the limit of 128"),
    ("policy A { origins: *; request-headers: x-a, X-A; }", "1:46", "duplicate-header", "listed twice"),
    ("policy A { origins: *; request-headers: cookie; }", "1:41", "forbidden-request-header", "forbidden request header"),
    ("policy A { origins: *; request-headers: sec-fetch-mode; }", "1:41", "forbidden-request-header", "forbidden"),
    ("policy A { origins: *; request-headers: proxy-authorization; }", "1:41", "forbidden-request-header", "forbidden"),
    ("policy A { origins: *; request-headers: access-control-allow-origin; }", "1:41", "response-header-in-request-headers", "response header"),
    ("policy A { origins: *; expose-headers: Set-Cookie; }", "1:40", "expose-set-cookie", "never be exposed"),
    ("policy A { origins: *; expose-headers: access-control-request-method; }", "1:40", "expose-request-header", "request header"),
    ("policy A { origins: *; expose-headers: access-control-max-age; }", "1:40", "expose-cors-header", "CORS response header"),
    ("policy A { origins: \"https://a.com\"; credentials: true; expose-headers: *; }", "1:73", "expose-any-with-credentials", "literally named `*`"),
    // Scalars.
    ("policy A { origins: *; credentials: yes; }", "1:37", "invalid-boolean", "`true` or `false`"),
    ("policy A { origins: *; max-age: 2d; }", "1:33", "invalid-duration", "not a duration"),
    ("policy A { origins: *; max-age: -5; }", "1:33", "max-age-negative", "negative"),
    ("policy A { origins: *; max-age: 25h; }", "1:33", "max-age-too-large", "above 86400"),
    ("policy A { origins: *; max-age: 86401; }", "1:33", "max-age-too-large", "above 86400"),
    ("policy A { origins: *; preflight-status: 201; }", "1:42", "invalid-preflight-status", "`200` or `204`"),
    ("policy A { origins: *; preflight: skip; }", "1:35", "invalid-preflight-mode", "`respond` or `forward`"),
    ("policy A { origins: \"https://a.example\"; websocket: on; }", "1:53", "invalid-websocket-mode", "`check-origin`"),
    ("policy A { origins: *; websocket: check-origin; }", "1:21", "websocket-with-any-origin", "every origin would pass"),
    ("policy A { origins: *; dangerously-allow: null-origins; }", "1:43", "unknown-opt-in", "unknown"),
    ("policy A { origins: *; dangerously-allow: null-origin, null-origin; }", "1:56", "duplicate-opt-in", "listed twice"),
    // Tests.
    ("policy A { origins: *; }\ntest B { allow GET from \"https://a.example\"; }", "2:6", "test-unknown-policy", "no policy is named `B`"),
    ("policy A { origins: *; } test A { }", "1:26", "test-empty", "has no expectation"),
    ("policy A { origins: *; } test A { allow GET from \"https://bücher.example\"; }", "1:50", "test-origin-not-ascii", "is not ASCII"),
    ("policy A { origins: *; } test A { allow GET from \"https://a\u{7}.example\"; }", "1:50", "test-origin-not-ascii", "control character"),
    ("policy A { origins: *; } test A { deny GET from \"https://a.example\" because host; }", "1:77", "test-unknown-reason", "unknown check `host`"),
    ("policy A { origins: *; } test A { allow GET from \"https://a.example\" because origin; }", "1:78", "test-because-with-allow", "reason of a denial"),
    ("policy A { origins: *; } test A { deny PUT from \"https://a.example\" because request-headers; }", "1:77", "test-because-headers-without-with", "requests no header"),
    ("policy A { origins: \"https://a.example\"; } test A { allow GET from \"https://b.example\"; }", "1:53", "test-not-allowed", "but the origin is not allowed: no entry matches"),
    ("policy A { origins: *; } test A { deny GET from \"https://a.example\"; }", "1:35", "test-not-denied", "to be denied, but it is allowed"),
    ("policy A { origins: \"https://a.example\"; } test A { deny PUT from \"https://b.example\" because method; }", "1:53", "test-wrong-reason", "denied because of the method, but the origin is not allowed"),
    ("policy A { origins: *; } test A { allow G@T from \"https://a.example\"; }", "1:42", "method-not-token", "`G@T` is not a valid method name"),
    ("policy A { origins: *; } test A { allow GET from \"https://a.example\" with \"x a\"; }", "1:75", "header-not-token", "not a valid header name"),
    ("policy A { origins: *; } test A { allow GET from \"https://a.example\" with cookie; }", "1:75", "forbidden-request-header", "scripts can never set"),
    ("policy A { origins: *; } test A { allow GET from https; }", "1:50", "unquoted-origin", "string literal"),
    ("policy A { origins: *; } test A { allow GET from https://a.example; }", "1:50", "unquoted-origin", "found `https://a.example`"),
    ("policy A { origins: *; } test A { alow GET from null; }", "1:35", "syntax", "expected `allow` or `deny`"),
    ("policy A { origins: *; } test A { allow GET from null with x-a x-b; }", "1:64", "missing-comma", "between the header names"),
    ("policy A { origins: *; } test A { allow GET from null }", "1:55", "missing-semicolon", "at the end of the expectation"),
    // Sets and `extends`.
    ("set frontends = \"https://a.com\";\npolicy A { origins: *; }", "1:5", "invalid-set-name", "cannot name a set"),
    ("set Web = *;\nset Web = *;\npolicy A { origins: Web; }", "2:5", "duplicate-set", "already defined"),
    ("set Frontends = \"https://a.com\";\npolicy A { origins: Frontend; }", "2:21", "unknown-set", "no set is named `Frontend`"),
    ("set Aa = Bb;\nset Bb = Aa;\npolicy P { origins: *; methods: Aa; }", "2:10", "set-cycle", "contains itself"),
    ("set Web = \"https://a.com\";\npolicy P { origins: *; methods: Web; }", "2:33", "set-mismatch", "cannot be used in `methods`"),
    ("set Unused = GET;\npolicy A { methods: GET; }", "1:5", "unused-set", "never used"),
    ("policy Admin extends Apii { origins: *; }\npolicy Api { origins: *; }", "1:22", "unknown-parent", "no policy has that name"),
    ("policy A extends B { origins: *; }\npolicy B extends A { origins: *; }", "2:18", "extends-cycle", "extends itself"),
    ("policy A extends { origins: *; }", "1:18", "syntax", "the name of the parent policy after `extends`"),
    ("policy A extend B { origins: *; }", "1:10", "syntax", "expected `{` after the policy name"),
    ("set Web \"https://a.com\";\npolicy A { origins: Web; }", "1:9", "syntax", "expected `=` after `set Web`"),
    ("set Web = ;\npolicy A { origins: *; }", "1:11", "empty-list", "the set `Web` is empty"),
    ("set Web = \"https://a.com\",;\npolicy A { origins: Web; }", "1:27", "trailing-comma", "the set `Web`"),
    ("set Web = \"https://a.com\" \"https://b.com\";\npolicy A { origins: Web; }", "1:27", "missing-comma", "the set `Web`"),
    ("set Web = \"https://a.com\"\npolicy A { origins: Web; }", "2:1", "missing-semicolon", "the set `Web`"),
    // Origin strings whose examples in `origin::ERROR_CODES` are descriptions.
    ("policy A { origins: \"https://aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa.com\"; }", "1:21", "origin-label-too-long", ""),
];

/// Cases compiled with `tests/corpus/include` as the include base.
const FILE_CASES: &[(&str, &str, &str, &str)] = &[
    (
        "policy A { origins: *; }\ninclude \"sub/nope.cors\";",
        "2:9",
        "include-unreadable",
        "no such file",
    ),
    ("include \"sub\";", "1:9", "include-unreadable", "directory"),
    ("include \"cycle/a.cors\";", "2:9", "include-cycle", "cycle"),
];

fn include_base() -> std::path::PathBuf {
    std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../tests/corpus/include")
}

fn check(input: &str, at: &str, code: &str, fragment: &str) -> Result<(), String> {
    check_with(input, None, at, code, fragment)
}

fn check_with(
    input: &str,
    base: Option<&std::path::Path>,
    at: &str,
    code: &str,
    fragment: &str,
) -> Result<(), String> {
    let report = match compile_str("test.cors", input, base) {
        Ok(_) => {
            return Err(format!(
                "expected {code} at {at}, but this compiled:\n{input}"
            ))
        }
        Err(report) => report,
    };
    let all = report.diagnostics.iter().chain(&report.warnings);
    let Some(found) = all.clone().find(|d| d.code == code) else {
        return Err(format!(
            "expected {code} at {at} for {input:?}, got:\n{report}"
        ));
    };
    let position = format!("{}:{}", found.span.line, found.span.col);
    if position != at {
        return Err(format!(
            "{code} in {input:?} at {position}, expected {at}:\n{report}"
        ));
    }
    if !found.message.contains(fragment) {
        return Err(format!(
            "message of {code}: {:?} lacks {fragment:?}",
            found.message
        ));
    }
    if found.hint.as_deref().is_none_or(str::is_empty) {
        return Err(format!("{code} has no hint"));
    }
    Ok(())
}

fn all_pass(results: Vec<Result<(), String>>) {
    let failures: Vec<String> = results.into_iter().filter_map(Result::err).collect();
    assert!(
        failures.is_empty(),
        "{} failures:\n{}",
        failures.len(),
        failures.join("\n---\n")
    );
}

#[test]
fn every_case() {
    all_pass(
        CASES
            .iter()
            .map(|(input, at, code, fragment)| check(input, at, code, fragment))
            .collect(),
    );
    let base = include_base();
    all_pass(
        FILE_CASES
            .iter()
            .map(|(input, at, code, fragment)| check_with(input, Some(&base), at, code, fragment))
            .collect(),
    );
}

#[test]
fn every_code_has_a_case() {
    let tested: BTreeSet<&str> = CASES.iter().chain(FILE_CASES).map(|c| c.2).collect();
    let missing: Vec<&str> = codes::CODES
        .iter()
        .map(|(c, _)| *c)
        .filter(|c| !tested.contains(c))
        .collect();
    assert!(missing.is_empty(), "codes without a case: {missing:?}");
}

/// Each origin code, through a whole policy, with the example of its table.
#[test]
fn every_origin_code() {
    let long_scheme = format!("{}://a.com", "a".repeat(65));
    let long_host = format!("https://{}.com", vec!["a".repeat(60); 5].join("."));
    let long_origin = format!("https://{}", "a".repeat(400));
    let mut results = Vec::new();
    for (code, example, _) in origin::ERROR_CODES {
        let example: String = match *code {
            "origin-too-long" => long_origin.clone(),
            "origin-scheme-too-long" => long_scheme.clone(),
            "origin-host-too-long" => long_host.clone(),
            "origin-label-too-long" => format!("https://{}.com", "a".repeat(64)),
            _ => (*example).to_string(),
        };
        let input = format!("policy A {{ origins: {example:?}; }}");
        results.push(check(&input, "1:21", code, ""));
    }
    all_pass(results);
}

#[test]
fn codes_are_unique_and_distinct_from_origin_codes() {
    let mut all = BTreeSet::new();
    for code in codes::CODES
        .iter()
        .map(|c| c.0)
        .chain(origin::ERROR_CODES.iter().map(|c| c.0))
    {
        assert!(all.insert(code), "code {code} listed twice");
    }
}

#[test]
fn several_errors_in_one_file_are_all_reported() {
    let input = "\
policy A {
    origins: \"https://a.com/\", \"HTTP://b.com\";
    methods: get, CONNECT;
    max_age: 10;
    request-headers: host
    expose-headers: set-cookie;
}
policy B {
    origins: *;
    credentials: true;
    max-age: 100000;
}
policy A { methods: GET; }
";
    let report = compile_str("multi.cors", input, None).unwrap_err();
    let got: Vec<(String, &str)> = report
        .diagnostics
        .iter()
        .map(|d| (format!("{}:{}", d.span.line, d.span.col), d.code))
        .collect();
    let expected = [
        ("2:14", "origin-trailing-slash"),
        ("2:32", "origin-uppercase-scheme"),
        ("3:14", "method-case"),
        ("3:19", "forbidden-method"),
        ("4:5", "unknown-statement"),
        ("6:5", "missing-semicolon"),
        ("9:14", "wildcard-origin-with-credentials"),
        ("11:14", "max-age-too-large"),
        ("13:8", "duplicate-policy"),
        ("13:8", "missing-origins"),
    ];
    let expected: Vec<(String, &str)> = expected.iter().map(|(a, c)| (a.to_string(), *c)).collect();
    assert_eq!(got, expected, "\n{report}");
}

#[test]
fn bad_statement_does_not_hide_later_ones() {
    let input = "policy A { origins: \"https://a.com\" methods: GET; foo: bar; max-age: 1d; }\npolicy B { origins: *; methods: ,; }";
    let report = compile_str("t.cors", input, None).unwrap_err();
    assert_eq!(
        report.codes(),
        [
            "missing-semicolon",
            "unknown-statement",
            "invalid-duration",
            "empty-element"
        ],
        "\n{report}"
    );
}

#[test]
fn rendering_matches_rustc_style() {
    let input =
        "policy Api {\n    origins: *;\n        origins: \"https://app.example.com/\";\n}\n";
    let report = compile_str("policies/api.cors", input, None).unwrap_err();
    let text = report.to_string();
    let expected = "\
policies/api.cors:3:9: error: `origins` is given twice in policy `Api` (first on line 2)
  |
3 |         origins: \"https://app.example.com/\";
  |         ^^^^^^^
  = help: merge the two into one `origins:` statement
";
    assert!(text.starts_with(expected), "got:\n{text}");
    let slash = compile_str(
        "policies/api.cors",
        "policy Api {\n\n        origins: \"https://app.example.com/\";\n}",
        None,
    )
    .unwrap_err();
    let expected = "\
policies/api.cors:3:18: error: ";
    let rendered = slash.to_string();
    assert!(rendered.starts_with(expected), "got:\n{rendered}");
    assert!(rendered.contains(
        "3 |         origins: \"https://app.example.com/\";\n  |                  ^^^^^^^^^^^^^^^^^^^^^^^^^^\n  = help: remove the trailing \"/\"\n"
    ), "got:\n{rendered}");
}

#[test]
fn single_quoted_origin_hints_double_quotes() {
    let input = "policy Api {\n\n\n\n        origins: 'https://app.example.com';\n}\n";
    let report = compile_str("policies/api.cors", input, None).unwrap_err();
    assert_eq!(report.codes(), ["syntax"], "{report}");
    let d = &report.diagnostics[0];
    assert_eq!(d.hint.as_deref(), Some("write \"https://app.example.com\""));
    let expected = "\
policies/api.cors:5:18: error: this origin is in single quotes, but string literals take double quotes
  |
5 |         origins: 'https://app.example.com';
  |                  ^^^^^^^^^^^^^^^^^^^^^^^^^
  = help: write \"https://app.example.com\"
";
    assert_eq!(report.to_string(), expected);
}

#[test]
fn unicode_columns_count_characters() {
    let input = "/// Bücher.\npolicy Bücher { origins: \"https://bücher.example/\"; }";
    let report = compile_str("u.cors", input, None).unwrap_err();
    let d = &report.diagnostics[0];
    assert_eq!((d.span.line, d.span.col), (2, 26));
    assert!(
        report
            .to_string()
            .contains("\n  |                          ^^^^^^^^^^^^^^^^^^^^^^^^^\n"),
        "{report}"
    );
}

#[test]
fn no_panic_on_odd_inputs() {
    let inputs = [
        "{",
        "}",
        ";",
        "\"",
        "/*",
        "///",
        "policy",
        "pub",
        "pub(",
        "pub(in) policy A {}",
        "policy A",
        "policy A {",
        "policy A { : ; }",
        "policy A { origins: \"\\u{110000}\"; }",
        "policy A { origins: \"\\",
        "\u{feff}policy A { origins: *; }x",
        "policy A { { } }",
        "policy A { origins: *; } policy",
        "include;",
        "include \"a\" \"b\";",
        "policy A { origins: ü; }",
        "policy A { max-age: 99999999999999999999999; origins: *; }",
        "policy A { ; ; }",
        "é",
        "\0",
    ];
    for input in inputs {
        let _ = compile_str("odd", input, None).map_err(|r| r.to_string());
    }
}

/// Unterminated nested block comments are reported quickly: each `/*` used
/// to double the parser's work (found by fuzzing). 64 openings (the deepest
/// nesting read) would take longer than the universe's age at that rate;
/// now they are one error. Deeper ones are refused before parsing.
#[test]
fn unterminated_nested_comments_are_linear() {
    let text = "/* ".repeat(64);
    let report = cors_dsl::compile_str("slow.cors", &text, None).unwrap_err();
    assert!(report.codes().contains(&"unterminated-comment"), "{report}");
    let text = "/* ".repeat(100_000);
    let report = cors_dsl::compile_str("deep.cors", &text, None).unwrap_err();
    assert_eq!(report.codes(), ["comment-too-deep"], "{report}");
}

/// The validator's limits, on both sides: the longest method and header
/// name accepted, one byte more refused; `*` alone is fine, `*` with other
/// values is reported in every list that takes it.
#[test]
fn limits_and_wildcards_on_both_sides() {
    let valid = |text: &str| {
        if let Err(report) = compile_str("<test>", text, None) {
            panic!("{text} should be valid:\n{report}");
        }
    };
    let method64 = "X".repeat(64);
    valid(&format!("policy A {{ origins: *; methods: {method64}; }}"));
    let name128 = format!("x-{}", "a".repeat(126));
    valid(&format!(
        "policy A {{ origins: *; request-headers: {name128}; }}"
    ));
    valid(&format!(
        "policy A {{ origins: *; expose-headers: {name128}; }}"
    ));
    valid("policy A { origins: *; methods: *; request-headers: *; expose-headers: *; }");
    all_pass(vec![
        check(
            &format!("policy A {{ origins: *; methods: {method64}X; }}"),
            "1:33",
            "method-too-long",
            "65 bytes long",
        ),
        check(
            &format!("policy A {{ origins: *; request-headers: {name128}a; }}"),
            "1:41",
            "header-too-long",
            "129 bytes long",
        ),
        check(
            &format!("policy A {{ origins: *; expose-headers: {name128}a; }}"),
            "1:40",
            "header-too-long",
            "129 bytes long",
        ),
        check(
            "policy A { origins: *; methods: *, PUT; }",
            "1:33",
            "wildcard-not-alone",
            "cannot be combined",
        ),
        check(
            "policy A { origins: *; methods: PUT, *; }",
            "1:38",
            "wildcard-not-alone",
            "cannot be combined",
        ),
        check(
            "policy A { origins: *; expose-headers: *, x-a; }",
            "1:40",
            "wildcard-not-alone",
            "cannot be combined",
        ),
        check(
            "policy A { origins: *; expose-headers: x-a, *; }",
            "1:45",
            "wildcard-not-alone",
            "cannot be combined",
        ),
    ]);
}
