//! The traits a framework implements over its own request and response
//! types to use the decision core.

use super::{CorsHeader, Present};
use crate::value::ConstValue;

/// A framework's header value type.
///
/// `Clone` must not allocate for values built by [`HeaderValueLike::from_const`]
/// (static bytes) and should be cheap for request values (a reference-count
/// bump for hyper's shared buffers).
pub trait HeaderValueLike: Clone {
    /// The framework's copy of a build-time constant.
    fn from_const(value: &ConstValue) -> Self;
    /// The raw bytes.
    fn as_bytes(&self) -> &[u8];
}

/// Read access to the parts of a request that CORS looks at, borrowed for `'r`.
///
/// ```
/// use cors_core::{CorsHeader, HttpRequestView, RequestView};
/// let mut headers = http::HeaderMap::new();
/// headers.insert("origin", http::HeaderValue::from_static("https://a.example"));
/// let view = HttpRequestView::new(&http::Method::GET, &headers);
/// assert_eq!(view.method(), b"GET");
/// assert_eq!(view.values(CorsHeader::Origin).count(), 1);
/// ```
pub trait RequestView<'r> {
    /// The framework's header value type.
    type Value: HeaderValueLike + 'r;
    /// An iterator over every field of one header, in order.
    type Values: Iterator<Item = &'r Self::Value>;
    /// The request method, as sent.
    fn method(&self) -> &'r [u8];
    /// Every field of the request header `name`.
    fn values(&self, name: CorsHeader) -> Self::Values;
}

/// Write access to a response's headers.
///
/// ```
/// use cors_core::{CorsHeader, ResponseHeaders};
/// let mut headers = http::HeaderMap::new();
/// ResponseHeaders::append(&mut headers, CorsHeader::Vary, http::HeaderValue::from_static("origin"));
/// assert_eq!(ResponseHeaders::values(&headers, CorsHeader::Vary).count(), 1);
/// ```
pub trait ResponseHeaders {
    /// The framework's header value type.
    type Value: HeaderValueLike;
    /// Replaces every field of `name` with one field holding `value`.
    fn set(&mut self, name: CorsHeader, value: Self::Value);
    /// Adds one field, keeping the existing ones.
    fn append(&mut self, name: CorsHeader, value: Self::Value);
    /// Removes every field of `name`.
    fn remove(&mut self, name: CorsHeader);
    /// The bytes of every field of `name`.
    fn values(&self, name: CorsHeader) -> impl Iterator<Item = &[u8]>;
    /// Which CORS response headers and `Vary` the response holds; the
    /// default, [`Present::ALL`], is always correct, a precise answer saves
    /// the removal of absent fields.
    fn present(&self) -> Present {
        Present::ALL
    }
}
