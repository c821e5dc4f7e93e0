//! Shared parts of the example servers `api-axum`, `api-actix`,
//! `api-hyper`, `api-poem`, `api-salvo` and `api-rocket`.
//!
//! Each binary starts two servers on the loopback interface:
//!
//! - the **API** (default `http://127.0.0.1:8080`), guarded by the CORS policy
//!   compiled from `policies/api.cors` ([`policy::Api`]);
//! - the **page** (default `http://localhost:3000`), a static page whose
//!   buttons call the API with `fetch()` from that other origin and show what
//!   the browser allowed ([`page::page_html`]).
//!
//! The routes are written once, framework-neutrally, in [`api`]; each binary
//! only converts its framework's request into an [`api::ApiRequest`] and the
//! [`api::ApiResponse`] back. [`axum_app`] and [`actix_app`] hold the axum and
//! actix-web wiring, which the end-to-end tests also use to start servers
//! with other policies.
//!
//! ```no_run
//! use std::sync::Arc;
//! use cors_examples::{api::Stats, axum_app, policy::Api};
//!
//! # async fn run() -> std::io::Result<()> {
//! let listener = cors_examples::config::bind_loopback(8080)?;
//! axum_app::serve(listener, axum_app::api_router(Api, Arc::new(Stats::default()))).await
//! # }
//! ```

#![warn(missing_docs)]

pub mod actix_app;
pub mod api;
pub mod axum_app;
pub mod config;
pub mod page;
pub mod policy;
