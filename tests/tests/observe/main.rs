//! PROTOCOL §8 through both adapters (tower and actix-web): the decision
//! event of every refusal reason, allowed requests at `TRACE`, nothing
//! without `Origin`, a hostile `Origin`, compiled and run-time policies
//! (through `PolicySource` snapshots), and shadow policies.
//!
//! Events are captured by `cors_tests::capture::Capture`, installed as the
//! thread's default subscriber around each request.
//!
//! `events` runs a request through both adapters and captures its events;
//! `expect` states the decision event expected of each row; this file holds
//! the decision-event tests, `shadow` those of shadow policies and `metrics`
//! the metrics layer of docs/observability.md.

#![cfg(feature = "tracing")]

#[path = "../support/mod.rs"]
mod support;

mod events;
mod expect;
mod metrics;
mod shadow;

use cors_runtime::dynamic::{DynamicPolicy, ReloadablePolicy};
use cors_tests::capture::Capture;
use support::harness::Req;
use tracing::Level;

use events::{actix_events, both, tower_events};
use expect::{allowed, refused, table};

mod compiled {
    cors_runtime::cors_policy! {
        pub policy List {
            origins: "https://app.example", "https://*.example.com";
            methods: PUT;
            request-headers: content-type, x-a;
        }
        pub policy Open {
            origins: *;
            methods: *;
            request-headers: *;
        }
        pub policy Tight {
            origins: "https://app.example";
            methods: PUT, DELETE;
            request-headers: *;
        }
        pub policy Live {
            origins: "https://app.example";
            websocket: check-origin;
        }
    }
}

const LIST_TEXT: &str = r#"
    policy Listed {
        origins: "https://app.example", "https://*.example.com";
        methods: PUT;
        request-headers: content-type, x-a;
    }
"#;

const APP: &str = "https://app.example";

#[test]
fn every_reason_through_both_adapters_compiled() {
    for (req, expect) in table() {
        expect.check("List", &both(compiled::List, &req), &req);
    }
}

#[test]
fn every_reason_through_both_adapters_run_time_policies() {
    let dynamic = DynamicPolicy::parse(LIST_TEXT, "Listed").unwrap();
    let reloadable = ReloadablePolicy::new(dynamic.clone());
    for (req, expect) in table() {
        expect.check("Listed", &both(dynamic.clone(), &req), &req);
        expect.check("Listed", &both(reloadable.clone(), &req), &req);
    }
}

#[test]
fn a_reloaded_policy_is_named_by_its_new_name() {
    let reloadable = ReloadablePolicy::new(DynamicPolicy::parse(LIST_TEXT, "Listed").unwrap());
    let req = Req::new("GET").origin("https://evil.example");
    assert_eq!(
        both(reloadable.clone(), &req)[0].get("policy"),
        Some("Listed")
    );
    reloadable.store(
        DynamicPolicy::parse(
            r#"policy Renamed { origins: "https://app.example"; }"#,
            "Renamed",
        )
        .unwrap(),
    );
    assert_eq!(both(reloadable, &req)[0].get("policy"), Some("Renamed"));
}

#[test]
fn no_event_without_origin() {
    for req in [
        Req::new("GET"),
        Req::new("OPTIONS").h("access-control-request-method", "PUT"),
        Req::new("POST").h("access-control-request-headers", "x-debug"),
    ] {
        assert_eq!(both(compiled::List, &req), [], "{req:?}");
        assert_eq!(both(compiled::Open, &req), [], "{req:?}");
    }
}

/// `websocket: check-origin;`: handshakes are events of kind `websocket`;
/// without `Origin`, none.
#[test]
fn websocket_handshakes_are_decision_events() {
    let req = Req::new("GET")
        .origin("https://evil.example")
        .h("upgrade", "websocket");
    refused("origin", "websocket", "https://evil.example", "GET").check(
        "Live",
        &both(compiled::Live, &req),
        &req,
    );
    let req = Req::new("GET").origin(APP).h("upgrade", "WebSocket");
    allowed("websocket", APP, "GET").check("Live", &both(compiled::Live, &req), &req);
    let req = Req::new("GET").h("upgrade", "websocket");
    assert_eq!(both(compiled::Live, &req), [], "{req:?}");
}

#[test]
fn any_origin_policies_report_allowed_requests() {
    let req = Req::new("GET").origin("null");
    allowed("actual", "null", "GET").check("Open", &both(compiled::Open, &req), &req);
}

#[test]
fn a_subscriber_below_debug_sees_nothing() {
    let capture = Capture::new().max_level(Level::INFO);
    let req = Req::new("GET").origin("https://evil.example");
    let layer = cors_runtime::tower::CorsLayer::new(compiled::List);
    assert_eq!(tower_events(&capture, layer, &req), []);
    let cors = cors_runtime::actix::Cors::new(compiled::List);
    assert_eq!(actix_events(&capture, cors, &req), []);
}

#[test]
fn a_hostile_origin_gives_one_bounded_escaped_event() {
    // 1 MiB of what an `Origin` field can hold: tabs, bytes above 0x7F
    // (among them U+2028 LINE SEPARATOR and U+0085 NEXT LINE, which some
    // log viewers break lines on), quotes, backslashes, and a forged field.
    let mut origin = b"https://app.example\t\xe2\x80\xa8\xc2\x85 outcome=allowed \"\\".to_vec();
    while origin.len() < 1 << 20 {
        origin.extend_from_slice(b"\t\xe2\x80\xa8x");
    }
    origin.truncate(1 << 20);
    let req = Req::new("GET").h("origin", &origin);
    let events = both(compiled::List, &req);
    assert_eq!(events.len(), 1, "{events:#?}");
    let shown = events[0].get("origin").unwrap();
    let prefix = r"https://app.example\x09\xe2\x80\xa8\xc2\x85\x20outcome=allowed\x20\x22\x5c";
    assert!(shown.starts_with(prefix), "{shown}");
    assert!(shown.ends_with("…[len=1048576]"), "{shown}");
    // At most 256 request bytes, each at most 4 characters.
    assert!(
        shown.len() <= 4 * 256 + "…[len=1048576]".len(),
        "{}",
        shown.len()
    );
    assert!(
        shown
            .trim_end_matches("…[len=1048576]")
            .bytes()
            .all(|b| (0x21..=0x7e).contains(&b) && b != b'"'),
        "{shown}"
    );
    assert_eq!(events[0].get("reason"), Some("origin"));
}
