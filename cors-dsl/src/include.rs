//! The compile driver: parses a text, follows its `include` lines, then
//! resolves sets and `extends` across every file, validates every policy and
//! checks names across files.

use crate::declared::Declared;
use std::collections::HashMap;
use std::fs;
use std::io;
use std::path::{Path, PathBuf};

use crate::codes::Code;
use crate::diagnostic::Diagnostic;
use crate::model;
use crate::policy_tests::{self, TestOutcome};
use crate::reuse::extends::Policies;
use crate::reuse::sets::Sets;
use crate::source::{Source, SourceId, Sources};
use crate::span::Span;
use crate::syntax::ast::{Item, PolicyItem, SetItem, TestBlock};
use crate::syntax::parser::parse;
use crate::validate::{validate_policy, Sink};

/// Reads a policy file as UTF-8 text, with clear errors for directories and
/// non-UTF-8 content.
pub(crate) fn read_text(path: &Path) -> io::Result<String> {
    if fs::metadata(path)?.is_dir() {
        return Err(io::Error::new(
            io::ErrorKind::InvalidInput,
            "is a directory, not a policy file",
        ));
    }
    let bytes = fs::read(path)?;
    String::from_utf8(bytes).map_err(|e| {
        io::Error::new(
            io::ErrorKind::InvalidData,
            format!(
                "is not valid UTF-8 text (invalid byte at offset {})",
                e.utf8_error().valid_up_to()
            ),
        )
    })
}

/// State of one compilation.
pub(crate) struct Compilation {
    pub(crate) sources: Sources,
    pub(crate) diagnostics: Vec<Diagnostic>,
    pub(crate) warnings: Vec<Diagnostic>,
    pub(crate) policies: Vec<model::Policy>,
    /// Every policy item with its own name, valid or not.
    pub(crate) declared: Vec<Declared>,
    /// Every `test` block, with its source, until they run.
    tests: Vec<(SourceId, TestBlock)>,
    /// What each test block gave, once they ran.
    pub(crate) test_outcomes: Vec<TestOutcome>,
    /// First definition of each policy name: source and span.
    names: HashMap<String, (SourceId, Span)>,
    /// Canonical paths of the files being read (for cycle detection).
    stack: Vec<PathBuf>,
    /// Every policy and set of every file, in the order written (included
    /// files expanded in place).
    items: Vec<(SourceId, Item)>,
}

impl Compilation {
    pub(crate) fn new() -> Self {
        Self {
            sources: Sources::new(),
            diagnostics: Vec::new(),
            warnings: Vec::new(),
            policies: Vec::new(),
            declared: Vec::new(),
            tests: Vec::new(),
            test_outcomes: Vec::new(),
            names: HashMap::new(),
            stack: Vec::new(),
            items: Vec::new(),
        }
    }

    /// Compiles the root source; `base` is the folder its includes are relative to.
    pub(crate) fn root(&mut self, source: Source, base: Option<&Path>) {
        let canonical = source.path.as_ref().and_then(|p| fs::canonicalize(p).ok());
        let id = self.sources.push(source);
        if let Some(path) = canonical {
            self.stack.push(path);
        }
        self.compile(id, base.map(Path::to_path_buf));
        self.validate();
        // Tests run once every file is read and every policy validated (sets
        // and `extends` resolved): a test may precede its policy, or test one
        // from another file.
        let tests = std::mem::take(&mut self.tests);
        self.test_outcomes = policy_tests::run(
            &tests,
            &self.policies,
            &self.declared,
            &self.sources,
            &mut self.diagnostics,
        );
        if self.diagnostics.is_empty() && self.items.is_empty() {
            let span = Span {
                line: 1,
                col: 1,
                ..Span::default()
            };
            self.diagnostics.push(
                Diagnostic::new(id, span, Code::NoPolicy, "no policy was defined")
                    .with_hint("write at least one `policy Name { origins: …; }`"),
            );
        }
        self.diagnostics = merge(std::mem::take(&mut self.diagnostics));
        self.diagnostics.sort_by_key(|d| (d.source, d.span.start));
        self.warnings.sort_by_key(|d| (d.source, d.span.start));
    }

