//! WebSocket handshakes under `websocket: check-origin;`.

use super::*;

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
