//! The actix-web adapter (feature `actix`): [`Cors`], a middleware for
//! `App::wrap` / `Scope::wrap`.
//!
//! It behaves like the tower adapter: preflights are answered without calling
//! the application (unless `preflight: forward` and the preflight succeeded);
//! every other request reaches it and the CORS headers are written into its
//! response, whatever its status (handler and extractor errors reach it as
//! responses already). An `Err` from the wrapped service (e.g. an inner
//! middleware refusing the request) stays an `Err`, wrapped so that the
//! response actix-web renders from it carries the CORS headers too; its
//! status and body are unchanged, but the original error type can no longer
//! be downcast (`Error::as_error`).
//!
//! ```text
//! use actix_web::{web, App, HttpServer};
//! HttpServer::new(|| {
//!     App::new()
//!         .wrap(cors_runtime::actix::Cors::new(Api))
//!         .route("/", web::get().to(|| async { "hi" }))
//! });
//! ```

mod future;
mod headers;
mod middleware;

pub use future::CorsFuture;
pub use headers::{ActixRequestView, ActixResponseHeaders};
pub use middleware::{Cors, CorsMiddleware};
