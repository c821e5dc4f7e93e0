//! Header values fixed when the policy is built.

/// A header value known when the policy is built (at compile time for
/// `cors_policy!`), ready to be cloned into any supported framework's response
/// without validation or allocation.
///
/// ```
/// use cors_runtime::ConstValue;
/// static ORIGIN: ConstValue = ConstValue::from_static("https://app.example.com");
/// assert_eq!(ORIGIN.as_str(), "https://app.example.com");
/// ```
#[derive(Clone, Debug)]
pub struct ConstValue {
    text: &'static str,
    http: http::HeaderValue,
    #[cfg(feature = "actix")]
    actix: actix_web::http::header::HeaderValue,
}

impl ConstValue {
    /// Builds the value in a `const`/`static` context.
    ///
    /// Fails to compile (const evaluation panics) if `text` is not a valid
    /// header value; `cors_policy!` only emits validated text.
    pub const fn from_static(text: &'static str) -> Self {
        ConstValue {
            text,
            http: http::HeaderValue::from_static(text),
            #[cfg(feature = "actix")]
            actix: actix_web::http::header::HeaderValue::from_static(text),
        }
    }

    /// The value as text.
    pub const fn as_str(&self) -> &'static str {
        self.text
    }

    /// The value as an `http` 1.x header value (tower, axum, hyper, tonic).
    pub fn http(&self) -> &http::HeaderValue {
        &self.http
    }

    /// The value as an actix-web header value.
    #[cfg(feature = "actix")]
    pub fn actix(&self) -> &actix_web::http::header::HeaderValue {
        &self.actix
    }
}
