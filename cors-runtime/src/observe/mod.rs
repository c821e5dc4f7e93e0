//! Seeing what the middleware decides (PROTOCOL §8): one `tracing` event
//! per CORS decision, and shadow policies (feature `tracing`).
//!
//! Refused CORS requests are silent by design: the browser tells the page's
//! developer, in a console the server's operators never see. With the
//! feature `tracing`, every adapter emits, for each request with an
//! `Origin`, one event at target `cors_runtime` — `DEBUG` when refused,
//! `TRACE` when allowed — with these fields:
//!
//! | field | value |
//! |---|---|
//! | `policy` | the policy's name ([`Policy::name`]) |
//! | `kind` | `preflight` or `actual`, or `websocket` for a handshake checked under `websocket: check-origin;` |
//! | `outcome` | `allowed` or `refused` |
//! | `reason` | when refused: `origin`, `method`, `request-headers` or `malformed` ([`Refusal`](crate::Refusal), the words `cors explain` prints) |
//! | `origin` | the request's `Origin`: at most 256 bytes shown, bytes outside printable ASCII (and space, `"`, `\`) as `\xNN`, `…[len=N]` after a cut |
//! | `method` | a preflight's `Access-Control-Request-Method`, else the request method (shown the same way) |
//! | `header` | when the reason is `request-headers`: the first refused name, as the request wrote it |
//!
//! Fields that do not apply are not recorded. `RUST_LOG=cors_runtime=debug`
//! (with `tracing-subscriber`'s `EnvFilter`) shows every refusal.
//!
//! A shadow policy tightens a policy safely:
//! `CorsLayer::new(Current).with_shadow(Candidate)` (tower) or
//! `Cors::new(Current).with_shadow(Candidate)` (actix-web) applies
//! `Current` only, and emits an `INFO` event at target
//! `cors_runtime::shadow` for each request on which `Candidate` would have
//! decided otherwise (`record_shadow` says what counts).
//!
//! Cost: without the feature, nothing is compiled in. With it, a request
//! nobody listens to costs a few instructions and no allocation; the
//! values are only formatted, into the subscriber's own buffer, when a
//! subscriber records the event. The adapters are generic over a
//! [`Shadow`] parameter, [`NoShadow`] by default, so that a layer without a
//! shadow policy carries nothing for it.
//!
//! The module holds the pieces every adapter calls the same way:
//! `event.rs` (the decision event), `escape.rs` (how request bytes are
//! shown) and `shadow.rs` (comparing a candidate).

#[cfg(feature = "tracing")]
mod escape;
#[cfg(feature = "tracing")]
mod event;
#[cfg(feature = "tracing")]
mod shadow;

#[cfg(feature = "tracing")]
pub use event::{record, TARGET};
#[cfg(feature = "tracing")]
pub use shadow::{record_shadow, ShadowPolicy, SHADOW_TARGET};

use crate::{Decision, Policy, RequestView};

/// What an adapter does beside applying the current policy: nothing more
/// than the decision event ([`NoShadow`], the default), or also comparing a
/// candidate (`ShadowPolicy`, feature `tracing`, built by the adapters'
/// `with_shadow`).
///
/// Sealed: the adapters call it once per request, in this order: `hold`
/// (before deciding), then `observe` (after deciding, before the
/// application runs). Its methods are not part of the public API.
pub trait Shadow: Clone + Send + Sync + 'static + sealed::Sealed {
    /// What is held for one request: nothing, or a snapshot of the
    /// candidate (released with the current policy's snapshot).
    #[doc(hidden)]
    type Held<'a>
    where
        Self: 'a;

    /// Called once per request, before deciding.
    #[doc(hidden)]
    fn hold(&self) -> Self::Held<'_>;

    /// Called once per request, after deciding with the current `policy`.
    #[doc(hidden)]
    fn observe<'r, P, R>(
        held: &'r Self::Held<'_>,
        policy: &P,
        request: &R,
        decision: &Decision<'_, R::Value>,
    ) where
        P: Policy,
        R: RequestView<'r>;
}

/// No shadow policy: the default [`Shadow`] parameter of the adapters. A
/// zero-sized type; with the feature `tracing` the adapter emits the
/// decision event, without it, nothing.
///
/// ```
/// assert_eq!(std::mem::size_of::<cors_runtime::observe::NoShadow>(), 0);
/// ```
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct NoShadow;

impl sealed::Sealed for NoShadow {}

impl Shadow for NoShadow {
    type Held<'a> = ();

    #[inline(always)]
    fn hold(&self) {}

    #[inline(always)]
    fn observe<'r, P, R>(_held: &'r (), policy: &P, request: &R, decision: &Decision<'_, R::Value>)
    where
        P: Policy,
        R: RequestView<'r>,
    {
        #[cfg(feature = "tracing")]
        record(policy, request, decision);
        #[cfg(not(feature = "tracing"))]
        let _ = (policy, request, decision);
    }
}

mod sealed {
    /// Only this crate's types are [`Shadow`](super::Shadow)s.
    pub trait Sealed {}
}
