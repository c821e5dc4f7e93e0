//! The syntax tree: what was written, where, before any CORS rule is checked.

use crate::span::Span;

/// A value with the span of the token it came from.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct Spanned<T> {
    pub(crate) value: T,
    pub(crate) span: Span,
}

/// One parsed text.
#[derive(Clone, Debug, Default)]
pub(crate) struct File {
    pub(crate) items: Vec<Item>,
}

/// A top-level item.
#[derive(Clone, Debug)]
pub(crate) enum Item {
    /// `include "path";`
    Include(Include),
    /// `[docs] [visibility] policy Name [extends Parent] { statements }`
    Policy(PolicyItem),
    /// `set Name = value, value;`
    Set(SetItem),
    /// `test Name { expectations }`
    Test(TestBlock),
}

/// `set Name = value, value;`: a named list of values.
#[derive(Clone, Debug)]
pub(crate) struct SetItem {
    /// The name.
    pub(crate) name: Spanned<String>,
    /// The values as written (never empty); a word may name another set.
    pub(crate) values: Vec<Value>,
}

/// `include "path";`
#[derive(Clone, Debug)]
pub(crate) struct Include {
    /// The path, escapes resolved; the span is the whole literal.
    pub(crate) path: Spanned<String>,
}

/// `[docs] [visibility] policy Name { statements }`
#[derive(Clone, Debug)]
pub(crate) struct PolicyItem {
    /// Doc comment lines without the leading `///`.
    pub(crate) docs: Vec<Spanned<String>>,
    /// Visibility normalized (`pub(in a::b)`); `""` when absent.
    pub(crate) visibility: String,
    /// The name.
    pub(crate) name: Spanned<String>,
    /// `extends Parent`: the parent's name.
    pub(crate) extends: Option<Spanned<String>>,
    /// The statements that parsed (bad ones were reported and skipped).
    pub(crate) statements: Vec<Statement>,
    /// At least one statement failed to parse: later checks that depend on
    /// the whole body (missing `origins`) stay quiet.
    pub(crate) had_errors: bool,
}

/// `test Name { expectation; … }`
#[derive(Clone, Debug)]
pub(crate) struct TestBlock {
    /// The keyword `test`.
    pub(crate) keyword: Span,
    /// The name of the policy under test.
    pub(crate) policy: Spanned<String>,
    /// The expectations that parsed (bad ones were reported and skipped).
    pub(crate) expectations: Vec<Expectation>,
    /// At least one expectation failed to parse: the "empty block" check
    /// stays quiet.
    pub(crate) had_errors: bool,
}

/// `allow|deny [preflight] METHOD from ORIGIN [with H, …] [because REASON];`
#[derive(Clone, Debug)]
pub(crate) struct Expectation {
    /// `allow` (true) or `deny` (false); the span is the keyword's.
    pub(crate) allow: Spanned<bool>,
    /// The keyword `preflight`, if written.
    pub(crate) preflight: Option<Span>,
    /// The method as written.
    pub(crate) method: Value,
    /// The origin as written (a string, or a bare word such as `null`).
    pub(crate) origin: Value,
    /// The keyword `with` and the header names after it.
    pub(crate) with: Option<(Span, Vec<Value>)>,
    /// The word after `because`, if any.
    pub(crate) because: Option<Spanned<String>>,
    /// From the first token to the last one before `;`.
    pub(crate) span: Span,
}

/// `name: value, value;`
#[derive(Clone, Debug)]
pub(crate) struct Statement {
    /// The statement name as written.
    pub(crate) name: Spanned<String>,
    /// The values, in order (never empty).
    pub(crate) values: Vec<Value>,
}

/// One value of a statement.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) enum Value {
    /// A string literal; `value` has escapes resolved; the span covers the quotes.
    Str(Spanned<String>),
    /// A bare token: `*`, `null`, `GET`, `content-type`, `true`, `10m`…
    Word(Spanned<String>),
}

impl Value {
    /// The span of the token.
    pub(crate) fn span(&self) -> Span {
        match self {
            Value::Str(s) | Value::Word(s) => s.span,
        }
    }

    /// The bare word, if this is one.
    pub(crate) fn word(&self) -> Option<&str> {
        match self {
            Value::Word(w) => Some(&w.value),
            Value::Str(_) => None,
        }
    }

    /// How the value was written, for messages (`"…"` with quotes for strings).
    pub(crate) fn display(&self) -> String {
        match self {
            Value::Word(w) => w.value.clone(),
            Value::Str(s) => format!("{:?}", s.value),
        }
    }
}
