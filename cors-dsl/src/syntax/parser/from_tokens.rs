//! A well-formed statement read straight from its outline tokens, without
//! running the statement rule again.
//!
//! Long lists (thousands of origins) are where loading spends its time, and
//! the outline pass has already split them into the very tokens the
//! statement rule reads (`word`, `string_lit`, and the single characters
//! `:` and `,`, with whitespace and comments skipped alike). When the
//! tokens have the statement's shape, `name : value (, value)* ;`, the
//! statement rule would succeed with exactly these values, so they are
//! taken as they are; anything else (a doc comment, a missing `,`, an
//! unknown character…) is left to the rule, which says what is wrong.

use super::outline::TokKind;
use super::FileParser;
use crate::syntax::ast::{Statement, Value};

impl FileParser<'_> {
    /// The statement of tokens `first..end` if they have the statement's
    /// shape: `Some(None)` when a string literal in it was reported as
    /// invalid; `None` when the statement rule must read it.
    pub(super) fn statement_from_tokens(
        &mut self,
        first: usize,
        end: usize,
    ) -> Option<Option<Statement>> {
        let toks = &self.toks[first..end];
        let [name, colon, values @ .., semi] = toks else {
            return None;
        };
        let shaped = name.kind == TokKind::Word
            && is_statement_name(self.tok_text(*name))
            && colon.kind == TokKind::Other
            && self.tok_text(*colon) == ":"
            && semi.kind == TokKind::Semi
            && values.len() % 2 == 1
            && values.iter().enumerate().all(|(i, tok)| {
                if i % 2 == 0 {
                    matches!(tok.kind, TokKind::Str | TokKind::Word)
                } else {
                    tok.kind == TokKind::Other && self.tok_text(*tok) == ","
                }
            });
        if !shaped {
            return None;
        }
        let name = *name;
        let mut out = Vec::with_capacity((end - first - 2) / 2);
        let mut ok = true;
        // The values: every other token between the `:` and the `;`.
        for i in (first + 2..end - 1).step_by(2) {
            let tok = self.toks[i];
            match tok.kind {
                TokKind::Str => match self.string_at(tok.start, tok.end) {
                    Some(value) => out.push(Value::Str(value)),
                    None => ok = false,
                },
                _ => out.push(Value::Word(self.spanned_at(tok.start, tok.end))),
            }
        }
        Some(ok.then(|| Statement {
            name: self.spanned_at(name.start, name.end),
            values: out,
        }))
    }
}

/// The grammar's `statement_name`: an ASCII letter, then ASCII letters,
/// digits, `-` and `_`.
pub(super) fn is_statement_name(text: &str) -> bool {
    let mut bytes = text.bytes();
    bytes.next().is_some_and(|b| b.is_ascii_alphabetic())
        && bytes.all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_')
}

#[cfg(test)]
mod tests {
    use super::super::FileParser;
    use crate::source::SourceId;

    /// What the statement rule makes of `text` (one statement), and what
    /// the token path makes of it if it takes it: the statement and every
    /// diagnostic, as `Debug` text.
    fn both(text: &str) -> (String, Option<String>) {
        let read = |by_rule: bool| {
            let mut parser = FileParser::new(text, SourceId(0));
            parser.outline();
            let end = parser.toks.len();
            let mut out = Vec::new();
            let taken = if by_rule {
                parser.statement_by_rule(0, end, &mut out);
                true
            } else {
                match parser.statement_from_tokens(0, end) {
                    Some(statement) => {
                        out.extend(statement);
                        true
                    }
                    None => false,
                }
            };
            taken.then(|| format!("{out:?} {:?}", parser.diagnostics))
        };
        (
            read(true).expect("the rule reads every statement"),
            read(false),
        )
    }

    #[test]
    fn tokens_give_what_the_rule_gives() {
        let taken = [
            r#"origins: "https://a.example", "https://*.b.example:*";"#,
            "methods: GET, POST , PUT;",
            "request-headers: x-a /* a */ , // b\n x-b;",
            "max-age: 10m;",
            "origins: null, *;",
            r#"origins: "https://\u{FC}.example", "a\"b";"#,
            r#"origins: "bad \x escape";"#,
            "expose-headers: x-\u{1}, *;",
            "unknown-name: a;",
            "credentials: tr@ue;",
            "max_age-2: 10m;",
        ];
        for text in taken {
            let (rule, tokens) = both(text);
            assert_eq!(tokens.as_deref(), Some(rule.as_str()), "{text}");
        }
        // Not the statement's shape: left to the rule (which reports it).
        let left = [
            "origins: ;",
            "origins: \"a\" \"b\";",
            "methods: GET,, POST;",
            "methods: GET,;",
            "methods GET;",
            "1methods: GET;",
            "met@hods: GET;",
            "methods*: GET;",
            "methods: GET",
            "origins: 'https://a.example';",
            "methods: GET /// doc\n, POST;",
            "methods: {GET};",
            "methods: GET: POST;",
        ];
        for text in left {
            assert_eq!(both(text).1, None, "{text}");
        }
    }
}
