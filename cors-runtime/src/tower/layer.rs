use super::Cors;
use crate::PolicySource;

/// A [`tower_layer::Layer`] that wraps services in [`Cors`].
///
/// ```text
/// let app = axum::Router::new()
///     .route("/", axum::routing::get(|| async { "hi" }))
///     .layer(cors_runtime::tower::CorsLayer::new(Api));
/// ```
#[derive(Clone, Copy, Debug, Default)]
pub struct CorsLayer<P> {
    policy: P,
}

impl<P: PolicySource> CorsLayer<P> {
    /// A layer applying `policy`: a compiled or run-time [`Policy`](crate::Policy),
    /// or a reloadable handle (any [`PolicySource`]).
    pub fn new(policy: P) -> Self {
        CorsLayer { policy }
    }

    /// The policy.
    pub fn policy(&self) -> &P {
        &self.policy
    }
}

impl<P: PolicySource, S> tower_layer::Layer<S> for CorsLayer<P> {
    type Service = Cors<S, P>;

    fn layer(&self, inner: S) -> Self::Service {
        Cors::new(inner, self.policy.clone())
    }
}
