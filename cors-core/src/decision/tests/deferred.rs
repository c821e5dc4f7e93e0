//! [`Deferred::apply`](crate::Deferred::apply) writes exactly what
//! [`Decision::apply`](crate::Decision::apply) writes, for every kind of
//! request the application is called for, on fresh and on stale responses.

use super::headers as map;
use crate::plan::{
    MethodsPlan, OriginsPlan, Plan, PreflightMode, RequestHeadersPlan, WebSocketMode,
};
use crate::{decide, Interpreted, Outcome};

fn policy(origins: OriginsPlan, credentials: bool) -> Interpreted {
    let mut plan = Plan::new("P", origins);
    plan.credentials = credentials;
    plan.methods = MethodsPlan::Listed(vec!["PUT".into()]);
    plan.request_headers = RequestHeadersPlan::Any {
        authorization: false,
    };
    plan.expose_headers = Some("x-total".into());
    plan.max_age = Some("600".into());
    plan.preflight = PreflightMode::Forward;
    plan.websocket = WebSocketMode::CheckOrigin;
    Interpreted::new(plan).unwrap()
}

#[test]
fn deferred_writes_what_the_decision_writes() {
    let listed = || OriginsPlan::listed(vec!["https://app.example".into()], false, vec![]);
    let policies = [
        policy(listed(), true),
        policy(listed(), false),
        policy(OriginsPlan::Any, false),
    ];
    let app = ("origin", "https://app.example");
    let evil = ("origin", "https://evil.example");
    let requests: [(&str, Vec<(&str, &str)>); 7] = [
        ("GET", vec![]),
        ("GET", vec![app]),
        ("GET", vec![evil]),
        ("POST", vec![app, app]),
        ("OPTIONS", vec![app]),
        (
            "OPTIONS",
            vec![
                app,
                ("access-control-request-method", "PUT"),
                ("access-control-request-headers", "x-a"),
                ("access-control-request-headers", "x-b"),
            ],
        ),
        ("GET", vec![app, ("upgrade", "websocket")]),
    ];
    let responses: [&[(&str, &str)]; 3] = [
        &[],
        &[("content-type", "application/json")],
        &[
            ("access-control-allow-origin", "*"),
            ("access-control-allow-methods", "GET"),
            ("access-control-expose-headers", "x-app"),
            ("access-control-max-age", "5"),
            ("vary", "accept"),
        ],
    ];
    let mut compared = 0;
    for policy in &policies {
        for (method, fields) in &requests {
            let method = http::Method::from_bytes(method.as_bytes()).unwrap();
            let request = map(fields);
            let decision = decide(policy, &method, &request);
            if decision.outcome() != Outcome::CallApp {
                continue;
            }
            let deferred = decision.clone().defer();
            for response in responses {
                let mut direct = map(response);
                decision.apply_to(&mut direct);
                let mut later = map(response);
                deferred.clone().apply_to(&mut later);
                assert_eq!(later, direct, "{method} {fields:?} on {response:?}");
                compared += 1;
            }
        }
    }
    // Every request reaches the application under these policies (the
    // allowed preflight is forwarded, the handshake's origin is allowed):
    // none was skipped.
    assert_eq!(compared, policies.len() * requests.len() * responses.len());
}
