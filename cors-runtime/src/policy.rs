//! The `Policy` trait: what a compiled (or interpreted) policy answers.
//!
//! A policy only *matches*; every CORS rule (classification, order of checks,
//! which header goes on which response, `Vary`) lives once, in
//! [`crate::decide`], and is shared by every engine.

use crate::value::ConstValue;

/// A CORS policy. `cors_policy!` generates one unit struct per `policy` item
/// implementing this trait with specialised `match` arms; the run-time engine
/// implements it over data.
///
/// The methods are only called by the decision core, with inputs it has
/// already checked as documented on each method.
pub trait Policy: Clone + Send + Sync + 'static {
    /// Everything about the policy that does not depend on the request.
    fn config(&self) -> &PolicyConfig;

    /// Matches a request `Origin`. Only called when `config().origins` is
    /// [`OriginRule::Listed`], with the exact request bytes: exactly one
    /// field, non-empty, at most `max_len` bytes. The comparison is
    /// byte-exact (no lowercasing, no trimming).
    fn match_origin(&self, origin: &[u8]) -> OriginMatch<'_>;

    /// Whether a non-safelisted method (the exact `Access-Control-Request-Method`
    /// bytes, a valid token, not `GET`/`HEAD`/`POST`) is allowed. Case-sensitive.
    /// Only called when `config().methods` is [`MethodRule::Listed`].
    fn allows_method(&self, method: &[u8]) -> bool;

    /// Whether a request header name is allowed. `name` is a lowercase token
    /// of at most [`RequestHeaderRule::Listed::max_name_len`] bytes. Only called when
    /// `config().request_headers` is [`RequestHeaderRule::Listed`].
    fn allows_request_header(&self, name: &[u8]) -> bool;
}

/// The answer of [`Policy::match_origin`].
#[derive(Clone, Copy, Debug)]
pub enum OriginMatch<'p> {
    /// Not allowed.
    Refused,
    /// Allowed by an exact entry: send this constant (equal to the request bytes).
    Constant(&'p ConstValue),
    /// Allowed by a wildcard pattern: echo the request's own value.
    Echo,
}

/// The request-independent part of a policy.
#[derive(Clone, Debug)]
pub struct PolicyConfig {
    /// Which origins are allowed.
    pub origins: OriginRule,
    /// `credentials: true`.
    pub credentials: bool,
    /// Which non-safelisted methods are allowed.
    pub methods: MethodRule,
    /// Which request headers are allowed.
    pub request_headers: RequestHeaderRule,
    /// `Access-Control-Expose-Headers` for actual responses, when set.
    pub expose_headers: Option<ConstValue>,
    /// `Access-Control-Max-Age` for successful preflights, when set (seconds;
    /// `0` means "do not cache"). Browsers cap it: Firefox at 86400 s (the
    /// build-time limit), Chromium at 7200 s, WebKit at 600 s.
    pub max_age: Option<ConstValue>,
    /// `private-network: true`.
    pub private_network: bool,
    /// The status of a successful preflight answered by the middleware.
    pub preflight_status: PreflightStatus,
    /// Whether successful preflights are answered or forwarded.
    pub preflight: PreflightMode,
}

/// Which origins a policy allows.
#[derive(Clone, Copy, Debug)]
pub enum OriginRule {
    /// `origins: *`.
    Any,
    /// A list: [`Policy::match_origin`] decides.
    Listed {
        /// The longest origin any entry or pattern could match; longer
        /// request values are refused before any matching. Patterns with a
        /// subdomain wildcard allow hosts up to 253 bytes.
        max_len: usize,
    },
}

/// Which non-safelisted methods a policy allows.
#[derive(Clone, Copy, Debug)]
pub enum MethodRule {
    /// `methods: *`.
    Any,
    /// A list: [`Policy::allows_method`] decides.
    Listed,
}

/// Which request headers a policy allows.
#[derive(Clone, Debug)]
pub enum RequestHeaderRule {
    /// `request-headers: *` (never covers `authorization` unless listed).
    Any {
        /// `request-headers: *, authorization`.
        authorization: bool,
    },
    /// A list (possibly empty): [`Policy::allows_request_header`] decides.
    Listed {
        /// How many names are listed (bounds the `Access-Control-Request-Headers` scan).
        count: usize,
        /// The longest listed name, in bytes (names longer than this are refused unscanned).
        max_name_len: usize,
        /// The listed names joined by `,`, sent as `Access-Control-Allow-Headers`;
        /// `None` for an empty list.
        value: Option<ConstValue>,
    },
}

/// The status of a successful preflight.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum PreflightStatus {
    /// `200 OK`.
    Ok,
    /// `204 No Content` (the default).
    #[default]
    NoContent,
}

/// What happens to a successful preflight.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum PreflightMode {
    /// The middleware answers it (the default).
    #[default]
    Respond,
    /// The middleware writes the headers and passes it on to the application.
    Forward,
}
