//! A small capturing `tracing` subscriber for the tests of cors-runtime's
//! feature `tracing`: it keeps every event it is interested in, with its
//! target, level and fields as text, and can be told to ignore levels or
//! targets (to test what a filtering subscriber costs).
//!
//! It answers `Interest::sometimes()` for every callsite, so that it decides
//! per event: tests run on several threads at once, each with its own
//! scoped subscriber (`tracing::subscriber::with_default`) or none.
//!
//! ```
//! use cors_tests::capture::Capture;
//! let capture = Capture::new();
//! tracing::subscriber::with_default(capture.clone(), || {
//!     tracing::debug!(target: "cors_runtime", policy = %"Api", "hello");
//! });
//! let events = capture.events();
//! assert_eq!(events.len(), 1);
//! assert_eq!(events[0].get("policy"), Some("Api"));
//! ```

use std::fmt;
use std::sync::{Arc, Mutex, MutexGuard, PoisonError};

use tracing::field::{Field, Visit};
use tracing::level_filters::LevelFilter;
use tracing::subscriber::Interest;
use tracing::{span, Event, Level, Metadata, Subscriber};

/// One recorded event.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Captured {
    pub target: String,
    pub level: Level,
    /// `(name, value)` in the order recorded; `message` included. Values
    /// recorded with `%`/`?` are their `Display`/`Debug` text.
    pub fields: Vec<(String, String)>,
}

impl Captured {
    /// The value of field `name`, if recorded.
    pub fn get(&self, name: &str) -> Option<&str> {
        self.fields
            .iter()
            .find(|(n, _)| n == name)
            .map(|(_, v)| v.as_str())
    }

    /// The recorded fields but `message`, as `(name, value)` pairs.
    pub fn data(&self) -> Vec<(&str, &str)> {
        self.fields
            .iter()
            .filter(|(n, _)| n != "message")
            .map(|(n, v)| (n.as_str(), v.as_str()))
            .collect()
    }
}

/// The capturing subscriber; clones share the recorded events.
#[derive(Clone, Debug)]
pub struct Capture {
    max_level: Level,
    target: Option<&'static str>,
    events: Arc<Mutex<Vec<Captured>>>,
}

impl Default for Capture {
    fn default() -> Self {
        Self::new()
    }
}

impl Capture {
    /// Interested in every event, `TRACE` included.
    pub fn new() -> Self {
        Capture {
            max_level: Level::TRACE,
            target: None,
            events: Arc::default(),
        }
    }

    /// Interested only in events at `level` or more severe.
    pub fn max_level(mut self, level: Level) -> Self {
        self.max_level = level;
        self
    }

    /// Interested only in events whose target is exactly `target`.
    pub fn only_target(mut self, target: &'static str) -> Self {
        self.target = Some(target);
        self
    }

    /// The events recorded so far.
    pub fn events(&self) -> Vec<Captured> {
        self.lock().clone()
    }

    /// Forgets the events recorded so far.
    pub fn clear(&self) {
        self.lock().clear();
    }

    fn lock(&self) -> MutexGuard<'_, Vec<Captured>> {
        self.events.lock().unwrap_or_else(PoisonError::into_inner)
    }

    fn wants(&self, metadata: &Metadata<'_>) -> bool {
        *metadata.level() <= self.max_level
            && self.target.is_none_or(|target| metadata.target() == target)
    }
}

struct Fields<'a>(&'a mut Vec<(String, String)>);

impl Visit for Fields<'_> {
    fn record_str(&mut self, field: &Field, value: &str) {
        self.0.push((field.name().to_owned(), value.to_owned()));
    }

    fn record_debug(&mut self, field: &Field, value: &dyn fmt::Debug) {
        self.0.push((field.name().to_owned(), format!("{value:?}")));
    }
}

impl Subscriber for Capture {
    fn register_callsite(&self, _: &'static Metadata<'static>) -> Interest {
        Interest::sometimes()
    }

    fn enabled(&self, metadata: &Metadata<'_>) -> bool {
        self.wants(metadata)
    }

    fn max_level_hint(&self) -> Option<LevelFilter> {
        Some(LevelFilter::from_level(self.max_level))
    }

    fn new_span(&self, _: &span::Attributes<'_>) -> span::Id {
        span::Id::from_u64(1)
    }

    fn record(&self, _: &span::Id, _: &span::Record<'_>) {}

    fn record_follows_from(&self, _: &span::Id, _: &span::Id) {}

    fn event(&self, event: &Event<'_>) {
        if !self.wants(event.metadata()) {
            return;
        }
        let mut fields = Vec::new();
        event.record(&mut Fields(&mut fields));
        self.lock().push(Captured {
            target: event.metadata().target().to_owned(),
            level: *event.metadata().level(),
            fields,
        });
    }

    fn enter(&self, _: &span::Id) {}

    fn exit(&self, _: &span::Id) {}
}
