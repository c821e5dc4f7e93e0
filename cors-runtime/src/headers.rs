//! The small traits that make the decision core framework-neutral, and their
//! implementations for `http` 1.x types.
//!
//! A framework is wired in by implementing three traits over its own types:
//! [`HeaderValueLike`] (its header value type), [`RequestView`] (read the
//! method and the CORS request headers) and [`ResponseHeaders`] (set, append
//! and remove response headers). All three are implemented here for `http`
//! 1.x (tower, axum, hyper, tonic), and behind the `actix` feature for
//! actix-web.

use crate::value::ConstValue;

// Built at compile time: `HeaderName::from_static` at run time would parse
// the name on every call.
const REQUEST_PRIVATE_NETWORK: http::HeaderName =
    http::HeaderName::from_static(CorsHeader::RequestPrivateNetwork.as_str());
const ALLOW_PRIVATE_NETWORK: http::HeaderName =
    http::HeaderName::from_static(CorsHeader::AllowPrivateNetwork.as_str());

/// The header names the CORS protocol reads or writes.
///
/// ```
/// use cors_runtime::CorsHeader;
/// assert_eq!(CorsHeader::AllowOrigin.as_str(), "access-control-allow-origin");
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum CorsHeader {
    /// `Origin` (request).
    Origin,
    /// `Access-Control-Request-Method` (preflight request).
    RequestMethod,
    /// `Access-Control-Request-Headers` (preflight request).
    RequestHeaders,
    /// `Access-Control-Request-Private-Network` (preflight request).
    RequestPrivateNetwork,
    /// `Access-Control-Allow-Origin`.
    AllowOrigin,
    /// `Access-Control-Allow-Credentials`.
    AllowCredentials,
    /// `Access-Control-Allow-Methods` (preflight response).
    AllowMethods,
    /// `Access-Control-Allow-Headers` (preflight response).
    AllowHeaders,
    /// `Access-Control-Max-Age` (preflight response).
    MaxAge,
    /// `Access-Control-Allow-Private-Network` (preflight response).
    AllowPrivateNetwork,
    /// `Access-Control-Expose-Headers` (actual response).
    ExposeHeaders,
    /// `Vary`.
    Vary,
}

impl CorsHeader {
    /// Every `Access-Control-*` response header, in the order they are written.
    pub const RESPONSE: [CorsHeader; 7] = [
        CorsHeader::AllowOrigin,
        CorsHeader::AllowCredentials,
        CorsHeader::AllowMethods,
        CorsHeader::AllowHeaders,
        CorsHeader::MaxAge,
        CorsHeader::AllowPrivateNetwork,
        CorsHeader::ExposeHeaders,
    ];

    /// The lowercase header name.
    pub const fn as_str(self) -> &'static str {
        match self {
            CorsHeader::Origin => "origin",
            CorsHeader::RequestMethod => "access-control-request-method",
            CorsHeader::RequestHeaders => "access-control-request-headers",
            CorsHeader::RequestPrivateNetwork => "access-control-request-private-network",
            CorsHeader::AllowOrigin => "access-control-allow-origin",
            CorsHeader::AllowCredentials => "access-control-allow-credentials",
            CorsHeader::AllowMethods => "access-control-allow-methods",
            CorsHeader::AllowHeaders => "access-control-allow-headers",
            CorsHeader::MaxAge => "access-control-max-age",
            CorsHeader::AllowPrivateNetwork => "access-control-allow-private-network",
            CorsHeader::ExposeHeaders => "access-control-expose-headers",
            CorsHeader::Vary => "vary",
        }
    }

    /// The `http` 1.x header name (no allocation: standard or static names).
    pub fn http(self) -> http::HeaderName {
        use http::header;
        match self {
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
}

/// Which [`CorsHeader`]s a response already holds: one bit each.
///
/// [`Decision::apply`](crate::Decision::apply) removes, and scans `Vary`, only
/// where a bit is set, so a response without CORS headers (the common case)
/// costs inserts only.
///
/// ```
/// use cors_runtime::{CorsHeader, Present};
/// let present = Present::NONE.with(CorsHeader::Vary);
/// assert!(present.has(CorsHeader::Vary));
/// assert!(!present.has(CorsHeader::AllowOrigin));
/// assert!(Present::ALL.has(CorsHeader::MaxAge));
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Present(u16);

impl Present {
    /// Nothing present.
    pub const NONE: Present = Present(0);
    /// Everything may be present (always a correct answer).
    pub const ALL: Present = Present(u16::MAX);

    /// This set with `name` added.
    #[must_use]
    pub const fn with(self, name: CorsHeader) -> Present {
        Present(self.0 | 1 << name as u16)
    }

    /// Whether `name` is in the set.
    pub const fn has(self, name: CorsHeader) -> bool {
        self.0 & (1 << name as u16) != 0
    }

    /// The [`CorsHeader`] (response header or `Vary`) named `name`, if any;
    /// `name` is lowercase, as header maps store names.
    pub fn response_header(name: &str) -> Option<CorsHeader> {
        if name == "vary" {
            return Some(CorsHeader::Vary);
        }
        if !name.starts_with("access-control-") {
            return None;
        }
        CorsHeader::RESPONSE
            .into_iter()
            .find(|header| header.as_str() == name)
    }
}

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

/// Read access to the parts of a request that CORS looks at, borrowed for `'r`.
///
/// ```
/// use cors_runtime::{CorsHeader, HttpRequestView, RequestView};
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
/// use cors_runtime::{CorsHeader, ResponseHeaders};
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
