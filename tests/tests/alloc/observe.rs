//! Feature `tracing` (PROTOCOL §8): still no allocation per request with
//! the feature on and no subscriber (the tests of the other modules, when the
//! feature is on), with a subscriber that filters the events out, and with a
//! shadow policy that agrees with the policy.

use cors_runtime::actix::Cors;
use cors_runtime::tower::CorsLayer;
use cors_tests::capture::Capture;
use tracing::Level;

use super::adapters::{check_actix, check_tower};
use super::list_policy;
use super::support::harness::Req;

#[test]
fn with_a_subscriber_that_filters_the_events_out() {
    for capture in [
        Capture::new().max_level(Level::INFO),
        Capture::new().only_target("another_crate"),
    ] {
        tracing::subscriber::with_default(capture.clone(), || {
            check_tower("tower, filtered", CorsLayer::new);
            check_actix("actix, filtered", Cors::new);
        });
        assert_eq!(capture.events(), []);
    }
}

#[test]
fn with_a_shadow_policy_that_agrees() {
    // A subscriber listening to the shadow events only: the candidate
    // decides every request.
    let capture = Capture::new().only_target("cors_runtime::shadow");
    tracing::subscriber::with_default(capture.clone(), || {
        check_tower("tower, shadow", |policy| {
            CorsLayer::new(policy).with_shadow(policy)
        });
        check_actix("actix, shadow", |policy| {
            Cors::new(policy).with_shadow(policy)
        });
    });
    assert_eq!(capture.events(), []);

    // The same subscriber does see a disagreement.
    cors_runtime::cors_policy! { policy Nobody { origins: "https://nobody.example"; } }
    let req = Req::new("GET").origin(super::APP);
    tracing::subscriber::with_default(capture.clone(), || {
        let layer = CorsLayer::new(list_policy()).with_shadow(Nobody);
        let service = tower::Layer::layer(&layer, super::adapters::TowerApp { room: true });
        let request = super::support::harness::http_request(&req);
        let mut request = request.map(|_| ());
        *request.method_mut() = http::Method::GET;
        super::support::harness::block_on(tower::ServiceExt::oneshot(service, request)).unwrap();
    });
    assert_eq!(capture.events().len(), 1);
}
