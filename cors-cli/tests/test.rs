//! `cors test` (and `cors check` running the tests): output, positions of
//! failing expectations, summaries, exit codes.

use std::path::{Path, PathBuf};
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

fn repo(rel: &str) -> String {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("..")
        .join(rel)
        .display()
        .to_string()
}

fn temp_file(name: &str, contents: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("cors-test-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("temp dir");
    let path = dir.join(name);
    std::fs::write(&path, contents).expect("write");
    path
}

#[test]
fn the_example_policies_pass() {
    let files: Vec<String> = ["api", "dev", "prod"]
        .iter()
        .map(|name| repo(&format!("examples/policies/{name}.cors")))
        .collect();
    let args: Vec<&str> = std::iter::once("test")
        .chain(files.iter().map(String::as_str))
        .collect();
    let out = cors(&args);
    let stdout = text(&out.stdout);
    assert_eq!(out.status.code(), Some(0), "{stdout}{}", text(&out.stderr));
    for file in &files {
        assert!(stdout.contains(&format!("test Api ({file}:")), "{stdout}");
    }
    let last = stdout.lines().last().unwrap_or_default();
    assert!(
        last.ends_with(" passed, 0 failed") && !last.starts_with("0 "),
        "{stdout}"
    );
}

/// A copy of the example policies whose set `Writes` no longer lists
/// `DELETE`: the test `allow DELETE …` of `Api` fails, on its own line, and
/// so does the one of `Admin`, which inherits its methods (`extends Api`).
#[test]
fn a_broken_copy_fails_with_exit_1_pointing_at_the_line() {
    let original = std::fs::read_to_string(repo("examples/policies/api.cors")).expect("read");
    let broken = original.replace(
        "set Writes = PUT, DELETE, PATCH;",
        "set Writes = PUT, PATCH;",
    );
    assert_ne!(broken, original, "the example's methods changed");
    let lines: Vec<usize> = broken
        .lines()
        .enumerate()
        .filter(|(_, l)| l.trim_start().starts_with("allow DELETE"))
        .map(|(i, _)| i + 1)
        .collect();
    let [api, admin] = lines[..] else {
        panic!("an `allow DELETE` expectation in `Api` and in `Admin`: {lines:?}")
    };
    let file = temp_file("api.cors", &broken);
    let file = file.display().to_string();
    let out = cors(&["test", &file]);
    assert_eq!(out.status.code(), Some(1));
    let stdout = text(&out.stdout);
    let expected = format!(
        "{file}:{api}:5: error: expected DELETE from \"http://localhost:3000\" to be allowed, but \
         the method is not allowed: `methods` lists GET, POST, PUT, PATCH (GET, HEAD and POST \
         are always allowed)\n"
    );
    assert!(stdout.starts_with(&expected), "{stdout}");
    assert!(
        stdout.contains(&format!(
            "{file}:{admin}:5: error: expected DELETE from \"http://admin.localhost:3000\" with \
             content-type, x-csrf-token to be allowed, but the method is not allowed"
        )),
        "{stdout}"
    );
    assert!(
        stdout.contains(&format!("test Api ({file}:"))
            && stdout.contains(": 11 passed, 1 failed\n"),
        "{stdout}"
    );
    assert!(
        stdout.contains(&format!("test Admin ({file}:"))
            && stdout.contains(": 4 passed, 1 failed\n"),
        "{stdout}"
    );
    assert!(stdout.ends_with("\n19 passed, 2 failed\n"), "{stdout}");

    // `cors check` runs the same tests, and prints the failures rustc-style.
    let out = cors(&["check", &file]);
    assert_eq!(out.status.code(), Some(1));
    let stdout = text(&out.stdout);
    assert!(
        stdout.contains(&format!("{file}:{api}:5: error: expected DELETE")),
        "{stdout}"
    );
    assert!(stdout.contains("  = help: "), "{stdout}");
    assert!(stdout.ends_with(&format!("{file}: 2 errors\n")), "{stdout}");
}

#[test]
fn every_block_gets_a_summary_and_failures_their_line() {
    let file = temp_file(
        "blocks.cors",
        r#"policy A { origins: "https://a.example"; methods: PUT; }
policy B { origins: *; }
test A {
    allow PUT from "https://a.example";
    allow PUT from "https://A.example";
    deny GET from "https://a.example";
}
test B { allow GET from null; }
"#,
    );
    let file = file.display().to_string();
    let out = cors(&["test", &file]);
    assert_eq!(out.status.code(), Some(1));
    assert_eq!(
        text(&out.stdout),
        format!(
            "{file}:5:5: error: expected PUT from \"https://A.example\" to be allowed, but the \
             origin is not allowed: closest entry \"https://a.example\" is lowercase\n\
             {file}:6:5: error: expected GET from \"https://a.example\" to be denied, but it is \
             allowed: the origin is allowed, listed exactly\n\
             test A ({file}:3:1): 1 passed, 2 failed\n\
             test B ({file}:8:1): 1 passed, 0 failed\n\
             2 passed, 2 failed\n"
        )
    );
}

#[test]
fn an_invalid_file_prints_its_errors_and_exits_1() {
    let file = temp_file(
        "invalid.cors",
        "policy A { origins: \"https://a.example\"; }\ntest Apo { allow GET from \"https://a.example\"; }\n",
    );
    let file = file.display().to_string();
    let out = cors(&["test", &file]);
    assert_eq!(out.status.code(), Some(1));
    let stdout = text(&out.stdout);
    assert!(
        stdout.contains(&format!(
            "{file}:2:6: error: `test Apo`: no policy is named `Apo`\n"
        )),
        "{stdout}"
    );
    assert!(
        stdout.contains("  = help: the policies are `A`\n"),
        "{stdout}"
    );
    assert!(stdout.contains(&format!("{file}: 1 error\n")), "{stdout}");
    assert!(stdout.contains("test Apo ("), "{stdout}");
    assert!(stdout.ends_with("0 passed, 0 failed\n"), "{stdout}");
}

#[test]
fn a_file_without_tests_passes_with_nothing_to_run() {
    let file = repo("tests/corpus/valid/api.cors");
    let out = cors(&["test", &file]);
    assert_eq!(out.status.code(), Some(0));
    assert_eq!(
        text(&out.stdout),
        format!("{file}: no test block\n0 passed, 0 failed\n")
    );
}

#[test]
fn usage_and_io_errors_exit_2() {
    let out = cors(&["test"]);
    assert_eq!(out.status.code(), Some(2));
    let out = cors(&["test", "/no/such/file.cors"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(text(&out.stderr).contains("no such file"));
}

#[test]
fn check_counts_the_expectations_that_hold() {
    let file = repo("tests/corpus/valid/tested.cors");
    let out = cors(&["check", &file]);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stdout));
    assert_eq!(
        text(&out.stdout),
        format!("{file}: ok (2 policies: Partners, Public; 12 test expectations hold)\n")
    );
}
