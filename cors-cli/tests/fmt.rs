//! `cors fmt FILE... [--check]`: rewrites files in the canonical layout,
//! leaves files with syntax errors untouched, exit codes like `cors check`.

use std::path::PathBuf;
use std::process::{Command, Output};

fn cors(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_cors"))
        .args(args)
        .output()
        .expect("run cors")
}

fn text(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}

fn temp_file(name: &str, content: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("cors-cli-fmt-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("temp dir");
    let path = dir.join(name);
    std::fs::write(&path, content).expect("write");
    path
}

const MESSY: &str = "// The API.\npolicy Api{max-age:10m;   origins:\"https://a.example\",\"https://b.example\" ; // two\n}\n";
const TIDY: &str = "// The API.\npolicy Api {\n    origins: \"https://a.example\", \"https://b.example\"; // two\n    max-age: 10m;\n}\n";

#[test]
fn formats_in_place_then_reports_ok() {
    let path = temp_file("messy.cors", MESSY);
    let file = path.display().to_string();
    let out = cors(&["fmt", &file]);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    assert_eq!(text(&out.stdout), format!("{file}: formatted\n"));
    assert_eq!(std::fs::read_to_string(&path).unwrap(), TIDY);
    let out = cors(&["fmt", &file]);
    assert_eq!(out.status.code(), Some(0));
    assert_eq!(text(&out.stdout), format!("{file}: ok\n"));
}

#[test]
fn check_writes_nothing_and_exits_1_when_a_file_would_change() {
    let messy = temp_file("check-messy.cors", MESSY);
    let tidy = temp_file("check-tidy.cors", TIDY);
    let (messy_name, tidy_name) = (messy.display().to_string(), tidy.display().to_string());
    let out = cors(&["fmt", "--check", &tidy_name, &messy_name]);
    assert_eq!(out.status.code(), Some(1));
    assert_eq!(
        text(&out.stdout),
        format!(
            "{tidy_name}: ok\n{messy_name}: would be reformatted (first difference on line 2)\n"
        )
    );
    assert_eq!(std::fs::read_to_string(&messy).unwrap(), MESSY);
    let out = cors(&["fmt", "--check", &tidy_name]);
    assert_eq!(out.status.code(), Some(0));
}

#[test]
fn syntax_errors_are_printed_and_the_file_left_untouched() {
    let bad = "policy Api { origins: \"https://a.example\" }\n";
    let path = temp_file("syntax.cors", bad);
    let file = path.display().to_string();
    let out = cors(&["fmt", &file]);
    assert_eq!(out.status.code(), Some(1));
    let stdout = text(&out.stdout);
    assert!(
        stdout.starts_with(&format!("{file}:1:43: error: expected `;`")),
        "{stdout}"
    );
    assert!(
        stdout.ends_with(&format!("{file}: 1 error, not formatted\n")),
        "{stdout}"
    );
    assert_eq!(std::fs::read_to_string(&path).unwrap(), bad);
}

#[test]
fn io_and_usage_errors_exit_2() {
    let out = cors(&["fmt", "/definitely/not/here.cors"]);
    assert_eq!(out.status.code(), Some(2));
    assert_eq!(
        text(&out.stderr),
        "/definitely/not/here.cors: error: no such file\n"
    );
    assert_eq!(cors(&["fmt"]).status.code(), Some(2));
    assert_eq!(cors(&["fmt", "--nope", "x.cors"]).status.code(), Some(2));
    let out = cors(&["fmt", "--help"]);
    assert_eq!(out.status.code(), Some(0));
    assert!(
        text(&out.stdout).contains("rustfmt"),
        "{}",
        text(&out.stdout)
    );
}
