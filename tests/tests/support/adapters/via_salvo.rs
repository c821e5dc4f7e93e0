//! The Salvo runner: the application as a Salvo handler, with
//! `cors_runtime::salvo::Cors`, through the service's request handler.

use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Arc;

use cors_runtime::observe::Shadow;
use cors_runtime::PolicySource;

use super::{counter, http_fields, Fields, Raw};
use crate::support::harness::{block_on, App, APP_BODY};

/// The application as a Salvo handler.
struct SalvoApp {
    calls: Arc<AtomicUsize>,
    app: App,
}

#[salvo_core::async_trait]
impl salvo_core::Handler for SalvoApp {
    async fn handle(
        &self,
        _request: &mut salvo_core::Request,
        _depot: &mut salvo_core::Depot,
        response: &mut salvo_core::Response,
        _ctrl: &mut salvo_core::FlowCtrl,
    ) {
        self.calls.fetch_add(1, Ordering::SeqCst);
        response.status_code(http::StatusCode::from_u16(self.app.status).unwrap());
        for (name, value) in &self.app.headers {
            response.headers_mut().append(
                http::HeaderName::from_static(name),
                http::HeaderValue::from_static(value),
            );
        }
        response.body(APP_BODY);
    }
}

/// `cors_runtime::salvo::Cors` with `Service::hoop`, through the service's
/// own request handler (routing, hoops, catcher), without a socket.
pub(super) fn via_salvo<P: PolicySource, Sh: Shadow>(
    cors: cors_runtime::salvo::Cors<P, Sh>,
    method: &[u8],
    headers: &Fields,
    app: &App,
) -> Raw {
    use salvo_core::conn::SocketAddr;
    use salvo_core::http::ResBody;
    use salvo_core::{ConnCtrl, Router, Service};

    let (calls, counter) = counter();
    let router = Router::with_path("{**rest}").goal(SalvoApp {
        calls: counter,
        app: app.clone(),
    });
    let service = Service::new(router).hoop(cors);
    let handler = service.hyper_handler(
        SocketAddr::Unknown,
        SocketAddr::Unknown,
        http::uri::Scheme::HTTP,
        None,
        ConnCtrl::new(),
        None,
    );
    let mut request = salvo_core::Request::new();
    *request.method_mut() = http::Method::from_bytes(method).unwrap();
    request.set_uri(http::Uri::from_static("http://localhost/"));
    for (name, value) in headers {
        request.headers_mut().append(
            http::HeaderName::from_static(name),
            http::HeaderValue::from_bytes(value).unwrap(),
        );
    }
    let mut response = block_on(handler.handle(request));
    let status = response.status_code.map_or(0, |status| status.as_u16());
    let fields = http_fields(response.headers());
    let body = match response.take_body() {
        ResBody::None => Vec::new(),
        ResBody::Once(bytes) => bytes.to_vec(),
        ResBody::Chunks(chunks) => chunks.iter().flat_map(|c| c.to_vec()).collect(),
        other => panic!("unexpected salvo body {other:?}"),
    };
    Raw {
        status,
        fields,
        app_calls: calls.load(Ordering::SeqCst),
        body,
    }
}
