//! Applies CORS policies compiled by [`cors_policy!`] to HTTP requests and
//! responses, without allocating.
//!
//! # The protocol, in short
//!
//! Every request is classified first ([`RequestKind`]):
//!
//! | request | kind | what happens |
//! |---|---|---|
//! | no `Origin` | not CORS | passed to the application; `Vary: origin` is appended |
//! | `OPTIONS` + `Origin` + `Access-Control-Request-Method` | preflight | decided here and answered (`204`/`200`, or `403` with no `Access-Control-*` header); the application is not called, unless `preflight: forward` and the preflight succeeded |
//! | anything else with `Origin` | actual | always passed to the application; CORS headers are added to its response (every status) when the origin is allowed |
//! | `Upgrade: websocket` (or `CONNECT`) with `Origin`, under `websocket: check-origin;` | WebSocket handshake | passed untouched when the origin is allowed, else answered `403` with an empty body; no CORS header either way |
//!
//! A preflight checks, in order: the origin (byte-exact, one field, bounded
//! length), the requested method (one field, a token of at most 64 bytes;
//! `GET`/`HEAD`/`POST` always pass; others are compared case-sensitively),
//! and every requested header name (case-insensitively, with a bounded
//! single-pass scanner; `request-headers: *` never covers `authorization`).
//! [`Decision::refusal`] says which check refused a request ([`Refusal`]).
//! `Access-Control-*` headers are always *set* (one field each), `Vary` is
//! always *appended to*. See [`Decision::apply`] for the details.
//!
//! # Adapters
//!
//! - feature `tower`: `tower::CorsLayer` for axum, hyper 1 and tonic;
//! - feature `actix`: `actix::Cors` for actix-web 4;
//! - feature `poem`: `poem::Cors`, a middleware for Poem 3 (`EndpointExt::with`);
//! - feature `salvo`: `salvo::Cors`, a handler for Salvo 1 (`Service::hoop`);
//! - feature `rocket`: `rocket::Cors`, a fairing for Rocket 0.5.
//!
//! Every adapter answers the same requests identically (the cross-adapter
//! protocol tables check it); each module says what its framework cannot
//! express. Each takes a compiled policy, a run-time one or a reloadable
//! handle (any [`PolicySource`]).
//!
//! Feature `tracing`: one `tracing` event per CORS decision, saying why a
//! request was refused, and shadow policies (`.with_shadow(candidate)` on
//! every adapter); see [`observe`].
//!
//! ```text
//! let app = axum::Router::new().layer(cors_runtime::tower::CorsLayer::new(Api));
//! let app = actix_web::App::new().wrap(cors_runtime::actix::Cors::new(Api));
//! let app = poem::Route::new()./* endpoints */with(cors_runtime::poem::Cors::new(Api));
//! let service = salvo::Service::new(router).hoop(cors_runtime::salvo::Cors::new(Api));
//! let rocket = rocket::build()./* mounts */attach(cors_runtime::rocket::Cors::new(Api));
//! ```
//!
//! # Wiring another framework by hand
//!
//! [`decide`] reads the request's method and headers, [`Decision::outcome`]
//! tells whether to call the application, and [`Decision::apply_to`] writes
//! the headers into the response (the decision core, shared with the build
//! side, lives in the `cors-core` crate; everything needed is re-exported
//! here):
//!
//! ```
//! use cors_runtime::{cors_policy, decide, Outcome};
//!
//! cors_policy! {
//!     policy Api {
//!         origins: "https://app.example";
//!         methods: PUT;
//!         request-headers: content-type;
//!         credentials: true;
//!     }
//! }
//!
//! /// A framework's handler, wrapped by hand.
//! fn handle(
//!     request: http::Request<String>,
//!     app: impl Fn(http::Request<String>) -> http::Response<String>,
//! ) -> http::Response<String> {
//!     let decision = decide(&Api, request.method(), request.headers());
//!     match decision.outcome() {
//!         // A preflight answered here: 204/200, or 403 when refused.
//!         Outcome::Respond(_) => decision.preflight_response().unwrap_or_default(),
//!         Outcome::CallApp => {
//!             // What the response still needs, detached from the request.
//!             let deferred = decision.defer();
//!             let mut response = app(request);
//!             deferred.apply_to(response.headers_mut());
//!             response
//!         }
//!     }
//! }
//!
//! let preflight = http::Request::options("/items/1")
//!     .header("origin", "https://app.example")
//!     .header("access-control-request-method", "PUT")
//!     .header("access-control-request-headers", "content-type")
//!     .body(String::new())
//!     .unwrap();
//! let response = handle(preflight, |_| unreachable!("answered by the middleware"));
//! assert_eq!(response.status(), 204);
//! assert_eq!(response.headers()["access-control-allow-origin"], "https://app.example");
//! assert_eq!(response.headers()["access-control-allow-credentials"], "true");
//!
//! let get = http::Request::get("/items/1").header("origin", "https://evil.example").body(String::new()).unwrap();
//! let response = handle(get, |_| http::Response::new("hello".to_owned()));
//! assert_eq!(response.body(), "hello"); // CORS is not access control…
//! assert!(response.headers().get("access-control-allow-origin").is_none()); // …but the browser hides it
//! assert_eq!(response.headers()["vary"], "origin");
//! ```
//!
//! Frameworks with their own header types implement [`RequestView`] and
//! [`ResponseHeaders`] (and [`HeaderValueLike`]) and call [`decide_with`] and
//! [`Decision::apply`]; [`Decision::refusal`] says why a request was refused.

