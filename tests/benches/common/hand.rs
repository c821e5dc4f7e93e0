//! The hand-written baseline: the same protocol as `cors_runtime` for these
//! policies only, written the way a perfect compiler would emit it — a plain
//! `match` on the origin bytes, constant `HeaderValue`s, one pass over ACRH —
//! with the same observable output (status, every header set or removed,
//! `Vary` appended).

use std::future::Future;
use std::marker::PhantomData;
use std::pin::Pin;
use std::task::{Context, Poll};

use http::header::{
    ACCESS_CONTROL_ALLOW_CREDENTIALS, ACCESS_CONTROL_ALLOW_HEADERS, ACCESS_CONTROL_ALLOW_METHODS,
    ACCESS_CONTROL_ALLOW_ORIGIN, ACCESS_CONTROL_EXPOSE_HEADERS, ACCESS_CONTROL_MAX_AGE,
    ACCESS_CONTROL_REQUEST_HEADERS, ACCESS_CONTROL_REQUEST_METHOD, ORIGIN, VARY,
};
use http::{HeaderMap, HeaderName, HeaderValue, Method, Request, Response, StatusCode};

use super::generated::{index_1000, index_22, ORIGINS_1000, ORIGINS_22, VALUES_1000, VALUES_22};
use super::{max_len, wildcard_matches};

const ALLOW_PRIVATE_NETWORK: HeaderName =
    HeaderName::from_static("access-control-allow-private-network");
static TRUE: HeaderValue = HeaderValue::from_static("true");
static PUT: HeaderValue = HeaderValue::from_static("PUT");
static DELETE: HeaderValue = HeaderValue::from_static("DELETE");
static ALLOWED_HEADERS: HeaderValue =
    HeaderValue::from_static("content-type,x-api-key,x-request-id");
static MAX_AGE: HeaderValue = HeaderValue::from_static("600");
static VARY_ORIGIN: HeaderValue = HeaderValue::from_static("origin");
static VARY_PREFLIGHT: HeaderValue = HeaderValue::from_static(
    "origin, access-control-request-method, access-control-request-headers",
);

/// The origin part of a policy.
pub trait HandOrigins: Clone + Send + Sync + 'static {
    /// Longer `Origin` values are refused unread.
    const MAX_LEN: usize;
    /// The `Access-Control-Allow-Origin` value for an allowed origin.
    fn allow(origin: &HeaderValue) -> Option<HeaderValue>;
}

#[derive(Clone, Copy, Debug, Default)]
pub struct Hand22;
impl HandOrigins for Hand22 {
    const MAX_LEN: usize = max_len(&ORIGINS_22);
    #[inline]
    fn allow(origin: &HeaderValue) -> Option<HeaderValue> {
        index_22(origin.as_bytes()).map(|i| VALUES_22[i].clone())
    }
}

#[derive(Clone, Copy, Debug, Default)]
pub struct Hand1000;
impl HandOrigins for Hand1000 {
    const MAX_LEN: usize = max_len(&ORIGINS_1000);
    #[inline]
    fn allow(origin: &HeaderValue) -> Option<HeaderValue> {
        index_1000(origin.as_bytes()).map(|i| VALUES_1000[i].clone())
    }
}

#[derive(Clone, Copy, Debug, Default)]
pub struct HandWildcard;
impl HandOrigins for HandWildcard {
    const MAX_LEN: usize = "https://".len() + 253;
    #[inline]
    fn allow(origin: &HeaderValue) -> Option<HeaderValue> {
        wildcard_matches(origin.as_bytes()).then(|| origin.clone())
    }
}

/// The baseline middleware around `S`.
#[derive(Clone, Copy, Debug, Default)]
pub struct HandCors<S, O> {
    inner: S,
    origins: PhantomData<O>,
}

impl<S, O> HandCors<S, O> {
    pub fn new(inner: S) -> Self {
        HandCors {
            inner,
            origins: PhantomData,
        }
    }
}

impl<S, O, B, ResBody> tower::Service<Request<B>> for HandCors<S, O>
where
    S: tower::Service<Request<B>, Response = Response<ResBody>>,
    S::Future: Unpin,
    O: HandOrigins,
    ResBody: Default + Unpin,
{
    type Response = Response<ResBody>;
    type Error = S::Error;
    type Future = HandFuture<S::Future, ResBody>;

    fn poll_ready(&mut self, cx: &mut Context<'_>) -> Poll<Result<(), S::Error>> {
        self.inner.poll_ready(cx)
    }

    fn call(&mut self, request: Request<B>) -> Self::Future {
        let headers = request.headers();
        let mut origins = headers.get_all(ORIGIN).iter();
        let Some(origin) = origins.next() else {
            return HandFuture::Inner(self.inner.call(request), None);
        };
        let allow_origin =
            if origins.next().is_none() && !origin.is_empty() && origin.len() <= O::MAX_LEN {
                O::allow(origin)
            } else {
                None
            };
        if request.method() == Method::OPTIONS {
            let mut methods = headers.get_all(ACCESS_CONTROL_REQUEST_METHOD).iter();
            if let Some(method) = methods.next() {
                let response = allow_origin
                    .and_then(|origin| preflight(headers, origin, method, methods.next()))
                    .unwrap_or_else(refused);
                return HandFuture::Ready(Some(response));
            }
        }
        HandFuture::Inner(self.inner.call(request), allow_origin)
    }
}

