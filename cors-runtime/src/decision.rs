//! The framework-neutral decision core: classify the request, run the checks
//! of the CORS protocol in order, and write the resulting headers.
//!
//! [`decide_with`] reads a request through a [`RequestView`] and returns a
//! [`Decision`] that borrows the request's values (echoes are a `Clone` of
//! the request's own header value) and the policy's constants.
//! [`Decision::apply`] then writes the headers into any [`ResponseHeaders`].
//! Neither step allocates.

use crate::acrh::{self, Limits, Scan};
use crate::headers::{
    CorsHeader, HeaderValueLike, HttpRequestView, Present, RequestView, ResponseHeaders,
};
use crate::policy::{
    MethodRule, OriginMatch, OriginRule, Policy, PreflightMode, PreflightStatus, RequestHeaderRule,
};
use crate::value::ConstValue;

static STAR: ConstValue = ConstValue::from_static("*");
static STAR_AUTHORIZATION: ConstValue = ConstValue::from_static("*,authorization");
static TRUE: ConstValue = ConstValue::from_static("true");
static VARY_ORIGIN: ConstValue = ConstValue::from_static("origin");
static VARY_PREFLIGHT: ConstValue = ConstValue::from_static(
    "origin, access-control-request-method, access-control-request-headers",
);
static VARY_REQUEST_METHOD: ConstValue = ConstValue::from_static("access-control-request-method");
static VARY_REQUEST_HEADERS: ConstValue = ConstValue::from_static("access-control-request-headers");

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
    /// gets `204` (or `200` with `preflight-status: 200`), a failed one `403`.
    Respond(http::StatusCode),
}

/// A header value in a decision: a policy constant, or a request value to echo.
#[derive(Clone, Debug)]
enum Val<'r, V> {
    Const(&'r ConstValue),
    Request(&'r V),
    Owned(V),
}

impl<V: HeaderValueLike> Val<'_, V> {
    #[inline]
    fn value(&self) -> V {
        match self {
            Val::Const(value) => V::from_const(value),
            Val::Request(value) => (*value).clone(),
            Val::Owned(value) => value.clone(),
        }
    }

    fn into_owned(self) -> Val<'static, V> {
        match self {
            Val::Const(value) => Val::Owned(V::from_const(value)),
            Val::Request(value) => Val::Owned(value.clone()),
            Val::Owned(value) => Val::Owned(value),
        }
    }

    fn is_star(&self) -> bool {
        match self {
            Val::Const(value) => value.as_str() == "*",
            Val::Request(value) => value.as_bytes() == b"*",
            Val::Owned(value) => value.as_bytes() == b"*",
        }
    }
}

/// `Access-Control-Allow-Headers` of a successful preflight.
#[derive(Clone, Debug)]
enum AllowHeaders<'r, V> {
    /// Not sent.
    None,
    /// One field: a constant, or the one request field echoed.
    One(Val<'r, V>),
    /// `request-headers: *` with credentials and several ACRH fields: each
    /// field echoed as one field (browsers join them).
    Fields([Option<&'r V>; acrh::MAX_FIELDS]),
    /// [`AllowHeaders::Fields`] detached from the request by
    /// [`Decision::into_owned`] (`preflight: forward` only): the one
    /// allocation of that rare path.
    OwnedFields(Vec<V>),
}

impl<V: HeaderValueLike> AllowHeaders<'_, V> {
    fn into_owned(self) -> AllowHeaders<'static, V> {
        match self {
            AllowHeaders::None => AllowHeaders::None,
            AllowHeaders::One(value) => AllowHeaders::One(value.into_owned()),
            AllowHeaders::Fields(fields) => {
                AllowHeaders::OwnedFields(fields.into_iter().flatten().cloned().collect())
            }
            AllowHeaders::OwnedFields(fields) => AllowHeaders::OwnedFields(fields),
        }
    }

    fn write<W: ResponseHeaders<Value = V> + ?Sized>(&self, headers: &mut W, present: Present) {
        let mut fields = match self {
            AllowHeaders::None => {
                remove(headers, present, CorsHeader::AllowHeaders);
                return;
            }
            AllowHeaders::One(value) => {
                headers.set(CorsHeader::AllowHeaders, value.value());
                return;
            }
            AllowHeaders::Fields(fields) => {
                EitherIter::Borrowed(fields.iter().flatten().map(|v| (*v).clone()))
            }
            AllowHeaders::OwnedFields(fields) => EitherIter::Owned(fields.iter().cloned()),
        };
        match fields.next() {
            Some(first) => {
                headers.set(CorsHeader::AllowHeaders, first);
                for next in fields {
                    headers.append(CorsHeader::AllowHeaders, next);
                }
            }
            None => remove(headers, present, CorsHeader::AllowHeaders),
        }
    }
}

