//! [`RequestView`] and [`ResponseHeaders`] over actix-web's request and
//! response headers (the core implements `HeaderValueLike` for their http 0.2
//! values, feature `http02`).

use actix_web::http::header::{HeaderMap, HeaderValue};
use actix_web::http::Method;

use crate::{CorsHeader, Present, RequestView, ResponseHeaders};

/// An actix-web request's method and headers, as a [`RequestView`].
///
/// ```
/// use actix_web::test::TestRequest;
/// use cors_runtime::actix::ActixRequestView;
/// use cors_runtime::{CorsHeader, RequestView};
/// let request = TestRequest::get().insert_header(("origin", "https://a.example")).to_http_request();
/// let view = ActixRequestView::new(request.method(), request.headers());
/// assert_eq!(view.values(CorsHeader::Origin).count(), 1);
/// ```
#[derive(Clone, Copy, Debug)]
pub struct ActixRequestView<'r> {
    method: &'r Method,
    headers: &'r HeaderMap,
}

impl<'r> ActixRequestView<'r> {
    /// Views a request's parts.
    pub fn new(method: &'r Method, headers: &'r HeaderMap) -> Self {
        ActixRequestView { method, headers }
    }
}

impl<'r> RequestView<'r> for ActixRequestView<'r> {
    type Value = HeaderValue;
    type Values = std::slice::Iter<'r, HeaderValue>;

    #[inline]
    fn method(&self) -> &'r [u8] {
        self.method.as_str().as_bytes()
    }

    #[inline]
    fn values(&self, name: CorsHeader) -> Self::Values {
        self.headers.get_all(name.http02())
    }
}

/// An actix-web response's headers, as [`ResponseHeaders`].
///
/// ```
/// use cors_runtime::actix::ActixResponseHeaders;
/// use cors_runtime::{CorsHeader, ResponseHeaders};
/// let mut map = actix_web::http::header::HeaderMap::new();
/// let mut headers = ActixResponseHeaders::new(&mut map);
/// headers.set(CorsHeader::AllowOrigin, "*".parse().unwrap());
/// assert_eq!(map.get("access-control-allow-origin").unwrap(), "*");
/// ```
#[derive(Debug)]
pub struct ActixResponseHeaders<'a>(&'a mut HeaderMap);

impl<'a> ActixResponseHeaders<'a> {
    /// Views a response's header map.
    pub fn new(headers: &'a mut HeaderMap) -> Self {
        ActixResponseHeaders(headers)
    }
}

impl ResponseHeaders for ActixResponseHeaders<'_> {
    type Value = HeaderValue;

    #[inline]
    fn set(&mut self, name: CorsHeader, value: HeaderValue) {
        self.0.insert(name.http02(), value);
    }

    #[inline]
    fn append(&mut self, name: CorsHeader, value: HeaderValue) {
        self.0.append(name.http02(), value);
    }

    #[inline]
    fn remove(&mut self, name: CorsHeader) {
        self.0.remove(name.http02());
    }

    fn values(&self, name: CorsHeader) -> impl Iterator<Item = &[u8]> {
        self.0.get_all(name.http02()).map(HeaderValue::as_bytes)
    }

    fn present(&self) -> Present {
        self.0
            .keys()
            .filter_map(|name| Present::response_header(name.as_str()))
            .fold(Present::NONE, Present::with)
    }
}
