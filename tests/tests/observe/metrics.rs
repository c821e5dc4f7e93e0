//! docs/observability.md, "From events to metrics": the layer that counts
//! CORS refusals by (policy, reason), and its test.

use std::collections::HashMap;
use std::sync::{Arc, Mutex};

use tracing::field::{Field, Visit};
use tracing::Level;
use tracing_subscriber::layer::{Context, Layer};

use crate::events::App;
use crate::support::harness::{block_on, http_request, Req};
use crate::{compiled, APP};

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

#[test]
fn the_metrics_layer_of_the_docs_counts_refusals() {
    use tracing_subscriber::prelude::*;

    let refusals = CorsRefusals::default();
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
