//! PROTOCOL §8 through both adapters (tower and actix-web): the decision
//! event of every refusal reason, allowed requests at `TRACE`, nothing
//! without `Origin`, a hostile `Origin`, compiled and run-time policies
//! (through `PolicySource` snapshots), and shadow policies.
//!
//! Events are captured by `cors_tests::capture::Capture`, installed as the
//! thread's default subscriber around each request.

#![cfg(feature = "tracing")]

mod support;

use std::convert::Infallible;

use cors_runtime::dynamic::{DynamicPolicy, ReloadablePolicy};
use cors_runtime::observe::Shadow;
use cors_runtime::PolicySource;
use cors_tests::capture::{Capture, Captured};
use support::harness::{block_on, http_request, Req};
use tracing::Level;

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

/// The events `req` produces through the tower adapter built by `layer`.
fn tower_events<L>(capture: &Capture, layer: L, req: &Req) -> Vec<Captured>
where
    L: tower::Layer<App>,
    L::Service: tower::Service<
        http::Request<String>,
        Response = http::Response<String>,
        Error = Infallible,
    >,
{
    use tower::ServiceExt;
    capture.clear();
    let service = layer.layer(App);
    tracing::subscriber::with_default(capture.clone(), || {
        block_on(service.oneshot(http_request(req))).unwrap();
    });
    capture.events()
}

/// The events `req` produces through the actix-web adapter.
fn actix_events<P, Sh>(
    capture: &Capture,
    cors: cors_runtime::actix::Cors<P, Sh>,
    req: &Req,
) -> Vec<Captured>
where
    P: PolicySource,
    Sh: Shadow,
{
    use actix_web::http::header::{HeaderName, HeaderValue};
    use actix_web::{test, web, HttpResponse};
    capture.clear();
    tracing::subscriber::with_default(capture.clone(), || {
        actix_web::rt::System::new().block_on(async {
            let service = test::init_service(
                actix_web::App::new()
                    .wrap(cors)
                    .default_service(web::to(|| async { HttpResponse::Ok().body("app") })),
            )
            .await;
            let mut request = test::TestRequest::default()
                .method(actix_web::http::Method::from_bytes(req.method.as_bytes()).unwrap());
            for (name, value) in &req.headers {
                request = request.append_header((
                    HeaderName::from_static(name),
                    HeaderValue::from_bytes(value).unwrap(),
                ));
            }
            test::call_service(&service, request.to_request()).await;
        });
    });
    capture.events()
}

/// The application: `200`, body `app`.
#[derive(Clone, Copy, Debug)]
struct App;

impl tower::Service<http::Request<String>> for App {
    type Response = http::Response<String>;
    type Error = Infallible;
    type Future = std::future::Ready<Result<http::Response<String>, Infallible>>;

    fn poll_ready(
        &mut self,
        _: &mut std::task::Context<'_>,
    ) -> std::task::Poll<Result<(), Infallible>> {
        std::task::Poll::Ready(Ok(()))
    }

    fn call(&mut self, _: http::Request<String>) -> Self::Future {
        std::future::ready(Ok(http::Response::new("app".to_owned())))
    }
}

/// The events of `req` with `policy` through both adapters, which must
/// emit the same events.
fn both<P: PolicySource>(policy: P, req: &Req) -> Vec<Captured> {
    let capture = Capture::new();
    let tower = tower_events(
        &capture,
        cors_runtime::tower::CorsLayer::new(policy.clone()),
        req,
    );
    let actix = actix_events(&capture, cors_runtime::actix::Cors::new(policy), req);
    assert_eq!(tower, actix, "tower and actix differ for {req:?}");
    tower
}

/// One decision event: its level and its fields but `message`.
struct Expect {
    level: Level,
    fields: Vec<(&'static str, String)>,
}

fn refused(reason: &str, kind: &str, origin: &str, method: &str) -> Expect {
    Expect {
        level: Level::DEBUG,
        fields: vec![
            ("kind", kind.to_owned()),
            ("outcome", "refused".to_owned()),
            ("reason", reason.to_owned()),
            ("origin", origin.to_owned()),
            ("method", method.to_owned()),
        ],
    }
}

fn allowed(kind: &str, origin: &str, method: &str) -> Expect {
    Expect {
        level: Level::TRACE,
        fields: vec![
            ("kind", kind.to_owned()),
            ("outcome", "allowed".to_owned()),
            ("origin", origin.to_owned()),
            ("method", method.to_owned()),
        ],
    }
}

impl Expect {
    fn header(mut self, name: &str) -> Self {
        self.fields.push(("header", name.to_owned()));
        self
    }

