//! A subscriber that listens to shadow events only, as
//! `RUST_LOG=cors_runtime::shadow=info` with `tracing-subscriber` would:
//! interest is decided once per callsite (`always` for the shadow target at
//! `INFO`, `never` for everything else), and what it receives is dropped.

use tracing::level_filters::LevelFilter;
use tracing::subscriber::Interest;
use tracing::{span, Event, Level, Metadata, Subscriber};

/// See the module docs.
pub struct ShadowListener;

impl ShadowListener {
    fn wants(metadata: &Metadata<'_>) -> bool {
        metadata.target() == "cors_runtime::shadow" && *metadata.level() <= Level::INFO
    }
}

impl Subscriber for ShadowListener {
    fn register_callsite(&self, metadata: &'static Metadata<'static>) -> Interest {
        if Self::wants(metadata) {
            Interest::always()
        } else {
            Interest::never()
        }
    }

    fn enabled(&self, metadata: &Metadata<'_>) -> bool {
        Self::wants(metadata)
    }

    fn max_level_hint(&self) -> Option<LevelFilter> {
        Some(LevelFilter::INFO)
    }

    fn new_span(&self, _: &span::Attributes<'_>) -> span::Id {
        span::Id::from_u64(1)
    }

    fn record(&self, _: &span::Id, _: &span::Record<'_>) {}

    fn record_follows_from(&self, _: &span::Id, _: &span::Id) {}

    fn event(&self, event: &Event<'_>) {
        std::hint::black_box(event);
    }

    fn enter(&self, _: &span::Id) {}

    fn exit(&self, _: &span::Id) {}
}