enum EitherIter<A, B> {
    Borrowed(A),
    Owned(B),
}

impl<T, A: Iterator<Item = T>, B: Iterator<Item = T>> Iterator for EitherIter<A, B> {
    type Item = T;
    fn next(&mut self) -> Option<T> {
        match self {
            EitherIter::Borrowed(a) => a.next(),
            EitherIter::Owned(b) => b.next(),
        }
    }
}

/// The decision for one request: which headers go on the response, and
/// whether the application is called.
///
/// `'r` borrows the request (echoed values) and the policy (constants);
/// [`Decision::into_owned`] detaches it, e.g. to keep it across the
/// application's `await`. `V` is the framework's header value type.
///
/// ```
/// use cors_runtime::{decide, Outcome, RequestKind};
/// # use cors_runtime::*;
/// # #[derive(Clone)] struct AnyOrigin;
/// # static CONFIG: PolicyConfig = PolicyConfig {
/// #     origins: OriginRule::Any, credentials: false, methods: MethodRule::Listed,
/// #     request_headers: RequestHeaderRule::Listed { count: 0, max_name_len: 0, value: None },
/// #     expose_headers: None, max_age: None, private_network: false,
/// #     preflight_status: PreflightStatus::NoContent, preflight: PreflightMode::Respond,
/// # };
/// # impl Policy for AnyOrigin {
/// #     fn config(&self) -> &PolicyConfig { &CONFIG }
/// #     fn match_origin(&self, _: &[u8]) -> OriginMatch<'_> { OriginMatch::Refused }
/// #     fn allows_method(&self, _: &[u8]) -> bool { false }
/// #     fn allows_request_header(&self, _: &[u8]) -> bool { false }
/// # }
/// let mut request = http::HeaderMap::new();
/// request.insert("origin", "https://a.example".parse().unwrap());
/// let decision = decide(&AnyOrigin, &http::Method::GET, &request);
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
}

