//! Allocations through the adapters, with the policy and with a reloadable
//! handle, compared with the same application without the middleware.

use bytes::Bytes;
use cors_runtime::dynamic::ReloadablePolicy;
use cors_tests::counting::{count, start, stop};

use crate::scenarios::{is_answered, scenarios};

/// Through the tower adapter, with the policy itself and with a reloadable
/// handle: an application whose response header map has room costs no
/// allocation in the middleware; a preflight answer costs only its header map.
#[test]
fn tower_adapter() {
    use tower::{Layer, ServiceExt};

    for scenario in scenarios() {
        let app = tower::service_fn(move |_req: http::Request<()>| {
            let mut response = http::Response::new(String::new());
            *response.headers_mut() = http::HeaderMap::with_capacity(16);
            std::future::ready(Ok::<_, std::convert::Infallible>(response))
        });
        let reloadable = ReloadablePolicy::new(scenario.policy.clone());
        let request = || {
            let mut request = http::Request::new(());
            *request.method_mut() = scenario.method.clone();
            *request.headers_mut() = scenario.headers.clone();
            request
        };
        let measure = |which: u8| {
            let mut counts = [0; 2];
            for slot in &mut counts {
                let request = request();
                let (allocations, response) = match which {
                    0 => count(|| block_on(app.oneshot(request))),
                    1 => {
                        let service =
                            cors_runtime::tower::CorsLayer::new(scenario.policy.clone()).layer(app);
                        count(|| block_on(service.oneshot(request)))
                    }
                    _ => {
                        let service =
                            cors_runtime::tower::CorsLayer::new(reloadable.clone()).layer(app);
                        count(|| block_on(service.oneshot(request)))
                    }
                };
                *slot = allocations;
                drop(response);
            }
            counts[1]
        };
        let base = measure(0);
        let limit = if is_answered(&scenario) { 2 } else { 0 } + scenario.extra_fields;
        for (which, label) in [(1, "policy"), (2, "reloadable")] {
            let extra = measure(which).saturating_sub(base);
            assert!(
                extra <= limit,
                "tower ({label}), {}: {extra} extra allocation(s)",
                scenario.name
            );
        }
    }
}

/// Through the actix-web adapter, with the policy and a reloadable handle,
/// compared with the same application without the middleware.
#[test]
fn actix_adapter() {
    use actix_web::{test, web, HttpResponse};

    for scenario in scenarios() {
        let counts = actix_web::rt::System::new().block_on(async {
            let plain = test::init_service(
                actix_web::App::new()
                    .default_service(web::to(|| async { HttpResponse::Ok().finish() })),
            )
            .await;
            let wrapped = test::init_service(
                actix_web::App::new()
                    .wrap(cors_runtime::actix::Cors::new(scenario.policy.clone()))
                    .default_service(web::to(|| async { HttpResponse::Ok().finish() })),
            )
            .await;
            let reloadable = test::init_service(
                actix_web::App::new()
                    .wrap(cors_runtime::actix::Cors::new(ReloadablePolicy::new(
                        scenario.policy.clone(),
                    )))
                    .default_service(web::to(|| async { HttpResponse::Ok().finish() })),
            )
            .await;
            let request = || {
                let method =
                    actix_web::http::Method::from_bytes(scenario.method.as_str().as_bytes())
                        .expect("method");
                let mut request = test::TestRequest::default().method(method);
                for (name, value) in &scenario.headers {
                    let shared = Bytes::copy_from_slice(value.as_bytes());
                    let _promote = shared.clone();
                    request = request.append_header((
                        name.as_str(),
                        actix_web::http::header::HeaderValue::from_maybe_shared(shared)
                            .expect("value"),
                    ));
                }
                request.to_request()
            };
            let mut counts = [0usize; 3];
            macro_rules! measure {
                ($slot:expr, $service:expr) => {{
                    let req = request();
                    start();
                    let res = test::call_service($service, req).await;
                    counts[$slot] = stop();
                    drop(res);
                }};
            }
            for _ in 0..2 {
                measure!(0, &plain);
                measure!(1, &wrapped);
                measure!(2, &reloadable);
            }
            counts
        });
        for (i, label) in [(1, "policy"), (2, "reloadable")] {
            let extra = counts[i].saturating_sub(counts[0]);
            assert!(
                extra == 0,
                "actix ({label}), {}: {extra} extra allocation(s) (base {})",
                scenario.name,
                counts[0]
            );
        }
    }
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
