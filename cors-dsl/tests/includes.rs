//! `include`: relative paths, nested folders, cycles, missing files.

use std::path::{Path, PathBuf};

use cors_dsl::{compile_file, compile_str, LoadError, Report, SourceId};

fn dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../tests/corpus/include")
}

fn invalid(name: &str) -> Report {
    match compile_file(&dir().join(name)) {
        Err(LoadError::Invalid(report)) => report,
        Err(e) => panic!("{e}"),
        Ok(_) => panic!("{name} should be invalid"),
    }
}

#[test]
fn nested_relative_includes() {
    let compiled = compile_file(&dir().join("root.cors")).unwrap_or_else(|e| panic!("{e}"));
    let names: Vec<&str> = compiled.policies.iter().map(|p| p.name.as_str()).collect();
    // Included files are expanded in place.
    assert_eq!(names, ["Shared", "Deep", "Root"]);
    assert_eq!(compiled.sources.len(), 3);
    let deep = compiled.sources.get(SourceId(2));
    assert!(deep.name.ends_with("deep.cors"), "{}", deep.name);
    let (from, span) = deep.included_from.expect("included");
    assert_eq!(from, SourceId(1));
    assert_eq!((span.line, span.col), (3, 9));
}

#[test]
fn compile_str_resolves_against_the_base() {
    let compiled = compile_str("inline", "include \"sub/shared.cors\";", Some(&dir()))
        .unwrap_or_else(|r| panic!("{r}"));
    assert_eq!(compiled.policies.len(), 2);
    let report = compile_str("inline", "include \"sub/shared.cors\";", None).unwrap_err();
    assert_eq!(report.codes(), ["include-without-base"]);
}

#[test]
fn only_includes_is_fine() {
    let compiled =
        compile_file(&dir().join("only-includes.cors")).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(compiled.policies[0].name, "Deep");
}

#[test]
fn cycle_is_reported_on_the_path() {
    let report = invalid("cycle/a.cors");
    assert_eq!(report.codes(), ["include-cycle"], "{report}");
    let d = &report.diagnostics[0];
    assert!(report.sources.get(d.source).name.ends_with("b.cors"));
    assert_eq!((d.span.line, d.span.col), (2, 9));
    let text = report.to_string();
    assert!(text.contains("= note: included from"), "{text}");
}

#[test]
fn missing_file_is_reported_on_the_path() {
    let report = invalid("missing.cors");
    assert_eq!(report.codes(), ["include-unreadable"]);
    let d = &report.diagnostics[0];
    assert_eq!((d.source, d.span.line, d.span.col), (SourceId(0), 2, 9));
    assert!(d.message.contains("no such file"), "{}", d.message);
}

#[test]
fn directory_is_reported() {
    let report = invalid("include-dir.cors");
    assert_eq!(report.codes(), ["include-unreadable"]);
    assert!(report.diagnostics[0].message.contains("directory"));
}

#[test]
fn duplicate_name_across_files() {
    let report = invalid("duplicate.cors");
    assert_eq!(report.codes(), ["duplicate-policy"]);
    let d = &report.diagnostics[0];
    assert_eq!((d.source, d.span.line, d.span.col), (SourceId(0), 2, 8));
    assert!(d.message.contains("deep.cors:1:8"), "{}", d.message);
}

#[test]
fn errors_in_included_files_name_that_file() {
    let tmp = std::env::temp_dir().join(format!("cors-dsl-include-{}", std::process::id()));
    std::fs::create_dir_all(&tmp).unwrap();
    std::fs::write(
        tmp.join("bad.cors"),
        "policy Bad { origins: \"https://a.example/\"; }\n",
    )
    .unwrap();
    std::fs::write(tmp.join("bin.cors"), b"\xff\xfe").unwrap();
    let report = compile_str(
        "root",
        "include \"bad.cors\";\ninclude \"bin.cors\";\n",
        Some(&tmp),
    )
    .unwrap_err();
    assert_eq!(
        report.codes(),
        ["include-unreadable", "origin-trailing-slash"],
        "{report}"
    );
    assert!(report.diagnostics[0].message.contains("UTF-8"));
    let text = report.to_string();
    assert!(text.contains("bad.cors:1:23: error:"), "{text}");
    assert!(text.contains("= note: included from root:1:9"), "{text}");
    let _ = std::fs::remove_dir_all(&tmp);
}
