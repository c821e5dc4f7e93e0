//! The decision, classified and explained check by check (origin, method,
//! request headers, private network), and what a browser concludes.

use cors_core::{
    decide, is_websocket_handshake, CorsHeader, HttpRequestView, Interpreted, Outcome, Policy,
    PreflightMode, Refusal, RequestKind,
};
use cors_dsl::explain::{self, Why};
use http::{HeaderMap, HeaderValue, Method};

/// The result of one check of the protocol, in order.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum Verdict {
    Pass,
    Fail,
    /// Not reached: an earlier check failed.
    NotChecked,
    /// Informational (never decides).
    Note,
}

impl Verdict {
    pub(super) fn as_str(self) -> &'static str {
        match self {
            Verdict::Pass => "pass",
            Verdict::Fail => "fail",
            Verdict::NotChecked => "not checked",
            Verdict::Note => "note",
        }
    }
}

/// One check: its name, verdict and why.
pub(super) struct Check {
    pub(super) name: &'static str,
    pub(super) verdict: Verdict,
    pub(super) detail: String,
}

/// Everything `cors explain` prints.
pub(super) struct Explanation {
    pub(super) kind: RequestKind,
    pub(super) classification: String,
    pub(super) checks: Vec<Check>,
    pub(super) allowed: bool,
    /// Why it was refused, in the words of the tracing events.
    pub(super) refusal: Option<Refusal>,
    pub(super) calls_app: bool,
    /// The middleware's own status, when it answers.
    pub(super) status: Option<http::StatusCode>,
    /// The headers the middleware sends (its answer), or writes into the
    /// application's response.
    pub(super) response_headers: Vec<(String, String)>,
    pub(super) browser: Vec<String>,
}

/// Runs the real decision and explains it.
pub(super) fn explain(policy: &Interpreted, method: &Method, headers: &HeaderMap) -> Explanation {
    let decision = decide(policy, method, headers);
    let kind = decision.kind();
    let allowed = decision.is_allowed();
    let refusal = decision.refusal();
    let outcome = decision.outcome();
    let (status, response) = match outcome {
        Outcome::Respond(_) => {
            let answer = decision
                .preflight_response::<()>()
                .expect("an answer when the outcome is Respond");
            (Some(answer.status()), answer.headers().clone())
        }
        Outcome::CallApp => {
            let mut response = HeaderMap::new();
            decision.apply_to(&mut response);
            (None, response)
        }
    };
    let response_headers = response
        .iter()
        .map(|(name, value)| (name.as_str().to_owned(), lossy(value)))
        .collect();
    // The failing check is the core's refusal; `cors_dsl::explain` says why.
    let why = refusal.map(|refusal| explain::refused(policy, method, headers, refusal));
    let failed = why.as_ref().map(Why::check);

    let mut checks = Vec::new();
    if kind != RequestKind::NotCors {
        checks.push(origin_check(policy, headers, why.as_ref()));
    }
    if kind == RequestKind::Preflight {
        checks.push(match (failed, &why) {
            (Some(Refusal::Origin), _) => not_checked("method"),
            (_, Some(why @ Why::Method(_))) => failed_check("method", why),
            _ => {
                let acrm = headers
                    .get(CorsHeader::RequestMethod.http())
                    .map(HeaderValue::as_bytes)
                    .unwrap_or_default();
                Check {
                    name: "method",
                    verdict: Verdict::Pass,
                    detail: format!(
                        "{}: {}",
                        String::from_utf8_lossy(acrm),
                        explain::allowed_method(policy, acrm)
                    ),
                }
            }
        });
        checks.push(match (failed, &why) {
            (Some(Refusal::Origin | Refusal::Method), _) => not_checked("request headers"),
            (_, Some(why @ Why::RequestHeaders(_))) => failed_check("request headers", why),
            _ => Check {
                name: "request headers",
                verdict: Verdict::Pass,
                detail: explain::allowed_request_headers(
                    policy,
                    &values(headers, CorsHeader::RequestHeaders),
                )
                .to_string(),
            },
        });
        if let Some(check) = private_network_check(policy, allowed, &response, headers) {
            checks.push(check);
        }
    }

    let browser = browser_conclusion(policy, kind, allowed, &response, method, headers);
    Explanation {
        kind,
        classification: classification(policy, kind, method),
        checks,
        allowed,
        refusal,
        calls_app: outcome == Outcome::CallApp,
        status,
        response_headers,
        browser,
    }
}

