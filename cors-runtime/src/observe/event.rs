//! The decision event: one per CORS request, for the policy applied
//! (PROTOCOL §8).

use super::escape::Escaped;
use crate::{CorsHeader, Decision, HeaderValueLike, Policy, RequestKind, RequestView};

/// The target of decision events.
pub const TARGET: &str = "cors_runtime";

/// Emits the event of one decision: `DEBUG` when refused, `TRACE` when
/// allowed, nothing for a request without `Origin`.
///
/// Every adapter calls this once per request (through its
/// [`Shadow`](super::Shadow) parameter); a hand-written adapter calls it
/// after [`decide_with`](crate::decide_with), with the same view.
/// Nothing is evaluated, formatted or allocated unless a subscriber is
/// interested in the event.
///
/// ```
/// use cors_runtime::{cors_policy, decide_with, HttpRequestView};
///
/// cors_policy! { policy Api { origins: "https://app.example"; } }
///
/// let mut headers = http::HeaderMap::new();
/// headers.insert("origin", "https://evil.example".parse().unwrap());
/// let view = HttpRequestView::new(&http::Method::GET, &headers);
/// let decision = decide_with(&Api, &view);
/// // DEBUG cors_runtime: CORS request refused policy=Api kind=actual outcome=refused
/// //     reason=origin origin=https://evil.example method=GET
/// cors_runtime::observe::record(&Api, &view, &decision);
/// ```
pub fn record<'r, P, R>(policy: &P, request: &R, decision: &Decision<'_, R::Value>)
where
    P: Policy,
    R: RequestView<'r>,
{
    let Some(kind) = kind_word(decision.kind()) else {
        return;
    };
    match decision.refusal() {
        Some(reason) => tracing::debug!(
            target: TARGET,
            policy = %policy.name(),
            kind = %kind,
            outcome = %"refused",
            reason = %reason,
            origin = %origin(request),
            method = %method(request, decision.kind()),
            header = decision.refused_header(policy, request).map(|name| tracing::field::display(Escaped(name))),
            "CORS request refused"
        ),
        None => tracing::trace!(
            target: TARGET,
            policy = %policy.name(),
            kind = %kind,
            outcome = %"allowed",
            origin = %origin(request),
            method = %method(request, decision.kind()),
            "CORS request allowed"
        ),
    }
}

/// `preflight`, `actual` or `websocket`; `None` for a request without `Origin`.
pub(super) fn kind_word(kind: RequestKind) -> Option<&'static str> {
    match kind {
        RequestKind::NotCors => None,
        RequestKind::Preflight => Some("preflight"),
        RequestKind::Actual => Some("actual"),
        RequestKind::WebSocket => Some("websocket"),
    }
}

/// `allowed` or `refused`.
pub(super) fn outcome_word<V: HeaderValueLike>(decision: &Decision<'_, V>) -> &'static str {
    if decision.refusal().is_some() {
        "refused"
    } else {
        "allowed"
    }
}

/// The request's (first) `Origin`.
pub(super) fn origin<'r, R: RequestView<'r>>(request: &R) -> Escaped<'r> {
    Escaped(first(request, CorsHeader::Origin))
}

/// The requested method of a preflight (its first
/// `Access-Control-Request-Method`), else the request method.
pub(super) fn method<'r, R: RequestView<'r>>(request: &R, kind: RequestKind) -> Escaped<'r> {
    match kind {
        RequestKind::Preflight => Escaped(first(request, CorsHeader::RequestMethod)),
        RequestKind::Actual | RequestKind::NotCors | RequestKind::WebSocket => {
            Escaped(request.method())
        }
    }
}

fn first<'r, R: RequestView<'r>>(request: &R, name: CorsHeader) -> &'r [u8] {
    request
        .values(name)
        .next()
        .map_or(&[][..], HeaderValueLike::as_bytes)
}
