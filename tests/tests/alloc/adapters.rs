//! Allocations through the adapters: each scenario through tower and
//! actix-web, compared with the same application without the middleware.

use bytes::Bytes;
use cors_runtime::actix::Cors;
use cors_runtime::observe::Shadow;
use cors_runtime::tower::CorsLayer;
use cors_runtime::{decide, Outcome, PolicySource};

use crate::scenarios::{scenarios, Scenario};
use crate::support::harness::block_on;
use crate::support::policy::TestPolicy;
use cors_tests::counting::{start, stop};

/// The tower application: `200`; `room`: its response's header map
/// already has room for the CORS headers.
#[derive(Clone, Copy, Debug)]
pub struct TowerApp {
    pub room: bool,
}

impl tower::Service<http::Request<()>> for TowerApp {
    type Response = http::Response<String>;
    type Error = std::convert::Infallible;
    type Future = std::future::Ready<Result<http::Response<String>, Self::Error>>;

    fn poll_ready(
        &mut self,
        _: &mut std::task::Context<'_>,
    ) -> std::task::Poll<Result<(), Self::Error>> {
        std::task::Poll::Ready(Ok(()))
    }

    fn call(&mut self, _: http::Request<()>) -> Self::Future {
        let mut response = http::Response::new(String::new());
        if self.room {
            *response.headers_mut() = http::HeaderMap::with_capacity(16);
        }
        std::future::ready(Ok(response))
    }
}

/// Requests through the tower adapter built by `layer` for each scenario's
/// policy: an application whose response header map already has room costs
/// no allocation in the middleware; a preflight answer costs only its new
/// header map.
pub fn check_tower<P, Sh>(label: &str, layer: impl Fn(TestPolicy) -> CorsLayer<P, Sh>)
where
    P: PolicySource,
    Sh: Shadow,
{
    use tower::{Layer, ServiceExt};

    for scenario in scenarios() {
        for room in [true, false] {
            let app = TowerApp { room };
            let measure = |with_cors: bool| {
                let mut request = http::Request::new(());
                *request.method_mut() = scenario.method.clone();
                *request.headers_mut() = scenario.headers.clone();
                // Warm up, then measure.
                let mut counts = [0; 2];
                for count in &mut counts {
                    let request = clone_request(&request);
                    if with_cors {
                        let service = layer(scenario.policy).layer(app);
                        start();
                        let response = block_on(service.oneshot(request)).unwrap();
                        *count = stop();
                        drop(response);
                    } else {
                        start();
                        let response = block_on(app.oneshot(request)).unwrap();
                        *count = stop();
                        drop(response);
                    }
                }
                counts[1]
            };
            let base = measure(false);
            let with_cors = measure(true);
            let extra = with_cors.saturating_sub(base);
            let preflight_answered = is_answered(&scenario);
            let limit = if preflight_answered || !room { 2 } else { 0 } + scenario.extra_fields;
            assert!(
                extra <= limit,
                "{label}, {} (room: {room}): {extra} extra allocation(s)",
                scenario.name
            );
        }
    }
}

fn clone_request(request: &http::Request<()>) -> http::Request<()> {
    let mut clone = http::Request::new(());
    *clone.method_mut() = request.method().clone();
    *clone.headers_mut() = request.headers().clone();
    clone
}

fn is_answered(scenario: &Scenario) -> bool {
    let decision = decide(&scenario.policy, &scenario.method, &scenario.headers);
    matches!(decision.outcome(), Outcome::Respond(_))
}

/// Requests through the actix-web adapter built by `cors` for each
/// scenario's policy, compared with the same application without the
/// middleware.
pub fn check_actix<P, Sh>(label: &str, cors: impl Fn(TestPolicy) -> Cors<P, Sh>)
where
    P: PolicySource,
    Sh: Shadow,
{
    use actix_web::{test, web, HttpResponse};

    for scenario in scenarios() {
        let (base, with_cors) = actix_web::rt::System::new().block_on(async {
            let plain = test::init_service(
                actix_web::App::new()
                    .default_service(web::to(|| async { HttpResponse::Ok().finish() })),
            )
            .await;
            let wrapped = test::init_service(
                actix_web::App::new()
                    .wrap(cors(scenario.policy))
                    .default_service(web::to(|| async { HttpResponse::Ok().finish() })),
            )
            .await;
            let request = || {
                let mut request = test::TestRequest::default().method(
                    actix_web::http::Method::from_bytes(scenario.method.as_str().as_bytes())
                        .unwrap(),
                );
                // Shared-buffer values, as actix-http's parser builds them.
                for (name, value) in &scenario.headers {
                    let shared = Bytes::copy_from_slice(value.as_bytes());
                    let _promote = shared.clone();
                    request = request.append_header((
                        name.as_str(),
                        actix_web::http::header::HeaderValue::from_maybe_shared(shared).unwrap(),
                    ));
                }
                request.to_request()
            };
            let mut base = 0;
            let mut with_cors = 0;
            for _ in 0..2 {
                let req = request();
                start();
                let res = test::call_service(&plain, req).await;
                base = stop();
                drop(res);
                let req = request();
                start();
                let res = test::call_service(&wrapped, req).await;
                with_cors = stop();
                drop(res);
            }
            (base, with_cors)
        });
        let extra = with_cors.saturating_sub(base);
        // No extra allocation at all: actix-web's header map keeps up to four
        // fields per name inline, and a preflight answer even saves the
        // application's allocations.
        let limit = 0;
        assert!(
            extra <= limit,
            "{label}, {}: {extra} extra allocation(s) (base {base})",
            scenario.name
        );
    }
}
