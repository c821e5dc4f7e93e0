//! Named sets: the table of every `set` of a compilation, and the expansion
//! of a statement's list with the sets it names.

use std::collections::HashMap;
use std::rc::Rc;

use super::{RValue, Site, Step};
use crate::codes::Code;
use crate::diagnostic::Diagnostic;
use crate::source::{SourceId, Sources};
use crate::span::Span;
use crate::suggest::closest;
use crate::syntax::ast::{SetItem, Value};
use crate::syntax::parser::set::is_set_style;
use crate::syntax::statements::StatementKind;
use crate::validate::Sink;

/// One set, as first defined.
struct Def<'a> {
    item: &'a SetItem,
    source: SourceId,
    /// Part of a cycle (reported once): never expanded.
    cyclic: bool,
    /// Some policy uses it, directly or through another used set.
    used: bool,
}

/// A set on the path of the cycle search: its index, the sets it names
/// (with where), and how many of them were visited.
type Visit = (usize, Vec<(usize, Span)>, usize);

/// Every set of a compilation, by name.
pub(crate) struct Sets<'a> {
    defs: Vec<Def<'a>>,
    by_name: HashMap<&'a str, usize>,
}

/// Where a value is written, for messages: `api.cors:3:14`.
pub(crate) fn place(sources: &Sources, source: SourceId, span: Span) -> String {
    match sources.try_get(source) {
        Some(s) => format!("{}:{}:{}", s.name, span.line, span.col),
        None => format!("{}:{}", span.line, span.col),
    }
}

