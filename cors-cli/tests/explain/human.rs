//! The human-readable output: checks in order, reasons, the closest entry of a refused origin.

use super::*;

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
