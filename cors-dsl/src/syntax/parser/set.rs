//! `set Name = value, value;`: a named list, and the names a set can have.

use pest::Parser as _;

use super::outline::TokKind;
use super::{error_position, positives, CorsParser, FileParser, Rule};
use crate::codes::Code;
use crate::syntax::ast::{SetItem, Spanned};

/// Whether `name` is written like a set name: an ASCII identifier that
/// starts with an upper-case letter and has a lower-case one (`Frontends`,
/// `AuthHeaders`), so that it is never a method such as `GET` or `PROPFIND`,
/// nor a header name such as `content-type`.
pub(crate) fn is_set_style(name: &str) -> bool {
    name.starts_with(|c: char| c.is_ascii_uppercase())
        && name.chars().any(|c| c.is_ascii_lowercase())
        && name.chars().all(|c| c.is_ascii_alphanumeric() || c == '_')
}

impl FileParser<'_> {
    /// `set Name = …;` starting at token `i`; returns the index after it.
    pub(super) fn set_item(&mut self, i: usize) -> (Option<SetItem>, usize) {
        let mut j = i;
        let mut end = self.toks[i].end;
        while j < self.toks.len() {
            let tok = self.toks[j];
            if matches!(tok.kind, TokKind::LBrace | TokKind::RBrace | TokKind::Doc)
                || (j > i && self.starts_item(tok))
            {
                break;
            }
            end = tok.end;
            j += 1;
            if tok.kind == TokKind::Semi {
                break;
            }
        }
        let start = self.toks[i].start;
        let chunk = &self.text[start..end];
        let pairs = match CorsParser::parse(Rule::set_item, chunk) {
            Ok(pairs) => pairs,
            Err(error) => {
                let pos = start + error_position(&error);
                self.set_error(pos, &positives(&error), chunk);
                return (None, j);
            }
        };
        let mut name: Option<Spanned<String>> = None;
        let mut values = Vec::new();
        let mut ok = true;
        for pair in pairs.flatten() {
            if pair.as_rule() == Rule::set_name {
                name = Some(self.spanned(&pair, start));
                continue;
            }
            match self.list_value(&pair, start) {
                Some(Some(value)) => values.push(value),
                Some(None) => ok = false,
                None => {}
            }
        }
        let Some(name) = name else {
            return (None, j);
        };
        if !is_set_style(&name.value) {
            self.error(
                name.span.start,
                name.span.end,
                Code::InvalidSetName,
                format!(
                    "`{}` cannot name a set: set names start with an upper-case letter and mix in lower-case ones",
                    name.value
                ),
                Some(
                    "use a name such as `Frontends` or `AuthHeaders`, which no method or header name can be mistaken for"
                        .into(),
                ),
            );
            ok = false;
        }
        (ok.then_some(SetItem { name, values }), j)
    }

    /// A word that starts the next item when a `set` misses its `;`.
    fn starts_item(&self, tok: super::outline::Tok) -> bool {
        tok.kind == TokKind::Word
            && matches!(self.tok_text(tok), "policy" | "pub" | "set" | "include")
    }

    fn set_error(&mut self, pos: usize, positives: &[Rule], chunk: &str) {
        let found = self.found(pos);
        let previous = self.text[..pos].trim_end().chars().last();
        let next = self.token_at(pos);
        let next_text = next.map(|t| self.tok_text(t));
        let name = chunk
            .split_whitespace()
            .nth(1)
            .filter(|n| !n.starts_with('='))
            .unwrap_or("Name");
        let (code, message, hint): (Code, String, Option<String>) =
            if positives.contains(&Rule::set_name) || positives.contains(&Rule::identifier) {
                (
                    Code::Syntax,
                    format!("expected the name of the set after `set`, found {found}"),
                    Some("write `set Frontends = \"https://app.example.com\";`".into()),
                )
            } else if positives.contains(&Rule::set_eq) {
                (
                    Code::Syntax,
                    format!("expected `=` after `set {name}`, found {found}"),
                    Some(format!("write `set {name} = value, value;`")),
                )
            } else if positives.contains(&Rule::string_lit) || positives.contains(&Rule::word) {
                match (previous, next_text) {
                    (Some('='), Some(";") | None) => (
                        Code::EmptyList,
                        format!("the set `{name}` is empty"),
                        Some("give it at least one value, or remove it".into()),
                    ),
                    (Some(','), Some(";") | None) => (
                        Code::TrailingComma,
                        format!("trailing comma at the end of the set `{name}`"),
                        Some("remove the last `,`".into()),
                    ),
                    (Some(',' | '='), Some(",")) => (
                        Code::EmptyElement,
                        format!("empty element in the set `{name}`"),
                        Some("remove the extra `,`".into()),
                    ),
                    _ => (
                        Code::Syntax,
                        format!("expected a value in the set `{name}`, found {found}"),
                        Some(
                            "a set holds origins in double quotes, or method or header names"
                                .into(),
                        ),
                    ),
                }
            } else if positives.contains(&Rule::comma) || positives.contains(&Rule::semi) {
                match next {
                Some(t)
                    if matches!(t.kind, TokKind::Word | TokKind::Str) && !self.starts_item(t) =>
                {
                    (
                    Code::MissingComma,
                    format!("expected `,` between the values of the set `{name}`, found {found}"),
                    Some("separate values with `,`".into()),
                    )
                }
                _ => (
                    Code::MissingSemicolon,
                    format!("expected `;` after the values of the set `{name}`"),
                    Some("end every `set` with `;`".into()),
                ),
            }
            } else {
                (Code::Syntax, format!("unexpected {found}"), None)
            };
        self.error_at_token(pos, code, message, hint);
    }
}
