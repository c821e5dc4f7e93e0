//! The traits of [`view`](super::view) for `http` 1.x types (tower, axum,
//! hyper, tonic, poem, salvo).

use super::{CorsHeader, HeaderValueLike, Present, RequestView, ResponseHeaders};
use crate::value::ConstValue;

impl HeaderValueLike for http::HeaderValue {
    #[inline]
    fn from_const(value: &ConstValue) -> Self {
        value.http().clone()
    }

    #[inline]
    fn as_bytes(&self) -> &[u8] {
        http::HeaderValue::as_bytes(self)
    }
}

/// An `http` 1.x request's method and headers, as a [`RequestView`].
#[derive(Clone, Copy, Debug)]
pub struct HttpRequestView<'r> {
    method: &'r http::Method,
    headers: &'r http::HeaderMap,
}

impl<'r> HttpRequestView<'r> {
    /// Views a request's parts.
    pub fn new(method: &'r http::Method, headers: &'r http::HeaderMap) -> Self {
        HttpRequestView { method, headers }
    }
}

impl<'r> RequestView<'r> for HttpRequestView<'r> {
    type Value = http::HeaderValue;
    type Values = http::header::ValueIter<'r, http::HeaderValue>;

    #[inline]
    fn method(&self) -> &'r [u8] {
        self.method.as_str().as_bytes()
    }

    #[inline]
    fn values(&self, name: CorsHeader) -> Self::Values {
        self.headers.get_all(name.http()).iter()
    }
}

impl ResponseHeaders for http::HeaderMap {
    type Value = http::HeaderValue;

    #[inline]
    fn set(&mut self, name: CorsHeader, value: http::HeaderValue) {
        self.insert(name.http(), value);
    }

    #[inline]
    fn append(&mut self, name: CorsHeader, value: http::HeaderValue) {
        http::HeaderMap::append(self, name.http(), value);
    }

    #[inline]
    fn remove(&mut self, name: CorsHeader) {
        http::HeaderMap::remove(self, name.http());
    }

    fn values(&self, name: CorsHeader) -> impl Iterator<Item = &[u8]> {
        self.get_all(name.http())
            .into_iter()
            .map(http::HeaderValue::as_bytes)
    }

    fn present(&self) -> Present {
        self.keys()
            .filter_map(|name| Present::response_header(name.as_str()))
            .fold(Present::NONE, Present::with)
    }
}
