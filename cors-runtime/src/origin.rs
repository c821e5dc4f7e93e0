//! Wildcard origin patterns, matched against request `Origin` bytes.
//!
//! Exact origins are matched by the policy itself (`match` arms in generated
//! code); patterns with `*.` or `:*` go through [`WildcardPattern::matches`],
//! shared by the compiled and the interpreted engines.

/// An origin pattern with a subdomain wildcard and/or a port wildcard, in
/// canonical form (built from `cors_dsl::model::OriginPattern`).
///
/// ```
/// use cors_runtime::origin::{WildcardHost, WildcardPattern, WildcardPort};
/// static P: WildcardPattern<'static> = WildcardPattern {
///     scheme: "https",
///     host: WildcardHost::Subdomains("example.com"),
///     port: WildcardPort::Default,
/// };
/// assert!(P.matches(b"https://a.example.com"));
/// assert!(!P.matches(b"https://example.com"));
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct WildcardPattern<'a> {
    /// Lowercase scheme, without `://`.
    pub scheme: &'a str,
    /// The host part.
    pub host: WildcardHost<'a>,
    /// The port part.
    pub port: WildcardPort<'a>,
}

/// The host part of a [`WildcardPattern`].
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum WildcardHost<'a> {
    /// Exactly this ASCII host (punycode domain, dotted IPv4, bracketed IPv6).
    Exact(&'a str),
    /// One or more whole labels in front of this suffix (stored without the leading dot).
    Subdomains(&'a str),
}

/// The port part of a [`WildcardPattern`].
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum WildcardPort<'a> {
    /// No port in the serialization (the scheme's default).
    Default,
    /// Exactly this explicit port, as canonical decimal digits.
    Exact(&'a str),
    /// Any port, explicit or default.
    Any,
}
