//! PROTOCOL §9: WebSocket handshakes under `websocket: check-origin;`.

use super::{headers, APP};
use crate::plan::{OriginsPlan, Plan};
use crate::{decide, Interpreted, Refusal, RequestKind};

fn live(check: bool) -> Interpreted {
    let mut plan = Plan::new(
        "Live",
        OriginsPlan::listed(vec!["https://app.example".into()], false, vec![]),
    );
    if check {
        plan.websocket = crate::WebSocketMode::CheckOrigin;
    }
    Interpreted::new(plan).unwrap()
}

/// Method, request headers, kind, outcome, refusal.
type WsRow = (
    &'static str,
    Vec<(&'static str, &'static str)>,
    RequestKind,
    crate::Outcome,
    Option<Refusal>,
);

/// PROTOCOL §9: `websocket: check-origin;`.
#[test]
fn websocket_handshakes() {
    use crate::Outcome;
    let forbidden = Outcome::Respond(http::StatusCode::FORBIDDEN);
    let rows: [WsRow; 9] = [
        (
            "GET",
            vec![("upgrade", "websocket"), ("origin", "https://evil.example")],
            RequestKind::WebSocket,
            forbidden,
            Some(Refusal::Origin),
        ),
        (
            "GET",
            vec![("upgrade", "WebSocket"), ("origin", "https://evil.example")],
            RequestKind::WebSocket,
            forbidden,
            Some(Refusal::Origin),
        ),
        (
            "GET",
            vec![
                ("upgrade", "h2c, websocket/13"),
                ("origin", "https://evil.example"),
            ],
            RequestKind::WebSocket,
            forbidden,
            Some(Refusal::Origin),
        ),
        (
            "GET",
            vec![("upgrade", "websocket"), ("origin", "https://APP.example")],
            RequestKind::WebSocket,
            forbidden,
            Some(Refusal::Origin),
        ),
        (
            "GET",
            vec![("upgrade", "websocket"), APP, APP],
            RequestKind::WebSocket,
            forbidden,
            Some(Refusal::Origin),
        ),
        (
            "CONNECT",
            vec![("origin", "https://evil.example")],
            RequestKind::WebSocket,
            forbidden,
            Some(Refusal::Origin),
        ),
        (
            "GET",
            vec![("upgrade", "websocket"), APP],
            RequestKind::WebSocket,
            Outcome::CallApp,
            None,
        ),
        (
            "GET",
            vec![("upgrade", "websocket")],
            RequestKind::NotCors,
            Outcome::CallApp,
            None,
        ),
        (
            "GET",
            vec![("upgrade", "h2c"), ("origin", "https://evil.example")],
            RequestKind::Actual,
            Outcome::CallApp,
            Some(Refusal::Origin),
        ),
    ];
    for (method, fields, kind, outcome, refusal) in rows {
        let method = http::Method::from_bytes(method.as_bytes()).unwrap();
        let map = headers(&fields);
        let policy = live(true);
        let decision = decide(&policy, &method, &map);
        assert_eq!(decision.kind(), kind, "{method} {fields:?}");
        assert_eq!(decision.outcome(), outcome, "{method} {fields:?}");
        assert_eq!(decision.refusal(), refusal, "{method} {fields:?}");
        // No CORS header on a handshake, allowed or refused.
        if kind != RequestKind::Actual {
            let mut response = headers(&[("vary", "accept")]);
            decision.apply_to(&mut response);
            assert_eq!(response, headers(&[("vary", "accept")]), "{fields:?}");
            if let Some(answer) = decision.preflight_response::<()>() {
                assert!(answer.headers().is_empty());
            }
        }
    }
    // Without the statement, a handshake is an actual request.
    let map = headers(&[("upgrade", "websocket"), ("origin", "https://evil.example")]);
    let policy = live(false);
    let decision = decide(&policy, &http::Method::GET, &map);
    assert_eq!(decision.kind(), RequestKind::Actual);
    assert_eq!(decision.outcome(), Outcome::CallApp);
}
