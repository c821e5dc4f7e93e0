//! The same requests through the adapters: tower (each engine, and a
//! reloadable handle) and actix-web (compiled against a reloadable
//! interpreted policy), compared by status and every header field.

use cors_runtime::dynamic::{DynamicPolicy, ReloadablePolicy};
use cors_runtime::{Policy, PolicySource};
use http::HeaderMap;

use crate::generate::{describe, Request};

/// Runs a request through the tower adapter; returns the status and headers.
pub fn through_tower<P: PolicySource>(
    source: P,
    request: &Request,
    status: u16,
) -> (http::StatusCode, HeaderMap) {
    use tower::{Layer, ServiceExt};
    let response_headers = request.response.clone();
    let app = tower::service_fn(move |_req: http::Request<()>| {
        let mut response = http::Response::new(String::from("app"));
        *response.status_mut() = http::StatusCode::from_u16(status).expect("status");
        *response.headers_mut() = response_headers.clone();
        std::future::ready(Ok::<_, std::convert::Infallible>(response))
    });
    let service = cors_runtime::tower::CorsLayer::new(source).layer(app);
    let mut http_request = http::Request::new(());
    *http_request.method_mut() = request.method.clone();
    *http_request.headers_mut() = request.headers.clone();
    let response = block_on(service.oneshot(http_request)).expect("infallible");
    (response.status(), response.headers().clone())
}

fn block_on<F: std::future::Future>(future: F) -> F::Output {
    let mut future = std::pin::pin!(future);
    let mut cx = std::task::Context::from_waker(std::task::Waker::noop());
    loop {
        if let std::task::Poll::Ready(output) = future.as_mut().poll(&mut cx) {
            return output;
        }
    }
}

/// Runs `requests` through the actix-web adapter with each engine and
/// compares status and headers. Returns how many were compared.
pub fn through_actix<P: Policy>(
    file: &str,
    name: &str,
    compiled: P,
    interpreted: DynamicPolicy,
    requests: &[Request],
) -> usize {
    use actix_web::{test, web, HttpResponse};
    actix_web::rt::System::new().block_on(async {
        let handler = || {
            web::to(|| async {
                HttpResponse::Ok()
                    .insert_header(("vary", "accept-encoding"))
                    .body("app")
            })
        };
        let a = test::init_service(
            actix_web::App::new()
                .wrap(cors_runtime::actix::Cors::new(compiled))
                .default_service(handler()),
        )
        .await;
        let b = test::init_service(
            actix_web::App::new()
                .wrap(cors_runtime::actix::Cors::new(ReloadablePolicy::new(
                    interpreted,
                )))
                .default_service(handler()),
        )
        .await;
        let to_actix = |request: &Request| {
            let method = actix_web::http::Method::from_bytes(request.method.as_str().as_bytes())
                .expect("method");
            let mut actix = test::TestRequest::default().method(method);
            for (name, value) in &request.headers {
                actix = actix.append_header((name.as_str(), value.as_bytes()));
            }
            actix.to_request()
        };
        let dump_actix = |headers: &actix_web::http::header::HeaderMap| {
            let mut out: Vec<(String, Vec<Vec<u8>>)> = Vec::new();
            for name in headers.keys() {
                let values = headers
                    .get_all(name)
                    .map(|v| v.as_bytes().to_vec())
                    .collect();
                out.push((name.as_str().to_owned(), values));
            }
            out.sort();
            out.dedup();
            out
        };
        for (i, request) in requests.iter().enumerate() {
            let ra = test::call_service(&a, to_actix(request)).await;
            let rb = test::call_service(&b, to_actix(request)).await;
            assert_eq!(
                (ra.status().as_u16(), dump_actix(ra.headers())),
                (rb.status().as_u16(), dump_actix(rb.headers())),
                "actix, {file} {name}, request {i}: {}",
                describe(request)
            );
        }
        requests.len()
    })
}
