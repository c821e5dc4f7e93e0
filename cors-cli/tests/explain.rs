//! `cors explain`: classification, checks with reasons, the exact response
//! (cross-checked with the decision core), JSON output and exit codes.

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

fn corpus(rel: &str) -> String {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../tests/corpus")
        .join(rel)
        .display()
        .to_string()
}

fn temp_file(name: &str, contents: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("cors-explain-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("temp dir");
    let path = dir.join(name);
    std::fs::write(&path, contents).expect("write");
    path
}

const API: &str = r#"
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
fn api() -> String {
    static FILE: std::sync::OnceLock<String> = std::sync::OnceLock::new();
    FILE.get_or_init(|| temp_file("api.cors", API).display().to_string())
        .clone()
}

fn explain(extra: &[&str]) -> Output {
    let file = api();
    let mut args = vec!["explain", file.as_str()];
    args.extend_from_slice(extra);
    cors(&args)
}

fn json(extra: &[&str]) -> serde_json::Value {
    let mut args = extra.to_vec();
    args.push("--json");
    let out = explain(&args);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    serde_json::from_slice(&out.stdout).expect("JSON output")
}

fn headers_of(value: &serde_json::Value) -> Vec<(String, String)> {
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

#[test]
fn allowed_preflight_prints_checks_status_headers_and_browser_view() {
    let out = explain(&[
        "--policy",
        "Api",
        "--method",
        "OPTIONS",
        "-H",
        "Origin: https://app.example.com",
        "-H",
        "Access-Control-Request-Method: PUT",
        "--header",
        "Access-Control-Request-Headers: content-type,X-Request-Id",
    ]);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    let stdout = text(&out.stdout);
    for expected in [
        "policy Api (",
        "classification: preflight",
        "1. origin           pass",
        "2. method           pass        PUT: listed in `methods`",
        "3. request headers  pass",
        "=> allowed",
        "response: the middleware answers 204 No Content, empty body; it does not call the application",
        "  access-control-allow-origin: https://app.example.com\n",
        "  access-control-allow-credentials: true\n",
        "  access-control-allow-methods: PUT\n",
        "  access-control-allow-headers: content-type,x-request-id\n",
        "  access-control-max-age: 600\n",
        "  vary: origin, access-control-request-method, access-control-request-headers\n",
        "the preflight succeeds: the browser goes on and sends the actual PUT request",
        "credentialed requests",
    ] {
        assert!(stdout.contains(expected), "missing {expected:?} in\n{stdout}");
    }
}

#[test]
fn refused_origins_name_the_closest_entry_and_the_difference() {
    let cases = [
        (
            "https://app.example.com/",
            "closest entry \"https://app.example.com\" has no trailing slash",
        ),
        (
            "https://App.example.com",
            "closest entry \"https://app.example.com\" is lowercase",
        ),
        (
            "https://app.example.com:443",
            "closest entry \"https://app.example.com\" has no port: browsers leave out the default port :443",
        ),
        (
            "https://example.org",
            "closest pattern \"https://*.example.org\" requires a subdomain",
        ),
        (
            "http://app.example.com",
            "closest entry \"https://app.example.com\" is https, not http",
        ),
        (
            "https://localhost:3000",
            "closest pattern \"http://localhost:*\" is http, not https",
        ),
        ("https://evil.example", "no entry matches"),
    ];
    for (origin, expected) in cases {
        let header = format!("Origin: {origin}");
        let out = explain(&["--policy", "Api", "--method", "GET", "-H", &header]);
        assert_eq!(out.status.code(), Some(0));
        let stdout = text(&out.stdout);
        assert!(
            stdout.contains(&format!(
                "1. origin           fail        origin {origin}: not allowed; {expected}"
            )),
            "{origin}:\n{stdout}"
        );
        assert!(
            stdout.contains("the browser hides the response"),
            "{stdout}"
        );
        assert!(stdout.contains("(no Access-Control-* header)"), "{stdout}");
        assert!(stdout.contains("=> refused (reason: origin)\n"), "{stdout}");
    }
}

#[test]
fn the_first_failing_check_stops_the_others() {
    let out = explain(&[
        "--policy",
        "Api",
        "--method",
        "OPTIONS",
        "-H",
        "Origin: https://a.example.org",
        "-H",
        "Access-Control-Request-Method: patch",
        "-H",
        "Access-Control-Request-Headers: x-unknown",
    ]);
    let stdout = text(&out.stdout);
    assert!(
        stdout.contains("2. method           fail        patch: not allowed; methods are case-sensitive and the policy lists PATCH"),
        "{stdout}"
    );
    assert!(
        stdout.contains("3. request headers  not checked"),
        "{stdout}"
    );
    assert!(stdout.contains("=> refused (reason: method)\n"), "{stdout}");
    assert!(stdout.contains("403 Forbidden"), "{stdout}");
    assert!(stdout.contains("the preflight fails"), "{stdout}");

    let out = explain(&[
        "--policy",
        "Api",
        "--method",
        "OPTIONS",
        "-H",
        "Origin: https://a.example.org",
        "-H",
        "Access-Control-Request-Method: PATCH",
        "-H",
        "Access-Control-Request-Headers: content-type, x-unknown",
    ]);
    let stdout = text(&out.stdout);
    assert!(
        stdout.contains("3. request headers  fail        x-unknown: not listed in `request-headers` (allowed: content-type, x-request-id)"),
        "{stdout}"
    );
}

#[test]
fn authorization_is_never_covered_by_a_star() {
    let out = explain(&[
        "--policy",
        "Open",
        "--method",
        "OPTIONS",
        "-H",
        "Origin: https://anyone.example",
        "-H",
        "Access-Control-Request-Method: GET",
        "-H",
        "Access-Control-Request-Headers: authorization",
    ]);
    let stdout = text(&out.stdout);
    assert!(
        stdout.contains("`request-headers: *` never covers authorization"),
        "{stdout}"
    );
}

#[test]
fn not_cors_and_options_without_acrm() {
    let out = explain(&["--policy", "Api", "--method", "GET"]);
    let stdout = text(&out.stdout);
    assert!(stdout.contains("classification: not CORS"), "{stdout}");
    assert!(stdout.contains("  vary: origin\n"), "{stdout}");
    assert!(stdout.contains("CORS does not apply"), "{stdout}");

    let out = explain(&[
        "--policy",
        "Api",
        "--method",
        "OPTIONS",
        "-H",
        "Origin: https://app.example.com",
    ]);
    let stdout = text(&out.stdout);
    assert!(
        stdout.contains(
            "OPTIONS with Origin but without Access-Control-Request-Method is not a preflight"
        ),
        "{stdout}"
    );
}

/// The JSON response is exactly what the decision core writes.
#[test]
fn json_output_matches_the_decision_core() {
    use cors_runtime::dynamic::DynamicPolicy;

    let requests: &[(&str, &[&str])] = &[
        (
            "OPTIONS",
            &[
                "Origin: https://a.b.example.org",
                "Access-Control-Request-Method: PATCH",
                "Access-Control-Request-Headers: content-type",
            ],
        ),
        (
            "OPTIONS",
            &[
                "Origin: https://evil.example",
                "Access-Control-Request-Method: PUT",
            ],
        ),
        (
            "OPTIONS",
            &[
                "Origin: https://app.example.com",
                "Access-Control-Request-Method: PUT",
                "Access-Control-Request-Headers: x-unknown",
            ],
        ),
        (
            "OPTIONS",
            &[
                "Origin: https://app.example.com",
                "Access-Control-Request-Method: P T",
            ],
        ),
        ("GET", &["Origin: http://localhost:8080"]),
        ("POST", &["Origin: https://evil.example"]),
        ("GET", &[]),
    ];
    let policy = DynamicPolicy::parse(API, "Api").expect("valid");
    for (method, headers) in requests {
        let mut args = vec!["--policy", "Api", "--method", method];
        for header in *headers {
            args.push("-H");
            args.push(header);
        }
        let value = json(&args);

        let mut map = http::HeaderMap::new();
        for header in *headers {
            let (name, v) = header.split_once(": ").expect("header");
            map.append(
                http::HeaderName::from_bytes(name.as_bytes()).expect("name"),
                http::HeaderValue::from_str(v).expect("value"),
            );
        }
        let method = http::Method::from_bytes(method.as_bytes()).expect("method");
        let decision = cors_runtime::decide(&policy, &method, &map);
        let (status, expected) = match decision.preflight_response::<()>() {
            Some(response) => (Some(response.status().as_u16()), response.headers().clone()),
            None => {
                let mut response = http::HeaderMap::new();
                decision.apply_to(&mut response);
                (None, response)
            }
        };
        let expected: Vec<(String, String)> = expected
            .iter()
            .map(|(n, v)| (n.as_str().to_owned(), v.to_str().expect("ascii").to_owned()))
            .collect();
        assert_eq!(headers_of(&value), expected, "{method} {headers:?}");
        assert_eq!(value["response"]["status"].as_u64(), status.map(u64::from));
        assert_eq!(value["allowed"].as_bool(), Some(decision.is_allowed()));
        // The reason, in the words of the tracing events (`Refusal::as_str`).
        assert_eq!(
            value["reason"].as_str(),
            decision.refusal().map(cors_runtime::Refusal::as_str),
            "{method} {headers:?}"
        );
        assert_eq!(value["policy"], "Api");
        let kind = match decision.kind() {
            cors_runtime::RequestKind::NotCors => "not-cors",
            cors_runtime::RequestKind::Preflight => "preflight",
            cors_runtime::RequestKind::Actual => "actual",
            cors_runtime::RequestKind::WebSocket => "websocket",
        };
        assert_eq!(value["kind"], kind);
        for check in value["checks"].as_array().expect("checks") {
            assert!(["pass", "fail", "not checked", "note"]
                .contains(&check["result"].as_str().expect("result")));
        }
    }
}

#[test]
fn a_single_policy_file_needs_no_policy_option() {
    let out = cors(&[
        "explain",
        &corpus("valid/expose-any.cors"),
        "--method",
        "GET",
        "-H",
        "Origin: https://x.example",
    ]);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    assert!(text(&out.stdout).contains("access-control-allow-origin: *"));
}

#[test]
fn invalid_policy_exits_1_with_the_same_output_as_check() {
    let file = corpus("invalid/trailing-slash.cors");
    let explained = cors(&["explain", &file, "--method", "GET"]);
    let checked = cors(&["check", &file]);
    assert_eq!(explained.status.code(), Some(1));
    assert_eq!(text(&explained.stdout), text(&checked.stdout));
}

#[test]
fn usage_and_io_errors_exit_2() {
    let file = api();
    let cases: &[(&[&str], &str)] = &[
        (
            &["explain", &file, "--method", "GET"],
            "choose one with --policy (Api, Open)",
        ),
        (
            &["explain", &file, "--policy", "Web", "--method", "GET"],
            "no policy named `Web` (available: Api, Open)",
        ),
        (
            &[
                "explain", &file, "--policy", "Api", "--method", "GET", "-H", "Origin",
            ],
            "write it as 'Name: value'",
        ),
        (
            &["explain", &file, "--policy", "Api", "--method", "G T"],
            "invalid method",
        ),
        (
            &[
                "explain",
                &file,
                "--policy",
                "Api",
                "--method",
                "GET",
                "-H",
                "Bad Name: x",
            ],
            "invalid header name",
        ),
        (
            &["explain", "/no/such/file.cors", "--method", "GET"],
            "no such file",
        ),
        (&["explain", &file, "--policy", "Api"], "--method"),
    ];
    for (args, expected) in cases {
        let out = cors(args);
        assert_eq!(out.status.code(), Some(2), "{args:?}");
        let stderr = text(&out.stderr);
        assert!(stderr.contains(expected), "{args:?}: {stderr}");
    }
}

#[test]
fn websocket_handshakes_are_explained() {
    let file = temp_file(
        "ws.cors",
        "policy Live {\n    origins: \"https://app.example.com\";\n    websocket: check-origin;\n}\n",
    )
    .display()
    .to_string();
    let handshake = |origin: &str| {
        cors(&[
            "explain",
            &file,
            "--method",
            "GET",
            "-H",
            "Upgrade: WebSocket",
            "-H",
            "Connection: Upgrade",
            "-H",
            origin,
        ])
    };
    let refused = handshake("Origin: https://evil.example");
    let out = text(&refused.stdout);
    assert_eq!(refused.status.code(), Some(0), "{}", text(&refused.stderr));
    assert!(out.contains("WebSocket handshake"), "{out}");
    assert!(out.contains("refused (reason: origin)"), "{out}");
    assert!(out.contains("answers 403"), "{out}");
    assert!(out.contains("(no header)"), "{out}");

    let allowed = handshake("Origin: https://app.example.com");
    let out = text(&allowed.stdout);
    assert!(out.contains("=> allowed"), "{out}");
    assert!(out.contains("the application is called"), "{out}");
    assert!(!out.contains("access-control-allow-origin"), "{out}");

    // Without the statement, the handshake is an actual request, and the
    // browser section says what that means.
    let out = explain(&[
        "--policy",
        "Api",
        "--method",
        "GET",
        "-H",
        "Upgrade: websocket",
        "-H",
        "Origin: https://evil.example",
    ]);
    let out = text(&out.stdout);
    assert!(out.contains("websocket: check-origin;"), "{out}");
}
