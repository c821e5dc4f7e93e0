//! Shadow policies: the `cors_runtime::shadow` events through both adapters
//! when the candidate's verdict or reason differs, silence when they agree,
//! candidates taken from any policy source, and shadow events listened to
//! alone.

use cors_runtime::dynamic::{DynamicPolicy, ReloadablePolicy};
use cors_runtime::PolicySource;
use cors_tests::capture::{Capture, Captured};
use tracing::Level;

use crate::events::{actix_events, tower_events};
use crate::support::harness::Req;
use crate::{compiled, APP};

/// The events of `req` with `current` shadowed by `candidate`, through both
/// adapters (which must agree), for a subscriber that sees everything.
fn shadowed<P: PolicySource, C: PolicySource>(
    current: P,
    candidate: C,
    req: &Req,
) -> Vec<Captured> {
    let capture = Capture::new();
    let layer = cors_runtime::tower::CorsLayer::new(current.clone()).with_shadow(candidate.clone());
    let tower = tower_events(&capture, layer, req);
    let cors = cors_runtime::actix::Cors::new(current).with_shadow(candidate);
    let actix = actix_events(&capture, cors, req);
    assert_eq!(tower, actix, "tower and actix differ for {req:?}");
    tower
}

fn shadow_events(events: &[Captured]) -> Vec<&Captured> {
    events
        .iter()
        .filter(|e| e.target == "cors_runtime::shadow")
        .collect()
}

/// Exactly one decision event, for the current policy.
fn one_decision_event(events: &[Captured], current: &str) {
    let decisions: Vec<_> = events
        .iter()
        .filter(|e| e.target == "cors_runtime")
        .collect();
    assert_eq!(decisions.len(), 1, "{events:#?}");
    assert_eq!(decisions[0].get("policy"), Some(current));
}

#[test]
fn shadow_reports_allowed_versus_refused() {
    // `origins: *` replaced by a list: which origins would lose access?
    let req = Req::new("GET").origin("https://partner.example");
    let events = shadowed(compiled::Open, compiled::Tight, &req);
    one_decision_event(&events, "Open");
    let shadow = shadow_events(&events);
    assert_eq!(shadow.len(), 1, "{events:#?}");
    assert_eq!(shadow[0].level, Level::INFO);
    assert_eq!(
        shadow[0].data(),
        [
            ("policy", "Open"),
            ("shadow", "Tight"),
            ("kind", "actual"),
            ("origin", "https://partner.example"),
            ("method", "GET"),
            ("outcome", "allowed"),
            ("shadow_outcome", "refused"),
            ("shadow_reason", "origin"),
        ]
    );

    // The other way round: the candidate allows what the policy refuses.
    let req = Req::preflight(APP, "DELETE");
    let events = shadowed(compiled::List, compiled::Tight, &req);
    one_decision_event(&events, "List");
    let shadow = shadow_events(&events);
    assert_eq!(shadow.len(), 1, "{events:#?}");
    assert_eq!(
        shadow[0].data(),
        [
            ("policy", "List"),
            ("shadow", "Tight"),
            ("kind", "preflight"),
            ("origin", APP),
            ("method", "DELETE"),
            ("outcome", "refused"),
            ("reason", "method"),
            ("shadow_outcome", "allowed"),
        ]
    );
}

#[test]
fn shadow_reports_a_different_reason() {
    // List refuses the method, Tight refuses the origin.
    let req = Req::preflight("https://a.example.com", "DELETE");
    let events = shadowed(compiled::List, compiled::Tight, &req);
    let shadow = shadow_events(&events);
    assert_eq!(shadow.len(), 1, "{events:#?}");
    assert_eq!(shadow[0].get("outcome"), Some("refused"));
    assert_eq!(shadow[0].get("reason"), Some("method"));
    assert_eq!(shadow[0].get("shadow_outcome"), Some("refused"));
    assert_eq!(shadow[0].get("shadow_reason"), Some("origin"));
}

#[test]
fn shadow_is_silent_when_the_verdicts_agree() {
    for req in [
        // Both allow (Tight by `request-headers: *`).
        Req::new("GET").origin(APP),
        Req::preflight(APP, "PUT").acrh("x-a"),
        // Both refuse for the same reason.
        Req::new("GET").origin("https://evil.example"),
        Req::preflight(APP, "P T"),
        // Not CORS.
        Req::new("GET"),
    ] {
        let events = shadowed(compiled::List, compiled::Tight, &req);
        assert_eq!(shadow_events(&events), Vec::<&Captured>::new(), "{req:?}");
        let expected = usize::from(req.headers.iter().any(|(n, _)| *n == "origin"));
        assert_eq!(events.len(), expected, "{req:?}: {events:#?}");
    }
}

#[test]
fn shadow_candidates_are_snapshots_of_any_policy_source() {
    let candidate = ReloadablePolicy::new(
        DynamicPolicy::parse(r#"policy Next { origins: "https://app.example"; }"#, "Next").unwrap(),
    );
    let req = Req::new("GET").origin("https://partner.example");
    let events = shadowed(compiled::Open, candidate.clone(), &req);
    assert_eq!(shadow_events(&events)[0].get("shadow"), Some("Next"));
    candidate.store(
        DynamicPolicy::parse(
            r#"policy Wider { origins: "https://partner.example"; }"#,
            "Wider",
        )
        .unwrap(),
    );
    assert_eq!(
        shadow_events(&shadowed(compiled::Open, candidate, &req)),
        Vec::<&Captured>::new()
    );
}

#[test]
fn shadow_events_alone_can_be_listened_to() {
    let capture = Capture::new().only_target("cors_runtime::shadow");
    let req = Req::new("GET").origin("https://partner.example");
    let layer = cors_runtime::tower::CorsLayer::new(compiled::Open).with_shadow(compiled::Tight);
    let events = tower_events(&capture, layer, &req);
    assert_eq!(events.len(), 1);
    assert_eq!(events[0].target, "cors_runtime::shadow");
    let cors = cors_runtime::actix::Cors::new(compiled::Open).with_shadow(compiled::Tight);
    assert_eq!(actix_events(&capture, cors, &req), events);
}
