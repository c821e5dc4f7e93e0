//! The `Policy` trait: what a compiled (or interpreted) policy answers, and
//! [`PolicyConfig`], its request-independent part.
//!
//! A policy only *matches*; every CORS rule (classification, order of checks,
//! which header goes on which response, `Vary`) lives once, in
//! [`crate::decide`], and is shared by every engine.

use std::fmt;

use crate::plan::{
    MethodsPlan, OriginsPlan, Plan, PreflightMode, PreflightStatus, RequestHeadersPlan,
    WebSocketMode,
};
use crate::value::ConstValue;

/// A CORS policy. `cors_policy!` generates one unit struct per `policy` item
/// implementing this trait with specialised `match` arms; the interpreter
/// ([`Interpreted`](crate::Interpreted)) implements it over a plan.
///
/// The methods are only called by the decision core, with inputs it has
/// already checked as documented on each method.
pub trait Policy: Clone + Send + Sync + 'static {
    /// The policy's name: the identifier written after `policy` (for a
    /// run-time policy, the name it was picked by).
    fn name(&self) -> &str;

    /// Everything about the policy that does not depend on the request.
    fn config(&self) -> &PolicyConfig;

    /// Matches a request `Origin`. Only called when `config().origins()` is
    /// [`OriginRule::Listed`], with the exact request bytes: exactly one
    /// field, non-empty, at most `max_len` bytes. The comparison is
    /// byte-exact (no lowercasing, no trimming).
    fn match_origin(&self, origin: &[u8]) -> OriginMatch<'_>;

    /// Whether a non-safelisted method (the exact `Access-Control-Request-Method`
    /// bytes, a valid token, not `GET`/`HEAD`/`POST`) is allowed. Case-sensitive.
    /// Only called when `config().methods()` is [`MethodRule::Listed`].
    fn allows_method(&self, method: &[u8]) -> bool;

    /// Whether a request header name is allowed. `name` is a lowercase token
    /// of at most [`RequestHeaderRule::Listed::max_name_len`] bytes. Only called when
    /// `config().request_headers()` is [`RequestHeaderRule::Listed`].
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

/// The request-independent part of a policy, built from a
/// [`Plan`](crate::plan::Plan): by [`PolicyConfig::from_plan`] at run time,
/// or as a `static` in the code `cors_policy!` generates. Its fields are
/// read through methods; it cannot be assembled field by field, so it
/// always holds what a validated policy allows (never `*` with credentials).
#[derive(Clone, Debug)]
pub struct PolicyConfig {
    origins: OriginRule,
    credentials: bool,
    methods: MethodRule,
    request_headers: RequestHeaderRule,
    expose_headers: Option<ConstValue>,
    max_age: Option<ConstValue>,
    private_network: bool,
    preflight_status: PreflightStatus,
    preflight: PreflightMode,
    websocket: WebSocketMode,
}

impl PolicyConfig {
    /// Assembles a config in a `const` context: for the code
    /// `cors_policy!` generates from a plan only (reached through
    /// `cors_runtime::__private`). Const evaluation fails on `*` with
    /// credentials.
    #[doc(hidden)]
    #[allow(clippy::too_many_arguments)]
    pub const fn __from_plan_parts(
        origins: OriginRule,
        credentials: bool,
        methods: MethodRule,
        request_headers: RequestHeaderRule,
        expose_headers: Option<ConstValue>,
        max_age: Option<ConstValue>,
        private_network: bool,
        preflight_status: PreflightStatus,
        preflight: PreflightMode,
        websocket: WebSocketMode,
    ) -> PolicyConfig {
        assert!(
            !(credentials && matches!(origins, OriginRule::Any)),
            "`origins: *` with credentials"
        );
        PolicyConfig {
            origins,
            credentials,
            methods,
            request_headers,
            expose_headers,
            max_age,
            private_network,
            preflight_status,
            preflight,
            websocket,
        }
    }

