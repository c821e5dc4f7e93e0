//! `cors explain`: classification, checks with reasons, the exact response
//! (cross-checked with the decision core), JSON output and exit codes.
//!
//! | module | what |
//! |---|---|
//! | `human.rs` | the human-readable output: checks, reasons, near misses |
//! | `json.rs` | the JSON output, compared with the decision core |
//! | `cli.rs` | policy selection, invalid policies, usage and I/O errors |
//! | `websocket.rs` | WebSocket handshakes |

mod cli;
mod human;
mod json;
mod websocket;

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

pub(crate) fn cors(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_cors"))
        .args(args)
        .output()
        .expect("run cors")
}

pub(crate) fn text(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}

pub(crate) fn corpus(rel: &str) -> String {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../tests/corpus")
        .join(rel)
        .display()
        .to_string()
}

pub(crate) fn temp_file(name: &str, contents: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("cors-explain-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("temp dir");
    let path = dir.join(name);
    std::fs::write(&path, contents).expect("write");
    path
}

pub(crate) const API: &str = r#"
policy Api {
    origins: "https://app.example.com", "https://*.example.org", "http://localhost:*";
    methods: GET, POST, PUT, PATCH;
    request-headers: content-type, x-request-id;
    expose-headers: x-request-id;
    credentials: true;
    max-age: 10m;
}
policy Open {
    origins: *;
    request-headers: *;
}
"#;

/// The policy file, written once (tests run in parallel).
pub(crate) fn api() -> String {
    static FILE: std::sync::OnceLock<String> = std::sync::OnceLock::new();
    FILE.get_or_init(|| temp_file("api.cors", API).display().to_string())
        .clone()
}

pub(crate) fn explain(extra: &[&str]) -> Output {
    let file = api();
    let mut args = vec!["explain", file.as_str()];
    args.extend_from_slice(extra);
    cors(&args)
}

pub(crate) fn json(extra: &[&str]) -> serde_json::Value {
    let mut args = extra.to_vec();
    args.push("--json");
    let out = explain(&args);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    serde_json::from_slice(&out.stdout).expect("JSON output")
}

pub(crate) fn headers_of(value: &serde_json::Value) -> Vec<(String, String)> {
    value["response"]["headers"]
        .as_array()
        .expect("headers")
        .iter()
        .map(|h| {
            (
                h["name"].as_str().expect("name").to_owned(),
                h["value"].as_str().expect("value").to_owned(),
            )
        })
        .collect()
}
