//! Reuse: named sets and `extends`, resolved before validation.
//!
//! A policy is validated as it finally stands: every statement it inherits
//! from its parents (`extends`), every set name replaced by the set's values
//! in place. Each value keeps the place where it is written ([`Site`]) and
//! the way it took to reach the policy (its [`Step`]s), so that an error
//! about it points at the value and says through which policy and set it
//! arrived. Nothing of this survives validation: the model (and so the plan)
//! of a policy written with sets and `extends` is the one of the same policy
//! written out.
//!
//! - [`sets`]: the table of sets (duplicates, cycles, unknown names inside
//!   sets, which sets are used) and the expansion of a list;
//! - [`extends`]: the table of policies (unknown parents, cycles) and the
//!   statements a policy ends up with.

pub(crate) mod extends;
pub(crate) mod sets;

use std::rc::Rc;

use crate::source::{SourceId, Sources};
use crate::span::Span;
use crate::syntax::ast::{PolicyItem, Spanned, Value};
use crate::syntax::statements::StatementKind;

/// One step of the way a value took to reach the policy being validated,
/// outermost first.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) enum Step {
    /// The policy inherits the statement from `parent` (`extends`).
    Parent { parent: String },
    /// The value is one of the values of set `name`, named at `at`.
    Set { name: String, at: (SourceId, Span) },
}

/// Where something the validators look at is written, and how it reached
/// the policy.
#[derive(Clone, Debug)]
pub(crate) struct Site {
    /// The text it is written in.
    pub(crate) source: SourceId,
    /// Its span in that text.
    pub(crate) span: Span,
    /// The way it took, outermost first (empty: written in the policy itself).
    pub(crate) via: Rc<[Step]>,
}

impl Site {
    /// Something written in the policy itself.
    pub(crate) fn local(source: SourceId, span: Span) -> Self {
        Site {
            source,
            span,
            via: Rc::from(Vec::new()),
        }
    }

    /// The note that says how it reached `policy`, if it came from elsewhere.
    pub(crate) fn note(&self, policy: &str, sources: &Sources) -> Option<String> {
        note(&self.via, policy, sources)
    }
}

/// "arrived in policy `Admin` from policy `Api`, through set `Frontends`
/// (named at api.cors:3:14)".
fn note(via: &[Step], policy: &str, sources: &Sources) -> Option<String> {
    if via.is_empty() {
        return None;
    }
    let at = |(source, span): (SourceId, Span)| match sources.try_get(source) {
        Some(s) => format!("{}:{}:{}", s.name, span.line, span.col),
        None => format!("{}:{}", span.line, span.col),
    };
    let parents: Vec<&str> = via
        .iter()
        .filter_map(|s| match s {
            Step::Parent { parent, .. } => Some(parent.as_str()),
            Step::Set { .. } => None,
        })
        .collect();
    let sets: Vec<String> = via
        .iter()
        .filter_map(|s| match s {
            Step::Set { name, at: place } => Some(format!("`{name}` (named at {})", at(*place))),
            Step::Parent { .. } => None,
        })
        .collect();
    let mut text = format!("arrived in policy `{policy}`");
    if let Some((last, between)) = parents.split_last() {
        text.push_str(&format!(" from policy `{last}`"));
        if !between.is_empty() {
            let between: Vec<String> = between.iter().map(|p| format!("`{p}`")).collect();
            text.push_str(&format!(" (by way of {})", between.join(", ")));
        }
    }
    if !sets.is_empty() {
        if !parents.is_empty() {
            text.push(',');
        }
        text.push_str(&format!(" through set {}", sets.join(", inside set ")));
    }
    Some(text)
}

/// A value of a statement as validated: what is written, and where.
#[derive(Clone, Debug)]
pub(crate) struct RValue<'a> {
    /// The value as written.
    pub(crate) value: &'a Value,
    /// Where it is written and how it arrived.
    pub(crate) site: Site,
}

impl<'a> RValue<'a> {
    /// A value written where it is used, in `source` (no set or parent
    /// brought it: a `test` block's method or header name).
    pub(crate) fn local(value: &'a Value, source: SourceId) -> Self {
        RValue {
            value,
            site: Site::local(source, value.span()),
        }
    }

    /// The bare word, if this is one.
    pub(crate) fn word(&self) -> Option<&str> {
        self.value.word()
    }

    /// How the value was written, for messages.
    pub(crate) fn display(&self) -> String {
        self.value.display()
    }
}

/// A statement of a policy as it finally stands.
#[derive(Clone, Debug)]
pub(crate) struct RStatement<'a> {
    /// The statement's keyword as written.
    pub(crate) name: &'a Spanned<String>,
    /// Which statement it is.
    pub(crate) kind: StatementKind,
    /// Where the keyword is written and how the statement arrived.
    pub(crate) site: Site,
    /// The name of the policy that writes it.
    pub(crate) written_in: &'a str,
    /// Its values, sets expanded in place.
    pub(crate) values: Vec<RValue<'a>>,
}

/// A policy as it finally stands: its own statements and the ones it inherits.
#[derive(Clone, Debug)]
pub(crate) struct Resolved<'a> {
    /// The policy as written.
    pub(crate) item: &'a PolicyItem,
    /// The text it is written in.
    pub(crate) source: SourceId,
    /// Its statements, inherited ones first.
    pub(crate) statements: Vec<RStatement<'a>>,
    /// Something it is made of failed to parse or resolve (and was
    /// reported): checks that depend on the whole policy stay quiet.
    pub(crate) incomplete: bool,
}
