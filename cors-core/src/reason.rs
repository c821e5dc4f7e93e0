//! Why a CORS request was refused: one vocabulary for the decision core,
//! `cors explain`, policy tests and tracing.

use std::fmt;

/// Why a request was refused (PROTOCOL §3, §8). The words of
/// [`Refusal::as_str`] are the ones `cors explain`, policy tests and the
/// tracing events print.
///
/// ```
/// use cors_core::Refusal;
/// assert_eq!(Refusal::RequestHeaders.as_str(), "request-headers");
/// assert_eq!(Refusal::ALL.len(), 4);
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum Refusal {
    /// The `Origin` is not allowed (or is malformed, repeated, too long).
    Origin,
    /// The preflight's requested method is not allowed.
    Method,
    /// A requested header name is not allowed.
    RequestHeaders,
    /// `Access-Control-Request-Method` is not one token of at most 64 bytes,
    /// or `Access-Control-Request-Headers` cannot be parsed or exceeds the
    /// scanner's bounds.
    Malformed,
}

impl Refusal {
    /// Every reason, in the order the checks run.
    pub const ALL: [Refusal; 4] = [
        Refusal::Origin,
        Refusal::Method,
        Refusal::RequestHeaders,
        Refusal::Malformed,
    ];

    /// The reason's word: `origin`, `method`, `request-headers`, `malformed`.
    pub const fn as_str(self) -> &'static str {
        self.describe().0
    }

    /// A one-line explanation of the reason.
    ///
    /// ```
    /// assert!(cors_core::Refusal::Origin.summary().contains("origin"));
    /// ```
    pub const fn summary(self) -> &'static str {
        self.describe().1
    }

    /// The word and summary of each reason, in one table.
    const fn describe(self) -> (&'static str, &'static str) {
        match self {
            Refusal::Origin => ("origin", "the origin is not allowed by the policy"),
            Refusal::Method => ("method", "the requested method is not allowed"),
            Refusal::RequestHeaders => {
                ("request-headers", "a requested header name is not allowed")
            }
            Refusal::Malformed => (
                "malformed",
                "Access-Control-Request-Method or -Headers is malformed or exceeds the bounds",
            ),
        }
    }

    /// The reason with this word, if any.
    ///
    /// ```
    /// use cors_core::Refusal;
    /// assert_eq!(Refusal::from_word("method"), Some(Refusal::Method));
    /// assert_eq!(Refusal::from_word("Method"), None);
    /// ```
    pub fn from_word(word: &str) -> Option<Refusal> {
        Refusal::ALL.into_iter().find(|r| r.as_str() == word)
    }
}

impl fmt::Display for Refusal {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}