fn preflight<B: Default>(
    headers: &HeaderMap,
    allow_origin: HeaderValue,
    method: &HeaderValue,
    second_method: Option<&HeaderValue>,
) -> Option<Response<B>> {
    if second_method.is_some() {
        return None;
    }
    let allow_method = match method.as_bytes() {
        b"GET" | b"HEAD" | b"POST" => None,
        b"PUT" => Some(&PUT),
        b"DELETE" => Some(&DELETE),
        _ => return None,
    };
    let (mut fields, mut names, mut empties) = (0, 0, 0);
    for field in headers.get_all(ACCESS_CONTROL_REQUEST_HEADERS) {
        fields += 1;
        if fields > 8 {
            return None;
        }
        for element in field.as_bytes().split(|&b| b == b',') {
            let name = element.trim_ascii();
            if name.is_empty() {
                empties += 1;
                if empties > 16 {
                    return None;
                }
                continue;
            }
            names += 1;
            if names > 6
                || !(name.eq_ignore_ascii_case(b"content-type")
                    || name.eq_ignore_ascii_case(b"x-api-key")
                    || name.eq_ignore_ascii_case(b"x-request-id"))
            {
                return None;
            }
        }
    }
    let mut response = Response::new(B::default());
    *response.status_mut() = StatusCode::NO_CONTENT;
    let headers = response.headers_mut();
    // Room in the response's own (unallocated) map.
    headers.reserve(8);
    headers.insert(ACCESS_CONTROL_ALLOW_ORIGIN, allow_origin);
    headers.insert(ACCESS_CONTROL_ALLOW_CREDENTIALS, TRUE.clone());
    if let Some(method) = allow_method {
        headers.insert(ACCESS_CONTROL_ALLOW_METHODS, method.clone());
    }
    if fields > 0 {
        headers.insert(ACCESS_CONTROL_ALLOW_HEADERS, ALLOWED_HEADERS.clone());
    }
    headers.insert(ACCESS_CONTROL_MAX_AGE, MAX_AGE.clone());
    headers.insert(VARY, VARY_PREFLIGHT.clone());
    Some(response)
}

fn refused<B: Default>() -> Response<B> {
    let mut response = Response::new(B::default());
    *response.status_mut() = StatusCode::FORBIDDEN;
    let headers = response.headers_mut();
    headers.reserve(1);
    headers.insert(VARY, VARY_PREFLIGHT.clone());
    response
}

/// Writes the headers of an actual (or non-CORS) response.
fn apply(headers: &mut HeaderMap, allow_origin: Option<HeaderValue>) {
    match allow_origin {
        Some(origin) => {
            headers.insert(ACCESS_CONTROL_ALLOW_ORIGIN, origin);
            headers.insert(ACCESS_CONTROL_ALLOW_CREDENTIALS, TRUE.clone());
        }
        None => {
            headers.remove(ACCESS_CONTROL_ALLOW_ORIGIN);
            headers.remove(ACCESS_CONTROL_ALLOW_CREDENTIALS);
        }
    }
    headers.remove(ACCESS_CONTROL_EXPOSE_HEADERS);
    headers.remove(ACCESS_CONTROL_ALLOW_METHODS);
    headers.remove(ACCESS_CONTROL_ALLOW_HEADERS);
    headers.remove(ACCESS_CONTROL_MAX_AGE);
    headers.remove(ALLOW_PRIVATE_NETWORK);
    let has_origin = headers.get_all(VARY).iter().any(|field| {
        field.as_bytes().split(|&b| b == b',').any(|token| {
            let token = token.trim_ascii();
            token == b"*" || token.eq_ignore_ascii_case(b"origin")
        })
    });
    if !has_origin {
        headers.append(VARY, VARY_ORIGIN.clone());
    }
}

/// The baseline's future.
pub enum HandFuture<F, B> {
    Inner(F, Option<HeaderValue>),
    Ready(Option<Response<B>>),
}

impl<F, B, E> Future for HandFuture<F, B>
where
    F: Future<Output = Result<Response<B>, E>> + Unpin,
    B: Unpin,
{
    type Output = Result<Response<B>, E>;

    fn poll(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Self::Output> {
        match self.get_mut() {
            HandFuture::Inner(future, allow_origin) => match Pin::new(future).poll(cx) {
                Poll::Ready(Ok(mut response)) => {
                    apply(response.headers_mut(), allow_origin.take());
                    Poll::Ready(Ok(response))
                }
                other => other,
            },
            HandFuture::Ready(response) => match response.take() {
                Some(response) => Poll::Ready(Ok(response)),
                None => Poll::Pending,
            },
        }
    }
}