    fn check(&self, policy: &str, events: &[Captured], req: &Req) {
        assert_eq!(events.len(), 1, "{req:?}: {events:#?}");
        let event = &events[0];
        assert_eq!(event.target, "cors_runtime", "{req:?}");
        assert_eq!(event.level, self.level, "{req:?}");
        let mut expected = vec![("policy", policy)];
        expected.extend(self.fields.iter().map(|(n, v)| (*n, v.as_str())));
        assert_eq!(event.data(), expected, "{req:?}");
        let message = event.get("message").unwrap_or_default();
        assert!(message.starts_with("CORS request"), "{message}");
    }
}

/// Every reason, and allowed requests, for one policy named `name`.
fn table() -> Vec<(Req, Expect)> {
    let long_method = "M".repeat(65);
    vec![
        (
            Req::new("GET").origin("https://evil.example"),
            refused("origin", "actual", "https://evil.example", "GET"),
        ),
        (
            Req::preflight("https://evil.example", "PUT"),
            refused("origin", "preflight", "https://evil.example", "PUT"),
        ),
        (
            // Two Origin fields: refused; the first is shown.
            Req::new("GET").origin(APP).origin("https://b.example.com"),
            refused("origin", "actual", APP, "GET"),
        ),
        (
            Req::preflight(APP, "patch"),
            refused("method", "preflight", APP, "patch"),
        ),
        (
            Req::preflight(APP, "PUT").acrh("content-type,X-Debug, x-a"),
            refused("request-headers", "preflight", APP, "PUT").header("X-Debug"),
        ),
        (
            Req::preflight(APP, "PUT").acrh("x-a").acrh("authorization"),
            refused("request-headers", "preflight", APP, "PUT").header("authorization"),
        ),
        (
            Req::preflight(APP, "P T"),
            refused("malformed", "preflight", APP, r"P\x20T"),
        ),
        (
            Req::preflight(APP, &long_method),
            refused("malformed", "preflight", APP, &long_method),
        ),
        (
            Req::preflight(APP, "PUT").acrh("x-a,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,"),
            refused("malformed", "preflight", APP, "PUT"),
        ),
        (
            Req::preflight(APP, "PUT").acrh("content-type, x-a"),
            allowed("preflight", APP, "PUT"),
        ),
        (
            Req::preflight("https://a.b.example.com", "GET"),
            allowed("preflight", "https://a.b.example.com", "GET"),
        ),
        (Req::new("POST").origin(APP), allowed("actual", APP, "POST")),
        (
            // OPTIONS without ACRM is an actual request.
            Req::new("OPTIONS").origin(APP),
            allowed("actual", APP, "OPTIONS"),
        ),
    ]
}

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

// ----- shadow policies -----

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

// ----- docs/observability.md, "From events to metrics" -----

mod metrics {
    use std::collections::HashMap;
    use std::sync::{Arc, Mutex};

    use tracing::field::{Field, Visit};
    use tracing_subscriber::layer::{Context, Layer};

    /// Counts CORS refusals by (policy, reason).
    #[derive(Clone, Default)]
    pub struct CorsRefusals(pub Arc<Mutex<HashMap<(String, String), u64>>>);

    impl<S: tracing::Subscriber> Layer<S> for CorsRefusals {
        fn on_event(&self, event: &tracing::Event<'_>, _: Context<'_, S>) {
            if event.metadata().target() != "cors_runtime" {
                return;
            }
            #[derive(Default)]
            struct Fields {
                policy: String,
                reason: Option<String>,
            }
            impl Visit for Fields {
                fn record_debug(&mut self, field: &Field, value: &dyn std::fmt::Debug) {
                    match field.name() {
                        "policy" => self.policy = format!("{value:?}"),
                        "reason" => self.reason = Some(format!("{value:?}")),
                        _ => {}
                    }
                }
            }
            let mut fields = Fields::default();
            event.record(&mut fields);
            if let Some(reason) = fields.reason {
                *self
                    .0
                    .lock()
                    .unwrap()
                    .entry((fields.policy, reason))
                    .or_default() += 1;
            }
        }
    }
}

#[test]
fn the_metrics_layer_of_the_docs_counts_refusals() {
    use tracing_subscriber::prelude::*;

    let refusals = metrics::CorsRefusals::default();
    let subscriber = tracing_subscriber::registry().with(refusals.clone().with_filter(
        tracing_subscriber::filter::Targets::new().with_target("cors_runtime", Level::DEBUG),
    ));
    let layer = cors_runtime::tower::CorsLayer::new(compiled::List);
    tracing::subscriber::with_default(subscriber, || {
        use tower::{Layer, ServiceExt};
        for req in [
            Req::new("GET").origin("https://evil.example"),
            Req::new("GET").origin("https://evil.example"),
            Req::preflight(APP, "patch"),
            Req::new("GET").origin(APP),
            Req::new("GET"),
        ] {
            block_on(layer.layer(App).oneshot(http_request(&req))).unwrap();
        }
    });
    let counts = refusals.0.lock().unwrap().clone();
    let key = |reason: &str| ("List".to_owned(), reason.to_owned());
    assert_eq!(
        counts,
        [(key("origin"), 2), (key("method"), 1)]
            .into_iter()
            .collect()
    );
}
