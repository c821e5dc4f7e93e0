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

use cors_core::grammar::SAFELISTED_METHODS;

use crate::codes::Code;
use crate::diagnostic::Diagnostic;
use crate::model;
use crate::origin::OriginError;
use crate::source::SourceId;
use crate::span::Span;
use crate::syntax::ast::{PolicyItem, Value};
use crate::syntax::statements::{StatementKind, ValueKind};

/// Collects diagnostics for one source.
pub(crate) struct Sink<'a> {
    source: SourceId,
    diagnostics: &'a mut Vec<Diagnostic>,
    errors: usize,
}

impl<'a> Sink<'a> {
    pub(crate) fn new(source: SourceId, diagnostics: &'a mut Vec<Diagnostic>) -> Self {
        Self {
            source,
            diagnostics,
            errors: 0,
        }
    }

    /// How many errors were recorded.
    pub(crate) fn errors(&self) -> usize {
        self.errors
    }

    /// Records an error with a hint.
    pub(crate) fn error(
        &mut self,
        span: Span,
        code: Code,
        message: impl Into<String>,
        hint: impl Into<String>,
    ) {
        self.errors += 1;
        self.diagnostics
            .push(Diagnostic::new(self.source, span, code, message).with_hint(hint));
    }

    /// Records an origin string's error on the string literal.
    pub(crate) fn origin_error(&mut self, span: Span, error: OriginError) {
        self.errors += 1;
        self.diagnostics.push(Diagnostic {
            source: self.source,
            span,
            code: error.code,
            message: error.message,
            hint: Some(error.hint),
        });
    }
}

/// Reports a string literal where a bare token of kind `what` is expected.
pub(crate) fn quoted_value(sink: &mut Sink<'_>, value: &Value, what: ValueKind) {
    let shown = value.display();
    let bare = match value {
        Value::Str(s) => s.value.clone(),
        Value::Word(w) => w.value.clone(),
    };
    sink.error(
        value.span(),
        Code::QuotedValue,
        format!(
            "{} are written without quotes, found {shown}",
            what.plural()
        ),
        format!("write `{bare}` without the quotes"),
    );
}

/// Validates one policy. `None` when it has errors (all of them reported).
pub(crate) fn validate_policy(
    item: &PolicyItem,
    source: SourceId,
    diagnostics: &mut Vec<Diagnostic>,
) -> Option<model::Policy> {
    let mut sink = Sink::new(source, diagnostics);
    let found = statements::collect(item, &mut sink);

    let dangerously_allow = found
        .get(StatementKind::DangerouslyAllow)
        .map(|s| scalars::dangerously_allow(&s.values, &mut sink))
        .unwrap_or_default();
    let credentials = found
        .value(StatementKind::Credentials)
        .and_then(|(s, v)| scalars::boolean(s, v, &mut sink))
        .unwrap_or(false);
    let private_network = found
        .value(StatementKind::PrivateNetwork)
        .and_then(|(s, v)| scalars::boolean(s, v, &mut sink))
        .unwrap_or(false);
    let max_age = found
        .value(StatementKind::MaxAge)
        .and_then(|(_, v)| scalars::max_age(v, &mut sink));
    let preflight_status = found
        .value(StatementKind::PreflightStatus)
        .and_then(|(_, v)| scalars::preflight_status(v, &mut sink))
        .unwrap_or(204);
    let preflight = found
        .value(StatementKind::Preflight)
        .and_then(|(_, v)| scalars::preflight_mode(v, &mut sink))
        .unwrap_or_default();
    let settings = origins::Settings {
        credentials,
        private_network,
        dangerously_allow,
    };
    let origins = match found.get(StatementKind::Origins) {
        Some(s) => origins::origins(&s.values, &settings, &mut sink),
        None => {
            if !item.had_errors {
                sink.error(
                    item.name.span,
                    Code::MissingOrigins,
                    format!("policy `{}` has no `origins` statement", item.name.value),
                    "say which origins may call: `origins: \"https://app.example.com\";` (or `origins: *;` for a public resource)",
                );
            }
            None
        }
    };
    let methods = match found.get(StatementKind::Methods) {
        Some(s) => methods::methods(&s.values, &mut sink),
        None => Some(model::Methods::List(
            SAFELISTED_METHODS.map(String::from).to_vec(),
        )),
    };
    let request_headers = match found.get(StatementKind::RequestHeaders) {
        Some(s) => headers::request_headers(&s.values, &mut sink),
        None => Some(model::RequestHeaders::List(Vec::new())),
    };
    let expose_headers = match found.get(StatementKind::ExposeHeaders) {
        Some(s) => headers::expose_headers(&s.values, credentials, &mut sink),
        None => Some(model::ExposeHeaders::List(Vec::new())),
    };

    if sink.errors > 0 || item.had_errors {
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
        dangerously_allow,
    })
}