impl<'r, V: HeaderValueLike> Decision<'r, V> {
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
        }
    }

    fn refused_preflight(vary_origin: bool) -> Self {
        let mut decision = Decision::new(RequestKind::Preflight, vary_origin);
        decision.outcome = Outcome::Respond(http::StatusCode::FORBIDDEN);
        decision
    }

    /// How the request was classified.
    pub fn kind(&self) -> RequestKind {
        self.kind
    }

    /// Whether the request is allowed: for a preflight, every check passed;
    /// for an actual or non-CORS request, `Access-Control-Allow-Origin` is sent.
    pub fn is_allowed(&self) -> bool {
        self.allowed
    }

    /// Whether the application is called, or the middleware answers.
    pub fn outcome(&self) -> Outcome {
        self.outcome
    }

    /// Detaches the decision from the request and the policy. Echoed values
    /// are cloned (a reference-count bump for shared buffers), constants are
    /// copied from static bytes: no allocation with `http` or actix values.
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
        }
    }

    /// Writes the decision into a response's headers (PROTOCOL §3–5).
    ///
    /// - `Access-Control-*` headers are **set** (one field each, replacing
    ///   any the application wrote), and the ones this response must not
    ///   carry are **removed**: a refused request gets none at all, an
    ///   actual response never gets `ACAM`/`ACAH`/`ACMA`/`ACAPN`, a preflight
    ///   never gets `ACEH`.
    /// - `Vary` is **appended** to: `origin` on non-preflight responses of
    ///   policies whose answer depends on the origin; `origin,
    ///   access-control-request-method, access-control-request-headers` on
    ///   preflight answers. Tokens already present are not repeated, and
    ///   `Vary: *` is left alone.
    /// - Under `request-headers: *` with credentials, `ACAH` echoes each ACRH
    ///   field of the request as one field (several ACRH fields give as many
    ///   ACAH fields; browsers join them).
    pub fn apply<W: ResponseHeaders<Value = V> + ?Sized>(&self, headers: &mut W) {
        // Only fields the response already holds are removed or scanned.
        let present = headers.present();
        let preflight = self.kind == RequestKind::Preflight;
        if preflight && !self.allowed {
            for name in CorsHeader::RESPONSE {
                remove(headers, present, name);
            }
            add_vary(headers, present, VaryTokens::PREFLIGHT);
            return;
        }
        // Allowed answers, and actual requests whether allowed or not (a
        // refused one has neither value, so both are removed).
        let origin = &self.allow_origin;
        set_or_remove(headers, present, CorsHeader::AllowOrigin, origin);
        let credentials = self.allow_credentials;
        set_flag(headers, present, CorsHeader::AllowCredentials, credentials);
        if preflight {
            let methods = &self.allow_methods;
            set_or_remove(headers, present, CorsHeader::AllowMethods, methods);
            self.allow_headers.write(headers, present);
            set_or_remove(headers, present, CorsHeader::MaxAge, &self.max_age);
            let private_network = self.allow_private_network;
            set_flag(
                headers,
                present,
                CorsHeader::AllowPrivateNetwork,
                private_network,
            );
            remove(headers, present, CorsHeader::ExposeHeaders);
            add_vary(headers, present, VaryTokens::PREFLIGHT);
        } else {
            let expose = &self.expose_headers;
            set_or_remove(headers, present, CorsHeader::ExposeHeaders, expose);
            for name in [
                CorsHeader::AllowMethods,
                CorsHeader::AllowHeaders,
                CorsHeader::MaxAge,
                CorsHeader::AllowPrivateNetwork,
            ] {
                remove(headers, present, name);
            }
            if self.vary_origin {
                add_vary(headers, present, VaryTokens::ORIGIN);
            }
        }
    }
}

impl<V> Decision<'_, V> {
    /// How many header names a preflight answer gets (`Vary` included), to
    /// size its header map.
    fn field_count(&self) -> usize {
        if !self.allowed {
            return 1;
        }
        let acah = !matches!(self.allow_headers, AllowHeaders::None);
        1 + usize::from(self.allow_origin.is_some())
            + usize::from(self.allow_credentials)
            + usize::from(self.allow_methods.is_some())
            + usize::from(acah)
            + usize::from(self.max_age.is_some())
            + usize::from(self.allow_private_network)
    }
}

impl Decision<'_, http::HeaderValue> {
    /// [`Decision::apply`] for an `http` 1.x response header map.
    ///
    /// Allocation-free when `headers` has room for the new fields (and no
    /// `Vary` field yet: appending a second field to a name may grow the
    /// map's extra-value storage).
    pub fn apply_to(&self, headers: &mut http::HeaderMap) {
        self.apply(headers);
    }

    /// The middleware's own answer when [`Decision::outcome`] is
    /// [`Outcome::Respond`]: the status, an empty (`Default`) body and the
    /// headers; `None` when the application must be called.
    ///
    /// The response's header map is created with room for every header
    /// written (its only allocations).
    pub fn preflight_response<B: Default>(&self) -> Option<http::Response<B>> {
        let Outcome::Respond(status) = self.outcome else {
            return None;
        };
        let mut response = http::Response::new(B::default());
        *response.status_mut() = status;
        let headers = response.headers_mut();
        *headers = http::HeaderMap::with_capacity(self.field_count());
        self.apply(headers);
        Some(response)
    }
}

