//! The whole decision on arbitrary requests, for several policies, applied
//! to a clean response and to one where the application already wrote stale
//! CORS headers.
//!
//! Input: byte 0 picks the policy (and whether the application writes stale
//! headers); then `\n`-separated lines: the method, then one header field per
//! line, whose first byte picks the name (`o` Origin, `m` ACRM, `h` ACRH,
//! `p` ACRPN, anything else an unrelated header) and whose rest is the value.
//!
//! Invariants (PROTOCOL.md): no panic; classification; never `ACAO: *` with
//! `ACAC`; `ACAO` absent, `*` (only for `origins: *`) or byte-equal to the
//! single request `Origin`, which the reference then allows; one field per
//! `Access-Control-*` header (except echoed `ACAH`); `Vary: origin` whenever
//! the policy lists origins; a refused preflight is `403` with no
//! `Access-Control-*` header; actual responses never carry preflight headers
//! and preflights never `ACEH`; `authorization` is only ever allowed when
//! listed; wildcards are never answered under credentials; and the policy is
//! consulted a bounded number of times.
//!
//! The refusal reason: `refusal()` is `None` exactly when the request is
//! allowed (and for requests without `Origin`), and equals the reference's
//! reason — the checks in order: origin (the reference matcher), then
//! `Access-Control-Request-Method` (one token of at most 64 bytes, else
//! `Malformed`; a non-safelisted method the policy does not list is
//! `Method`), then `Access-Control-Request-Headers` (the reference scanner
//! under the documented limits: refused is `Malformed`, a name not allowed
//! is `RequestHeaders`). Under `RequestHeaders`, `refused_header` is the
//! scanner's name, byte for byte as sent, and the policy does not allow it;
//! under any other reason it is `None`.
//!
//! `decide/headers.rs` holds the stale application headers and the readings
//! of a header map, `decide/invariants.rs` the protocol checks of one
//! answer, `decide/refusal.rs` the refusal reason and refused header against
//! the reference.

#![no_main]

#[path = "decide/headers.rs"]
mod headers;
#[path = "decide/invariants.rs"]
mod invariants;
#[path = "decide/refusal.rs"]
mod refusal;

use cors_core::{decide, HttpRequestView, Outcome};
use cors_fuzz::policies::{self, POLICIES};
use http::header::{HeaderMap, HeaderName};
use libfuzzer_sys::fuzz_target;

use headers::stale_app_headers;
use invariants::check;
use refusal::check_refusal;

const OTHER: HeaderName = HeaderName::from_static("x-other");

fuzz_target!(|data: &[u8]| {
    let Some((&selector, rest)) = data.split_first() else {
        return;
    };
    let policy = &POLICIES[usize::from(selector & 0x7f) % POLICIES.len()];
    let stale = selector & 0x80 != 0;
    let Some((method, request)) = cors_fuzz::request(rest, Some(OTHER)) else {
        return;
    };

    policies::reset_calls();
    let decision = decide(policy, &method, &request);
    let (kind, outcome) = (decision.kind(), decision.outcome());
    let (allowed, refusal) = (decision.is_allowed(), decision.refusal());
    let view = HttpRequestView::new(&method, &request);
    // Finding the refused name scans again: keep the decision's own calls.
    let decision_calls = policies::calls();
    let refused_header = decision.refused_header(policy, &view);
    let (status, response) = match outcome {
        Outcome::Respond(status) => {
            let response: http::Response<()> = decision
                .preflight_response()
                .expect("Respond gives a response");
            assert_eq!(response.status(), status);
            (Some(status.as_u16()), response.headers().clone())
        }
        Outcome::CallApp => {
            assert!(decision.preflight_response::<()>().is_none());
            let decision = decision.into_owned();
            assert_eq!(decision.refusal(), refusal);
            assert_eq!(decision.refused_header(policy, &view), refused_header);
            let mut headers = if stale {
                stale_app_headers()
            } else {
                HeaderMap::new()
            };
            decision.apply_to(&mut headers);
            // Applying twice (a second layer) changes nothing.
            let mut again = headers.clone();
            decision.apply_to(&mut again);
            assert_eq!(headers, again, "apply is not idempotent");
            (None, headers)
        }
    };
    policies::set_calls(decision_calls);
    check(policy, &method, &request, kind, outcome, status, &response);
    check_refusal(
        policy,
        &request,
        kind,
        allowed,
        refusal,
        refused_header,
        &response,
    );
});