    /// Builds the config of `plan`, with its header values allocated once.
    ///
    /// # Errors
    ///
    /// [`PlanError`] if the plan allows `*` with credentials, or holds text
    /// that is not a valid header value (a plan lowered from a validated
    /// policy never does).
    ///
    /// ```
    /// use cors_core::plan::{OriginsPlan, Plan};
    /// use cors_core::PolicyConfig;
    /// let mut plan = Plan::new("Api", OriginsPlan::Any);
    /// assert!(PolicyConfig::from_plan(&plan).is_ok());
    /// plan.credentials = true;
    /// assert!(PolicyConfig::from_plan(&plan).is_err());
    /// ```
    pub fn from_plan(plan: &Plan) -> Result<PolicyConfig, PlanError> {
        let origins = match &plan.origins {
            OriginsPlan::Any if plan.credentials => {
                return Err(PlanError::AnyOriginWithCredentials)
            }
            OriginsPlan::Any => OriginRule::Any,
            OriginsPlan::Listed(list) => OriginRule::Listed {
                max_len: list.max_len,
            },
        };
        let methods = match plan.methods {
            MethodsPlan::Any => MethodRule::Any,
            MethodsPlan::Listed(_) => MethodRule::Listed,
        };
        let request_headers = match &plan.request_headers {
            RequestHeadersPlan::Any { authorization } => RequestHeaderRule::Any {
                authorization: *authorization,
            },
            RequestHeadersPlan::Listed {
                names,
                max_name_len,
                joined,
            } => RequestHeaderRule::Listed {
                count: names.len(),
                max_name_len: *max_name_len,
                value: value(joined)?,
            },
        };
        Ok(PolicyConfig {
            origins,
            credentials: plan.credentials,
            methods,
            request_headers,
            expose_headers: value(&plan.expose_headers)?,
            max_age: value(&plan.max_age)?,
            private_network: plan.private_network,
            preflight_status: plan.preflight_status,
            preflight: plan.preflight,
            websocket: plan.websocket,
        })
    }

    /// Which origins are allowed.
    #[inline]
    pub fn origins(&self) -> OriginRule {
        self.origins
    }

    /// `credentials: true` (never together with [`OriginRule::Any`]).
    #[inline]
    pub fn credentials(&self) -> bool {
        self.credentials
    }

    /// Which non-safelisted methods are allowed.
    #[inline]
    pub fn methods(&self) -> MethodRule {
        self.methods
    }

    /// Which request headers are allowed.
    #[inline]
    pub fn request_headers(&self) -> &RequestHeaderRule {
        &self.request_headers
    }

    /// `Access-Control-Expose-Headers` for actual responses, when set.
    #[inline]
    pub fn expose_headers(&self) -> Option<&ConstValue> {
        self.expose_headers.as_ref()
    }

    /// `Access-Control-Max-Age` for successful preflights, when set (seconds;
    /// `0` means "do not cache"). Browsers cap it: Firefox at 86400 s (the
    /// build-time limit), Chromium at 7200 s, WebKit at 600 s.
    #[inline]
    pub fn max_age(&self) -> Option<&ConstValue> {
        self.max_age.as_ref()
    }

    /// `private-network: true`.
    #[inline]
    pub fn private_network(&self) -> bool {
        self.private_network
    }

    /// The status of a successful preflight answered by the middleware.
    #[inline]
    pub fn preflight_status(&self) -> PreflightStatus {
        self.preflight_status
    }

    /// Whether successful preflights are answered or forwarded.
    #[inline]
    pub fn preflight(&self) -> PreflightMode {
        self.preflight
    }

    /// Whether WebSocket handshakes have their `Origin` checked
    /// (`websocket: check-origin;`, PROTOCOL §9).
    #[inline]
    pub fn websocket(&self) -> WebSocketMode {
        self.websocket
    }
}

fn value(text: &Option<String>) -> Result<Option<ConstValue>, PlanError> {
    match text {
        None => Ok(None),
        Some(text) => ConstValue::from_str_ref(text)
            .map(Some)
            .map_err(|_| PlanError::InvalidValue(text.clone())),
    }
}

/// A [`Plan`] that no validated policy lowers to.
#[derive(Clone, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub enum PlanError {
    /// `origins: *` with credentials.
    AnyOriginWithCredentials,
    /// Text that is not a valid header value.
    InvalidValue(String),
}

impl fmt::Display for PlanError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            PlanError::AnyOriginWithCredentials => {
                f.write_str("`origins: *` cannot be combined with credentials")
            }
            PlanError::InvalidValue(text) => write!(f, "{text:?} is not a valid header value"),
        }
    }
}

impl std::error::Error for PlanError {}

/// Which origins a policy allows.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
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
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
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
