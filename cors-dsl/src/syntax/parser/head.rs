//! The head of a policy: `[visibility] policy Name`, and the names a
//! policy cannot have.

use pest::iterators::Pair;
use pest::Parser as _;

use super::{error_position, positives, CorsParser, FileParser, Rule};
use crate::codes::Code;
use crate::suggest::closest_within;
use crate::syntax::ast::Spanned;

/// Rust keywords a policy name (a Rust type name) cannot be.
const RUST_KEYWORDS: &[&str] = &[
    "as", "async", "await", "break", "const", "continue", "crate", "dyn", "else", "enum", "extern",
    "false", "fn", "for", "if", "impl", "in", "let", "loop", "match", "mod", "move", "mut", "pub",
    "ref", "return", "self", "Self", "static", "struct", "super", "trait", "true", "type",
    "unsafe", "use", "where", "while", "abstract", "become", "box", "do", "final", "macro",
    "override", "priv", "typeof", "unsized", "virtual", "yield", "try", "gen", "_",
];

impl FileParser<'_> {
    /// Parses a policy head `text[start..end]`: visibility, name and parent.
    pub(super) fn head(&mut self, start: usize, end: usize) -> Option<Head> {
        let chunk = &self.text[start..end];
        match CorsParser::parse(Rule::policy_header, chunk) {
            Ok(mut pairs) => {
                let header = pairs.next()?;
                let mut visibility = String::new();
                let mut name = None;
                let mut extends = None;
                for pair in header.into_inner() {
                    match pair.as_rule() {
                        Rule::visibility => visibility = normalize_visibility(&pair),
                        Rule::extends_clause => extends = self.parent_name(&pair, start),
                        Rule::policy_name => {
                            let span = pair.as_span();
                            let value = span.as_str().to_string();
                            let span = self.span(start + span.start(), start + span.end());
                            if RUST_KEYWORDS.contains(&value.as_str()) {
                                self.error(
                                    span.start,
                                    span.end,
                                    Code::InvalidPolicyName,
                                    format!("`{value}` is a Rust keyword and cannot name a policy"),
                                    Some(
                                        "policy names become Rust types: use a name such as `Api`"
                                            .into(),
                                    ),
                                );
                                return None;
                            }
                            name = Some(Spanned { value, span });
                        }
                        _ => {}
                    }
                }
                name.map(|name| Head {
                    visibility,
                    name,
                    extends,
                })
            }
            Err(error) => {
                let pos = start + error_position(&error);
                let positives = positives(&error);
                let found = self.found(pos);
                let (code, message, hint) = if positives.contains(&Rule::kw_policy)
                    || positives.contains(&Rule::policy_header)
                {
                    let word = self.word_at(pos);
                    let keyword = (!word.is_empty())
                        .then(|| closest_within(&word.to_ascii_lowercase(), ["policy", "test"], 2))
                        .flatten();
                    let hint = match keyword {
                        Some(keyword) => Some(format!("did you mean `{keyword}`?")),
                        None => Some("a block holds `policy Name { … }` items, `set Name = …;` lists, `test Name { … }` blocks and `include \"file.cors\";` lines".to_string()),
                    };
                    (
                        Code::Syntax,
                        format!("expected `policy` or `include`, found {found}"),
                        hint,
                    )
                } else if positives.contains(&Rule::parent_name)
                    || self.text[..pos].trim_end().ends_with("extends")
                {
                    (
                        Code::Syntax,
                        format!(
                            "expected the name of the parent policy after `extends`, found {found}"
                        ),
                        Some("write `policy Admin extends Api { … }`".to_string()),
                    )
                } else if positives.contains(&Rule::policy_name)
                    || positives.contains(&Rule::identifier)
                {
                    (
                        Code::InvalidPolicyName,
                        format!("expected a policy name after `policy`, found {found}"),
                        Some(
                            "policy names are Rust identifiers, such as `Api` or `PublicAssets`"
                                .to_string(),
                        ),
                    )
                } else if positives.contains(&Rule::vis_scope)
                    || positives.contains(&Rule::kw_crate)
                {
                    (
                        Code::Syntax,
                        format!("expected `crate`, `super`, `self` or `in path` inside `pub(…)`, found {found}"),
                        None,
                    )
                } else if positives.contains(&Rule::rparen) || positives.contains(&Rule::path_sep) {
                    (
                        Code::Syntax,
                        format!("expected `)` to close `pub(…)`, found {found}"),
                        None,
                    )
                } else if positives.contains(&Rule::EOI) {
                    let word = self.word_at(pos);
                    let hint = if !word.is_empty() && closest_within(word, ["extends"], 2).is_some()
                    {
                        "did you mean `extends`?"
                    } else {
                        "a policy is written `policy Name { statements }`"
                    };
                    (
                        Code::Syntax,
                        format!("expected `{{` after the policy name, found {found}"),
                        Some(hint.to_string()),
                    )
                } else {
                    (Code::Syntax, format!("unexpected {found}"), None)
                };
                self.error_at_token(pos, code, message, hint);
                None
            }
        }
    }
}

/// What the head of a policy says.
pub(super) struct Head {
    /// Normalized visibility; `""` when absent.
    pub(super) visibility: String,
    /// The policy's name.
    pub(super) name: Spanned<String>,
    /// `extends Parent`.
    pub(super) extends: Option<Spanned<String>>,
}

impl FileParser<'_> {
    /// The parent's name in an `extends_clause` pair (offsets relative to `base`).
    fn parent_name(&self, clause: &Pair<'_, Rule>, base: usize) -> Option<Spanned<String>> {
        let name = clause
            .clone()
            .into_inner()
            .find(|p| p.as_rule() == Rule::parent_name)?;
        let span = name.as_span();
        Some(Spanned {
            value: span.as_str().to_string(),
            span: self.span(base + span.start(), base + span.end()),
        })
    }
}

/// `pub`, `pub(crate)`, `pub(in a::b)` without inner whitespace.
fn normalize_visibility(pair: &Pair<'_, Rule>) -> String {
    let mut out = String::from("pub");
    for inner in pair.clone().into_inner() {
        if inner.as_rule() == Rule::vis_scope {
            out.push('(');
            let mut first = true;
            for part in inner.into_inner() {
                match part.as_rule() {
                    Rule::kw_in => out.push_str("in "),
                    Rule::vis_path => {
                        let path: Vec<&str> = part
                            .into_inner()
                            .filter(|p| p.as_rule() == Rule::identifier)
                            .map(|p| p.as_str())
                            .collect();
                        out.push_str(&path.join("::"));
                    }
                    _ => {
                        if !first {
                            out.push(' ');
                        }
                        out.push_str(part.as_str());
                    }
                }
                first = false;
            }
            out.push(')');
        }
    }
    out
}
