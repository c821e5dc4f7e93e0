//! The Poem adapter (feature `poem`): [`Cors`], a middleware for
//! `EndpointExt::with` (on a `Route`, a single endpoint, or anything else
//! that is an endpoint).
//!
//! It behaves like the tower adapter: preflights are answered without
//! calling the endpoint (unless `preflight: forward` and the preflight
//! succeeded), refused WebSocket handshakes are answered `403` (policies
//! with `websocket: check-origin;`), and every other request reaches the
//! endpoint, whose response gets the CORS headers whatever its status.
//! Poem uses `http` 1.x, so the decision reads the request's own method
//! and headers ([`HttpRequestView`]) and writes into
//! the response's own header map: no copy, no allocation of its own.
//!
//! What it cannot express:
//!
//! - An `Err` from the wrapped endpoint stays an `Err`, so that outer
//!   middlewares (`catch_error`, …) still see it; to carry the CORS headers
//!   it is turned into its response first (`Error::into_response`) and
//!   wrapped back (`Error::from_response`). Its status and body are kept,
//!   but the original error type can no longer be downcast
//!   (`Error::downcast_ref`) outside the middleware; place such
//!   middlewares inside (`.with(catch).with(Cors::new(Api))`) if they need
//!   the type.
//! - The middleware sees only what it wraps: attach it to the outermost
//!   `Route` (or `Server` endpoint) so that preflights to paths without an
//!   `OPTIONS` handler, and unknown paths, are answered too.
//!
//! ```
//! use poem::{handler, Endpoint, EndpointExt, Request, Route};
//!
//! cors_runtime::cors_policy! { policy Api { origins: "https://app.example"; methods: PUT; } }
//!
//! #[handler]
//! fn hello() -> &'static str {
//!     "hello"
//! }
//!
//! let app = Route::new().at("/", poem::get(hello)).with(cors_runtime::poem::Cors::new(Api));
//! # let runtime = tokio::runtime::Builder::new_current_thread().build().unwrap();
//! # runtime.block_on(async {
//! let preflight = Request::builder()
//!     .method(poem::http::Method::OPTIONS)
//!     .uri_str("/")
//!     .header("origin", "https://app.example")
//!     .header("access-control-request-method", "PUT")
//!     .finish();
//! let response = app.get_response(preflight).await;
//! assert_eq!(response.status(), 204);
//! assert_eq!(response.headers()["access-control-allow-methods"], "PUT");
//! # });
//! ```

use poem::{Endpoint, IntoResponse, Middleware, Request, Response};

use crate::observe::{NoShadow, Shadow};
use crate::{decide_with, HttpRequestView, Outcome, PolicySource};

crate::factory::factory_type! {
    /// The Poem CORS middleware: `endpoint.with(Cors::new(policy))`.
    pub struct Cors;
    new: "A middleware";
    shadow example: "let cors = cors_runtime::poem::Cors::new(Current).with_shadow(Candidate);\n# let _ = cors;";
}

impl<E, P, Sh> Middleware<E> for Cors<P, Sh>
where
    E: Endpoint,
    P: PolicySource,
    Sh: Shadow,
{
    type Output = CorsEndpoint<E, P, Sh>;

    fn transform(&self, inner: E) -> Self::Output {
        CorsEndpoint {
            inner,
            policy: self.policy.clone(),
            shadow: self.shadow.clone(),
        }
    }
}

/// The endpoint built by [`Cors`] around the wrapped one.
#[derive(Debug)]
pub struct CorsEndpoint<E, P, Sh = NoShadow> {
    inner: E,
    policy: P,
    shadow: Sh,
}

impl<E, P, Sh> Endpoint for CorsEndpoint<E, P, Sh>
where
    E: Endpoint,
    P: PolicySource,
    Sh: Shadow,
{
    type Output = Response;

    async fn call(&self, request: Request) -> poem::Result<Response> {
        // One snapshot per request, released before the endpoint runs.
        let deferred = {
            let policy = self.policy.snapshot();
            let shadow = self.shadow.hold();
            let view = HttpRequestView::new(request.method(), request.headers());
            let decision = decide_with(&*policy, &view);
            Sh::observe(&shadow, &*policy, &view, &decision);
            if let Outcome::Respond(status) = decision.outcome() {
                let mut answer = Response::builder().status(status).finish();
                decision.apply_to(answer.headers_mut());
                return Ok(answer);
            }
            decision.defer()
        };
        match self.inner.call(request).await {
            Ok(output) => {
                let mut response = output.into_response();
                deferred.apply_to(response.headers_mut());
                Ok(response)
            }
            Err(error) => {
                let mut response = error.into_response();
                deferred.apply_to(response.headers_mut());
                Err(poem::Error::from_response(response))
            }
        }
    }
}
