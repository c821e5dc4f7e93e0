//! The Rocket adapter (feature `rocket`): [`Cors`], a fairing for Rocket 0.5.
//!
//! ```text
//! rocket::build().mount("/", routes![...]).attach(cors_runtime::rocket::Cors::new(Api))
//! ```
//!
//! A fairing cannot answer a request itself, so the fairing works in three
//! steps:
//!
//! 1. on ignite, it mounts one route of its own, `GET` [`ANSWER_PATH`];
//! 2. on each request, it decides; when the middleware must answer (a
//!    preflight, a refused WebSocket handshake), it re-routes the request
//!    to its route, so that none of the application's routes runs — for
//!    every path, mounted or not;
//! 3. its route answers with the decision's status, headers and an
//!    explicitly empty body; on every other response (the application's,
//!    a catcher's error page, a `404` for an unknown path) the fairing
//!    writes the CORS headers, whatever the status.
//!
//! It behaves like the tower adapter otherwise (same statuses, headers and
//! "application called or not"). Rocket 0.5.2 needs Rust 1.89 (this
//! crate's own minimum is 1.88). What it cannot express:
//!
//! - The decision reads a copy of the CORS request headers (`Origin`,
//!   `Access-Control-Request-*`, `Upgrade`) in `http` 1.x types, and the
//!   headers are written as Rocket `Header`s: a few small allocations per
//!   CORS request, where the tower adapter makes none.
//! - A re-routed request has the fairing's path and method `GET` from then
//!   on: request logs and later fairings see those, not the original ones.
//! - Rocket 0.5 knows only the nine standard methods: a request with any
//!   other method (`PROPFIND`) is refused by Rocket before any fairing
//!   runs. (`Access-Control-Request-Method: PROPFIND` in a preflight is
//!   fine: it is a header.)
//! - Rocket's `Shield` fairing (on by default) adds its own security
//!   headers to every response, the middleware's answers included.
//!
//! ```
//! use rocket::local::asynchronous::Client;
//! use rocket::http::Header;
//!
//! cors_runtime::cors_policy! { policy Api { origins: "https://app.example"; methods: PUT; } }
//!
//! # let runtime = tokio::runtime::Builder::new_current_thread().enable_all().build().unwrap();
//! # runtime.block_on(async {
//! let rocket = rocket::build().attach(cors_runtime::rocket::Cors::new(Api));
//! let client = Client::untracked(rocket).await.unwrap();
//! // No route at all: the preflight is answered anyway.
//! let response = client
//!     .options("/items/1")
//!     .header(Header::new("origin", "https://app.example"))
//!     .header(Header::new("access-control-request-method", "PUT"))
//!     .dispatch()
//!     .await;
//! assert_eq!(response.status().code, 204);
//! assert_eq!(response.headers().get_one("access-control-allow-methods"), Some("PUT"));
//! # });
//! ```

use rocket::fairing::{self, Fairing, Info, Kind};
use rocket::http::uri::Origin;
use rocket::http::{Header, Method, Status};
use rocket::{route, Build, Data, Request, Response, Rocket, Route};

use crate::observe::Shadow;
use crate::{
    decide_with, CorsHeader, Decision, HttpRequestView, Outcome, PolicySource, ResponseHeaders,
};

/// The path of the fairing's own route, to which it re-routes the requests
/// it answers itself.
pub const ANSWER_PATH: &str = "/__cors-runtime/answer";

/// The request headers the decision reads.
const REQUEST_HEADERS: [CorsHeader; 5] = [
    CorsHeader::Origin,
    CorsHeader::RequestMethod,
    CorsHeader::RequestHeaders,
    CorsHeader::RequestPrivateNetwork,
    CorsHeader::Upgrade,
];

crate::factory::factory_type! {
    /// The Rocket CORS fairing: `rocket::build().attach(Cors::new(policy))`.
    pub struct Cors;
    new: "A fairing";
    shadow example: "let rocket = rocket::build().attach(cors_runtime::rocket::Cors::new(Current).with_shadow(Candidate));\n# let _ = rocket;";
}

