//! Header values fixed when the policy is built.

use std::fmt;
use std::sync::Arc;

/// A header value known when the policy is built (at compile time for
/// `cors_policy!`, when the text is parsed for a run-time policy), ready to be
/// cloned into any supported framework's response without validation or
/// allocation.
///
/// ```
/// use cors_core::ConstValue;
/// static ORIGIN: ConstValue = ConstValue::from_static("https://app.example.com");
/// assert_eq!(ORIGIN.as_str(), "https://app.example.com");
///
/// let owned = ConstValue::from_string("https://app.example.com".to_owned()).unwrap();
/// assert_eq!(owned.http(), ORIGIN.http());
/// ```
#[derive(Clone)]
pub struct ConstValue {
    text: Text,
    http: http::HeaderValue,
    #[cfg(feature = "http02")]
    http02: http02::HeaderValue,
}

/// The shared text as the owner of a [`bytes::Bytes`].
struct SharedText(Arc<str>);

impl AsRef<[u8]> for SharedText {
    fn as_ref(&self) -> &[u8] {
        self.0.as_bytes()
    }
}

/// Where the text of a [`ConstValue`] lives.
#[derive(Clone)]
enum Text {
    Static(&'static str),
    Shared(Arc<str>),
}

impl fmt::Debug for ConstValue {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_tuple("ConstValue").field(&self.as_str()).finish()
    }
}

/// The text given to [`ConstValue::from_string`] is not a valid header value
/// (it holds a control character such as a line break).
///
/// ```
/// assert!(cors_core::ConstValue::from_string("a\nb".to_owned()).is_err());
/// ```
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct InvalidValue;

impl fmt::Display for InvalidValue {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("not a valid header value")
    }
}

impl std::error::Error for InvalidValue {}

impl ConstValue {
    /// Builds the value in a `const`/`static` context.
    ///
    /// Fails to compile (const evaluation panics) if `text` is not a valid
    /// header value; `cors_policy!` only emits validated text.
    ///
    /// ```
    /// static STAR: cors_core::ConstValue = cors_core::ConstValue::from_static("*");
    /// assert_eq!(STAR.http(), "*");
    /// ```
    pub const fn from_static(text: &'static str) -> Self {
        ConstValue {
            text: Text::Static(text),
            http: http::HeaderValue::from_static(text),
            #[cfg(feature = "http02")]
            http02: http02::HeaderValue::from_static(text),
        }
    }

    /// Builds the value from text known at run time (the run-time policy
    /// engine uses it for origins and header lists parsed from policy text).
    ///
    /// Building allocates; afterwards the framework header values share one
    /// reference-counted buffer ([`bytes::Bytes::from_owner`]), so cloning
    /// them — what the middleware does for every response that carries the
    /// value — is a reference-count increment, never an allocation.
    ///
    /// # Errors
    ///
    /// [`InvalidValue`] if `text` is not a valid header value (control
    /// characters other than tab).
    ///
    /// ```
    /// use cors_core::ConstValue;
    /// let value = ConstValue::from_string(String::from("content-type,x-api-key"))?;
    /// assert_eq!(value.as_str(), "content-type,x-api-key");
    /// assert_eq!(value.http(), "content-type,x-api-key");
    /// # Ok::<(), cors_core::InvalidValue>(())
    /// ```
    pub fn from_string(text: String) -> Result<Self, InvalidValue> {
        ConstValue::from_str_ref(&text)
    }

    /// [`ConstValue::from_string`] from borrowed text: one copy, into the
    /// buffer the text and the framework header values share.
    pub(crate) fn from_str_ref(text: &str) -> Result<Self, InvalidValue> {
        let shared: Arc<str> = Arc::from(text);
        let bytes = bytes::Bytes::from_owner(SharedText(shared.clone()));
        let http = http::HeaderValue::from_maybe_shared(bytes.clone()).map_err(|_| InvalidValue)?;
        #[cfg(feature = "http02")]
        let http02 = http02::HeaderValue::from_maybe_shared(bytes).map_err(|_| InvalidValue)?;
        Ok(ConstValue {
            text: Text::Shared(shared),
            http,
            #[cfg(feature = "http02")]
            http02,
        })
    }

    /// The value as text.
    ///
    /// ```
    /// assert_eq!(cors_core::ConstValue::from_static("600").as_str(), "600");
    /// ```
    #[inline]
    pub fn as_str(&self) -> &str {
        match &self.text {
            Text::Static(text) => text,
            Text::Shared(text) => text,
        }
    }

    /// The value as an `http` 1.x header value (tower, axum, hyper, tonic).
    ///
    /// ```
    /// assert_eq!(cors_core::ConstValue::from_static("true").http(), "true");
    /// ```
    #[inline]
    pub fn http(&self) -> &http::HeaderValue {
        &self.http
    }

    /// The value as an `http` 0.2 header value (actix-web 4), with the
    /// feature `http02`.
    #[cfg(feature = "http02")]
    #[inline]
    pub fn http02(&self) -> &http02::HeaderValue {
        &self.http02
    }
}
