//! The requests and applications of the tables, and the comparable form of
//! an answer; `adapters/` runs them through the five adapters.

#![allow(dead_code)]

use std::future::Future;
use std::task::{Context, Poll, Waker};

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

pub fn reduce(
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
