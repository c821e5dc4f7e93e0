//! [`RequestView`], [`ResponseHeaders`] and [`HeaderValueLike`] for
//! actix-web's (http 0.2) types.

use actix_web::http::header::{self, HeaderMap, HeaderName, HeaderValue};
use actix_web::http::Method;

use crate::headers::{CorsHeader, HeaderValueLike, Present, RequestView, ResponseHeaders};
use crate::value::ConstValue;

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

impl HeaderValueLike for HeaderValue {
    #[inline]
    fn from_const(value: &ConstValue) -> Self {
        value.actix().clone()
    }

    #[inline]
    fn as_bytes(&self) -> &[u8] {
        HeaderValue::as_bytes(self)
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

impl ResponseHeaders for HeaderMap {
    type Value = HeaderValue;

    #[inline]
    fn set(&mut self, name: CorsHeader, value: HeaderValue) {
        self.insert(actix_name(name), value);
    }

    #[inline]
    fn append(&mut self, name: CorsHeader, value: HeaderValue) {
        HeaderMap::append(self, actix_name(name), value);
    }

    #[inline]
    fn remove(&mut self, name: CorsHeader) {
        HeaderMap::remove(self, actix_name(name));
    }

    fn values(&self, name: CorsHeader) -> impl Iterator<Item = &[u8]> {
        self.get_all(actix_name(name)).map(HeaderValue::as_bytes)
    }

    fn present(&self) -> Present {
        self.keys()
            .filter_map(|name| Present::response_header(name.as_str()))
            .fold(Present::NONE, Present::with)
    }
}