#![warn(missing_docs)]

/// Compiles CORS policies written in the cors-dsl language into unit structs
/// implementing [`Policy`].
///
/// A block holds `policy` items (with optional `///` docs and visibility),
/// `test` blocks and `include "path.cors";` lines (relative to
/// `CARGO_MANIFEST_DIR`; editing the file rebuilds the crate). Every mistake
/// of the language reference (`docs/language.md`) is a compile error spanned
/// on the offending token, with a hint; the catalogue is `docs/errors.md`.
/// The expectations of `test` blocks are decided at build time by the
/// decision core the server runs: one that fails is a compile error too,
/// and tests generate no code.
///
/// ```
/// use cors_runtime::{cors_policy, OriginMatch, Policy};
///
/// cors_policy! {
///     /// CORS policy of the public JSON API.
///     pub policy Api {
///         origins: "https://app.example.com", "https://*.example.org", "http://localhost:*";
///         methods: GET, POST, PUT, DELETE, PATCH;
///         request-headers: content-type, authorization;
///         credentials: true;
///         max-age: 10m;
///     }
///
///     test Api {
///         allow PATCH from "https://a.b.example.org" with content-type;
///         deny GET from "https://example.org" because origin;
///     }
/// }
///
/// assert!(matches!(Api.match_origin(b"https://app.example.com"), OriginMatch::Constant(_)));
/// assert!(matches!(Api.match_origin(b"https://a.b.example.org"), OriginMatch::Echo));
/// assert!(matches!(Api.match_origin(b"https://example.org"), OriginMatch::Refused));
/// assert!(Api.allows_method(b"PATCH") && !Api.allows_method(b"patch"));
/// ```
///
/// A mistake does not compile:
///
/// ```compile_fail
/// cors_runtime::cors_policy! {
///     policy Api {
///         origins: "https://app.example.com/"; // trailing slash
///     }
/// }
/// ```
///
/// Nor does a test the policy fails:
///
/// ```compile_fail
/// cors_runtime::cors_policy! {
///     policy Api { origins: "https://*.example.org"; }
///     test Api { allow GET from "https://example.org"; } // not a subdomain
/// }
/// ```
pub use cors_macros::cors_policy;

#[cfg(feature = "dynamic")]
pub mod dynamic;
pub mod observe;
mod source;

#[cfg(any(
    feature = "tower",
    feature = "actix",
    feature = "poem",
    feature = "salvo",
    feature = "rocket"
))]
mod factory;

#[cfg(feature = "actix")]
pub mod actix;
#[cfg(feature = "poem")]
pub mod poem;
#[cfg(feature = "rocket")]
pub mod rocket;
#[cfg(feature = "salvo")]
pub mod salvo;
#[cfg(feature = "tower")]
pub mod tower;

#[doc(hidden)]
#[path = "private.rs"]
pub mod __private;

pub use cors_core::{
    decide, decide_with, ConstValue, CorsHeader, Decision, Deferred, HeaderValueLike,
    HttpRequestView, InvalidValue, MethodRule, OriginMatch, OriginRule, Outcome, Policy,
    PolicyConfig, PreflightMode, PreflightStatus, Present, Refusal, RequestHeaderRule, RequestKind,
    RequestView, ResponseHeaders, WebSocketMode,
};
pub use source::PolicySource;
