//! The explanation of `cors explain`, as text or JSON.

use cors_core::{Interpreted, Policy, RequestKind};
use http::{HeaderMap, Method};
use serde_json::json;

use super::checks::{lossy, Explanation};

fn kind_name(kind: RequestKind) -> &'static str {
    match kind {
        RequestKind::NotCors => "not-cors",
        RequestKind::Preflight => "preflight",
        RequestKind::Actual => "actual",
        RequestKind::WebSocket => "websocket",
    }
}

fn request_lines(headers: &HeaderMap) -> Vec<(String, String)> {
    headers
        .iter()
        .map(|(name, value)| (name.as_str().to_owned(), lossy(value)))
        .collect()
}

/// The explanation as text.
pub(super) fn text(
    explanation: &Explanation,
    file: &str,
    policy: &Interpreted,
    method: &Method,
    headers: &HeaderMap,
) -> String {
    let mut out = String::new();
    let mut line = |text: String| {
        out.push_str(&text);
        out.push('\n');
    };
    line(format!("policy {} ({file})", policy.name()));
    line(format!("request: {method}"));
    for (name, value) in request_lines(headers) {
        line(format!("  {name}: {value}"));
    }
    line(String::new());
    line(format!("classification: {}", explanation.classification));
    if !explanation.checks.is_empty() {
        line(String::new());
        line("checks, in order:".to_owned());
        for (i, check) in explanation.checks.iter().enumerate() {
            line(format!(
                "  {}. {:<16} {:<11} {}",
                i + 1,
                check.name,
                check.verdict.as_str(),
                check.detail
            ));
        }
        match explanation.refusal {
            Some(reason) => line(format!("  => refused (reason: {reason})")),
            None if explanation.allowed => line("  => allowed".to_owned()),
            None => line("  => refused".to_owned()),
        }
    }
    line(String::new());
    match explanation.status {
        Some(status) => {
            let app = if explanation.calls_app {
                "also calls the application"
            } else {
                "does not call the application"
            };
            line(format!(
                "response: the middleware answers {} {}, empty body; it {app}",
                status.as_u16(),
                status.canonical_reason().unwrap_or("")
            ));
        }
        None => line(
            "response: the application is called; its status and body are kept, and the \
                 middleware sets these headers on it:"
                .to_owned(),
        ),
    }
    if explanation.response_headers.is_empty() {
        line("  (no header)".to_owned());
    }
    for (name, value) in &explanation.response_headers {
        line(format!("  {name}: {value}"));
    }
    if !explanation
        .response_headers
        .iter()
        .any(|(name, _)| name.starts_with("access-control-"))
        && explanation.kind != RequestKind::NotCors
    {
        line("  (no Access-Control-* header)".to_owned());
    }
    line(String::new());
    line("browser:".to_owned());
    for text in &explanation.browser {
        line(format!("  {text}"));
    }
    out
}

/// The explanation as JSON.
pub(super) fn json(
    explanation: &Explanation,
    file: &str,
    policy: &Interpreted,
    method: &Method,
    headers: &HeaderMap,
) -> serde_json::Value {
    let pairs = |list: Vec<(String, String)>| -> Vec<serde_json::Value> {
        list.into_iter()
            .map(|(name, value)| json!({ "name": name, "value": value }))
            .collect()
    };
    json!({
        "file": file,
        "policy": policy.name(),
        "request": {
            "method": method.as_str(),
            "headers": pairs(request_lines(headers)),
        },
        "kind": kind_name(explanation.kind),
        "classification": explanation.classification,
        "checks": explanation.checks.iter().map(|check| json!({
            "check": check.name,
            "result": check.verdict.as_str(),
            "detail": check.detail,
        })).collect::<Vec<_>>(),
        "allowed": explanation.allowed,
        "reason": explanation.refusal.map(|r| r.as_str()),
        "response": {
            "calls_application": explanation.calls_app,
            "status": explanation.status.map(|s| s.as_u16()),
            "headers": pairs(explanation.response_headers.clone()),
        },
        "browser": explanation.browser,
    })
}
