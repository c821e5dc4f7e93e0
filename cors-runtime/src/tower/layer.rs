use super::Cors;
use crate::observe::Shadow;
use crate::PolicySource;

crate::factory::factory_type! {
    /// A [`tower_layer::Layer`] that wraps services in [`Cors`].
    ///
    /// ```text
    /// let app = axum::Router::new()
    ///     .route("/", axum::routing::get(|| async { "hi" }))
    ///     .layer(cors_runtime::tower::CorsLayer::new(Api));
    /// ```
    pub struct CorsLayer;
    new: "A layer";
    shadow example: "let layer = cors_runtime::tower::CorsLayer::new(Current).with_shadow(Candidate);\n# let _ = layer;";
}

impl<P: PolicySource, Sh: Shadow, S> tower_layer::Layer<S> for CorsLayer<P, Sh> {
    type Service = Cors<S, P, Sh>;

    fn layer(&self, inner: S) -> Self::Service {
        Cors::with_parts(inner, self.policy.clone(), self.shadow.clone())
    }
}
