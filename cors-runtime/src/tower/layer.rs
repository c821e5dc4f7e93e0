use super::Cors;
use crate::observe::{NoShadow, Shadow};
use crate::PolicySource;

/// A [`tower_layer::Layer`] that wraps services in [`Cors`].
///
/// ```text
/// let app = axum::Router::new()
///     .route("/", axum::routing::get(|| async { "hi" }))
///     .layer(cors_runtime::tower::CorsLayer::new(Api));
/// ```
///
/// `Sh` is the shadow policy, none by default; see
/// `with_shadow` (feature `tracing`).
#[derive(Clone, Copy, Debug, Default)]
pub struct CorsLayer<P, Sh = NoShadow> {
    policy: P,
    shadow: Sh,
}

impl<P: PolicySource> CorsLayer<P> {
    /// A layer applying `policy`: a compiled or run-time [`Policy`](crate::Policy),
    /// or a reloadable handle (any [`PolicySource`]).
    pub fn new(policy: P) -> Self {
        CorsLayer {
            policy,
            shadow: NoShadow,
        }
    }

    /// Decides every request with `candidate` too, without applying it, and
    /// emits an `INFO` event at target `cors_runtime::shadow` whenever its
    /// verdict differs from the policy's (feature `tracing`; see
    /// [`record_shadow`](crate::observe::record_shadow) for what counts).
    /// The way to tighten a policy safely: run the candidate in the shadow
    /// until no event is unexpected, then make it the policy.
    ///
    /// ```
    /// cors_runtime::cors_policy! {
    ///     policy Current { origins: *; }
    ///     policy Candidate { origins: "https://app.example", "https://*.app.example"; }
    /// }
    /// let layer = cors_runtime::tower::CorsLayer::new(Current).with_shadow(Candidate);
    /// # let _ = layer;
    /// ```
    #[cfg(feature = "tracing")]
    pub fn with_shadow<C: PolicySource>(
        self,
        candidate: C,
    ) -> CorsLayer<P, crate::observe::ShadowPolicy<C>> {
        CorsLayer {
            policy: self.policy,
            shadow: crate::observe::ShadowPolicy::new(candidate),
        }
    }
}

impl<P: PolicySource, Sh: Shadow> CorsLayer<P, Sh> {
    /// The policy.
    pub fn policy(&self) -> &P {
        &self.policy
    }

    /// The shadow policy ([`NoShadow`] when there is none).
    pub fn shadow(&self) -> &Sh {
        &self.shadow
    }
}

impl<P: PolicySource, Sh: Shadow, S> tower_layer::Layer<S> for CorsLayer<P, Sh> {
    type Service = Cors<S, P, Sh>;

    fn layer(&self, inner: S) -> Self::Service {
        Cors::with_parts(inner, self.policy.clone(), self.shadow.clone())
    }
}
