//! Which statements a policy has: each at most once.

use std::collections::HashMap;

use super::Sink;
use crate::syntax::ast::{PolicyItem, Statement};
use crate::syntax::statements::StatementKind;

/// The statements of one policy, by kind (the first of each).
#[derive(Default)]
pub(super) struct Found<'a> {
    pub(super) origins: Option<&'a Statement>,
    pub(super) methods: Option<&'a Statement>,
    pub(super) request_headers: Option<&'a Statement>,
    pub(super) expose_headers: Option<&'a Statement>,
    pub(super) credentials: Option<&'a Statement>,
    pub(super) max_age: Option<&'a Statement>,
    pub(super) private_network: Option<&'a Statement>,
    pub(super) preflight_status: Option<&'a Statement>,
    pub(super) preflight: Option<&'a Statement>,
    pub(super) dangerously_allow: Option<&'a Statement>,
}

/// Sorts the statements by kind, reporting each repeated one on its keyword.
pub(super) fn collect<'a>(item: &'a PolicyItem, sink: &mut Sink<'_>) -> Found<'a> {
    let mut found = Found::default();
    let mut first_seen: HashMap<StatementKind, &Statement> = HashMap::new();
    for statement in &item.statements {
        // The parser only keeps statements with a known name.
        let Some(kind) = StatementKind::from_name(&statement.name.value) else {
            continue;
        };
        if let Some(first) = first_seen.get(&kind) {
            sink.error(
                statement.name.span,
                "duplicate-statement",
                format!(
                    "`{}` is given twice in policy `{}` (first on line {})",
                    kind.name(),
                    item.name.value,
                    first.name.span.line
                ),
                format!("merge the two into one `{}:` statement", kind.name()),
            );
            continue;
        }
        first_seen.insert(kind, statement);
        let slot = match kind {
            StatementKind::Origins => &mut found.origins,
            StatementKind::Methods => &mut found.methods,
            StatementKind::RequestHeaders => &mut found.request_headers,
            StatementKind::ExposeHeaders => &mut found.expose_headers,
            StatementKind::Credentials => &mut found.credentials,
            StatementKind::MaxAge => &mut found.max_age,
            StatementKind::PrivateNetwork => &mut found.private_network,
            StatementKind::PreflightStatus => &mut found.preflight_status,
            StatementKind::Preflight => &mut found.preflight,
            StatementKind::DangerouslyAllow => &mut found.dangerously_allow,
        };
        *slot = Some(statement);
    }
    found
}

/// The single value of a one-value statement; extra values are reported.
pub(super) fn single<'a>(
    statement: &'a Statement,
    sink: &mut Sink<'_>,
) -> Option<&'a crate::syntax::ast::Value> {
    if let Some(extra) = statement.values.get(1) {
        sink.error(
            extra.span(),
            "too-many-values",
            format!("`{}` takes a single value", statement.name.value),
            "keep one value",
        );
        return None;
    }
    statement.values.first()
}
