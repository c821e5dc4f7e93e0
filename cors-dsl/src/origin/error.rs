//! [`OriginError`]: why an origin string was rejected, with its [`Code`].

use std::fmt;

use crate::codes::Code;

/// Why an origin string was rejected.
///
/// ```
/// let error = cors_dsl::origin::parse_origin("https://a.example/").unwrap_err();
/// assert_eq!(error.code, "origin-trailing-slash");
/// assert_eq!(error.hint, "remove the trailing \"/\"");
/// ```
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct OriginError {
    /// A stable slug naming the rule, e.g. `origin-trailing-slash`: the text
    /// of a [`Code`] ([`OriginError::kind`] gives the code itself).
    pub code: &'static str,
    /// What is wrong, naming the origin as written.
    pub message: String,
    /// How to fix it.
    pub hint: String,
}

impl OriginError {
    /// The [`Code`] whose text is [`code`](OriginError::code) (`None` only if
    /// that public field was set to a text no code has).
    ///
    /// ```
    /// use cors_dsl::codes::Code;
    /// let error = cors_dsl::origin::parse_origin("https://a.example:443").unwrap_err();
    /// assert_eq!(error.kind(), Some(Code::OriginDefaultPort));
    /// ```
    pub fn kind(&self) -> Option<Code> {
        Code::from_text(self.code)
    }
}

impl fmt::Display for OriginError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} [{}] (hint: {})", self.message, self.code, self.hint)
    }
}

impl std::error::Error for OriginError {}

/// Builds an [`OriginError`].
pub(super) fn error(
    code: Code,
    message: impl Into<String>,
    hint: impl Into<String>,
) -> OriginError {
    OriginError {
        code: code.as_str(),
        message: message.into(),
        hint: hint.into(),
    }
}

/// Quotes user text for a message, escaping control characters.
pub(super) fn quote(text: &str) -> String {
    Quoted(text).to_string()
}

/// User text, quoted and escaped when displayed (see [`quote`]): formatted
/// only if a message is actually written.
#[derive(Clone, Copy)]
pub(super) struct Quoted<'a>(pub(super) &'a str);

impl std::fmt::Display for Quoted<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "\"{}\"", self.0.escape_debug())
    }
}