    /// Resolves sets and `extends` over every file, then validates each
    /// policy as it finally stands.
    fn validate(&mut self) {
        let items = std::mem::take(&mut self.items);
        let sets: Vec<(SourceId, &SetItem)> = items
            .iter()
            .filter_map(|(source, item)| match item {
                Item::Set(set) => Some((*source, set)),
                _ => None,
            })
            .collect();
        let policies: Vec<(SourceId, &PolicyItem)> = items
            .iter()
            .filter_map(|(source, item)| match item {
                Item::Policy(policy) => Some((*source, policy)),
                _ => None,
            })
            .collect();
        let mut sets = Sets::new(&sets, &self.sources, &mut self.diagnostics);
        let table = Policies::new(&policies, &self.sources, &mut self.diagnostics);
        for &(id, policy) in &policies {
            let duplicate = self.declare(id, policy);
            let mut sink = Sink::new(&policy.name.value, &self.sources, &mut self.diagnostics);
            let resolved = table.resolve(id, policy, &mut sets, &mut sink);
            // A duplicate is still validated, to report its other errors.
            if let Some(valid) = validate_policy(&resolved, &mut sink) {
                if !duplicate {
                    self.policies.push(valid);
                }
            }
        }
        if !policies.is_empty() {
            self.warnings.extend(sets.unused());
        }
        drop(sets);
        self.items = items;
    }

    /// Records a policy's name; reports it and returns `true` if another
    /// policy already has it.
    fn declare(&mut self, id: SourceId, policy: &PolicyItem) -> bool {
        if let Some((first_source, first_span)) = self.names.get(&policy.name.value) {
            let first = self.sources.get(*first_source);
            self.diagnostics.push(
                Diagnostic::new(
                    id,
                    policy.name.span,
                    Code::DuplicatePolicy,
                    format!(
                        "a policy named `{}` is already defined (at {}:{}:{})",
                        policy.name.value, first.name, first_span.line, first_span.col
                    ),
                )
                .with_hint("give each policy its own name"),
            );
            return true;
        }
        self.names
            .insert(policy.name.value.clone(), (id, policy.name.span));
        self.declared.push(Declared {
            name: policy.name.value.clone(),
            visibility: policy.visibility.clone(),
            docs: policy.docs.iter().map(|d| d.value.clone()).collect(),
            source: id,
            name_span: policy.name.span,
        });
        false
    }

    fn compile(&mut self, id: SourceId, base: Option<PathBuf>) {
        let text = self.sources.get(id).text.clone();
        let (file, syntax_errors) = parse(&text, id);
        let had_syntax_errors = !syntax_errors.is_empty();
        self.diagnostics.extend(syntax_errors);
        if file.items.is_empty() && !had_syntax_errors {
            let span = crate::source::LineIndex::new(&text).span(0, 0);
            let what = if text.trim().is_empty() {
                "is empty"
            } else {
                "holds no policy"
            };
            let name = self.sources.get(id).name.clone();
            self.diagnostics.push(
                Diagnostic::new(id, span, Code::NoPolicy, format!("`{name}` {what}"))
                    .with_hint("write at least one `policy Name { origins: …; }`"),
            );
        }
        for item in file.items {
            match item {
                Item::Include(include) => {
                    self.include(id, base.as_deref(), &include.path.value, include.path.span)
                }
                Item::Test(block) => self.tests.push((id, block)),
                other => self.items.push((id, other)),
            }
        }
    }

