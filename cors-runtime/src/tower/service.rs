use std::task::{Context, Poll};

use super::ResponseFuture;
use crate::{decide, Outcome, PolicySource};

/// The CORS middleware service: applies a [`Policy`](crate::Policy) (or any
/// [`PolicySource`]) around `S`.
///
/// Built by [`super::CorsLayer`], or directly with [`Cors::new`].
#[derive(Clone, Copy, Debug, Default)]
pub struct Cors<S, P> {
    inner: S,
    policy: P,
}

impl<S, P: PolicySource> Cors<S, P> {
    /// Wraps `inner` with `policy`.
    pub fn new(inner: S, policy: P) -> Self {
        Cors { inner, policy }
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

impl<S, P, B, ResBody> tower_service::Service<http::Request<B>> for Cors<S, P>
where
    S: tower_service::Service<http::Request<B>, Response = http::Response<ResBody>>,
    P: PolicySource,
    ResBody: Default,
{
    type Response = http::Response<ResBody>;
    type Error = S::Error;
    type Future = ResponseFuture<S::Future, ResBody>;

    fn poll_ready(&mut self, cx: &mut Context<'_>) -> Poll<Result<(), Self::Error>> {
        self.inner.poll_ready(cx)
    }

    fn call(&mut self, request: http::Request<B>) -> Self::Future {
        // One snapshot per request, released before the application runs.
        let policy = self.policy.snapshot();
        let decision = decide(&*policy, request.method(), request.headers());
        match decision.outcome() {
            Outcome::Respond(_) => ResponseFuture::ready(decision.preflight_response()),
            Outcome::CallApp => {
                let decision = decision.into_owned();
                drop(policy);
                ResponseFuture::inner(self.inner.call(request), decision)
            }
        }
    }
}
