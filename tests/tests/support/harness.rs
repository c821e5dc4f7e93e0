//! Runs one request through both adapters (tower and actix-web) around a
//! small application, and reduces each answer to the same comparable form.

#![allow(dead_code)]

use std::convert::Infallible;
use std::future::Future;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Arc;
use std::task::{Context, Poll, Waker};

use tower::ServiceExt;

use super::policy::TestPolicy;

/// A request: method and raw header fields (repeated names give several fields).
#[derive(Clone, Debug)]
pub struct Req {
    pub method: &'static str,
    pub headers: Vec<(&'static str, Vec<u8>)>,
}

impl Req {
    pub fn new(method: &'static str) -> Self {
        Req {
            method,
            headers: Vec::new(),
        }
    }
    pub fn h(mut self, name: &'static str, value: impl AsRef<[u8]>) -> Self {
        self.headers.push((name, value.as_ref().to_vec()));
        self
    }
    pub fn origin(self, origin: &str) -> Self {
        self.h("origin", origin)
    }
    /// A preflight: `OPTIONS` with `Origin` and ACRM.
    pub fn preflight(origin: &str, method: &str) -> Self {
        Req::new("OPTIONS")
            .origin(origin)
            .h("access-control-request-method", method)
    }
    pub fn acrh(self, value: &str) -> Self {
        self.h("access-control-request-headers", value)
    }
}

/// What the application answers.
#[derive(Clone, Debug)]
pub struct App {
    pub status: u16,
    pub headers: Vec<(&'static str, &'static str)>,
}

impl App {
    pub fn ok() -> Self {
        App {
            status: 200,
            headers: Vec::new(),
        }
    }
    pub fn status(mut self, status: u16) -> Self {
        self.status = status;
        self
    }
    pub fn h(mut self, name: &'static str, value: &'static str) -> Self {
        self.headers.push((name, value));
        self
    }
}

pub const APP_BODY: &str = "from the app";

/// The parts of a response the protocol speaks about.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Resp {
    pub status: u16,
    /// `access-control-*` and `vary` fields, sorted by name (field order
    /// within a name kept).
    pub headers: Vec<(String, String)>,
    /// Other headers the application set (to check they survive).
    pub other: Vec<(String, String)>,
    pub app_calls: usize,
    pub body: String,
}

fn reduce(
    status: u16,
    fields: impl Iterator<Item = (String, String)>,
    app_calls: usize,
    body: String,
) -> Resp {
    let (mut headers, mut other): (Vec<_>, Vec<_>) = fields
        .filter(|(name, _)| name != "content-type" && name != "content-length")
        .partition(|(name, _)| name.starts_with("access-control-") || name == "vary");
    headers.sort_by(|a, b| a.0.cmp(&b.0));
    other.sort_by(|a, b| a.0.cmp(&b.0));
    Resp {
        status,
        headers,
        other,
        app_calls,
        body,
    }
}

/// Polls a future that never waits on I/O to completion.
pub fn block_on<F: Future>(future: F) -> F::Output {
    let mut future = std::pin::pin!(future);
    let mut cx = Context::from_waker(Waker::noop());
    loop {
        if let Poll::Ready(output) = future.as_mut().poll(&mut cx) {
            return output;
        }
    }
}

pub fn http_request(req: &Req) -> http::Request<String> {
    let mut request = http::Request::new(String::new());
    *request.method_mut() = http::Method::from_bytes(req.method.as_bytes()).unwrap();
    for (name, value) in &req.headers {
        request.headers_mut().append(
            http::HeaderName::from_static(name),
            http::HeaderValue::from_bytes(value).unwrap(),
        );
    }
    request
}

/// Through `cors_runtime::tower::Cors`, calling the service directly.
pub fn via_tower(policy: TestPolicy, req: &Req, app: &App) -> Resp {
    let calls = Arc::new(AtomicUsize::new(0));
    let counter = calls.clone();
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
    let service = tower::Layer::layer(&cors_runtime::tower::CorsLayer::new(policy), inner);
    let response = block_on(service.oneshot(http_request(req))).unwrap();
    let fields = response.headers().iter().map(|(name, value)| {
        (
            name.as_str().to_owned(),
            String::from_utf8_lossy(value.as_bytes()).into_owned(),
        )
    });
    let fields: Vec<_> = fields.collect();
    reduce(
        response.status().as_u16(),
        fields.into_iter(),
        calls.load(Ordering::SeqCst),
        response.body().clone(),
    )
}

/// Through `cors_runtime::actix::Cors`, with `init_service` + `call_service`.
pub fn via_actix(policy: TestPolicy, req: &Req, app: &App) -> Resp {
    use actix_web::http::header::{HeaderName, HeaderValue};
    use actix_web::{test, web, HttpResponse};

    let calls = Arc::new(AtomicUsize::new(0));
    let counter = calls.clone();
    let answer = app.clone();
    let req = req.clone();
    let (status, fields, body) = actix_web::rt::System::new().block_on(async move {
        let service = test::init_service(
            actix_web::App::new()
                .wrap(cors_runtime::actix::Cors::new(policy))
                .default_service(web::to(move || {
                    counter.fetch_add(1, Ordering::SeqCst);
                    let status = actix_web::http::StatusCode::from_u16(answer.status).unwrap();
                    let mut response = HttpResponse::build(status);
                    for (name, value) in &answer.headers {
                        response.append_header((*name, *value));
                    }
                    let response = response.body(APP_BODY);
                    async move { response }
                })),
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
        let response = test::call_service(&service, request.to_request()).await;
        let status = response.status().as_u16();
        let fields: Vec<(String, String)> = response
            .headers()
            .iter()
            .map(|(name, value)| {
                (
                    name.as_str().to_owned(),
                    String::from_utf8_lossy(value.as_bytes()).into_owned(),
                )
            })
            .collect();
        let body = test::read_body(response).await;
        (status, fields, String::from_utf8(body.to_vec()).unwrap())
    });
    reduce(
        status,
        fields.into_iter(),
        calls.load(Ordering::SeqCst),
        body,
    )
}

/// Runs `req` through both adapters; they must answer identically.
pub fn run(policy: TestPolicy, req: &Req, app: &App) -> Resp {
    let tower = via_tower(policy, req, app);
    let actix = via_actix(policy, req, app);
    assert_eq!(tower, actix, "tower and actix differ for {req:?}");
    tower
}