impl<'a> Sets<'a> {
    /// The table of `sets` (in the order written), reporting names defined
    /// twice, unknown set names inside sets and cycles.
    pub(crate) fn new(
        sets: &[(SourceId, &'a SetItem)],
        sources: &Sources,
        diagnostics: &mut Vec<Diagnostic>,
    ) -> Self {
        let mut table = Sets {
            defs: Vec::new(),
            by_name: HashMap::new(),
        };
        for &(source, item) in sets {
            if let Some(&first) = table.by_name.get(item.name.value.as_str()) {
                let first = &table.defs[first];
                diagnostics.push(
                    Diagnostic::new(
                        source,
                        item.name.span,
                        Code::DuplicateSet,
                        format!(
                            "a set named `{}` is already defined (at {})",
                            item.name.value,
                            place(sources, first.source, first.item.name.span)
                        ),
                    )
                    .with_hint("give each set its own name"),
                );
                continue;
            }
            table
                .by_name
                .insert(item.name.value.as_str(), table.defs.len());
            table.defs.push(Def {
                item,
                source,
                cyclic: false,
                used: false,
            });
        }
        table.unknown_names_in_sets(diagnostics);
        table.cycles(diagnostics);
        table
    }

    fn get(&self, name: &str) -> Option<usize> {
        self.by_name.get(name).copied()
    }

    /// The defined set closest to `name`, for "did you mean".
    fn closest(&self, name: &str) -> Option<&'a str> {
        closest(name, self.defs.iter().map(|d| d.item.name.value.as_str()))
    }

    /// A word inside a set that looks like the misspelled name of a set.
    fn unknown_names_in_sets(&self, diagnostics: &mut Vec<Diagnostic>) {
        for def in &self.defs {
            for value in &def.item.values {
                let Value::Word(w) = value else { continue };
                if self.get(&w.value).is_some() || !is_set_style(&w.value) {
                    continue;
                }
                if let Some(near) = self.closest(&w.value) {
                    diagnostics.push(
                        Diagnostic::new(
                            def.source,
                            w.span,
                            Code::UnknownSet,
                            format!("no set is named `{}`", w.value),
                        )
                        .with_hint(format!("did you mean `{near}`?")),
                    );
                }
            }
        }
    }

    /// The sets a set names directly: `(index, span of the name)`.
    fn children(&self, index: usize) -> Vec<(usize, Span)> {
        self.defs[index]
            .item
            .values
            .iter()
            .filter_map(|v| match v {
                Value::Word(w) => self.get(&w.value).map(|i| (i, w.span)),
                Value::Str(_) => None,
            })
            .collect()
    }

    /// Reports each cycle once, at the name that closes it, and marks its sets.
    fn cycles(&mut self, diagnostics: &mut Vec<Diagnostic>) {
        // 0: not visited, 1: on the path, 2: done.
        let mut state = vec![0u8; self.defs.len()];
        for root in 0..self.defs.len() {
            if state[root] != 0 {
                continue;
            }
            let mut path: Vec<Visit> = vec![(root, self.children(root), 0)];
            state[root] = 1;
            while let Some((node, children, next)) = path.last_mut() {
                let node = *node;
                let Some(&(child, span)) = children.get(*next) else {
                    state[node] = 2;
                    path.pop();
                    continue;
                };
                *next += 1;
                match state[child] {
                    0 => {
                        state[child] = 1;
                        let grandchildren = self.children(child);
                        path.push((child, grandchildren, 0));
                    }
                    1 => {
                        let from = path.iter().position(|(n, _, _)| *n == child).unwrap_or(0);
                        let members: Vec<usize> = path[from..].iter().map(|(n, _, _)| *n).collect();
                        let names: Vec<String> = members
                            .iter()
                            .map(|&m| format!("`{}`", self.defs[m].item.name.value))
                            .collect();
                        let def = &self.defs[node];
                        let message = if members.len() == 1 {
                            format!("set `{}` contains itself", def.item.name.value)
                        } else {
                            format!(
                                "set `{}` contains itself through {}",
                                self.defs[child].item.name.value,
                                names[1..].join(", ")
                            )
                        };
                        diagnostics.push(
                            Diagnostic::new(def.source, span, Code::SetCycle, message).with_hint(
                                format!(
                                    "remove `{}` from set `{}`: a set cannot hold itself, directly or through other sets",
                                    self.defs[child].item.name.value, def.item.name.value
                                ),
                            ),
                        );
                        for m in members {
                            self.defs[m].cyclic = true;
                        }
                    }
                    _ => {}
                }
            }
        }
    }

    /// Marks a set and every set inside it as used.
    fn mark_used(&mut self, index: usize) {
        let mut stack = vec![index];
        while let Some(i) = stack.pop() {
            if std::mem::replace(&mut self.defs[i].used, true) {
                continue;
            }
            stack.extend(self.children(i).into_iter().map(|(c, _)| c));
        }
    }

    /// The first value of set `index` (sets inside it expanded) that cannot
    /// go in a statement of kind `kind`, with where it is written.
    fn misfit(&self, index: usize, kind: StatementKind) -> Option<(&'a Value, SourceId)> {
        let mut seen = vec![false; self.defs.len()];
        self.first_misfit(index, kind, &mut seen)
    }

    fn first_misfit(
        &self,
        index: usize,
        kind: StatementKind,
        seen: &mut [bool],
    ) -> Option<(&'a Value, SourceId)> {
        if std::mem::replace(&mut seen[index], true) {
            return None;
        }
        let def = &self.defs[index];
        for value in &def.item.values {
            let fits = match value {
                Value::Word(w) => match self.get(&w.value) {
                    Some(inner) => match self.first_misfit(inner, kind, seen) {
                        Some(found) => return Some(found),
                        None => continue,
                    },
                    None => {
                        kind != StatementKind::Origins || matches!(w.value.as_str(), "*" | "null")
                    }
                },
                Value::Str(_) => kind == StatementKind::Origins,
            };
            if !fits {
                return Some((value, def.source));
            }
        }
        None
    }

    /// Expands the values of one statement of kind `kind` (written in
    /// `source`, reached `via`): each set name becomes the set's values, in
    /// place. Reports unknown set names and sets that do not fit; returns
    /// `false` if it did.
    pub(crate) fn expand(
        &mut self,
        values: &'a [Value],
        source: SourceId,
        via: &Rc<[Step]>,
        kind: StatementKind,
        sink: &mut Sink<'_>,
        out: &mut Vec<RValue<'a>>,
    ) -> bool {
        let mut ok = true;
        for value in values {
            ok &= self.value(value, source, via, kind, false, sink, out);
        }
        ok
    }

    #[allow(clippy::too_many_arguments)]
    fn value(
        &mut self,
        value: &'a Value,
        source: SourceId,
        via: &Rc<[Step]>,
        kind: StatementKind,
        in_set: bool,
        sink: &mut Sink<'_>,
        out: &mut Vec<RValue<'a>>,
    ) -> bool {
        let site = Site {
            source,
            span: value.span(),
            via: via.clone(),
        };
        let Value::Word(w) = value else {
            out.push(RValue { value, site });
            return true;
        };
        let Some(index) = self.get(&w.value) else {
            if !in_set && self.is_unknown_name(&w.value, kind) {
                let hint = match self.closest(&w.value) {
                    Some(near) => format!("did you mean `{near}`?"),
                    None if kind == StatementKind::Origins => format!(
                        "define it with `set {} = \"https://app.example.com\";`, or write an origin in double quotes",
                        w.value
                    ),
                    None => format!("define it with `set {} = …;`", w.value),
                };
                sink.error(
                    &site,
                    Code::UnknownSet,
                    format!("no set is named `{}`", w.value),
                    hint,
                );
                return false;
            }
            out.push(RValue { value, site });
            return true;
        };
        self.mark_used(index);
        let item: &'a SetItem = self.defs[index].item;
        let (name, def_source, cyclic) = (
            &item.name.value,
            self.defs[index].source,
            self.defs[index].cyclic,
        );
        if cyclic {
            // Reported once, where the cycle closes.
            sink.fail();
            return false;
        }
        if !kind.takes_sets() {
            sink.error(
                &site,
                Code::SetMismatch,
                format!("set `{name}` cannot be used in `{}`", kind.name()),
                format!(
                    "sets stand for lists of origins, methods or header names; write the `{}` value itself",
                    kind.name()
                ),
            );
            return false;
        }
        if let Some((misfit, misfit_source)) = self.misfit(index, kind) {
            let what = match misfit {
                Value::Str(s) => format!("the origin \"{}\"", s.value.escape_debug()),
                Value::Word(w) => format!("the bare word `{}`", w.value),
            };
            let hint = match misfit {
                Value::Str(_) => "a set of origins can only be used in `origins`".to_string(),
                Value::Word(_) => "origins are string literals: a set used in `origins` holds origins in double quotes (or `*`, `null`)".to_string(),
            };
            sink.error_with_note(
                &site,
                Code::SetMismatch,
                format!(
                    "set `{name}` cannot be used in `{}`: it holds {what}",
                    kind.name()
                ),
                hint,
                format!(
                    "{what} is written at {}",
                    place(sink.sources(), misfit_source, misfit.span())
                ),
            );
            return false;
        }
        let mut steps: Vec<Step> = via.to_vec();
        steps.push(Step::Set {
            name: name.clone(),
            at: (source, w.span),
        });
        let inner: Rc<[Step]> = Rc::from(steps);
        let mut ok = true;
        for inner_value in &item.values {
            ok &= self.value(inner_value, def_source, &inner, kind, true, sink, out);
        }
        ok
    }

    /// Whether a word that names no set must be a misspelled set name in a
    /// statement of kind `kind`: in `origins` (where bare words are never
    /// values), any word written like a set name; elsewhere, one close to
    /// the name of a set.
    fn is_unknown_name(&self, word: &str, kind: StatementKind) -> bool {
        if !kind.takes_sets() || !is_set_style(word) {
            return false;
        }
        kind == StatementKind::Origins || self.closest(word).is_some()
    }

    /// One warning for each set no policy uses.
    pub(crate) fn unused(&self) -> Vec<Diagnostic> {
        self.defs
            .iter()
            .filter(|d| !d.used)
            .map(|d| {
                Diagnostic::new(
                    d.source,
                    d.item.name.span,
                    Code::UnusedSet,
                    format!("set `{}` is never used", d.item.name.value),
                )
                .with_hint("use it in a policy's list, or remove it")
            })
            .collect()
    }
}
