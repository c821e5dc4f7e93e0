//! One statement, `name: value, value;`: unknown names, and what was
//! expected where the statement rule stopped.

use pest::Parser as _;

use super::from_tokens::is_statement_name;
use super::outline::TokKind;
use super::{error_position, positives, CorsParser, FileParser, Rule};
use crate::codes::Code;
use crate::syntax::ast::Statement;
use crate::syntax::statements::{suggest, StatementKind};

impl FileParser<'_> {
    /// Parses the statement made of tokens `first..end` (`end` exclusive).
    /// Returns `false` if it was reported as an error.
    pub(super) fn statement(&mut self, first: usize, end: usize, out: &mut Vec<Statement>) -> bool {
        let first_tok = self.toks[first];
        // An unknown statement name: report it, with a suggestion, and skip the statement.
        if first_tok.kind == TokKind::Word {
            let written = self.tok_text(first_tok);
            if is_statement_name(written) && StatementKind::from_name(written).is_none() {
                let hint = match suggest(written) {
                    Some(kind) => format!("did you mean `{}`?", kind.name()),
                    None => format!(
                        "the statements are {}",
                        StatementKind::ALL
                            .iter()
                            .map(|k| format!("`{}`", k.name()))
                            .collect::<Vec<_>>()
                            .join(", ")
                    ),
                };
                self.error(
                    first_tok.start,
                    first_tok.end,
                    Code::UnknownStatement,
                    format!("unknown statement `{written}`"),
                    Some(hint),
                );
                return false;
            }
        }
        match self.statement_from_tokens(first, end) {
            Some(Some(statement)) => {
                out.push(statement);
                true
            }
            Some(None) => false,
            None => self.statement_by_rule(first, end, out),
        }
    }

    /// Parses the statement of tokens `first..end` with the grammar's
    /// `statement` rule, reporting what was expected where it stopped.
    pub(super) fn statement_by_rule(
        &mut self,
        first: usize,
        end: usize,
        out: &mut Vec<Statement>,
    ) -> bool {
        let start = self.toks[first].start;
        let stop = self.toks[end - 1].end;
        let first_tok = self.toks[first];
        let chunk = &self.text[start..stop];
        let kind = StatementKind::from_name(self.tok_text(first_tok));
        match CorsParser::parse(Rule::statement, chunk) {
            Ok(mut pairs) => {
                let Some(statement) = pairs.next() else {
                    return false;
                };
                let mut name = None;
                let mut values = Vec::new();
                let mut ok = true;
                for pair in statement.into_inner() {
                    if pair.as_rule() == Rule::statement_name {
                        name = Some(self.spanned(&pair, start));
                        continue;
                    }
                    match self.list_value(&pair, start) {
                        Some(Some(value)) => values.push(value),
                        Some(None) => ok = false,
                        None => {}
                    }
                }
                match name {
                    Some(name) if ok => {
                        out.push(Statement { name, values });
                        true
                    }
                    _ => false,
                }
            }
            Err(error) => {
                let pos = start + error_position(&error);
                self.statement_error(pos, &positives(&error), kind);
                false
            }
        }
    }

    fn statement_error(&mut self, pos: usize, positives: &[Rule], kind: Option<StatementKind>) {
        if kind == Some(StatementKind::Origins) && self.single_quoted_origin(pos) {
            return;
        }
        let list = kind.map_or("the statement", |k| k.list_description());
        let stmt = kind.map_or("statement", |k| k.name());
        let found = self.found(pos);
        let next = self.token_at(pos);
        let previous = self.text[..pos].trim_end().chars().last();
        let next_text = next.map(|t| self.tok_text(t));
        let (code, message, hint): (Code, String, Option<String>) = if positives
            .contains(&Rule::statement_name)
            || positives.contains(&Rule::statement)
        {
            (
                Code::Syntax,
                format!("expected a statement such as `origins: …;`, found {found}"),
                Some("each statement is `name: value, value;`".into()),
            )
        } else if positives.contains(&Rule::colon) {
            (
                Code::MissingColon,
                format!("expected `:` after `{stmt}`, found {found}"),
                Some(format!("write `{stmt}: …;`")),
            )
        } else if positives.contains(&Rule::string_lit) || positives.contains(&Rule::word) {
            match (previous, next_text) {
                (Some(':'), Some(";") | None) => (
                    Code::EmptyList,
                    format!("{list} is empty"),
                    Some(format!(
                        "give at least one value, or remove the `{stmt}` statement"
                    )),
                ),
                (Some(','), Some(";") | None) => (
                    Code::TrailingComma,
                    format!("trailing comma at the end of {list}"),
                    Some("remove the last `,`".into()),
                ),
                (Some(',' | ':'), Some(",")) => (
                    Code::EmptyElement,
                    format!("empty element in {list}"),
                    Some("remove the extra `,`".into()),
                ),
                _ => (
                    Code::Syntax,
                    format!("expected a value in {list}, found {found}"),
                    Some(kind.map_or(NO_KIND_HINT, |k| k.values().hint()).to_string()),
                ),
            }
        } else if positives.contains(&Rule::comma) || positives.contains(&Rule::semi) {
            let next_is_statement = next.is_some_and(|t| {
                t.kind == TokKind::Word && {
                    let after = self.text[t.end..].trim_start();
                    after.starts_with(':')
                }
            });
            match next {
                None => (
                    Code::MissingSemicolon,
                    format!("expected `;` after {list}"),
                    Some("end every statement with `;`".into()),
                ),
                Some(t) if t.kind == TokKind::RBrace || next_is_statement => (
                    Code::MissingSemicolon,
                    format!("expected `;` after {list}"),
                    Some("end every statement with `;`".into()),
                ),
                Some(t) if matches!(t.kind, TokKind::Word | TokKind::Str) => (
                    Code::MissingComma,
                    format!("expected `,` between the values of {list}, found {found}"),
                    Some("separate values with `,`".into()),
                ),
                Some(t) if kind == Some(StatementKind::Origins) && self.tok_text(t) == ":" => (
                    Code::Syntax,
                    format!("unexpected `:` in {list}"),
                    Some("origins are string literals: write them in double quotes, like `\"https://app.example.com\"`".into()),
                ),
                Some(_) => (
                    Code::Syntax,
                    format!("unexpected {found} in {list}"),
                    Some(NO_KIND_HINT.into()),
                ),
            }
        } else {
            (Code::Syntax, format!("unexpected {found}"), None)
        };
        self.error_at_token(pos, code, message, hint);
    }

    /// `origins: 'https://app.example.com';`: the outline reads `'https` as
    /// a word and the rest of the line as a `//` comment, so the statement
    /// rule stops at the `:` after `'https`. Reports the single-quoted
    /// origin at its opening quote instead; `false` if `pos` is not such a
    /// `:`.
    fn single_quoted_origin(&mut self, pos: usize) -> bool {
        let index = self.toks.partition_point(|t| t.end <= pos);
        let (Some(colon), Some(word)) = (
            self.toks.get(index).copied(),
            index.checked_sub(1).and_then(|i| self.toks.get(i)).copied(),
        ) else {
            return false;
        };
        let quoted = word.kind == TokKind::Word
            && self.tok_text(word).starts_with('\'')
            && word.end == colon.start
            && self.tok_text(colon) == ":";
        if !quoted {
            return false;
        }
        // The literal as meant: up to the closing quote on the same line.
        let line_end = self.text[word.start..]
            .find('\n')
            .map_or(self.text.len(), |i| word.start + i);
        let line = &self.text[word.start + 1..line_end];
        let (end, hint) = match line.find('\'') {
            Some(close) => (
                word.start + 1 + close + 1,
                format!("write \"{}\"", line[..close].escape_debug()),
            ),
            None => (
                word.end,
                "write the origin in double quotes, like \"https://app.example.com\"".to_string(),
            ),
        };
        self.error(
            word.start,
            end,
            Code::Syntax,
            "this origin is in single quotes, but string literals take double quotes".into(),
            Some(hint),
        );
        true
    }
}

/// The hint for a missing value when the statement is unknown.
const NO_KIND_HINT: &str = "separate values with `,` and end the statement with `;`";
