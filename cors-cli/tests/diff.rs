//! `cors diff`: exit codes, the report lines, the JSON shape, pairing of
//! policies, `--policy`, `--fail-on widen`.

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

/// Writes `files` into a fresh folder; returns their paths.
fn write(test: &str, files: &[(&str, &str)]) -> Vec<String> {
    let dir: PathBuf =
        std::env::temp_dir().join(format!("cors-cli-diff-{test}-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("temp dir");
    files
        .iter()
        .map(|(name, content)| {
            let path = dir.join(name);
            std::fs::write(&path, content).expect("write");
            path.display().to_string()
        })
        .collect()
}

const OLD: &str = r#"
/// The public API.
pub policy Api {
    origins: "https://app.example.com";
    methods: GET, POST, PUT, DELETE;
    request-headers: content-type, authorization;
    credentials: true;
    max-age: 10m;
}
"#;

const WIDER: &str = r#"
pub policy Api {
    // partners now call the API from the browser
    origins: "https://app.example.com", "https://*.partners.example.org";
    methods: GET, POST, PUT, DELETE;
    request-headers: authorization, content-type;
    credentials: true;
    max-age: 600;
}
"#;

const NARROWER: &str = r#"
pub policy Api {
    origins: "https://app.example.com";
    methods: PUT, DELETE;
    request-headers: content-type;
    credentials: true;
    max-age: 2h;
}
"#;

#[test]
fn a_rewrite_that_keeps_the_meaning_is_equivalent() {
    let rewritten = r#"pub policy Api { max-age: 600; credentials: true;
        request-headers: authorization, content-type; methods: DELETE, PUT;
        origins: "https://app.example.com"; }"#;
    let files = write("equivalent", &[("old.cors", OLD), ("new.cors", rewritten)]);
    let out = cors(&["diff", &files[0], &files[1]]);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    assert_eq!(text(&out.stdout), "Api: equivalent\n");
    let out = cors(&["diff", &files[0], &files[1], "--json"]);
    assert_eq!(out.status.code(), Some(0));
    let json: serde_json::Value = serde_json::from_slice(&out.stdout).expect("json");
    assert_eq!(
        json,
        serde_json::json!({"equivalent": true, "widens": false, "changes": []})
    );
}

#[test]
fn a_widening_is_reported_with_its_witness() {
    let files = write("widen", &[("old.cors", OLD), ("new.cors", WIDER)]);
    let out = cors(&["diff", &files[0], &files[1]]);
    assert_eq!(out.status.code(), Some(1));
    assert_eq!(
        text(&out.stdout),
        "Api: 1 change, widens\n\
         + allows credentialed requests from https://*.partners.example.org, \
         e.g. Origin: https://a.partners.example.org\n"
    );
    for args in [
        &["--fail-on", "widen"][..],
        &["--fail-on", "widen", "--json"],
    ] {
        let out = cors(&[&["diff", &files[0], &files[1]][..], args].concat());
        assert_eq!(out.status.code(), Some(1), "{args:?}");
    }

    let out = cors(&["diff", &files[0], &files[1], "--json"]);
    assert_eq!(out.status.code(), Some(1));
    let json: serde_json::Value = serde_json::from_slice(&out.stdout).expect("json");
    assert_eq!(json["equivalent"], false);
    assert_eq!(json["widens"], true);
    let change = &json["changes"][0];
    assert_eq!(change["direction"], "widen");
    assert_eq!(change["aspect"], "origins");
    assert_eq!(
        change["summary"],
        "allows credentialed requests from https://*.partners.example.org"
    );
    assert_eq!(
        change["witness"],
        serde_json::json!({"method": "GET", "headers": [["Origin", "https://a.partners.example.org"]]})
    );
}

#[test]
fn fail_on_widen_passes_a_narrowing() {
    let files = write("narrow", &[("old.cors", OLD), ("new.cors", NARROWER)]);
    let out = cors(&["diff", &files[0], &files[1]]);
    assert_eq!(out.status.code(), Some(1));
    let stdout = text(&out.stdout);
    assert!(
        stdout.starts_with("Api: 2 changes, does not widen\n"),
        "{stdout}"
    );
    assert!(
        stdout.contains("- no longer allows request header authorization, e.g. OPTIONS with Origin: https://app.example.com, Access-Control-Request-Method: PUT, Access-Control-Request-Headers: authorization\n"),
        "{stdout}"
    );
    assert!(
        stdout.contains("~ max-age changes from 600 s to 7200 s, e.g. OPTIONS with Origin: https://app.example.com, Access-Control-Request-Method: PUT\n"),
        "{stdout}"
    );
    for json in [false, true] {
        let mut args = vec!["diff", &files[0], &files[1], "--fail-on", "widen"];
        if json {
            args.push("--json");
        }
        let out = cors(&args);
        assert_eq!(out.status.code(), Some(0), "json: {json}");
    }
    let out = cors(&["diff", &files[0], &files[1], "--json"]);
    let json: serde_json::Value = serde_json::from_slice(&out.stdout).expect("json");
    let directions: Vec<_> = json["changes"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| {
            (
                c["aspect"].as_str().unwrap(),
                c["direction"].as_str().unwrap(),
            )
        })
        .collect();
    assert_eq!(
        directions,
        [("request-headers", "narrow"), ("max-age", "change")]
    );
}

#[test]
fn policies_are_paired_by_name() {
    let old = "policy Api { origins: \"https://a.example\"; }\n\
               policy Assets { origins: *; }\n";
    let new = "policy Assets { origins: *; methods: GET; }\n\
               policy Api { origins: \"https://a.example\"; }\n\
               policy Admin { origins: \"https://admin.example\"; }\n";
    let files = write("pairs", &[("old.cors", old), ("new.cors", new)]);
    let out = cors(&["diff", &files[0], &files[1]]);
    assert_eq!(out.status.code(), Some(1));
    let stdout = text(&out.stdout);
    assert!(
        stdout.starts_with("Api: equivalent\nAssets: equivalent\nAdmin (only in "),
        "{stdout}"
    );
    assert!(
        stdout.ends_with("+ policy Admin is new: allows requests from https://admin.example, e.g. Origin: https://admin.example\n"),
        "{stdout}"
    );
    // The other way round, Admin was removed: a narrowing.
    let out = cors(&["diff", &files[1], &files[0], "--fail-on", "widen"]);
    assert_eq!(out.status.code(), Some(0));
    assert!(text(&out.stdout).contains("- policy Admin was removed: "));
}

#[test]
fn single_policy_files_are_compared_whatever_their_names() {
    let files = write(
        "single",
        &[
            ("old.cors", "policy Api { origins: \"https://a.example\"; }"),
            (
                "new.cors",
                "policy PublicApi { origins: \"https://a.example\"; }",
            ),
        ],
    );
    let out = cors(&["diff", &files[0], &files[1]]);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stdout));
    assert_eq!(text(&out.stdout), "Api → PublicApi: equivalent\n");
}

