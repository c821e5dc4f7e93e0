//! [`RequestView`] and [`ResponseHeaders`] over actix-web's request and
//! response headers (the core implements `HeaderValueLike` for their http 0.2
//! values, feature `http02`).

use actix_web::http::header::{self, HeaderMap, HeaderName, HeaderValue};
use actix_web::http::Method;

use crate::{CorsHeader, Present, RequestView, ResponseHeaders};

const REQUEST_PRIVATE_NETWORK: HeaderName =
    HeaderName::from_static("access-control-request-private-network");
const ALLOW_PRIVATE_NETWORK: HeaderName =
    HeaderName::from_static("access-control-allow-private-network");

/// The actix-web header name for `name` (no allocation).
fn actix_name(name: CorsHeader) -> HeaderName {
    match name {
        CorsHeader::Origin => header::ORIGIN,
        CorsHeader::RequestMethod => header::ACCESS_CONTROL_REQUEST_METHOD,
        CorsHeader::RequestHeaders => header::ACCESS_CONTROL_REQUEST_HEADERS,
        CorsHeader::RequestPrivateNetwork => REQUEST_PRIVATE_NETWORK,
        CorsHeader::Upgrade => header::UPGRADE,
        CorsHeader::AllowOrigin => header::ACCESS_CONTROL_ALLOW_ORIGIN,
        CorsHeader::AllowCredentials => header::ACCESS_CONTROL_ALLOW_CREDENTIALS,
        CorsHeader::AllowMethods => header::ACCESS_CONTROL_ALLOW_METHODS,
        CorsHeader::AllowHeaders => header::ACCESS_CONTROL_ALLOW_HEADERS,
        CorsHeader::MaxAge => header::ACCESS_CONTROL_MAX_AGE,
        CorsHeader::AllowPrivateNetwork => ALLOW_PRIVATE_NETWORK,
        CorsHeader::ExposeHeaders => header::ACCESS_CONTROL_EXPOSE_HEADERS,
        CorsHeader::Vary => header::VARY,
    }
}

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
        self.headers.get_all(actix_name(name))
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
        self.0.insert(actix_name(name), value);
    }

    #[inline]
    fn append(&mut self, name: CorsHeader, value: HeaderValue) {
        self.0.append(actix_name(name), value);
    }

    #[inline]
    fn remove(&mut self, name: CorsHeader) {
        self.0.remove(actix_name(name));
    }

    fn values(&self, name: CorsHeader) -> impl Iterator<Item = &[u8]> {
        self.0.get_all(actix_name(name)).map(HeaderValue::as_bytes)
    }

    fn present(&self) -> Present {
        self.0
            .keys()
            .filter_map(|name| Present::response_header(name.as_str()))
            .fold(Present::NONE, Present::with)
    }
}
