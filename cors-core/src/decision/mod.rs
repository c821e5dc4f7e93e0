//! The framework-neutral decision core: classify the request, run the checks
//! of the CORS protocol in order, and write the resulting headers.
//!
//! [`decide_with`] reads a request through a [`RequestView`] and returns a
//! [`Decision`] that borrows the request's values (echoes are a `Clone` of
//! the request's own header value) and the policy's constants.
//! [`Decision::apply`] then writes the headers into any [`ResponseHeaders`](crate::ResponseHeaders).
//! Neither step allocates.
//!
//! | file | concern |
//! |---|---|
//! | `classify.rs` | [`decide_with`]: classification and the checks in order |
//! | `allow_headers.rs` | which `Access-Control-Allow-Headers` a preflight gets |
//! | `vary.rs` | appending to `Vary` |
//! | `write.rs` | [`Decision::apply`] and the middleware's preflight answer |
//! | `deferred.rs` | [`Deferred`]: what the application's response still gets |

mod allow_headers;
mod classify;
mod deferred;
mod val;
mod vary;
mod write;

pub use classify::{decide, decide_with, is_websocket_handshake};
pub use deferred::Deferred;

use allow_headers::AllowHeaders;
use val::Val;

use crate::acrh::Scan;
use crate::headers::{CorsHeader, HeaderValueLike, RequestView};
use crate::policy::Policy;
use crate::reason::Refusal;
use crate::value::ConstValue;

static STAR: ConstValue = ConstValue::from_static("*");
static STAR_AUTHORIZATION: ConstValue = ConstValue::from_static("*,authorization");
static TRUE: ConstValue = ConstValue::from_static("true");
static VARY_ORIGIN: ConstValue = ConstValue::from_static("origin");

/// How a request was classified (PROTOCOL §1).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum RequestKind {
    /// No `Origin` header: not a CORS request.
    NotCors,
    /// `OPTIONS` with `Origin` and `Access-Control-Request-Method`.
    Preflight,
    /// Any other request with `Origin` (including `OPTIONS` without
    /// `Access-Control-Request-Method`).
    Actual,
    /// A WebSocket handshake with `Origin`, under `websocket: check-origin;`
    /// (PROTOCOL §9): a request with `Upgrade: websocket` (any case), or a
    /// `CONNECT` (the HTTP/2 handshake of RFC 8441). Its origin is checked
    /// and nothing else; no CORS header is written. Without the statement,
    /// handshakes are [`RequestKind::Actual`] (or [`RequestKind::NotCors`]).
    WebSocket,
}

/// What the middleware does with the request.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Outcome {
    /// Pass the request to the application, then [`Decision::apply`] to its
    /// response (actual and non-CORS requests, and successful preflights
    /// under `preflight: forward`).
    CallApp,
    /// Do not call the application: answer with this status, an empty body,
    /// and the headers written by [`Decision::apply`]. A successful preflight
    /// gets `204` (or `200` with `preflight-status: 200`), a failed one `403`,
    /// and so does a refused WebSocket handshake.
    Respond(http::StatusCode),
}

/// The decision for one request: which headers go on the response, and
/// whether the application is called.
///
/// `'r` borrows the request (echoed values) and the policy (constants);
/// [`Decision::into_owned`] detaches it, e.g. to keep it across the
/// application's `await`. `V` is the framework's header value type.
///
/// ```
/// use cors_core::plan::{OriginsPlan, Plan};
/// use cors_core::{decide, Interpreted, Outcome, RequestKind};
/// let any_origin = Interpreted::new(Plan::new("Public", OriginsPlan::Any)).unwrap();
/// let mut request = http::HeaderMap::new();
/// request.insert("origin", "https://a.example".parse().unwrap());
/// let decision = decide(&any_origin, &http::Method::GET, &request);
/// assert_eq!(decision.kind(), RequestKind::Actual);
/// assert_eq!(decision.outcome(), Outcome::CallApp);
/// let mut response = http::HeaderMap::new();
/// decision.apply_to(&mut response);
/// assert_eq!(response["access-control-allow-origin"], "*");
/// ```
#[derive(Clone, Debug)]
pub struct Decision<'r, V> {
    kind: RequestKind,
    allowed: bool,
    vary_origin: bool,
    outcome: Outcome,
    allow_origin: Option<Val<'r, V>>,
    allow_credentials: bool,
    expose_headers: Option<Val<'r, V>>,
    allow_methods: Option<Val<'r, V>>,
    allow_headers: AllowHeaders<'r, V>,
    max_age: Option<Val<'r, V>>,
    allow_private_network: bool,
    refusal: Option<Refusal>,
}

impl<'r, V: HeaderValueLike> Decision<'r, V> {
    #[inline]
    fn new(kind: RequestKind, vary_origin: bool) -> Self {
        Decision {
            kind,
            allowed: false,
            vary_origin,
            outcome: Outcome::CallApp,
            allow_origin: None,
            allow_credentials: false,
            expose_headers: None,
            allow_methods: None,
            allow_headers: AllowHeaders::None,
            max_age: None,
            allow_private_network: false,
            refusal: None,
        }
    }

