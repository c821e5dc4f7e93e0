//! Which statements a policy has: each at most once, and a one-value
//! statement with exactly one value.

use super::Sink;
use crate::codes::Code;
use crate::reuse::{RStatement, RValue, Resolved};
use crate::syntax::statements::StatementKind;

/// The statements of one policy, by kind (the first of each).
pub(super) struct Found<'r, 'a> {
    by_kind: [Option<&'r RStatement<'a>>; StatementKind::COUNT],
}

impl<'r, 'a> Found<'r, 'a> {
    /// The statement of this kind, if the policy has it (and, for a
    /// one-value statement, if it has a single value).
    pub(super) fn get(&self, kind: StatementKind) -> Option<&'r RStatement<'a>> {
        self.by_kind[kind.index()]
    }

    /// The value of a one-value statement, if the policy has it.
    pub(super) fn value(
        &self,
        kind: StatementKind,
    ) -> Option<(&'r RStatement<'a>, &'r RValue<'a>)> {
        debug_assert!(!kind.is_list(), "`{}` takes a list", kind.name());
        let statement = self.get(kind)?;
        statement.values.first().map(|value| (statement, value))
    }
}

/// Sorts the statements by kind, reporting each repeated one on its keyword
/// and every extra value of a one-value statement (which is then left out).
pub(super) fn collect<'r, 'a>(policy: &'r Resolved<'a>, sink: &mut Sink<'_>) -> Found<'r, 'a> {
    let mut first_seen: [Option<&RStatement<'a>>; StatementKind::COUNT] = Default::default();
    let mut found = Found {
        by_kind: Default::default(),
    };
    for statement in &policy.statements {
        let kind = statement.kind;
        if let Some(first) = first_seen[kind.index()] {
            sink.error(
                &statement.site,
                Code::DuplicateStatement,
                format!(
                    "`{}` is given twice in policy `{}` (first on line {})",
                    kind.name(),
                    statement.written_in,
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
fn single(statement: &RStatement<'_>, sink: &mut Sink<'_>) -> bool {
    let Some(extra) = statement.values.get(1) else {
        return true;
    };
    sink.error(
        &extra.site,
        Code::TooManyValues,
        format!("`{}` takes a single value", statement.name.value),
        "keep one value",
    );
    false
}