    fn include(&mut self, from: SourceId, base: Option<&Path>, written: &str, span: Span) {
        let Some(base) = base else {
            self.diagnostics.push(
                Diagnostic::new(
                    from,
                    span,
                    Code::IncludeWithoutBase,
                    format!("cannot include \"{}\": this text has no folder to resolve it against", written.escape_debug()),
                )
                .with_hint("includes need a base folder: compile a file, or pass the folder to `compile_str`"),
            );
            return;
        };
        let path = base.join(written);
        // Shown as the user would find it: relative to the including
        // source's own name (`dir/a.cors` includes `b.cors` → `dir/b.cors`),
        // never as an absolute path built from the base folder.
        let including = Path::new(&self.sources.get(from).name);
        let shown = including
            .parent()
            .map_or_else(|| Path::new(written).to_path_buf(), |dir| dir.join(written))
            .display()
            .to_string();
        let canonical = fs::canonicalize(&path).ok();
        if let Some(canonical) = &canonical {
            if self.stack.contains(canonical) {
                self.diagnostics.push(
                    Diagnostic::new(
                        from,
                        span,
                        Code::IncludeCycle,
                        format!("including \"{}\" makes a cycle: `{shown}` is already being read", written.escape_debug()),
                    )
                    .with_hint("remove this `include`: a file cannot include itself, directly or through other files"),
                );
                return;
            }
        }
        let text = match read_text(&path) {
            Ok(text) => text,
            Err(error) => {
                let reason = if error.kind() == io::ErrorKind::NotFound {
                    "no such file".to_string()
                } else {
                    error.to_string()
                };
                self.diagnostics.push(
                    Diagnostic::new(
                        from,
                        span,
                        Code::IncludeUnreadable,
                        format!("cannot include `{shown}`: {reason}"),
                    )
                    .with_hint(
                        "the path is relative to the folder of the including file \
                         (in `cors_policy!`, to the crate's folder, CARGO_MANIFEST_DIR)",
                    ),
                );
                return;
            }
        };
        let id = self.sources.push(Source {
            name: shown,
            path: Some(path.clone()),
            text,
            included_from: Some((from, span)),
        });
        let pushed = canonical.is_some();
        if let Some(canonical) = canonical {
            self.stack.push(canonical);
        }
        let folder = path.parent().map(Path::to_path_buf).unwrap_or_default();
        self.compile(id, Some(folder));
        if pushed {
            self.stack.pop();
        }
    }
}

/// Merges diagnostics that say the same thing at the same place (a value of
/// a set or a parent, reported once for each policy it reaches) into one
/// with every note.
fn merge(diagnostics: Vec<Diagnostic>) -> Vec<Diagnostic> {
    let mut out: Vec<Diagnostic> = Vec::with_capacity(diagnostics.len());
    let mut index: HashMap<(SourceId, usize, usize, &'static str, String), usize> = HashMap::new();
    for d in diagnostics {
        let key = (
            d.source,
            d.span.start,
            d.span.end,
            d.code,
            d.message.clone(),
        );
        match index.get(&key) {
            Some(&i) => {
                for note in d.notes {
                    if !out[i].notes.contains(&note) {
                        out[i].notes.push(note);
                    }
                }
            }
            None => {
                index.insert(key, out.len());
                out.push(d);
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn compile(text: &str) -> Compilation {
        let mut compilation = Compilation::new();
        let source = Source {
            name: "<test>".to_owned(),
            path: None,
            text: text.to_owned(),
            included_from: None,
        };
        compilation.root(source, None);
        compilation
    }

    /// A policy with an error gets no model, even beside a valid one: the
    /// models are what a compilation without diagnostics hands out, so an
    /// invalid policy must never be among them (whatever reported it: its
    /// own statements, or a set cycle reported where the cycle closes).
    #[test]
    fn a_policy_with_errors_has_no_model() {
        let good = "policy Good { origins: *; }";
        for bad in [
            "policy Bad { origins: \"https://a.example/\"; }",
            "policy Bad { origins: *; max-age: 30d; }",
            "policy Bad { origins: *; methods: PUT, patch; }",
            "policy Bad { origins: *; request-headers: cookie; }",
            "policy Bad { origins: *; expose-headers: *, x-a; }",
            "set Aa = Bb;\nset Bb = Aa;\npolicy Bad { origins: *; methods: Aa; }",
        ] {
            let compilation = compile(&format!("{bad}\n{good}"));
            assert!(!compilation.diagnostics.is_empty(), "{bad}");
            let names: Vec<&str> = compilation
                .policies
                .iter()
                .map(|p| p.name.as_str())
                .collect();
            assert_eq!(names, ["Good"], "{bad}");
        }
    }
}