/// The decision on one request, kept in the request's local cache between
/// `on_request` and `on_response`.
struct Stash(Option<Decision<'static, http::HeaderValue>>);

#[rocket::async_trait]
impl<P: PolicySource, Sh: Shadow> Fairing for Cors<P, Sh> {
    fn info(&self) -> Info {
        Info {
            name: "cors-runtime",
            kind: Kind::Ignite | Kind::Request | Kind::Response,
        }
    }

    async fn on_ignite(&self, rocket: Rocket<Build>) -> fairing::Result {
        Ok(rocket.mount("/", [Route::new(Method::Get, ANSWER_PATH, answer)]))
    }

    async fn on_request(&self, request: &mut Request<'_>, _data: &mut Data<'_>) {
        let mut headers = http::HeaderMap::new();
        for name in REQUEST_HEADERS {
            for value in request.headers().get(name.as_str()) {
                if let Ok(value) = http::HeaderValue::from_str(value) {
                    headers.append(name.http(), value);
                }
            }
        }
        let method = http::Method::from_bytes(request.method().as_str().as_bytes())
            .unwrap_or(http::Method::GET);
        let decision = {
            let policy = self.policy.snapshot();
            let shadow = self.shadow.hold();
            let view = HttpRequestView::new(&method, &headers);
            let decision = decide_with(&*policy, &view);
            Sh::observe(&shadow, &*policy, &view, &decision);
            decision.into_owned()
        };
        if let Outcome::Respond(_) = decision.outcome() {
            request.set_method(Method::Get);
            request.set_uri(Origin::path_only(ANSWER_PATH));
        }
        request.local_cache(|| Stash(Some(decision)));
    }

    async fn on_response<'r>(&self, request: &'r Request<'_>, response: &mut Response<'r>) {
        if let Some(decision) = &request.local_cache(|| Stash(None)).0 {
            if decision.outcome() == Outcome::CallApp {
                decision.apply(&mut RocketResponseHeaders(response));
            }
        }
    }
}

/// The fairing's route: the middleware's own answer, for the requests
/// `on_request` re-routed here; any other request is forwarded (`404`).
fn answer<'r>(request: &'r Request<'_>, data: Data<'r>) -> route::BoxFuture<'r> {
    let stash = request.local_cache(|| Stash(None));
    let outcome = match &stash.0 {
        Some(decision) => match decision.outcome() {
            Outcome::Respond(status) => {
                let mut response = Response::new();
                response.set_status(Status::new(status.as_u16()));
                decision.apply(&mut RocketResponseHeaders(&mut response));
                // Explicitly empty: the answer is final.
                response.set_sized_body(0, std::io::Cursor::new(&[][..]));
                route::Outcome::Success(response)
            }
            Outcome::CallApp => route::Outcome::Forward((data, Status::NotFound)),
        },
        None => route::Outcome::Forward((data, Status::NotFound)),
    };
    Box::pin(async move { outcome })
}

/// A Rocket response's headers, as [`ResponseHeaders`] (values are written
/// as text: CORS header values are always visible ASCII).
struct RocketResponseHeaders<'a, 'r>(&'a mut Response<'r>);

impl ResponseHeaders for RocketResponseHeaders<'_, '_> {
    type Value = http::HeaderValue;

    fn set(&mut self, name: CorsHeader, value: http::HeaderValue) {
        if let Ok(text) = value.to_str() {
            self.0
                .set_header(Header::new(name.as_str(), text.to_owned()));
        }
    }

    fn append(&mut self, name: CorsHeader, value: http::HeaderValue) {
        if let Ok(text) = value.to_str() {
            self.0
                .adjoin_header(Header::new(name.as_str(), text.to_owned()));
        }
    }

    fn remove(&mut self, name: CorsHeader) {
        self.0.remove_header(name.as_str());
    }

    fn values(&self, name: CorsHeader) -> impl Iterator<Item = &[u8]> {
        self.0.headers().get(name.as_str()).map(str::as_bytes)
    }
}