/// Removes `name` if the response holds it.
fn remove<W: ResponseHeaders + ?Sized>(headers: &mut W, present: Present, name: CorsHeader) {
    if present.has(name) {
        headers.remove(name);
    }
}

fn set_or_remove<W, V>(
    headers: &mut W,
    present: Present,
    name: CorsHeader,
    value: &Option<Val<'_, V>>,
) where
    W: ResponseHeaders<Value = V> + ?Sized,
    V: HeaderValueLike,
{
    match value {
        Some(value) => headers.set(name, value.value()),
        None => remove(headers, present, name),
    }
}

fn set_flag<W, V>(headers: &mut W, present: Present, name: CorsHeader, on: bool)
where
    W: ResponseHeaders<Value = V> + ?Sized,
    V: HeaderValueLike,
{
    if on {
        headers.set(name, V::from_const(&TRUE));
    } else {
        remove(headers, present, name);
    }
}

/// Which tokens a response's `Vary` must contain.
#[derive(Clone, Copy)]
struct VaryTokens {
    origin: bool,
    request_method: bool,
    request_headers: bool,
}

impl VaryTokens {
    const ORIGIN: VaryTokens = VaryTokens {
        origin: true,
        request_method: false,
        request_headers: false,
    };
    const PREFLIGHT: VaryTokens = VaryTokens {
        origin: true,
        request_method: true,
        request_headers: true,
    };
}

/// Appends the missing `tokens` to `Vary`, unless it is `*`.
fn add_vary<W, V>(headers: &mut W, present: Present, mut tokens: VaryTokens)
where
    W: ResponseHeaders<Value = V> + ?Sized,
    V: HeaderValueLike,
{
    let mut any_present = false;
    let fields = present
        .has(CorsHeader::Vary)
        .then(|| headers.values(CorsHeader::Vary));
    for field in fields.into_iter().flatten() {
        for token in field.split(|&b| b == b',') {
            let token = trim_ows(token);
            if token == b"*" {
                return;
            }
            if token.eq_ignore_ascii_case(b"origin") {
                any_present |= tokens.origin;
                tokens.origin = false;
            } else if token.eq_ignore_ascii_case(b"access-control-request-method") {
                any_present |= tokens.request_method;
                tokens.request_method = false;
            } else if token.eq_ignore_ascii_case(b"access-control-request-headers") {
                any_present |= tokens.request_headers;
                tokens.request_headers = false;
            }
        }
    }
    if tokens.origin && tokens.request_method && tokens.request_headers && !any_present {
        headers.append(CorsHeader::Vary, V::from_const(&VARY_PREFLIGHT));
        return;
    }
    if tokens.origin {
        headers.append(CorsHeader::Vary, V::from_const(&VARY_ORIGIN));
    }
    if tokens.request_method {
        headers.append(CorsHeader::Vary, V::from_const(&VARY_REQUEST_METHOD));
    }
    if tokens.request_headers {
        headers.append(CorsHeader::Vary, V::from_const(&VARY_REQUEST_HEADERS));
    }
}

fn trim_ows(mut bytes: &[u8]) -> &[u8] {
    while let [b' ' | b'\t', rest @ ..] = bytes {
        bytes = rest;
    }
    while let [rest @ .., b' ' | b'\t'] = bytes {
        bytes = rest;
    }
    bytes
}

