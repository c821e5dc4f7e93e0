//! Syntax tree → [`model::Policy`], collecting every rule violation.
//!
//! One file per concern: [`statements`] (which statements, given once, with
//! the right number and kind of values), [`origins`], [`methods`], [`headers`]
//! and [`scalars`] (booleans, durations, status, mode, opt-ins).

pub(crate) mod headers;
pub(crate) mod methods;
mod origins;
mod scalars;
mod statements;
mod token;

use cors_core::grammar::SAFELISTED_METHODS;

use crate::codes::{Code, Severity};
use crate::diagnostic::Diagnostic;
use crate::model;
use crate::origin::OriginError;
use crate::reuse::{RValue, Resolved, Site};
use crate::source::Sources;
use crate::syntax::ast::Value;
use crate::syntax::statements::{StatementKind, ValueKind};

/// Collects the diagnostics of one policy.
pub(crate) struct Sink<'a> {
    /// The policy being validated (named in the notes of values that came
    /// from elsewhere).
    policy: &'a str,
    sources: &'a Sources,
    diagnostics: &'a mut Vec<Diagnostic>,
    errors: usize,
}

impl<'a> Sink<'a> {
    pub(crate) fn new(
        policy: &'a str,
        sources: &'a Sources,
        diagnostics: &'a mut Vec<Diagnostic>,
    ) -> Self {
        Self {
            policy,
            sources,
            diagnostics,
            errors: 0,
        }
    }

    /// The texts of the compilation.
    pub(crate) fn sources(&self) -> &'a Sources {
        self.sources
    }

    /// How many errors were recorded.
    pub(crate) fn errors(&self) -> usize {
        self.errors
    }

    /// Counts an error reported elsewhere (once for the whole compilation).
    pub(crate) fn fail(&mut self) {
        self.errors += 1;
    }

    fn push(&mut self, at: &Site, diagnostic: Diagnostic) {
        self.errors += 1;
        let diagnostic = match at.note(self.policy, self.sources) {
            Some(note) => diagnostic.with_note(note),
            None => diagnostic,
        };
        self.diagnostics.push(diagnostic);
    }

    /// Records an error with a hint at `at`.
    pub(crate) fn error(
        &mut self,
        at: &Site,
        code: Code,
        message: impl Into<String>,
        hint: impl Into<String>,
    ) {
        let d = Diagnostic::new(at.source, at.span, code, message).with_hint(hint);
        self.push(at, d);
    }

    /// Records an error with a hint and a note at `at`.
    pub(crate) fn error_with_note(
        &mut self,
        at: &Site,
        code: Code,
        message: impl Into<String>,
        hint: impl Into<String>,
        note: impl Into<String>,
    ) {
        let d = Diagnostic::new(at.source, at.span, code, message)
            .with_hint(hint)
            .with_note(note);
        self.push(at, d);
    }

    /// Records an origin string's error on the string literal.
    pub(crate) fn origin_error(&mut self, at: &Site, error: OriginError) {
        let d = Diagnostic {
            source: at.source,
            span: at.span,
            code: error.code,
            message: error.message,
            hint: Some(error.hint),
            severity: Severity::Error,
            notes: Vec::new(),
        };
        self.push(at, d);
    }
}

/// Reports a string literal where a bare token of kind `what` is expected.
pub(crate) fn quoted_value(sink: &mut Sink<'_>, value: &RValue<'_>, what: ValueKind) {
    let shown = value.display();
    let bare = match value.value {
        Value::Str(s) => s.value.clone(),
        Value::Word(w) => w.value.clone(),
    };
    sink.error(
        &value.site,
        Code::QuotedValue,
        format!(
            "{} are written without quotes, found {shown}",
            what.plural()
        ),
        format!("write `{bare}` without the quotes"),
    );
}

/// Validates one policy as it finally stands (sets and `extends`
/// resolved). `None` when it has errors (all of them reported, including
/// those of its resolution, counted by `sink`).
pub(crate) fn validate_policy(
    resolved: &Resolved<'_>,
    sink: &mut Sink<'_>,
) -> Option<model::Policy> {
    let (item, source) = (resolved.item, resolved.source);
    let found = statements::collect(resolved, sink);

    let dangerously_allow = found
        .get(StatementKind::DangerouslyAllow)
        .map(|s| scalars::dangerously_allow(&s.values, sink))
        .unwrap_or_default();
    let credentials = found
        .value(StatementKind::Credentials)
        .and_then(|(s, v)| scalars::boolean(s, v, sink))
        .unwrap_or(false);
    let private_network = found
        .value(StatementKind::PrivateNetwork)
        .and_then(|(s, v)| scalars::boolean(s, v, sink))
        .unwrap_or(false);
    let max_age = found
        .value(StatementKind::MaxAge)
        .and_then(|(_, v)| scalars::max_age(v, sink));
    let preflight_status = found
        .value(StatementKind::PreflightStatus)
        .and_then(|(_, v)| scalars::preflight_status(v, sink))
        .unwrap_or(204);
    let preflight = found
        .value(StatementKind::Preflight)
        .and_then(|(_, v)| scalars::preflight_mode(v, sink))
        .unwrap_or_default();
    let websocket = found
        .value(StatementKind::WebSocket)
        .and_then(|(_, v)| scalars::websocket(v, sink))
        .unwrap_or_default();
    let settings = origins::Settings {
        credentials,
        private_network,
        websocket,
        dangerously_allow,
    };
    let origins = match found.get(StatementKind::Origins) {
        Some(s) => origins::origins(&s.values, &settings, sink),
        None => {
            if !resolved.incomplete {
                sink.error(
                    &Site::local(source, item.name.span),
                    Code::MissingOrigins,
                    format!("policy `{}` has no `origins` statement", item.name.value),
                    "say which origins may call: `origins: \"https://app.example.com\";` (or `origins: *;` for a public resource)",
                );
            }
            None
        }
    };
    let methods = match found.get(StatementKind::Methods) {
        Some(s) => methods::methods(&s.values, sink),
        None => Some(model::Methods::List(
            SAFELISTED_METHODS.map(String::from).to_vec(),
        )),
    };
    let request_headers = match found.get(StatementKind::RequestHeaders) {
        Some(s) => headers::request_headers(&s.values, sink),
        None => Some(model::RequestHeaders::List(Vec::new())),
    };
    let expose_headers = match found.get(StatementKind::ExposeHeaders) {
        Some(s) => headers::expose_headers(&s.values, credentials, sink),
        None => Some(model::ExposeHeaders::List(Vec::new())),
    };

    if sink.errors > 0 || resolved.incomplete {
        return None;
    }
    Some(model::Policy {
        name: item.name.value.clone(),
        source,
        name_span: item.name.span,
        visibility: item.visibility.clone(),
        docs: item.docs.iter().map(|d| d.value.clone()).collect(),
        origins: origins?,
        methods: methods?,
        request_headers: request_headers?,
        expose_headers: expose_headers?,
        credentials,
        max_age,
        private_network,
        preflight_status,
        preflight,
        websocket,
        dangerously_allow,
    })
}
