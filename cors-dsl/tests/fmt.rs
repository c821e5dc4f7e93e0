//! `cors fmt`'s formatter: the canonical layout, comments where they were
//! attached, and on every valid file of the corpus: idempotent, still
//! valid, the same plans, every comment kept.

use std::fs;
use std::path::{Path, PathBuf};

use cors_dsl::fmt::{format, format_checked, FormatError};
use cors_dsl::{compile_file, compile_str};

/// (input, canonical output)
const LAYOUTS: &[(&str, &str)] = &[
    // Statements in the table's order, one per line, `, ` between values.
    (
        "pub(crate)   policy Api{max-age:10m;methods:GET,POST;origins:\"https://a.example\" , \"https://b.example\";}",
        "pub(crate) policy Api {\n    origins: \"https://a.example\", \"https://b.example\";\n    methods: GET, POST;\n    max-age: 10m;\n}\n",
    ),
    // One blank line between items; sets, includes and `extends`.
    (
        "include \"a.cors\";include \"b.cors\";\n\n\n\nset  Web=\"https://a.example\",Local ;\npolicy B extends  A {origins: Web;}",
        "include \"a.cors\";\n\ninclude \"b.cors\";\n\nset Web = \"https://a.example\", Local;\n\npolicy B extends A {\n    origins: Web;\n}\n",
    ),
    // Comments move with their statement; trailing comments stay on the line.
    (
        "// File header.\n\n/// Docs.\n///   Indented docs.\npolicy A { // about A\n  // the methods\n  methods: GET; // trailing\n  /* origins */ origins: *;\n  // at the end\n} // after\n// before B\n\n\npolicy B { origins: *; }\n\n// The end.\n",
        "// File header.\n\n/// Docs.\n///   Indented docs.\npolicy A { // about A\n    /* origins */\n    origins: *;\n    // the methods\n    methods: GET; // trailing\n    // at the end\n} // after\n\n// before B\n\npolicy B {\n    origins: *;\n}\n\n// The end.\n",
    ),
    // Comments inside a statement or a head go above it.
    (
        "pub /* vis */ policy A {\n    origins: \"https://a.example\", // first\n        \"https://b.example\";\n}\n",
        "/* vis */\npub policy A {\n    // first\n    origins: \"https://a.example\", \"https://b.example\";\n}\n",
    ),
    // Test blocks: one expectation per line, in the order written (never
    // sorted), one space between words, `, ` between header names.
    (
        "policy A { origins: *; }\ntest A{deny   PUT from\"https://a.example\"with x-b,x-a because request-headers;// why\n allow preflight GET from null;/* end */}",
        "policy A {\n    origins: *;\n}\n\ntest A {\n    deny PUT from \"https://a.example\" with x-b, x-a because request-headers; // why\n    allow preflight GET from null;\n    /* end */\n}\n",
    ),
    // A comment inside an expectation goes above it.
    (
        "test A {\n    allow GET /* simple */ from \"https://a.example\";\n}\npolicy A { origins: *; }",
        "test A {\n    /* simple */\n    allow GET from \"https://a.example\";\n}\n\npolicy A {\n    origins: *;\n}\n",
    ),
    // Visibility paths, empty bodies, CRLF, nested block comments kept whole.
    (
        "pub(in crate :: web) policy A {}\r\n/* a /* nested */\r\n   comment */\r\npolicy B { origins: *; }",
        "pub(in crate::web) policy A {}\n\n/* a /* nested */\n   comment */\npolicy B {\n    origins: *;\n}\n",
    ),
];

#[test]
fn canonical_layouts() {
    for (input, expected) in LAYOUTS {
        let formatted = format(input).unwrap_or_else(|e| panic!("{input:?}: {e}"));
        assert_eq!(&formatted, expected, "input {input:?}");
        assert_eq!(format(&formatted).unwrap(), formatted, "not idempotent");
    }
}

#[test]
fn syntax_errors_are_returned_not_formatted() {
    let Err(FormatError::Syntax(report)) = format_checked(
        "bad.cors",
        "policy A { origins: * }\npolicy B { methods GET; }",
        None,
    ) else {
        panic!("a syntax error")
    };
    assert_eq!(report.codes(), ["missing-semicolon", "missing-colon"]);
    assert!(report.to_string().starts_with("bad.cors:1:23: error: "));
}

#[test]
fn invalid_but_well_formed_text_is_formatted() {
    // An unknown set is not a syntax error: the text is laid out all the same.
    let formatted = format_checked("a.cors", "policy A{origins:Nope;}", None).unwrap();
    assert_eq!(formatted, "policy A {\n    origins: Nope;\n}\n");
}