/// How the request is classified, in words.
fn classification(policy: &Interpreted, kind: RequestKind, method: &Method) -> String {
    match kind {
        RequestKind::NotCors => "not CORS: the request has no Origin header (a same-origin \
            navigation or GET, or a client that is not a browser); it is passed to the \
            application untouched"
            .to_owned(),
        RequestKind::Preflight => {
            let who = match policy.config().preflight() {
                PreflightMode::Respond => "the middleware answers it",
                PreflightMode::Forward => {
                    "the middleware decides, then passes it on to the application \
                    (`preflight: forward`) when it succeeds"
                }
            };
            format!("preflight: OPTIONS with Origin and Access-Control-Request-Method; {who}")
        }
        RequestKind::Actual if method == Method::OPTIONS => "actual CORS request: OPTIONS \
            with Origin but without Access-Control-Request-Method is not a preflight; the \
            application is always called"
            .to_owned(),
        RequestKind::Actual => format!(
            "actual CORS request: {method} with Origin; the application is always called \
            and the CORS headers are added to its response"
        ),
        RequestKind::WebSocket => "WebSocket handshake (Upgrade: websocket) under \
            `websocket: check-origin;`: only the origin is checked; an allowed origin is \
            passed to the application untouched, any other is answered 403; no CORS header \
            is written"
            .to_owned(),
    }
}

/// 1. The origin.
fn origin_check(policy: &Interpreted, headers: &HeaderMap, why: Option<&Why>) -> Check {
    let origins = values(headers, CorsHeader::Origin);
    let (verdict, detail) = match why {
        Some(Why::Origin(refused)) => {
            let detail = match refused {
                explain::OriginRefused::Repeated(_) => refused.to_string(),
                explain::OriginRefused::Empty => format!("{refused}: not allowed"),
                _ => format!(
                    "origin {}: not allowed; {refused}",
                    String::from_utf8_lossy(origins[0])
                ),
            };
            (Verdict::Fail, detail)
        }
        _ => {
            let origin = origins.first().copied().unwrap_or_default();
            let how = explain::allowed_origin(policy, origin);
            (
                Verdict::Pass,
                format!("{}: {how}", String::from_utf8_lossy(origin)),
            )
        }
    };
    Check {
        name: "origin",
        verdict,
        detail,
    }
}

/// 4. Private Network Access (never refuses).
fn private_network_check(
    policy: &Interpreted,
    allowed: bool,
    response: &HeaderMap,
    headers: &HeaderMap,
) -> Option<Check> {
    if !headers.contains_key(CorsHeader::RequestPrivateNetwork.http()) {
        return None;
    }
    let granted = response.contains_key(CorsHeader::AllowPrivateNetwork.http());
    let detail = if granted {
        "Access-Control-Request-Private-Network: true and `private-network: true`: \
         Access-Control-Allow-Private-Network: true is sent"
    } else if !allowed {
        "not reached"
    } else if policy.config().private_network() {
        "Access-Control-Request-Private-Network is not exactly one field `true`: \
         no Access-Control-Allow-Private-Network"
    } else {
        "private network access requested, but the policy does not say \
         `private-network: true`: the preflight succeeds without \
         Access-Control-Allow-Private-Network (the browser then blocks the request)"
    };
    Some(Check {
        name: "private network",
        verdict: Verdict::Note,
        detail: detail.to_owned(),
    })
}

fn failed_check(name: &'static str, why: &Why) -> Check {
    Check {
        name,
        verdict: Verdict::Fail,
        detail: why.to_string(),
    }
}

fn not_checked(name: &'static str) -> Check {
    Check {
        name,
        verdict: Verdict::NotChecked,
        detail: "an earlier check failed".to_owned(),
    }
}

