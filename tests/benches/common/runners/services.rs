//! The inner applications (tower and actix-web, `200` with an empty body)
//! and the closures that run one request through a service without sockets,
//! polling futures that must be ready at once.

use std::convert::Infallible;
use std::future::{ready, Future, Ready};
use std::hint::black_box;
use std::pin::pin;
use std::task::{Context, Poll, Waker};

use actix_web::dev::{Service as ActixService, ServiceRequest, ServiceResponse, Transform};
use actix_web::HttpResponse;
use http::{HeaderMap, HeaderValue, Request, Response};
use tower::Service;

use super::{InnerHeaders, Runner};
use crate::common::cases::ActixTemplate;

/// Polls a future that must be ready at once.
pub(super) fn poll_now<F: Future>(future: F) -> F::Output {
    let mut future = pin!(future);
    let mut cx = Context::from_waker(Waker::noop());
    match future.as_mut().poll(&mut cx) {
        Poll::Ready(output) => output,
        Poll::Pending => panic!("the benchmarked future must be ready at once"),
    }
}

/// The tower application: answers `200` with an empty body.
#[derive(Clone, Copy, Debug)]
pub struct TowerInner {
    pub(super) inner: InnerHeaders,
}

static TEXT_PLAIN: HeaderValue = HeaderValue::from_static("text/plain");

impl<B> Service<Request<B>> for TowerInner {
    type Response = Response<()>;
    type Error = Infallible;
    type Future = Ready<Result<Response<()>, Infallible>>;

    fn poll_ready(&mut self, _: &mut Context<'_>) -> Poll<Result<(), Infallible>> {
        Poll::Ready(Ok(()))
    }

    fn call(&mut self, request: Request<B>) -> Self::Future {
        drop(request);
        let mut response = Response::new(());
        if self.inner == InnerHeaders::Roomy {
            let headers = response.headers_mut();
            *headers = HeaderMap::with_capacity(16);
            headers.insert(http::header::CONTENT_TYPE, TEXT_PLAIN.clone());
        }
        ready(Ok(response))
    }
}

pub(super) fn tower_runner<S>(mut service: S, request: Request<()>) -> Runner
where
    S: Service<Request<()>, Response = Response<()>> + 'static,
    S::Error: std::fmt::Debug,
{
    Box::new(move || {
        let mut cx = Context::from_waker(Waker::noop());
        match service.poll_ready(&mut cx) {
            Poll::Ready(Ok(())) => {}
            _ => panic!("the benchmarked service must be ready"),
        }
        let response = poll_now(service.call(request.clone())).expect("infallible");
        drop(black_box(response));
    })
}

/// The actix-web application: answers `200` with an empty body.
#[derive(Clone, Copy, Debug)]
pub struct ActixInner;

impl ActixService<ServiceRequest> for ActixInner {
    type Response = ServiceResponse;
    type Error = actix_web::Error;
    type Future = Ready<Result<ServiceResponse, actix_web::Error>>;

    fn poll_ready(&self, _: &mut Context<'_>) -> Poll<Result<(), actix_web::Error>> {
        Poll::Ready(Ok(()))
    }

    fn call(&self, request: ServiceRequest) -> Self::Future {
        ready(Ok(request.into_response(HttpResponse::new(http_02_ok()))))
    }
}

fn http_02_ok() -> actix_web::http::StatusCode {
    actix_web::http::StatusCode::OK
}

pub(super) fn actix_transform_runner<T>(transform: T, template: ActixTemplate) -> Runner
where
    T: Transform<ActixInner, ServiceRequest, Error = actix_web::Error>,
    T::Transform: 'static,
{
    match poll_now(transform.new_transform(ActixInner)) {
        Ok(service) => actix_runner(service, template),
        Err(_) => panic!("the middleware could not be built"),
    }
}

pub(super) fn actix_runner<S>(service: S, template: ActixTemplate) -> Runner
where
    S: ActixService<ServiceRequest, Error = actix_web::Error> + 'static,
{
    Box::new(move || {
        let mut cx = Context::from_waker(Waker::noop());
        match service.poll_ready(&mut cx) {
            Poll::Ready(Ok(())) => {}
            _ => panic!("the benchmarked service must be ready"),
        }
        match poll_now(service.call(template.build())) {
            Ok(response) => drop(black_box(response)),
            Err(error) => panic!("the benchmarked service failed: {error}"),
        }
    })
}
