//! What an engine does with one request, in comparable form: the decision
//! and the headers written ([`Answer`]), and the policy's own matchers'
//! answers ([`Matched`]).

use cors_runtime::{decide, OriginMatch, Outcome, Policy};
use http::HeaderMap;

use crate::generate::Request;

/// What an engine does with one request: classification, verdict, outcome,
/// the headers written into the application's response, the same after
/// `into_owned`, and the middleware's own answer (status and headers) when
/// it answers. `HeaderMap`'s `==` compares every field of every name, in
/// order within a name.
#[derive(Debug, PartialEq)]
pub struct Answer {
    pub kind: cors_runtime::RequestKind,
    pub allowed: bool,
    pub outcome: Outcome,
    pub applied: HeaderMap,
    pub applied_owned: HeaderMap,
    pub answered: Option<(http::StatusCode, HeaderMap)>,
}

pub fn answer(policy: &impl Policy, request: &Request) -> Answer {
    let decision = decide(policy, &request.method, &request.headers);
    let mut applied = request.response.clone();
    decision.apply_to(&mut applied);
    let answered = decision
        .preflight_response::<()>()
        .map(|response| (response.status(), response.headers().clone()));
    let (kind, allowed, outcome) = (decision.kind(), decision.is_allowed(), decision.outcome());
    let mut applied_owned = request.response.clone();
    decision.into_owned().apply_to(&mut applied_owned);
    Answer {
        kind,
        allowed,
        outcome,
        applied,
        applied_owned,
        answered,
    }
}

/// One answer of a policy's matchers.
#[derive(Debug, PartialEq)]
pub enum Matched<'p> {
    /// `match_origin`: refused, a constant, or echo (`Some(None)`).
    Origin(Option<Option<&'p str>>),
    Method(bool),
    Header(bool),
}

/// The policies' own answers, on inputs taken from the request.
pub fn matcher_answers<'p>(policy: &'p impl Policy, request: &Request) -> Vec<Matched<'p>> {
    let mut out = Vec::new();
    for origin in request.headers.get_all("origin") {
        out.push(Matched::Origin(
            match policy.match_origin(origin.as_bytes()) {
                OriginMatch::Refused => None,
                OriginMatch::Constant(value) => Some(Some(value.as_str())),
                OriginMatch::Echo => Some(None),
            },
        ));
    }
    for method in request.headers.get_all("access-control-request-method") {
        out.push(Matched::Method(policy.allows_method(method.as_bytes())));
    }
    for field in request.headers.get_all("access-control-request-headers") {
        for name in field.as_bytes().split(|&b| b == b',') {
            let name = name.trim_ascii().to_ascii_lowercase();
            out.push(Matched::Header(policy.allows_request_header(&name)));
        }
    }
    out
}