/// Every field of one CORS request header, as bytes.
fn values(headers: &HeaderMap, header: CorsHeader) -> Vec<&[u8]> {
    headers
        .get_all(header.http())
        .iter()
        .map(HeaderValue::as_bytes)
        .collect()
}

pub(super) fn lossy(value: &HeaderValue) -> String {
    String::from_utf8_lossy(value.as_bytes()).into_owned()
}

/// What a browser concludes.
fn browser_conclusion(
    policy: &Interpreted,
    kind: RequestKind,
    allowed: bool,
    response: &HeaderMap,
    method: &Method,
    headers: &HeaderMap,
) -> Vec<String> {
    let config = policy.config();
    let credentials = response.contains_key(CorsHeader::AllowCredentials.http());
    let credentials_note = if credentials {
        "credentialed requests (cookies, `credentials: 'include'`) are allowed".to_owned()
    } else {
        "only without credentials: a request with cookies (`credentials: 'include'`) would \
         fail, because Access-Control-Allow-Credentials: true is not sent"
            .to_owned()
    };
    let mut lines = Vec::new();
    match (kind, allowed) {
        (RequestKind::NotCors, _) => lines.push(
            "CORS does not apply: without Origin the browser (if it is one) is not making a \
             cross-origin request, and nothing is checked"
                .to_owned(),
        ),
        (RequestKind::Preflight, true) => {
            let method = headers
                .get(CorsHeader::RequestMethod.http())
                .map(lossy)
                .unwrap_or_default();
            lines.push(format!(
                "the preflight succeeds: the browser goes on and sends the actual {method} request"
            ));
            lines.push(credentials_note);
            match response.get(CorsHeader::MaxAge.http()) {
                Some(seconds) => lines.push(format!(
                    "the browser may cache this answer for {} s (Chromium caps at 7200 s, \
                     WebKit at 600 s)",
                    lossy(seconds)
                )),
                None => lines.push(
                    "no Access-Control-Max-Age: browsers cache this answer for 5 s".to_owned(),
                ),
            }
            if config.preflight() == PreflightMode::Forward {
                lines.push(
                    "`preflight: forward`: the application also receives this OPTIONS request \
                     and its status is kept"
                        .to_owned(),
                );
            }
        }
        (RequestKind::Preflight, false) => lines.push(
            "the preflight fails (403, no Access-Control-* header): the browser reports a CORS \
             error and never sends the actual request; the script sees a network error \
             (TypeError: Failed to fetch)"
                .to_owned(),
        ),
        (RequestKind::Actual, true) => {
            lines.push("the browser lets the script read the response".to_owned());
            lines.push(credentials_note);
            match response.get(CorsHeader::ExposeHeaders.http()) {
                Some(exposed) => lines.push(format!(
                    "besides the CORS-safelisted response headers, the script can read: {}",
                    lossy(exposed)
                )),
                None => lines.push(
                    "the script can read only the CORS-safelisted response headers \
                     (cache-control, content-language, content-length, content-type, expires, \
                     last-modified, pragma)"
                        .to_owned(),
                ),
            }
        }
        (RequestKind::Actual, false) => lines.push(
            "the application ran (CORS is not access control), but the browser hides the \
             response from the script: a CORS error (no Access-Control-Allow-Origin header)"
                .to_owned(),
        ),
        (RequestKind::WebSocket, true) => lines.push(
            "browsers apply no CORS to WebSockets: the socket opens if the application \
             accepts the handshake"
                .to_owned(),
        ),
        (RequestKind::WebSocket, false) => lines.push(
            "the handshake fails (403): the page's WebSocket gets an error event, then a close \
             event (code 1006); the application never sees the request nor its cookies"
                .to_owned(),
        ),
    }
    if kind == RequestKind::Actual && is_websocket_handshake(&HttpRequestView::new(method, headers))
    {
        lines.push(
            "browsers apply no CORS to WebSocket handshakes: the socket opens whatever these \
             headers say, and any page can open one with the user's cookies; \
             `websocket: check-origin;` makes the middleware refuse origins the policy does not \
             allow"
                .to_owned(),
        );
    }
    lines
}
