//! Text → syntax tree, reporting every syntax error of the text.
//!
//! See `grammar.pest` for the two passes: an outline pass ([`outline`])
//! splits the text into tokens, then each item ([`items`], [`head`]) and each
//! statement ([`statement`]) is parsed by a strict rule, so one bad statement
//! never hides the errors in the next ones; `test` blocks and their
//! expectations are parsed in [`test_block`]. String literals are resolved
//! in [`literal`].

mod from_tokens;
mod head;
mod items;
mod literal;
mod outline;
pub(crate) mod set;
mod statement;
mod test_block;
mod tokenize;
#[cfg(feature = "fmt")]
pub(crate) use tokenize::{block_comment_end, BlockEnd};

use pest::error::{ErrorVariant, InputLocation};

use super::ast::File;
use crate::codes::Code;
use crate::diagnostic::Diagnostic;
use crate::source::{LineIndex, SourceId};
use crate::span::Span;
pub(crate) use outline::Tok;
#[cfg(feature = "fmt")]
pub(crate) use outline::TokKind;

/// The pest parser of `grammar.pest`. Its code (`generated.rs`, the
/// `Rule` enum and the `pest::Parser` impl) is generated ahead of time and
/// checked by `tests/generated_parser.rs`.
struct CorsParser;

#[rustfmt::skip]
#[allow(dead_code, clippy::all, clippy::pedantic, unused_qualifications, missing_docs)]
mod generated;
use generated::Rule;

/// Parses one text. Returns the items that parsed and every syntax error.
pub(crate) fn parse(text: &str, source: SourceId) -> (File, Vec<Diagnostic>) {
    let mut parser = FileParser::new(text, source);
    parser.outline();
    let file = parser.items();
    (file, parser.diagnostics)
}

/// The outline tokens of a text that [`parse`] found free of syntax errors
/// (for the formatter: what lies between two tokens is whitespace and
/// comments).
#[cfg(feature = "fmt")]
pub(crate) fn tokens(text: &str) -> Vec<Tok> {
    let mut parser = FileParser::new(text, SourceId(0));
    parser.outline();
    parser.toks
}

/// The state of parsing one text: its outline tokens and the errors so far.
struct FileParser<'a> {
    text: &'a str,
    source: SourceId,
    lines: LineIndex<'a>,
    toks: Vec<Tok>,
    diagnostics: Vec<Diagnostic>,
}

impl<'a> FileParser<'a> {
    fn new(text: &'a str, source: SourceId) -> Self {
        FileParser {
            text,
            source,
            lines: LineIndex::new(text),
            toks: Vec::new(),
            diagnostics: Vec::new(),
        }
    }
}

impl FileParser<'_> {
    fn span(&self, start: usize, end: usize) -> Span {
        self.lines.span(start, end)
    }

    /// Reports an error on the bytes `start..end` of the text.
    fn error(
        &mut self,
        start: usize,
        end: usize,
        code: Code,
        message: String,
        hint: Option<String>,
    ) {
        let span = self.span(start, end);
        self.diagnostics.push(Diagnostic {
            hint,
            ..Diagnostic::new(self.source, span, code, message)
        });
    }

    /// Reports an error on the token at or after `pos` (or at the end of the text).
    fn error_at_token(&mut self, pos: usize, code: Code, message: String, hint: Option<String>) {
        let (start, end) = match self.token_at(pos) {
            Some(t) => (t.start, t.end),
            None => (self.text.len(), self.text.len()),
        };
        self.error(start, end, code, message, hint);
    }
}

/// Where pest stopped.
fn error_position(error: &pest::error::Error<Rule>) -> usize {
    match error.location {
        InputLocation::Pos(p) => p,
        InputLocation::Span((start, _)) => start,
    }
}

/// The rules pest expected where it stopped.
fn positives(error: &pest::error::Error<Rule>) -> Vec<Rule> {
    match &error.variant {
        ErrorVariant::ParsingError { positives, .. } => positives.clone(),
        ErrorVariant::CustomError { .. } => Vec::new(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::syntax::ast::{Item, Value};

    #[test]
    fn spans_of_tokens() {
        let text = "/// Doc.\npub(crate) policy Api {\n  origins: \"https://a.example\", *;\n}\n";
        let (file, diagnostics) = parse(text, SourceId(0));
        assert!(diagnostics.is_empty(), "{diagnostics:?}");
        let Item::Policy(policy) = &file.items[0] else {
            panic!("expected a policy");
        };
        assert_eq!(policy.visibility, "pub(crate)");
        assert_eq!(policy.docs[0].value, " Doc.");
        assert_eq!((policy.name.span.line, policy.name.span.col), (2, 19));
        let origins = &policy.statements[0];
        assert_eq!((origins.name.span.line, origins.name.span.col), (3, 3));
        assert_eq!(origins.values[1].span().col, 33);
    }

    #[test]
    fn spans_of_a_test_block() {
        let text = "test Api {\n  deny preflight PUT from \"https://a\" with x-a, \"x-b\" because method;\n}";
        let (file, diagnostics) = parse(text, SourceId(0));
        assert!(diagnostics.is_empty(), "{diagnostics:?}");
        let Item::Test(block) = &file.items[0] else {
            panic!("expected a test block");
        };
        assert_eq!((block.keyword.line, block.keyword.col), (1, 1));
        assert_eq!(
            (block.policy.value.as_str(), block.policy.span.col),
            ("Api", 6)
        );
        let e = &block.expectations[0];
        assert!(!e.allow.value);
        assert_eq!((e.span.line, e.span.col), (2, 3));
        assert_eq!(
            &text[e.span.start..e.span.end],
            "deny preflight PUT from \"https://a\" with x-a, \"x-b\" because method"
        );
        assert_eq!(e.preflight.map(|s| s.col), Some(8));
        assert_eq!(e.method.word(), Some("PUT"));
        assert_eq!(e.origin.display(), "\"https://a\"");
        let (with, names) = e.with.as_ref().unwrap();
        assert_eq!(with.col, 39);
        assert_eq!(
            names.iter().map(Value::display).collect::<Vec<_>>(),
            ["x-a", "\"x-b\""]
        );
        assert_eq!(e.because.as_ref().map(|b| b.value.as_str()), Some("method"));
    }
}
