//! The shared corpus: `tests/corpus/valid/*.cors` compile,
//! `tests/corpus/invalid/*.cors` fail with at least one diagnostic.

use std::fs;
use std::path::{Path, PathBuf};

use cors_dsl::model::{
    ExposeHeaders, Methods, Origins, PortPattern, PreflightMode, RequestHeaders,
};
use cors_dsl::{compile_file, LoadError};

fn corpus(folder: &str) -> Vec<PathBuf> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../tests/corpus")
        .join(folder);
    let mut files: Vec<PathBuf> = fs::read_dir(&dir)
        .unwrap_or_else(|e| panic!("{}: {e}", dir.display()))
        .filter_map(|entry| entry.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|e| e == "cors"))
        .collect();
    files.sort();
    assert!(files.len() >= 5, "too few files in {}", dir.display());
    files
}

#[test]
fn valid_files_compile() {
    for path in corpus("valid") {
        if let Err(error) = compile_file(&path) {
            panic!("{} should be valid:\n{error}", path.display());
        }
    }
}

#[test]
fn invalid_files_fail_with_diagnostics() {
    for path in corpus("invalid") {
        match compile_file(&path) {
            Ok(_) => panic!("{} should be invalid", path.display()),
            Err(LoadError::Invalid(report)) => {
                assert!(!report.diagnostics.is_empty());
                let rendered = report.to_string();
                assert!(rendered.contains(": error: "), "{rendered}");
            }
            Err(error) => panic!("{}: {error}", path.display()),
        }
    }
}

fn valid(name: &str) -> cors_dsl::Compiled {
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../tests/corpus/valid")
        .join(name);
    compile_file(&path).unwrap_or_else(|e| panic!("{e}"))
}

#[test]
fn every_statement_is_modelled() {
    let compiled = valid("every-statement.cors");
    let p = &compiled.policies[0];
    assert_eq!(p.name, "Everything");
    assert_eq!(p.visibility, "pub(crate)");
    assert_eq!(p.docs, [" First doc line.", " Second doc line."]);
    assert_eq!(p.max_age, Some(7200));
    assert_eq!(p.preflight, PreflightMode::Forward);
    assert_eq!(p.websocket, cors_dsl::model::WebSocket::CheckOrigin);
    assert_eq!(p.preflight_status, 200);
    assert!(p.private_network);
    assert!(
        p.dangerously_allow.null_origin
            && p.dangerously_allow.insecure_origins
            && p.dangerously_allow.public_suffix_wildcards
    );
    assert!(!p.credentials);
    assert_eq!(
        p.expose_headers,
        ExposeHeaders::List(vec![
            "x-total-count".into(),
            "content-type".into(),
            "etag".into()
        ])
    );
    assert_eq!(
        p.request_headers,
        RequestHeaders::Any {
            authorization: true
        }
    );
    assert_eq!(p.methods, Methods::Any);
    let Origins::List(list) = &p.origins else {
        panic!("a list")
    };
    assert!(list.null);
    assert_eq!(
        list.exact,
        [
            "https://xn--bcher-kva.example",
            "https://example.com:8443",
            "http://[::1]:3000",
            "http://127.0.0.1:3000",
            "chrome-extension://abcdefghijklmnop",
            "https://example.net.",
        ]
    );
    assert_eq!(list.patterns.len(), 1);
    assert_eq!(list.patterns[0].port, PortPattern::Any);
}

#[test]
fn defaults() {
    let compiled = valid("durations-and-defaults.cors");
    let ages: Vec<Option<u32>> = compiled.policies.iter().map(|p| p.max_age).collect();
    assert_eq!(ages, [Some(600), Some(30), Some(0), Some(86400), None]);
    let d = &compiled.policies[4];
    assert_eq!(
        d.methods,
        Methods::List(vec!["GET".into(), "HEAD".into(), "POST".into()])
    );
    assert_eq!(d.request_headers, RequestHeaders::List(vec![]));
    assert_eq!(d.expose_headers, ExposeHeaders::List(vec![]));
    assert!(!d.credentials && !d.private_network);
    assert_eq!(d.preflight_status, 204);
    assert_eq!(d.preflight, PreflightMode::Respond);
    assert_eq!(d.visibility, "");
}

#[test]
fn visibilities_and_methods_as_written() {
    let compiled = valid("visibility.cors");
    let vis: Vec<&str> = compiled
        .policies
        .iter()
        .map(|p| p.visibility.as_str())
        .collect();
    assert_eq!(
        vis,
        ["pub(super)", "pub(self)", "pub(in crate::web)", "pub", ""]
    );
    let compiled = valid("credentials.cors");
    assert_eq!(
        compiled.policies[0].methods,
        Methods::List(vec![
            "GET".into(),
            "PROPFIND".into(),
            "chicken".into(),
            "OPTIONS".into()
        ])
    );
    assert_eq!(
        compiled.policies[0].request_headers,
        RequestHeaders::List(vec!["x-csrf-token".into(), "content-type".into()])
    );
}