    #[inline]
    fn refused_preflight(vary_origin: bool, refusal: Refusal) -> Self {
        let mut decision = Decision::new(RequestKind::Preflight, vary_origin);
        decision.outcome = Outcome::Respond(http::StatusCode::FORBIDDEN);
        decision.refusal = Some(refusal);
        decision
    }

    /// How the request was classified.
    pub fn kind(&self) -> RequestKind {
        self.kind
    }

    /// Whether the request is allowed: for a preflight, every check passed;
    /// for an actual or non-CORS request, `Access-Control-Allow-Origin` is
    /// sent; for a WebSocket handshake, its origin is allowed.
    pub fn is_allowed(&self) -> bool {
        self.allowed
    }

    /// Why the request was refused: `None` when it is allowed and for
    /// requests without `Origin`.
    ///
    /// ```
    /// # use cors_core::plan::{MethodsPlan, OriginsPlan, Plan, RequestHeadersPlan};
    /// # let mut plan = Plan::new("Api", OriginsPlan::listed(vec!["https://app.example".into()], false, vec![]));
    /// # plan.methods = MethodsPlan::Listed(vec!["PUT".into()]);
    /// # plan.request_headers = RequestHeadersPlan::listed(vec!["content-type".into()]);
    /// # let api = cors_core::Interpreted::new(plan).unwrap();
    /// use cors_core::Refusal;
    /// let mut request = http::HeaderMap::new();
    /// request.insert("origin", "https://evil.example".parse().unwrap());
    /// let decision = cors_core::decide(&api, &http::Method::GET, &request);
    /// assert_eq!(decision.refusal(), Some(Refusal::Origin));
    /// ```
    pub fn refusal(&self) -> Option<Refusal> {
        self.refusal
    }

    /// The first refused request header name, exactly as the request wrote
    /// it, when the reason is [`Refusal::RequestHeaders`]. `policy` and
    /// `request` must be the ones this decision was made with: the name is
    /// found again by the same scan (the decision itself stays small, and
    /// only diagnostics pay for this).
    ///
    /// ```
    /// # use cors_core::plan::{MethodsPlan, OriginsPlan, Plan, RequestHeadersPlan};
    /// # let mut plan = Plan::new("Api", OriginsPlan::listed(vec!["https://app.example".into()], false, vec![]));
    /// # plan.methods = MethodsPlan::Listed(vec!["PUT".into()]);
    /// # plan.request_headers = RequestHeadersPlan::listed(vec!["content-type".into()]);
    /// # let api = cors_core::Interpreted::new(plan).unwrap();
    /// use cors_core::HttpRequestView;
    /// let mut request = http::HeaderMap::new();
    /// request.insert("origin", "https://app.example".parse().unwrap());
    /// request.insert("access-control-request-method", "PUT".parse().unwrap());
    /// request.insert("access-control-request-headers", "content-type,X-Debug".parse().unwrap());
    /// let view = HttpRequestView::new(&http::Method::OPTIONS, &request);
    /// let decision = cors_core::decide_with(&api, &view);
    /// assert_eq!(decision.refused_header(&api, &view), Some(&b"X-Debug"[..]));
    /// ```
    pub fn refused_header<'a, P: Policy, R: RequestView<'a>>(
        &self,
        policy: &P,
        request: &R,
    ) -> Option<&'a [u8]> {
        if self.refusal != Some(Refusal::RequestHeaders) {
            return None;
        }
        let Scan::NotAllowed { field, start, end } =
            classify::scan_request_headers(policy, request)
        else {
            return None;
        };
        let value = request.values(CorsHeader::RequestHeaders).nth(field)?;
        value.as_bytes().get(start..end)
    }

    /// Whether the application is called, or the middleware answers.
    pub fn outcome(&self) -> Outcome {
        self.outcome
    }

    /// Detaches the decision from the request and the policy. Echoed values
    /// are cloned (a reference-count bump for shared buffers), constants are
    /// copied from static bytes: no allocation with `http` or actix values.
    #[inline]
    pub fn into_owned(self) -> Decision<'static, V> {
        let own = |v: Option<Val<'r, V>>| v.map(Val::into_owned);
        Decision {
            kind: self.kind,
            allowed: self.allowed,
            vary_origin: self.vary_origin,
            outcome: self.outcome,
            allow_origin: own(self.allow_origin),
            allow_credentials: self.allow_credentials,
            expose_headers: own(self.expose_headers),
            allow_methods: own(self.allow_methods),
            allow_headers: self.allow_headers.into_owned(),
            max_age: own(self.max_age),
            allow_private_network: self.allow_private_network,
            refusal: self.refusal,
        }
    }
}

#[cfg(test)]
mod tests;