#[test]
fn the_policy_option() {
    let old = "policy Api { origins: \"https://a.example\"; }\npolicy Web { origins: *; }\n";
    let new = "policy Api2 { origins: \"https://a.example\"; methods: PUT; }\npolicy Web { origins: *; }\n";
    let files = write("option", &[("old.cors", old), ("new.cors", new)]);
    let out = cors(&["diff", &files[0], &files[1], "--policy", "Web"]);
    assert_eq!(out.status.code(), Some(0));
    assert_eq!(text(&out.stdout), "Web: equivalent\n");
    let out = cors(&["diff", &files[0], &files[1], "--policy", "Api:Api2"]);
    assert_eq!(out.status.code(), Some(1));
    assert!(text(&out.stdout).starts_with("Api → Api2: 1 change, widens\n+ allows method PUT"));
    let out = cors(&["diff", &files[0], &files[1], "--policy", "Api"]);
    assert_eq!(out.status.code(), Some(2));
    assert_eq!(
        text(&out.stderr),
        format!(
            "{}: error: no policy named `Api` (available: Api2, Web)\n",
            files[1]
        )
    );
}

#[test]
fn usage_io_and_invalid_files_exit_2() {
    let files = write(
        "errors",
        &[
            ("ok.cors", OLD),
            (
                "bad.cors",
                "policy Api { origins: \"https://a.example/\"; }",
            ),
        ],
    );
    let out = cors(&["diff", &files[0], "/definitely/not/here.cors"]);
    assert_eq!(out.status.code(), Some(2));
    assert_eq!(
        text(&out.stderr),
        "/definitely/not/here.cors: error: no such file\n"
    );
    let out = cors(&["diff", &files[0], &files[1]]);
    assert_eq!(out.status.code(), Some(2));
    assert!(
        text(&out.stdout).contains("error: "),
        "{}",
        text(&out.stdout)
    );
    assert_eq!(cors(&["diff", &files[0]]).status.code(), Some(2));
    let out = cors(&["diff", &files[0], &files[0], "--fail-on", "narrow"]);
    assert_eq!(out.status.code(), Some(2));
}

#[test]
fn the_report_of_the_docs() {
    let old = r#"pub policy Api {
    origins: "https://app.example.com";
    methods: GET, POST, PUT, DELETE;
    request-headers: content-type, authorization;
    credentials: true;
    max-age: 10m;
}"#;
    let new = r#"pub policy Api {
    origins: "https://app.example.com", "https://*.partners.example.org";
    methods: GET, POST, PUT;
    request-headers: authorization, content-type;
    credentials: true;
    max-age: 2h;
}"#;
    let files = write("docs", &[("old.cors", old), ("api.cors", new)]);
    let out = cors(&["diff", &files[0], &files[1], "--fail-on", "widen"]);
    assert_eq!(out.status.code(), Some(1));
    // docs/diff.md and README.md show this output.
    assert_eq!(
        text(&out.stdout),
        "Api: 3 changes, widens\n\
         + allows credentialed requests from https://*.partners.example.org, e.g. Origin: https://a.partners.example.org\n\
         - no longer allows method DELETE, e.g. OPTIONS with Origin: https://app.example.com, Access-Control-Request-Method: DELETE\n\
         ~ max-age changes from 600 s to 7200 s, e.g. OPTIONS with Origin: https://app.example.com, Access-Control-Request-Method: PUT\n"
    );
}
