//! The comparison of the adapters: one request through every adapter that
//! can receive it, each answer reduced, all required to be identical.

use cors_runtime::PolicySource;

use super::{call, Adapter};
use crate::support::harness::{reduce, App, Req, Resp};

/// Runs `req` through every adapter that can receive it; they must answer
/// identically (status, `Access-Control-*` and `Vary` fields, other fields,
/// application calls, body). Returns the common answer.
pub fn run<P: PolicySource>(policy: P, req: &Req, app: &App) -> Resp {
    let mut answers = Adapter::ALL.into_iter().filter_map(|adapter| {
        let raw = call(
            adapter,
            policy.clone(),
            req.method.as_bytes(),
            &req.headers,
            app,
        )?;
        let fields = raw
            .fields
            .into_iter()
            .map(|(name, value)| (name, String::from_utf8_lossy(&value).into_owned()));
        let body = String::from_utf8(raw.body).expect("a UTF-8 body");
        Some((adapter, reduce(raw.status, fields, raw.app_calls, body)))
    });
    let (_, first) = answers.next().expect("adapters");
    for (adapter, answer) in answers {
        assert_eq!(
            answer,
            first,
            "{} differs from tower for {req:?}",
            adapter.name()
        );
    }
    first
}
