use std::task::{Context, Poll};

use super::ResponseFuture;
use crate::observe::{NoShadow, Shadow};
use crate::{decide_with, HttpRequestView, Outcome, PolicySource};

/// The CORS middleware service: applies a [`Policy`](crate::Policy) (or any
/// [`PolicySource`]) around `S`, with an optional shadow policy `Sh`.
///
/// Built by [`super::CorsLayer`], or directly with [`Cors::new`].
#[derive(Clone, Copy, Debug, Default)]
pub struct Cors<S, P, Sh = NoShadow> {
    inner: S,
    policy: P,
    shadow: Sh,
}

impl<S, P: PolicySource> Cors<S, P> {
    /// Wraps `inner` with `policy`.
    pub fn new(inner: S, policy: P) -> Self {
        Cors::with_parts(inner, policy, NoShadow)
    }

    /// Adds a shadow policy, as [`CorsLayer::with_shadow`](super::CorsLayer::with_shadow)
    /// (feature `tracing`).
    #[cfg(feature = "tracing")]
    pub fn with_shadow<C: PolicySource>(
        self,
        candidate: C,
    ) -> Cors<S, P, crate::observe::ShadowPolicy<C>> {
        Cors::with_parts(
            self.inner,
            self.policy,
            crate::observe::ShadowPolicy::new(candidate),
        )
    }
}

impl<S, P: PolicySource, Sh: Shadow> Cors<S, P, Sh> {
    pub(super) fn with_parts(inner: S, policy: P, shadow: Sh) -> Self {
        Cors {
            inner,
            policy,
            shadow,
        }
    }

    /// The wrapped service.
    pub fn get_ref(&self) -> &S {
        &self.inner
    }

    /// The wrapped service, mutably.
    pub fn get_mut(&mut self) -> &mut S {
        &mut self.inner
    }

    /// Unwraps the inner service.
    pub fn into_inner(self) -> S {
        self.inner
    }
}

impl<S, P, Sh, B, ResBody> tower_service::Service<http::Request<B>> for Cors<S, P, Sh>
where
    S: tower_service::Service<http::Request<B>, Response = http::Response<ResBody>>,
    P: PolicySource,
    Sh: Shadow,
    ResBody: Default,
{
    type Response = http::Response<ResBody>;
    type Error = S::Error;
    type Future = ResponseFuture<S::Future, ResBody>;

    fn poll_ready(&mut self, cx: &mut Context<'_>) -> Poll<Result<(), Self::Error>> {
        self.inner.poll_ready(cx)
    }

    fn call(&mut self, request: http::Request<B>) -> Self::Future {
        // One snapshot per request, released before the application runs;
        // only the compact `Deferred` is kept across it.
        let deferred = {
            let policy = self.policy.snapshot();
            let shadow = self.shadow.hold();
            let view = HttpRequestView::new(request.method(), request.headers());
            let decision = decide_with(&*policy, &view);
            Sh::observe(&shadow, &*policy, &view, &decision);
            if let Outcome::Respond(_) = decision.outcome() {
                return ResponseFuture::ready(decision.preflight_response());
            }
            decision.defer()
        };
        ResponseFuture::inner(self.inner.call(request), deferred)
    }
}
