//! Shadow policies: a candidate decides every request beside the current
//! policy, is never applied, and each disagreement is an event.

use super::event::{kind_word, method, origin, outcome_word};
use super::{sealed, Shadow};
use crate::{decide_with, Decision, Policy, PolicySource, RequestView};

/// The target of shadow events.
pub const SHADOW_TARGET: &str = "cors_runtime::shadow";

/// A candidate policy in the shadow of the current one (feature
/// `tracing`): the [`Shadow`] parameter of an adapter built with
/// `with_shadow` (`CorsLayer::new(Current).with_shadow(Candidate)`).
///
/// For each CORS request the adapter decides with the current policy,
/// applies that decision, emits its decision event, and, when a subscriber
/// listens to `cors_runtime::shadow` at `INFO`, decides again with the
/// candidate (one snapshot of it per request, like the current policy) and
/// compares the verdicts: see [`record_shadow`] for what counts as a
/// disagreement and the event's fields. When nobody listens, the candidate
/// is not consulted at all.
///
/// ```
/// use cors_runtime::observe::ShadowPolicy;
/// use cors_runtime::cors_policy;
///
/// cors_policy! {
///     policy Current { origins: *; }
///     policy Candidate { origins: "https://app.example"; }
/// }
/// let shadow = ShadowPolicy::new(Candidate);
/// assert_eq!(cors_runtime::Policy::name(shadow.candidate()), "Candidate");
/// ```
#[derive(Clone, Copy, Debug, Default)]
pub struct ShadowPolicy<C> {
    candidate: C,
}

impl<C: PolicySource> ShadowPolicy<C> {
    /// Shadows the current policy with `candidate`: a compiled or run-time
    /// policy, or a reloadable handle (any [`PolicySource`]).
    pub fn new(candidate: C) -> Self {
        ShadowPolicy { candidate }
    }

    /// The candidate.
    pub fn candidate(&self) -> &C {
        &self.candidate
    }
}

impl<C> sealed::Sealed for ShadowPolicy<C> {}

impl<C: PolicySource> Shadow for ShadowPolicy<C> {
    type Held<'a> = Option<C::Snapshot<'a>>;

    #[inline]
    fn hold(&self) -> Self::Held<'_> {
        listening().then(|| self.candidate.snapshot())
    }

    #[inline]
    fn observe<'r, P, R>(
        held: &'r Self::Held<'_>,
        policy: &P,
        request: &R,
        decision: &Decision<'_, R::Value>,
    ) where
        P: Policy,
        R: RequestView<'r>,
    {
        super::record(policy, request, decision);
        if let Some(candidate) = held {
            compare(policy, &**candidate, request, decision);
        }
    }
}

/// Whether a subscriber listens to shadow events.
fn listening() -> bool {
    tracing::event_enabled!(target: SHADOW_TARGET, tracing::Level::INFO)
}

/// Decides `request` with `candidate` and emits an `INFO` event at target
/// `cors_runtime::shadow` when its verdict differs from `decision`, the
/// current policy's (feature `tracing`).
///
/// The verdicts differ when one policy allows the request and the other
/// refuses it, or when both refuse it for different reasons
/// ([`Refusal`](crate::Refusal)). Only the verdict is compared: two policies
/// that both allow a request but answer it with different headers
/// (`max-age`, `credentials`, exposed headers, `*` or the echoed origin)
/// agree here; `cors diff` shows such differences from the policy files.
/// Requests without `Origin` are not compared.
///
/// The event's fields: `policy` and `shadow` (the two names), `kind`,
/// `origin` and `method` (as in the decision event), `outcome` and `reason`
/// (the current policy's verdict; `reason` only when refused),
/// `shadow_outcome` and `shadow_reason` (the candidate's). The candidate
/// emits no decision event of its own. Nothing is allocated when the two
/// agree, nor when no subscriber listens (the candidate is then not even
/// consulted).
///
/// Adapters built with `with_shadow` call this for every request; a
/// hand-written adapter calls it after [`record`](super::record):
///
/// ```
/// use cors_runtime::{cors_policy, decide_with, HttpRequestView};
///
/// cors_policy! {
///     policy Current { origins: *; }
///     policy Candidate { origins: "https://app.example"; }
/// }
///
/// let mut headers = http::HeaderMap::new();
/// headers.insert("origin", "https://other.example".parse().unwrap());
/// let view = HttpRequestView::new(&http::Method::GET, &headers);
/// let decision = decide_with(&Current, &view);
/// assert!(decision.is_allowed()); // applied
/// // INFO cors_runtime::shadow: CORS shadow policy disagrees policy=Current
/// //     shadow=Candidate kind=actual origin=https://other.example method=GET
/// //     outcome=allowed shadow_outcome=refused shadow_reason=origin
/// cors_runtime::observe::record_shadow(&Current, &Candidate, &view, &decision);
/// ```
pub fn record_shadow<'r, P, C, R>(
    current: &P,
    candidate: &'r C,
    request: &R,
    decision: &Decision<'_, R::Value>,
) where
    P: Policy,
    C: Policy,
    R: RequestView<'r>,
{
    if listening() {
        compare(current, candidate, request, decision);
    }
}

fn compare<'r, P, C, R>(
    current: &P,
    candidate: &'r C,
    request: &R,
    decision: &Decision<'_, R::Value>,
) where
    P: Policy,
    C: Policy,
    R: RequestView<'r>,
{
    let Some(kind) = kind_word(decision.kind()) else {
        return;
    };
    let verdict = decide_with(candidate, request);
    let (reason, shadow_reason) = (decision.refusal(), verdict.refusal());
    if reason == shadow_reason {
        return;
    }
    tracing::info!(
        target: SHADOW_TARGET,
        policy = %current.name(),
        shadow = %candidate.name(),
        kind = %kind,
        origin = %origin(request),
        method = %method(request, decision.kind()),
        outcome = %outcome_word(decision),
        reason = reason.map(tracing::field::display),
        shadow_outcome = %outcome_word(&verdict),
        shadow_reason = shadow_reason.map(tracing::field::display),
        "CORS shadow policy disagrees"
    );
}
