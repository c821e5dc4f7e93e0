//! The tower adapter (feature `tower`): [`CorsLayer`] and [`Cors`], for axum,
//! hyper 1 and tonic.
//!
//! The service accepts `http::Request<B>` for any body `B`; the inner service
//! must return `http::Response<ResBody>` with `ResBody: Default` (the body of
//! preflight answers). Preflights are answered without calling the inner
//! service (unless `preflight: forward` and the preflight succeeded); every
//! other request reaches it, and the CORS headers are written into its
//! response, whatever its status. If the inner service fails (`Err`), the
//! error is passed on untouched: there is no response to add headers to
//! (axum and tonic services are infallible, so this does not happen there).
//! With hyper 1 directly, wrap the service in
//! `hyper_util::service::TowerToHyperService`.
//!
//! # gRPC-web (tonic)
//!
//! Put the layer outside `tonic_web::GrpcWebLayer`, so that it answers the
//! browsers' preflights before tonic-web sees them:
//! `CorsLayer::new(GrpcWeb).layer(GrpcWebLayer::new().layer(service))`, or
//! on tonic's server builder, `.layer(CorsLayer::new(GrpcWeb))` before
//! `.layer(GrpcWebLayer::new())`. A policy for the grpc-web clients
//! (`examples/policies/grpc-web.cors`, tested end to end with tonic-web):
//!
//! ```text
//! pub policy GrpcWeb {
//!     origins: "https://app.example.com", "http://localhost:*";
//!     request-headers: content-type, x-grpc-web, x-user-agent, grpc-timeout, authorization;
//!     expose-headers: grpc-status, grpc-message, grpc-status-details-bin;
//!     max-age: 10m;
//! }
//! ```
//!
//! Every call is a `POST` with a non-safelisted content type, so browsers
//! preflight it (cache it with `max-age`); a failed call answers
//! "trailers-only", with its status in response headers that scripts can
//! read only when they are exposed.
//!
//! ```
//! cors_runtime::cors_policy! { policy Api { origins: *; methods: *; request-headers: *; } }
//! use cors_runtime::tower::CorsLayer;
//! use tower_layer::Layer;
//! use tower_service::Service;
//!
//! let app = tower_service_fn(|_req: http::Request<()>| http::Response::new(String::from("hi")));
//! let mut service = CorsLayer::new(Api).layer(app);
//! let request = http::Request::get("/").header("origin", "https://a.example").body(()).unwrap();
//! let response = block_on(service.call(request)).unwrap();
//! assert_eq!(response.headers()["access-control-allow-origin"], "*");
//! # fn tower_service_fn<F: FnMut(http::Request<()>) -> http::Response<String>>(f: F) -> Svc<F> { Svc(f) }
//! # #[derive(Clone)] struct Svc<F>(F);
//! # impl<F: FnMut(http::Request<()>) -> http::Response<String>> Service<http::Request<()>> for Svc<F> {
//! #     type Response = http::Response<String>;
//! #     type Error = std::convert::Infallible;
//! #     type Future = std::future::Ready<Result<Self::Response, Self::Error>>;
//! #     fn poll_ready(&mut self, _: &mut std::task::Context<'_>) -> std::task::Poll<Result<(), Self::Error>> { std::task::Poll::Ready(Ok(())) }
//! #     fn call(&mut self, r: http::Request<()>) -> Self::Future { std::future::ready(Ok((self.0)(r))) }
//! # }
//! # fn block_on<F: std::future::Future>(f: F) -> F::Output {
//! #     let mut f = std::pin::pin!(f);
//! #     let mut cx = std::task::Context::from_waker(std::task::Waker::noop());
//! #     loop { if let std::task::Poll::Ready(v) = f.as_mut().poll(&mut cx) { return v; } }
//! # }
//! ```

mod future;
mod layer;
mod service;

pub use future::ResponseFuture;
pub use layer::CorsLayer;
pub use service::Cors;
