//! The Salvo adapter (feature `salvo`): [`Cors`], a handler placed with
//! `Service::hoop`.
//!
//! Salvo runs a `Service`'s hoops for every request, whether a route matches
//! it or not, so `Service::new(router).hoop(Cors::new(Api))` answers
//! preflights to paths without an `OPTIONS` handler and to unknown paths.
//! (`Router::hoop` runs only for requests the router matches: a preflight
//! to a route with only a `GET` handler would get `405`.)
//!
//! It behaves like the tower adapter: preflights are answered without
//! calling the rest of the chain (unless `preflight: forward` and the
//! preflight succeeded), refused WebSocket handshakes are answered `403`
//! (policies with `websocket: check-origin;`), and every other request
//! goes on, its response getting the CORS headers whatever its status —
//! including the error pages Salvo's catcher writes afterwards (the
//! catcher fills the body and keeps the headers). Salvo uses `http` 1.x:
//! the decision reads the request's own headers and writes into the
//! response's own header map.
//!
//! Salvo 1.1 needs Rust 1.95 (this crate's own minimum is 1.88). What it
//! cannot express:
//!
//! - The middleware's own answers (preflights, refused handshakes) carry
//!   an explicitly empty body: Salvo's catcher would otherwise fill a `403`
//!   with an error page. A catcher hoop (`Catcher::hoop`) still sees them.
//! - Handlers that run before this one (hoops added earlier) are not
//!   covered: add `Cors` first.
//!
//! ```
//! use salvo_core::prelude::*;
//!
//! cors_runtime::cors_policy! { policy Api { origins: "https://app.example"; methods: PUT; } }
//!
//! #[handler]
//! async fn hello() -> &'static str {
//!     "hello"
//! }
//!
//! let router = Router::new().get(hello);
//! let service = Service::new(router).hoop(cors_runtime::salvo::Cors::new(Api));
//! # let _ = service;
//! ```

use salvo_core::http::ResBody;
use salvo_core::{async_trait, Depot, FlowCtrl, Handler, Request, Response};

use crate::observe::Shadow;
use crate::{decide_with, HttpRequestView, Outcome, PolicySource};

crate::factory::factory_type! {
    /// The Salvo CORS handler: `Service::new(router).hoop(Cors::new(policy))`.
    pub struct Cors;
    new: "A handler";
    shadow example: "let cors = cors_runtime::salvo::Cors::new(Current).with_shadow(Candidate);\n# let _ = cors;";
}

#[async_trait]
impl<P: PolicySource, Sh: Shadow> Handler for Cors<P, Sh> {
    async fn handle(
        &self,
        request: &mut Request,
        depot: &mut Depot,
        response: &mut Response,
        ctrl: &mut FlowCtrl,
    ) {
        // One snapshot per request, released before the rest of the chain runs.
        let deferred = {
            let policy = self.policy.snapshot();
            let shadow = self.shadow.hold();
            let view = HttpRequestView::new(request.method(), request.headers());
            let decision = decide_with(&*policy, &view);
            Sh::observe(&shadow, &*policy, &view, &decision);
            if let Outcome::Respond(status) = decision.outcome() {
                response.status_code(status);
                decision.apply_to(response.headers_mut());
                // Explicitly empty: a `None` body with an error status is
                // filled by the catcher.
                response.replace_body(ResBody::Once(Default::default()));
                ctrl.skip_rest();
                return;
            }
            decision.defer()
        };
        ctrl.call_next(request, depot, response).await;
        deferred.apply_to(response.headers_mut());
    }
}
