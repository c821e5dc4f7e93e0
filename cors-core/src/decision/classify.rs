//! [`decide_with`]: classify the request (PROTOCOL §1), then run the checks
//! of a preflight in order — origin, method, request headers, private
//! network — stopping at the first refusal.

use super::{AllowHeaders, Decision, Outcome, RequestKind, Val, STAR, STAR_AUTHORIZATION};
use crate::acrh::{self, Limits, Scan};
use crate::grammar::{is_safelisted_method, is_token, MAX_METHOD_LEN};
use crate::headers::{CorsHeader, HeaderValueLike, HttpRequestView, RequestView};
use crate::plan::{PreflightMode, PreflightStatus, WebSocketMode};
use crate::policy::{MethodRule, OriginMatch, OriginRule, Policy, PolicyConfig, RequestHeaderRule};
use crate::reason::Refusal;

/// Decides on an `http` 1.x request (its method and headers).
///
/// This is the whole CORS protocol for one request; see the
/// [crate docs](crate) for wiring it into a framework by hand.
///
/// ```
/// # use cors_core::plan::{MethodsPlan, OriginsPlan, Plan, RequestHeadersPlan};
/// # let mut plan = Plan::new("Api", OriginsPlan::listed(vec!["https://app.example".into()], false, vec![]));
/// # plan.methods = MethodsPlan::Listed(vec!["PUT".into()]);
/// # plan.request_headers = RequestHeadersPlan::listed(vec!["content-type".into()]);
/// # let api = cors_core::Interpreted::new(plan).unwrap();
/// let mut request = http::HeaderMap::new();
/// request.insert("origin", "https://app.example".parse().unwrap());
/// request.insert("access-control-request-method", "PUT".parse().unwrap());
/// let decision = cors_core::decide(&api, &http::Method::OPTIONS, &request);
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
    if config.websocket() == WebSocketMode::CheckOrigin && is_websocket_handshake(request) {
        return websocket_handshake(policy, request);
    }
    let vary_origin = matches!(config.origins(), OriginRule::Listed { .. });
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
    // `Access-Control-Request-Method` is looked up once: its first field
    // makes an `OPTIONS` a preflight, a second one makes it malformed.
    let mut methods =
        (request.method() == b"OPTIONS").then(|| request.values(CorsHeader::RequestMethod));
    let method = methods.as_mut().and_then(Iterator::next);
    let preflight = method.is_some();

    // 1. The origin.
    let allow_origin = match config.origins() {
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
        match allow_origin {
            Some(allow_origin) => {
                decision.allow(config, allow_origin);
                decision.expose_headers = config.expose_headers().map(Val::Const);
            }
            None => decision.refusal = Some(Refusal::Origin),
        }
        return decision;
    }

    let Some(allow_origin) = allow_origin else {
        return Decision::refused_preflight(vary_origin, Refusal::Origin);
    };

    // 2. The method: exactly one field, a token of at most 64 bytes.
    let (Some(method), None) = (method, methods.as_mut().and_then(Iterator::next)) else {
        return Decision::refused_preflight(vary_origin, Refusal::Malformed);
    };
    let method_bytes = method.as_bytes();
    if method_bytes.len() > MAX_METHOD_LEN || !is_token(method_bytes) {
        return Decision::refused_preflight(vary_origin, Refusal::Malformed);
    }
    let allow_methods = if is_safelisted_method(method_bytes) {
        None
    } else {
        let allowed = match config.methods() {
            MethodRule::Any => true,
            MethodRule::Listed => policy.allows_method(method_bytes),
        };
        if !allowed {
            return Decision::refused_preflight(vary_origin, Refusal::Method);
        }
        Some(Val::Request(method))
    };

    // 3. The request headers.
    let scan = scan_request_headers(policy, request);
    let names = match scan {
        Scan::Refused => return Decision::refused_preflight(vary_origin, Refusal::Malformed),
        Scan::NotAllowed { .. } => {
            return Decision::refused_preflight(vary_origin, Refusal::RequestHeaders)
        }
        Scan::Absent => 0,
        Scan::Allowed { names, .. } => names,
    };

    let mut decision = Decision::new(RequestKind::Preflight, vary_origin);
    decision.allow(config, allow_origin);
    decision.allow_methods = allow_methods;
    if names > 0 {
        match config.request_headers() {
            RequestHeaderRule::Listed {
                value: Some(value), ..
            } => decision.allow_headers = AllowHeaders::One(Val::Const(value)),
            RequestHeaderRule::Any {
                authorization: false,
            } if !config.credentials() => {
                decision.allow_headers = AllowHeaders::One(Val::Const(&STAR))
            }
            RequestHeaderRule::Any {
                authorization: true,
            } if !config.credentials() => {
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
    decision.max_age = config.max_age().map(Val::Const);

    // 4. Private Network Access.
    if config.private_network() {
        let mut pna = request.values(CorsHeader::RequestPrivateNetwork);
        decision.allow_private_network = matches!(
            (pna.next(), pna.next()),
            (Some(value), None) if value.as_bytes() == b"true"
        );
    }

    decision.outcome = match config.preflight() {
        PreflightMode::Forward => Outcome::CallApp,
        PreflightMode::Respond => Outcome::Respond(match config.preflight_status() {
            PreflightStatus::Ok => http::StatusCode::OK,
            PreflightStatus::NoContent => http::StatusCode::NO_CONTENT,
        }),
    };
    decision
}

/// Whether `request` opens a WebSocket: an `Upgrade` field listing the
/// protocol `websocket` (any case, with or without a `/version`), or the
/// method `CONNECT` (HTTP/2 WebSockets, RFC 8441, carry the protocol in a
/// pseudo-header; scripts can never send `CONNECT` themselves).
///
/// ```
/// use cors_core::{is_websocket_handshake, HttpRequestView};
/// let mut headers = http::HeaderMap::new();
/// headers.insert("upgrade", "WebSocket".parse().unwrap());
/// assert!(is_websocket_handshake(&HttpRequestView::new(&http::Method::GET, &headers)));
/// ```
pub fn is_websocket_handshake<'r, R: RequestView<'r>>(request: &R) -> bool {
    request.method() == b"CONNECT"
        || request.values(CorsHeader::Upgrade).any(|field| {
            field.as_bytes().split(|&b| b == b',').any(|protocol| {
                let name = protocol.split(|&b| b == b'/').next().unwrap_or_default();
                name.trim_ascii().eq_ignore_ascii_case(b"websocket")
            })
        })
}

/// A WebSocket handshake under `websocket: check-origin;`: no `Origin`
/// passes (a non-browser client), an allowed one passes, any other is
/// answered `403`. Nothing is written into the response either way.
fn websocket_handshake<'r, P, R>(policy: &'r P, request: &R) -> Decision<'r, R::Value>
where
    P: Policy,
    R: RequestView<'r>,
{
    let mut origins = request.values(CorsHeader::Origin);
    let Some(origin) = origins.next() else {
        return Decision::new(RequestKind::NotCors, false);
    };
    let allowed = origins.next().is_none()
        && match policy.config().origins() {
            // Never with `websocket: check-origin;` (a build error), but
            // what it would mean.
            OriginRule::Any => true,
            OriginRule::Listed { max_len } => {
                let bytes = origin.as_bytes();
                !bytes.is_empty()
                    && bytes.len() <= max_len
                    && !matches!(policy.match_origin(bytes), OriginMatch::Refused)
            }
        };
    let mut decision = Decision::new(RequestKind::WebSocket, false);
    if allowed {
        decision.allowed = true;
    } else {
        decision.outcome = Outcome::Respond(http::StatusCode::FORBIDDEN);
        decision.refusal = Some(Refusal::Origin);
    }
    decision
}

impl<'r, V: HeaderValueLike> Decision<'r, V> {
    /// Records an allowed origin: `ACAO` and `ACAC`.
    fn allow(&mut self, config: &PolicyConfig, allow_origin: Val<'r, V>) {
        self.allowed = true;
        // `PolicyConfig` never holds credentials with `origins: *`.
        self.allow_credentials = config.credentials();
        self.allow_origin = Some(allow_origin);
    }

    /// The constant headers of an `origins: *` policy, for every response.
    fn allow_any_origin(&mut self, config: &'r PolicyConfig) {
        self.allow(config, Val::Const(&STAR));
        self.expose_headers = config.expose_headers().map(Val::Const);
    }
}

/// Scans the request's `Access-Control-Request-Headers` under the policy's
/// rule (its limits and which names it allows): the one place both the
/// decision and [`Decision::refused_header`] run the scanner from.
#[inline(always)]
pub(super) fn scan_request_headers<'r, P, R>(policy: &P, request: &R) -> Scan
where
    P: Policy,
    R: RequestView<'r>,
{
    let fields = request
        .values(CorsHeader::RequestHeaders)
        .map(HeaderValueLike::as_bytes);
    match policy.config().request_headers() {
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
    }
}