/// Decides on an `http` 1.x request (its method and headers).
///
/// This is the whole CORS protocol for one request; see the
/// [crate docs](crate) for wiring it into a framework by hand.
///
/// ```
/// # use cors_runtime::*;
/// # #[derive(Clone)] struct Api;
/// # static ORIGIN: ConstValue = ConstValue::from_static("https://app.example");
/// # static CONFIG: PolicyConfig = PolicyConfig {
/// #     origins: OriginRule::Listed { max_len: 19 }, credentials: false, methods: MethodRule::Listed,
/// #     request_headers: RequestHeaderRule::Listed { count: 0, max_name_len: 0, value: None },
/// #     expose_headers: None, max_age: None, private_network: false,
/// #     preflight_status: PreflightStatus::NoContent, preflight: PreflightMode::Respond,
/// # };
/// # impl Policy for Api {
/// #     fn config(&self) -> &PolicyConfig { &CONFIG }
/// #     fn match_origin(&self, o: &[u8]) -> OriginMatch<'_> {
/// #         match o { b"https://app.example" => OriginMatch::Constant(&ORIGIN), _ => OriginMatch::Refused }
/// #     }
/// #     fn allows_method(&self, m: &[u8]) -> bool { m == b"PUT" }
/// #     fn allows_request_header(&self, _: &[u8]) -> bool { false }
/// # }
/// let mut request = http::HeaderMap::new();
/// request.insert("origin", "https://app.example".parse().unwrap());
/// request.insert("access-control-request-method", "PUT".parse().unwrap());
/// let decision = cors_runtime::decide(&Api, &http::Method::OPTIONS, &request);
/// let response: http::Response<String> = decision.preflight_response().unwrap();
/// assert_eq!(response.status(), 204);
/// assert_eq!(response.headers()["access-control-allow-methods"], "PUT");
/// ```
pub fn decide<'r, P: Policy>(
    policy: &'r P,
    method: &'r http::Method,
    headers: &'r http::HeaderMap,
) -> Decision<'r, http::HeaderValue> {
    decide_with(policy, &HttpRequestView::new(method, headers))
}