#[test]
fn invalid_expectations_are_formatted_as_written() {
    // A method or header name that is not a token is one unit to the
    // parser (an error of validation, not of syntax): it stays whole.
    let text = "policy A { origins: *; }\ntest A {\n    deny G@T from null;\n    allow GET from null with x(a),:b;\n}\n";
    let formatted = format_checked("a.cors", text, None).unwrap();
    assert_eq!(
        formatted,
        "policy A {\n    origins: *;\n}\n\ntest A {\n    deny G@T from null;\n    allow GET from null with x(a), :b;\n}\n"
    );
    let report = compile_str("a.cors", &formatted, None).unwrap_err();
    assert_eq!(
        report.codes(),
        ["method-not-token", "header-not-token", "header-not-token"]
    );
}

#[test]
fn expectations_that_fail_are_formatted_and_still_fail() {
    let text = "set Web = \"https://a.example\";\npolicy A { origins: Web; }\npolicy B extends A { methods: PUT; }\ntest B { allow PATCH from \"https://a.example\"; allow PUT from \"https://a.example\"; }";
    let formatted = format_checked("a.cors", text, None).unwrap();
    assert!(formatted.ends_with(
        "test B {\n    allow PATCH from \"https://a.example\";\n    allow PUT from \"https://a.example\";\n}\n"
    ));
    let report = compile_str("a.cors", &formatted, None).unwrap_err();
    assert_eq!(report.codes(), ["test-not-allowed"]);
}

fn repo() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("..")
}

/// Every `.cors` file under `dir`, recursively.
fn cors_files(dir: &Path, out: &mut Vec<PathBuf>) {
    let Ok(entries) = fs::read_dir(dir) else {
        return;
    };
    for entry in entries.flatten() {
        let path = entry.path();
        if path.is_dir() {
            cors_files(&path, out);
        } else if path.extension().is_some_and(|e| e == "cors") {
            out.push(path);
        }
    }
}

/// The comments of a text, by a scan independent of the formatter's.
fn comments(text: &str) -> Vec<String> {
    let mut out = Vec::new();
    let bytes = text.as_bytes();
    let mut i = 0;
    while i < bytes.len() {
        match bytes[i] {
            b'"' => {
                i += 1;
                while i < bytes.len() && bytes[i] != b'"' {
                    i += if bytes[i] == b'\\' { 2 } else { 1 };
                }
                i += 1;
            }
            b'/' if bytes.get(i + 1) == Some(&b'/') => {
                let end = text[i..].find('\n').map_or(text.len(), |n| i + n);
                out.push(text[i..end].trim_end().to_string());
                i = end;
            }
            b'/' if bytes.get(i + 1) == Some(&b'*') => {
                let mut depth = 0;
                let start = i;
                while i + 1 < bytes.len() {
                    if bytes[i] == b'/' && bytes[i + 1] == b'*' {
                        depth += 1;
                        i += 2;
                    } else if bytes[i] == b'*' && bytes[i + 1] == b'/' {
                        depth -= 1;
                        i += 2;
                        if depth == 0 {
                            break;
                        }
                    } else {
                        i += 1;
                    }
                }
                out.push(text[start..i].replace("\r\n", "\n"));
            }
            _ => i += 1,
        }
    }
    out.sort();
    out
}

/// Every valid policy file of the repository: the corpus, the included
/// files, the examples, the compile-fail and property-test policies.
#[test]
fn every_valid_file_formats_safely() {
    let mut files = Vec::new();
    for dir in [
        "tests/corpus",
        "examples/policies",
        "tests/ui/policies",
        "tests/tests/properties",
        "tests/bench",
    ] {
        cors_files(&repo().join(dir), &mut files);
    }
    files.sort();
    let mut formatted_count = 0;
    for path in &files {
        let Ok(compiled) = compile_file(path) else {
            continue;
        };
        let text = fs::read_to_string(path).unwrap();
        let base = path.parent().unwrap();
        let name = path.display().to_string();
        let formatted =
            format_checked(&name, &text, Some(base)).unwrap_or_else(|e| panic!("{name}: {e}"));
        // Idempotent.
        assert_eq!(format(&formatted).unwrap(), formatted, "{name}");
        // Still valid, with the same plans.
        let again = compile_str(&name, &formatted, Some(base)).unwrap_or_else(|r| panic!("{r}"));
        let plans = |c: &cors_dsl::Compiled| -> Vec<_> {
            c.policies.iter().map(cors_dsl::lower::plan).collect()
        };
        assert_eq!(plans(&again), plans(&compiled), "{name}");
        // Every comment survives.
        assert_eq!(comments(&formatted), comments(&text), "{name}");
        formatted_count += 1;
    }
    assert!(formatted_count >= 15, "only {formatted_count} valid files");
}
