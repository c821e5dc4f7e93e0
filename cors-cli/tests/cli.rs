//! The `cors` binary: exit codes, output format, I/O errors, help.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

fn cors(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_cors"))
        .args(args)
        .output()
        .expect("run cors")
}

fn corpus(rel: &str) -> String {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../tests/corpus")
        .join(rel)
        .display()
        .to_string()
}

fn text(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}

fn temp_dir(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("cors-cli-{name}-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("temp dir");
    dir
}

#[test]
fn valid_file_exits_0_and_names_the_policies() {
    let file = corpus("valid/api.cors");
    let out = cors(&["check", &file]);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    assert_eq!(
        text(&out.stdout),
        format!("{file}: ok (2 policies: Api, Assets)\n")
    );
}

#[test]
fn invalid_file_exits_1_with_rustc_style_errors() {
    let file = corpus("invalid/trailing-slash.cors");
    let out = cors(&["check", &file]);
    assert_eq!(out.status.code(), Some(1));
    let stdout = text(&out.stdout);
    assert!(
        stdout.starts_with(&format!("{file}:1:23: error: ")),
        "{stdout}"
    );
    assert!(stdout.contains("\n  |\n1 | policy Api { origins: \"https://app.example.com/\"; }\n  |                       ^^^^^^^^^^^^^^^^^^^^^^^^^^\n  = help: remove the trailing \"/\"\n"), "{stdout}");
    assert!(stdout.ends_with(&format!("{file}: 1 error\n")), "{stdout}");
}

#[test]
fn every_error_of_a_file_is_printed() {
    let file = corpus("invalid/syntax-soup.cors");
    let out = cors(&["check", &file]);
    assert_eq!(out.status.code(), Some(1));
    let stdout = text(&out.stdout);
    for at in [
        ":1:1: error",
        ":2:37: error",
        ":2:62: error",
        ":2:64: error",
        ":3:1: error",
    ] {
        assert!(stdout.contains(at), "missing {at} in\n{stdout}");
    }
}

#[test]
fn mixed_files_report_the_worst_status() {
    let ok = corpus("valid/api.cors");
    let bad = corpus("invalid/missing-origins.cors");
    let out = cors(&["check", &ok, &bad]);
    assert_eq!(out.status.code(), Some(1));
    let stdout = text(&out.stdout);
    assert!(stdout.contains(&format!("{ok}: ok")));
    assert!(
        stdout.contains("missing-origins") || stdout.contains("has no `origins`"),
        "{stdout}"
    );
    // An unreadable file wins: exit 2.
    let out = cors(&["check", &ok, &bad, "/definitely/not/here.cors"]);
    assert_eq!(out.status.code(), Some(2));
}

#[test]
fn missing_file_exits_2() {
    let out = cors(&["check", "/definitely/not/here.cors"]);
    assert_eq!(out.status.code(), Some(2));
    assert_eq!(
        text(&out.stderr),
        "/definitely/not/here.cors: error: no such file\n"
    );
}

#[test]
fn directory_exits_2() {
    let dir = corpus("valid");
    let out = cors(&["check", &dir]);
    assert_eq!(out.status.code(), Some(2));
    assert!(
        text(&out.stderr).contains("is a directory"),
        "{}",
        text(&out.stderr)
    );
}

#[test]
fn non_utf8_exits_2() {
    let dir = temp_dir("utf8");
    let file = dir.join("latin1.cors");
    std::fs::write(&file, b"policy A { origins: \"https://caf\xe9.example\"; }").expect("write");
    let out = cors(&["check", &file.display().to_string()]);
    assert_eq!(out.status.code(), Some(2));
    assert!(
        text(&out.stderr).contains("not valid UTF-8"),
        "{}",
        text(&out.stderr)
    );
    let _ = std::fs::remove_dir_all(dir);
}

#[test]
fn empty_file_exits_1() {
    let file = corpus("invalid/empty.cors");
    let out = cors(&["check", &file]);
    assert_eq!(out.status.code(), Some(1));
    assert!(
        text(&out.stdout).contains(&format!("{file}:1:1: error: ")),
        "{}",
        text(&out.stdout)
    );
}

#[test]
fn usage_errors_exit_2() {
    assert_eq!(cors(&[]).status.code(), Some(2));
    assert_eq!(cors(&["check"]).status.code(), Some(2));
    assert_eq!(cors(&["frobnicate"]).status.code(), Some(2));
    assert_eq!(cors(&["check", "--nope", "x"]).status.code(), Some(2));
}

#[test]
fn help_and_version() {
    let out = cors(&["--help"]);
    assert_eq!(out.status.code(), Some(0));
    let help = text(&out.stdout);
    assert!(
        help.contains("check") && help.contains("Exit status"),
        "{help}"
    );
    let out = cors(&["check", "--help"]);
    assert_eq!(out.status.code(), Some(0));
    let help = text(&out.stdout);
    assert!(
        help.contains("FILE") && help.contains("LINE:COL") || help.contains("FILE:LINE:COL"),
        "{help}"
    );
    let out = cors(&["--version"]);
    assert_eq!(out.status.code(), Some(0));
    assert!(text(&out.stdout).starts_with("cors "));
}
