//! The tower runner: `cors_runtime::tower::Cors` around the application as
//! a `tower` service, called directly.

use std::convert::Infallible;
use std::sync::atomic::Ordering;

use cors_runtime::observe::Shadow;
use cors_runtime::tower::CorsLayer;
use cors_runtime::PolicySource;
use tower::ServiceExt;

use super::{counter, http_fields, Fields, Raw};
use crate::support::harness::{block_on, App, APP_BODY};

/// `cors_runtime::tower::Cors`, calling the service directly.
pub(super) fn via_tower<P: PolicySource, Sh: Shadow>(
    layer: CorsLayer<P, Sh>,
    method: &[u8],
    headers: &Fields,
    app: &App,
) -> Raw {
    let (calls, counter) = counter();
    let answer = app.clone();
    let inner = tower::service_fn(move |_request: http::Request<String>| {
        counter.fetch_add(1, Ordering::SeqCst);
        let mut response = http::Response::new(APP_BODY.to_owned());
        *response.status_mut() = http::StatusCode::from_u16(answer.status).unwrap();
        for (name, value) in &answer.headers {
            response.headers_mut().append(
                http::HeaderName::from_static(name),
                http::HeaderValue::from_static(value),
            );
        }
        async move { Ok::<_, Infallible>(response) }
    });
    let service = tower::Layer::layer(&layer, inner);
    let mut request = http::Request::new(String::new());
    *request.method_mut() = http::Method::from_bytes(method).unwrap();
    for (name, value) in headers {
        request.headers_mut().append(
            http::HeaderName::from_static(name),
            http::HeaderValue::from_bytes(value).unwrap(),
        );
    }
    let response = block_on(service.oneshot(request)).unwrap();
    Raw {
        status: response.status().as_u16(),
        fields: http_fields(response.headers()),
        app_calls: calls.load(Ordering::SeqCst),
        body: response.into_body().into_bytes(),
    }
}
