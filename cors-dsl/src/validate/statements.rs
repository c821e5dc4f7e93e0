//! Which statements a policy has: each at most once, and a one-value
//! statement with exactly one value.

use super::Sink;
use crate::codes::Code;
use crate::syntax::ast::{PolicyItem, Statement, Value};
use crate::syntax::statements::StatementKind;

/// The statements of one policy, by kind (the first of each).
pub(super) struct Found<'a> {
    by_kind: [Option<&'a Statement>; StatementKind::COUNT],
}

impl<'a> Found<'a> {
    /// The statement of this kind, if the policy has it (and, for a
    /// one-value statement, if it has a single value).
    pub(super) fn get(&self, kind: StatementKind) -> Option<&'a Statement> {
        self.by_kind[kind.index()]
    }

    /// The value of a one-value statement, if the policy has it.
    pub(super) fn value(&self, kind: StatementKind) -> Option<(&'a Statement, &'a Value)> {
        debug_assert!(!kind.is_list(), "`{}` takes a list", kind.name());
        let statement = self.get(kind)?;
        statement.values.first().map(|value| (statement, value))
    }
}

/// Sorts the statements by kind, reporting each repeated one on its keyword
/// and every extra value of a one-value statement (which is then left out).
pub(super) fn collect<'a>(item: &'a PolicyItem, sink: &mut Sink<'_>) -> Found<'a> {
    let mut first_seen: [Option<&Statement>; StatementKind::COUNT] = Default::default();
    let mut found = Found {
        by_kind: Default::default(),
    };
    for statement in &item.statements {
        // The parser only keeps statements with a known name.
        let Some(kind) = StatementKind::from_name(&statement.name.value) else {
            continue;
        };
        if let Some(first) = first_seen[kind.index()] {
            sink.error(
                statement.name.span,
                Code::DuplicateStatement,
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
        first_seen[kind.index()] = Some(statement);
        if !kind.is_list() && !single(statement, sink) {
            continue;
        }
        found.by_kind[kind.index()] = Some(statement);
    }
    found
}

/// Whether a one-value statement has a single value; extra values are reported.
fn single(statement: &Statement, sink: &mut Sink<'_>) -> bool {
    let Some(extra) = statement.values.get(1) else {
        return true;
    };
    sink.error(
        extra.span(),
        Code::TooManyValues,
        format!("`{}` takes a single value", statement.name.value),
        "keep one value",
    );
    false
}