/// Decides on a request seen through any [`RequestView`] (the generic form
/// of [`decide`], used by the actix-web adapter and by hand-written adapters).
pub fn decide_with<'r, P, R>(policy: &'r P, request: &R) -> Decision<'r, R::Value>
where
    P: Policy,
    R: RequestView<'r>,
{
    let config = policy.config();
    let vary_origin = matches!(config.origins, OriginRule::Listed { .. });
    let mut origins = request.values(CorsHeader::Origin);
    let Some(origin) = origins.next() else {
        // Not CORS. An `origins: *` policy still sends its constant headers.
        let mut decision = Decision::new(RequestKind::NotCors, vary_origin);
        if !vary_origin {
            decision.allow_any_origin(config);
        }
        return decision;
    };
    let single_origin = origins.next().is_none();
    let preflight = request.method() == b"OPTIONS"
        && request.values(CorsHeader::RequestMethod).next().is_some();

    // 1. The origin.
    let allow_origin = match config.origins {
        OriginRule::Any => Some(Val::Const(&STAR)),
        OriginRule::Listed { max_len } => {
            let bytes = origin.as_bytes();
            if !single_origin || bytes.is_empty() || bytes.len() > max_len {
                None
            } else {
                match policy.match_origin(bytes) {
                    OriginMatch::Refused => None,
                    OriginMatch::Constant(value) => Some(Val::Const(value)),
                    OriginMatch::Echo => Some(Val::Request(origin)),
                }
            }
        }
    };

    if !preflight {
        let mut decision = Decision::new(RequestKind::Actual, vary_origin);
        if let Some(allow_origin) = allow_origin {
            decision.allow(config, allow_origin);
            decision.expose_headers = config.expose_headers.as_ref().map(Val::Const);
        }
        return decision;
    }

    let Some(allow_origin) = allow_origin else {
        return Decision::refused_preflight(vary_origin);
    };

    // 2. The method: exactly one field, a token.
    let mut methods = request.values(CorsHeader::RequestMethod);
    let (Some(method), None) = (methods.next(), methods.next()) else {
        return Decision::refused_preflight(vary_origin);
    };
    let method_bytes = method.as_bytes();
    if !acrh::is_token(method_bytes) {
        return Decision::refused_preflight(vary_origin);
    }
    let allow_methods = match method_bytes {
        b"GET" | b"HEAD" | b"POST" => None,
        _ => {
            let allowed = match config.methods {
                MethodRule::Any => true,
                MethodRule::Listed => policy.allows_method(method_bytes),
            };
            if !allowed {
                return Decision::refused_preflight(vary_origin);
            }
            Some(Val::Request(method))
        }
    };

    // 3. The request headers.
    let fields = request
        .values(CorsHeader::RequestHeaders)
        .map(HeaderValueLike::as_bytes);
    let scan = match &config.request_headers {
        RequestHeaderRule::Any { authorization } => {
            let limits = Limits {
                max_names: acrh::MAX_ANY_NAMES,
                max_name_len: acrh::MAX_NAME_LEN,
            };
            acrh::scan(fields, limits, |name| {
                *authorization || name != b"authorization"
            })
        }
        RequestHeaderRule::Listed {
            count,
            max_name_len,
            ..
        } => {
            let limits = Limits {
                max_names: count.saturating_mul(2),
                max_name_len: *max_name_len,
            };
            acrh::scan(fields, limits, |name| policy.allows_request_header(name))
        }
    };
    let names = match scan {
        Scan::Refused => return Decision::refused_preflight(vary_origin),
        Scan::Absent => 0,
        Scan::Allowed { names, .. } => names,
    };

    let mut decision = Decision::new(RequestKind::Preflight, vary_origin);
    decision.allow(config, allow_origin);
    decision.allow_methods = allow_methods;
    if names > 0 {
        match &config.request_headers {
            RequestHeaderRule::Listed {
                value: Some(value), ..
            } => decision.allow_headers = AllowHeaders::One(Val::Const(value)),
            RequestHeaderRule::Any {
                authorization: false,
            } if !config.credentials => {
                decision.allow_headers = AllowHeaders::One(Val::Const(&STAR))
            }
            RequestHeaderRule::Any {
                authorization: true,
            } if !config.credentials => {
                decision.allow_headers = AllowHeaders::One(Val::Const(&STAR_AUTHORIZATION));
            }
            _ => {
                // Echo the validated request fields (at most MAX_FIELDS, as scanned).
                let mut fields = request.values(CorsHeader::RequestHeaders);
                decision.allow_headers = match (fields.next(), fields.next()) {
                    (Some(only), None) => AllowHeaders::One(Val::Request(only)),
                    (first, second) => {
                        let mut slots = [None; acrh::MAX_FIELDS];
                        for (slot, field) in slots
                            .iter_mut()
                            .zip([first, second].into_iter().flatten().chain(fields))
                        {
                            *slot = Some(field);
                        }
                        AllowHeaders::Fields(slots)
                    }
                };
            }
        }
    }
    decision.max_age = config.max_age.as_ref().map(Val::Const);

    // 4. Private Network Access.
    if config.private_network {
        let mut pna = request.values(CorsHeader::RequestPrivateNetwork);
        decision.allow_private_network = matches!(
            (pna.next(), pna.next()),
            (Some(value), None) if value.as_bytes() == b"true"
        );
    }

    decision.outcome = match config.preflight {
        PreflightMode::Forward => Outcome::CallApp,
        PreflightMode::Respond => Outcome::Respond(match config.preflight_status {
            PreflightStatus::Ok => http::StatusCode::OK,
            PreflightStatus::NoContent => http::StatusCode::NO_CONTENT,
        }),
    };
    decision
}

impl<'r, V: HeaderValueLike> Decision<'r, V> {
    /// Records an allowed origin: `ACAO` and `ACAC` (never `ACAC` with `ACAO: *`).
    fn allow(&mut self, config: &crate::PolicyConfig, allow_origin: Val<'r, V>) {
        self.allowed = true;
        self.allow_credentials = config.credentials && !allow_origin.is_star();
        self.allow_origin = Some(allow_origin);
    }

    /// The constant headers of an `origins: *` policy, for every response.
    fn allow_any_origin(&mut self, config: &'r crate::PolicyConfig) {
        self.allow(config, Val::Const(&STAR));
        self.expose_headers = config.expose_headers.as_ref().map(Val::Const);
    }
}
