//! Running one expectation: the requests a browser sends for the call, the
//! decision of the core on each, and a diagnostic when the outcome is not
//! the expected one.

use cors_core::grammar::is_safelisted_method;
use cors_core::{decide, CorsHeader, Interpreted, Refusal};
use http::{HeaderMap, HeaderValue, Method};

use super::case::Case;
use crate::codes::Code;
use crate::diagnostic::Diagnostic;
use crate::explain::{self, OriginAllowed, Why};
use crate::source::SourceId;

/// What the middleware does with the call.
#[derive(Debug)]
pub(super) enum Observed {
    /// The preflight (if any) succeeds and the actual response is readable.
    Allowed {
        /// How the origin is allowed.
        origin: OriginAllowed,
    },
    /// The preflight is refused, or the actual response is not readable.
    Denied(Why),
}

/// Whether a browser preflights the call: a method other than `GET`,
/// `HEAD` and `POST`, a header the script sets, or `preflight` written.
pub(super) fn preflighted(case: &Case) -> bool {
    case.preflight || !is_safelisted_method(case.method.as_bytes()) || !case.headers.is_empty()
}

/// `Access-Control-Request-Headers` as a browser writes it: the names
/// lowercased, sorted, de-duplicated, joined by `,`; `None` without names.
pub(super) fn acrh(headers: &[String]) -> Option<String> {
    let mut names: Vec<String> = headers.iter().map(|h| h.to_ascii_lowercase()).collect();
    names.sort();
    names.dedup();
    (!names.is_empty()).then(|| names.join(","))
}

/// Sends the call through the decision core, as a browser would.
///
/// `None` only if the call cannot be written as an HTTP request, which
/// validation rules out.
pub(super) fn observe(policy: &Interpreted, case: &Case) -> Option<Observed> {
    let origin = HeaderValue::from_str(&case.origin).ok()?;
    let method = Method::from_bytes(case.method.as_bytes()).ok()?;
    if preflighted(case) {
        let mut preflight = HeaderMap::new();
        preflight.insert(CorsHeader::Origin.http(), origin.clone());
        preflight.insert(
            CorsHeader::RequestMethod.http(),
            HeaderValue::from_str(&case.method).ok()?,
        );
        if let Some(names) = acrh(&case.headers) {
            preflight.insert(
                CorsHeader::RequestHeaders.http(),
                HeaderValue::from_str(&names).ok()?,
            );
        }
        let decision = decide(policy, &Method::OPTIONS, &preflight);
        if !decision.is_allowed() {
            let refusal = decision.refusal().unwrap_or(Refusal::Origin);
            return Some(Observed::Denied(explain::refused(
                policy,
                &Method::OPTIONS,
                &preflight,
                refusal,
            )));
        }
    }
    let mut actual = HeaderMap::new();
    actual.insert(CorsHeader::Origin.http(), origin);
    let decision = decide(policy, &method, &actual);
    Some(if decision.is_allowed() {
        Observed::Allowed {
            origin: explain::allowed_origin(policy, case.origin.as_bytes()),
        }
    } else {
        let refusal = decision.refusal().unwrap_or(Refusal::Origin);
        Observed::Denied(explain::refused(policy, &method, &actual, refusal))
    })
}

/// `Ok` when the observed outcome is the expected one, else the diagnostic
/// at the expectation.
pub(super) fn verdict(
    case: &Case,
    observed: Observed,
    source: SourceId,
) -> Result<(), Box<Diagnostic>> {
    let error = |code: Code, message: String, hint: String| {
        Err(Box::new(
            Diagnostic::new(source, case.span, code, message).with_hint(hint),
        ))
    };
    match (case.allow, observed) {
        (true, Observed::Allowed { .. }) => Ok(()),
        (false, Observed::Denied(why)) if case.because.is_none_or(|b| b == why.check()) => Ok(()),
        (true, Observed::Denied(why)) => error(
            Code::TestNotAllowed,
            format!(
                "expected {case} to be allowed, but {} not allowed: {}",
                subject(why.check()),
                why.reason()
            ),
            why.hint().unwrap_or_else(|| {
                "if browsers at this origin should make this call, change the policy; if not, \
                 write `deny`"
                    .to_owned()
            }),
        ),
        (false, Observed::Allowed { origin }) => {
            let preflight = if preflighted(case) {
                ", and the preflight succeeds"
            } else {
                ""
            };
            error(
                Code::TestNotDenied,
                format!("expected {case} to be denied, but it is allowed: the origin is {origin}{preflight}"),
                unchecked_method_hint(case).unwrap_or_else(|| {
                    "if this call should fail, narrow the policy; if it should work, write `allow`"
                        .to_owned()
                }),
            )
        }
        (false, Observed::Denied(why)) => error(
            Code::TestWrongReason,
            format!(
                "expected {case} to be denied because of the {}, but {} not allowed: {}",
                noun(case.because.unwrap_or(Refusal::Origin)),
                subject(why.check()),
                why.reason()
            ),
            unchecked_method_hint(case)
                .or_else(|| why.hint())
                .unwrap_or_else(|| {
                    "the middleware checks the origin, then the method, then the request \
                     headers, and stops at the first that fails"
                        .to_owned()
                }),
        ),
    }
}

/// For `deny GET from … because method`: a call that is not preflighted
/// never has its method checked.
fn unchecked_method_hint(case: &Case) -> Option<String> {
    (case.because == Some(Refusal::Method) && !preflighted(case)).then(|| {
        format!(
            "browsers send {} without a preflight, so its method is never checked: write \
             `deny preflight {} …` to test the preflight",
            case.method, case.method
        )
    })
}

/// `the origin is`, `the method is`, `the request headers are`.
fn subject(check: Refusal) -> &'static str {
    match check {
        Refusal::Method => "the method is",
        Refusal::RequestHeaders => "the request headers are",
        _ => "the origin is",
    }
}

fn noun(check: Refusal) -> &'static str {
    match check {
        Refusal::Method => "method",
        Refusal::RequestHeaders => "request headers",
        _ => "origin",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn acrh_is_written_as_browsers_write_it() {
        let names = ["X-B", "content-type", "x-b", "Content-Type", "x-a"].map(String::from);
        assert_eq!(acrh(&names).as_deref(), Some("content-type,x-a,x-b"));
        assert_eq!(acrh(&[]), None);
    }
}
