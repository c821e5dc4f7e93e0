//! The Poem runner: the application as a Poem endpoint, with
//! `cors_runtime::poem::Cors`, called directly.

use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Arc;

use cors_runtime::observe::Shadow;
use cors_runtime::PolicySource;

use super::{counter, http_fields, Fields, Raw};
use crate::support::harness::{block_on, App, APP_BODY};

/// The application as a Poem endpoint.
struct PoemApp {
    calls: Arc<AtomicUsize>,
    app: App,
}

impl poem::Endpoint for PoemApp {
    type Output = poem::Response;

    async fn call(&self, _request: poem::Request) -> poem::Result<poem::Response> {
        self.calls.fetch_add(1, Ordering::SeqCst);
        let mut response = poem::Response::builder()
            .status(http::StatusCode::from_u16(self.app.status).unwrap())
            .body(APP_BODY);
        for (name, value) in &self.app.headers {
            response.headers_mut().append(
                http::HeaderName::from_static(name),
                http::HeaderValue::from_static(value),
            );
        }
        Ok(response)
    }
}

/// `cors_runtime::poem::Cors` with `EndpointExt::with`, calling the
/// endpoint directly.
pub(super) fn via_poem<P: PolicySource, Sh: Shadow>(
    cors: cors_runtime::poem::Cors<P, Sh>,
    method: &[u8],
    headers: &Fields,
    app: &App,
) -> Raw {
    use poem::{Endpoint, EndpointExt};

    let (calls, counter) = counter();
    let endpoint = PoemApp {
        calls: counter,
        app: app.clone(),
    }
    .with(cors);
    let mut request = poem::Request::builder()
        .method(http::Method::from_bytes(method).unwrap())
        .uri_str("/");
    for (name, value) in headers {
        request = request.header(
            http::HeaderName::from_static(name),
            http::HeaderValue::from_bytes(value).unwrap(),
        );
    }
    let response = block_on(endpoint.get_response(request.finish()));
    let status = response.status().as_u16();
    let fields = http_fields(response.headers());
    let body = block_on(response.into_body().into_vec()).unwrap();
    Raw {
        status,
        fields,
        app_calls: calls.load(Ordering::SeqCst),
        body,
    }
}
