//! `policy B extends A`: the table of policies by name, unknown parents,
//! cycles, and the statements a policy ends up with.

use std::collections::{HashMap, HashSet};
use std::rc::Rc;

use super::sets::{place, Sets};
use super::{RStatement, Resolved, Site, Step};
use crate::codes::Code;
use crate::diagnostic::Diagnostic;
use crate::source::{SourceId, Sources};
use crate::suggest::closest;
use crate::syntax::ast::PolicyItem;
use crate::syntax::statements::StatementKind;
use crate::validate::Sink;

/// Every policy of a compilation, by name (the first of each name).
pub(crate) struct Policies<'a> {
    first: HashMap<&'a str, (SourceId, &'a PolicyItem)>,
    /// Policies in an `extends` cycle (reported once): their parent is not followed.
    cyclic: HashSet<&'a str>,
}

impl<'a> Policies<'a> {
    /// The table of `policies` (every policy item, in the order written),
    /// reporting unknown parents and cycles.
    pub(crate) fn new(
        policies: &[(SourceId, &'a PolicyItem)],
        sources: &Sources,
        diagnostics: &mut Vec<Diagnostic>,
    ) -> Self {
        let mut first = HashMap::new();
        for &(source, item) in policies {
            first
                .entry(item.name.value.as_str())
                .or_insert((source, item));
        }
        let mut table = Policies {
            first,
            cyclic: HashSet::new(),
        };
        for &(source, item) in policies {
            let Some(parent) = &item.extends else {
                continue;
            };
            if table.first.contains_key(parent.value.as_str()) {
                continue;
            }
            let names = policies.iter().map(|(_, p)| p.name.value.as_str());
            let hint = match closest(&parent.value, names) {
                Some(near) => format!("did you mean `{near}`?"),
                None => {
                    "`extends` names a policy of the same block or file, or of an included file"
                        .to_string()
                }
            };
            diagnostics.push(
                Diagnostic::new(
                    source,
                    parent.span,
                    Code::UnknownParent,
                    format!(
                        "policy `{}` extends `{}`, but no policy has that name",
                        item.name.value, parent.value
                    ),
                )
                .with_hint(hint),
            );
        }
        table.cycles(policies, sources, diagnostics);
        table
    }

    /// The parent of `item`, unless it is unknown or `item` is in a cycle.
    fn parent(&self, item: &PolicyItem) -> Option<(SourceId, &'a PolicyItem)> {
        if self.cyclic.contains(item.name.value.as_str()) {
            return None;
        }
        let parent = item.extends.as_ref()?;
        self.first.get(parent.value.as_str()).copied()
    }

    /// Reports each cycle once, at the parent name that closes it.
    fn cycles(
        &mut self,
        policies: &[(SourceId, &'a PolicyItem)],
        sources: &Sources,
        diagnostics: &mut Vec<Diagnostic>,
    ) {
        let mut done: HashSet<&str> = HashSet::new();
        for &(_, start) in policies {
            let mut path: Vec<(SourceId, &'a PolicyItem)> = Vec::new();
            let mut current = self.first.get(start.name.value.as_str()).copied();
            while let Some((source, item)) = current {
                let name = item.name.value.as_str();
                if done.contains(name) {
                    break;
                }
                if let Some(from) = path.iter().position(|(_, p)| p.name.value == name) {
                    let members = &path[from..];
                    let (closing_source, closing) = path[path.len() - 1];
                    let Some(parent) = &closing.extends else {
                        break;
                    };
                    let message = if members.len() == 1 {
                        format!("policy `{name}` extends itself")
                    } else {
                        let others: Vec<String> = members[1..]
                            .iter()
                            .map(|(_, p)| format!("`{}`", p.name.value))
                            .collect();
                        format!(
                            "policy `{name}` extends itself through {}",
                            others.join(", ")
                        )
                    };
                    let first = place(sources, source, item.name.span);
                    diagnostics.push(
                        Diagnostic::new(closing_source, parent.span, Code::ExtendsCycle, message)
                            .with_hint(format!(
                                "remove this `extends` (policy `{name}` is at {first}): a policy cannot inherit from itself, directly or through other policies"
                            )),
                    );
                    for (_, member) in members {
                        self.cyclic.insert(member.name.value.as_str());
                    }
                    break;
                }
                path.push((source, item));
                current = item
                    .extends
                    .as_ref()
                    .and_then(|p| self.first.get(p.value.as_str()).copied());
            }
            done.extend(path.iter().map(|(_, p)| p.name.value.as_str()));
        }
    }

    /// The policy `item` (written in `source`) as it finally stands.
    pub(crate) fn resolve(
        &self,
        source: SourceId,
        item: &'a PolicyItem,
        sets: &mut Sets<'a>,
        sink: &mut Sink<'_>,
    ) -> Resolved<'a> {
        let mut resolved = Resolved {
            item,
            source,
            statements: Vec::new(),
            incomplete: false,
        };
        let excluded = [false; StatementKind::COUNT];
        self.statements(source, item, &[], excluded, sets, sink, &mut resolved);
        resolved
    }

    /// Adds the statements of `item` (reached `via`) but those of the
    /// `excluded` kinds, which a child replaces: inherited ones first.
    #[allow(clippy::too_many_arguments)]
    fn statements(
        &self,
        source: SourceId,
        item: &'a PolicyItem,
        via: &[Step],
        excluded: [bool; StatementKind::COUNT],
        sets: &mut Sets<'a>,
        sink: &mut Sink<'_>,
        out: &mut Resolved<'a>,
    ) {
        out.incomplete |= item.had_errors;
        let own: Vec<StatementKind> = item
            .statements
            .iter()
            .filter_map(|s| StatementKind::from_name(&s.name.value))
            .collect();
        if item.extends.is_some() {
            match self.parent(item) {
                Some((parent_source, parent)) => {
                    let mut steps = via.to_vec();
                    steps.push(Step::Parent {
                        parent: parent.name.value.clone(),
                    });
                    let mut replaced = excluded;
                    for kind in &own {
                        replaced[kind.index()] = true;
                    }
                    self.statements(parent_source, parent, &steps, replaced, sets, sink, out);
                }
                // Reported once, on the `extends` clause.
                None => out.incomplete = true,
            }
        }
        let via: Rc<[Step]> = Rc::from(via.to_vec());
        for statement in &item.statements {
            let Some(kind) = StatementKind::from_name(&statement.name.value) else {
                continue;
            };
            if excluded[kind.index()] {
                continue;
            }
            let mut values = Vec::new();
            if !sets.expand(&statement.values, source, &via, kind, sink, &mut values) {
                out.incomplete = true;
            }
            out.statements.push(RStatement {
                name: &statement.name,
                kind,
                site: Site {
                    source,
                    span: statement.name.span,
                    via: via.clone(),
                },
                written_in: &item.name.value,
                values,
            });
        }
    }
}
