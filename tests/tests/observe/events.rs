//! The events of one request through the tower and actix-web adapters,
//! captured by `cors_tests::capture::Capture`; both adapters must emit the
//! same events.

use std::convert::Infallible;

use cors_runtime::observe::Shadow;
use cors_runtime::PolicySource;
use cors_tests::capture::{Capture, Captured};

use crate::support::harness::{block_on, http_request, Req};

/// The events `req` produces through the tower adapter built by `layer`.
pub fn tower_events<L>(capture: &Capture, layer: L, req: &Req) -> Vec<Captured>
where
    L: tower::Layer<App>,
    L::Service: tower::Service<
        http::Request<String>,
        Response = http::Response<String>,
        Error = Infallible,
    >,
{
    use tower::ServiceExt;
    capture.clear();
    let service = layer.layer(App);
    tracing::subscriber::with_default(capture.clone(), || {
        block_on(service.oneshot(http_request(req))).unwrap();
    });
    capture.events()
}

/// The events `req` produces through the actix-web adapter.
pub fn actix_events<P, Sh>(
    capture: &Capture,
    cors: cors_runtime::actix::Cors<P, Sh>,
    req: &Req,
) -> Vec<Captured>
where
    P: PolicySource,
    Sh: Shadow,
{
    use actix_web::http::header::{HeaderName, HeaderValue};
    use actix_web::{test, web, HttpResponse};
    capture.clear();
    tracing::subscriber::with_default(capture.clone(), || {
        actix_web::rt::System::new().block_on(async {
            let service = test::init_service(
                actix_web::App::new()
                    .wrap(cors)
                    .default_service(web::to(|| async { HttpResponse::Ok().body("app") })),
            )
            .await;
            let mut request = test::TestRequest::default()
                .method(actix_web::http::Method::from_bytes(req.method.as_bytes()).unwrap());
            for (name, value) in &req.headers {
                request = request.append_header((
                    HeaderName::from_static(name),
                    HeaderValue::from_bytes(value).unwrap(),
                ));
            }
            test::call_service(&service, request.to_request()).await;
        });
    });
    capture.events()
}

/// The application: `200`, body `app`.
#[derive(Clone, Copy, Debug)]
pub struct App;

impl tower::Service<http::Request<String>> for App {
    type Response = http::Response<String>;
    type Error = Infallible;
    type Future = std::future::Ready<Result<http::Response<String>, Infallible>>;

    fn poll_ready(
        &mut self,
        _: &mut std::task::Context<'_>,
    ) -> std::task::Poll<Result<(), Infallible>> {
        std::task::Poll::Ready(Ok(()))
    }

    fn call(&mut self, _: http::Request<String>) -> Self::Future {
        std::future::ready(Ok(http::Response::new("app".to_owned())))
    }
}

/// The events of `req` with `policy` through both adapters, which must
/// emit the same events.
pub fn both<P: PolicySource>(policy: P, req: &Req) -> Vec<Captured> {
    let capture = Capture::new();
    let tower = tower_events(
        &capture,
        cors_runtime::tower::CorsLayer::new(policy.clone()),
        req,
    );
    let actix = actix_events(&capture, cors_runtime::actix::Cors::new(policy), req);
    assert_eq!(tower, actix, "tower and actix differ for {req:?}");
    tower
}
