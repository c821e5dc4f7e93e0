//! The lossless view of a text the formatter works on: every token of the
//! parser's outline, and every comment between them, each with the number
//! of line breaks before it.

use crate::syntax::parser::{block_comment_end, tokens, BlockEnd, TokKind};

/// What a piece is.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum Kind {
    /// A token of the language (string, word, brace, `;`, other character).
    Token(TokKind),
    /// A `///` doc comment.
    Doc,
    /// A `//` comment (not a doc comment).
    LineComment,
    /// A `/* … */` comment.
    BlockComment,
}

/// One token or comment.
#[derive(Clone, Copy, Debug)]
pub(super) struct Piece<'t> {
    pub(super) kind: Kind,
    /// Its text, as written.
    pub(super) text: &'t str,
    /// Line breaks between the previous piece and this one.
    pub(super) newlines_before: usize,
    /// Byte offset of its start.
    pub(super) start: usize,
}

impl Piece<'_> {
    /// A comment of any kind, doc comments included.
    pub(super) fn is_comment(&self) -> bool {
        !matches!(self.kind, Kind::Token(_))
    }

    /// The token's text, if this is a token of kind `kind`.
    pub(super) fn is_token(&self, kind: TokKind) -> bool {
        self.kind == Kind::Token(kind)
    }

    /// The comment as it is printed: no trailing whitespace on a line
    /// comment, `\n` line breaks in a block comment.
    pub(super) fn printed(&self) -> String {
        match self.kind {
            Kind::BlockComment => self.text.replace("\r\n", "\n"),
            Kind::Doc => self
                .text
                .strip_suffix('\r')
                .unwrap_or(self.text)
                .to_string(),
            _ => self.text.trim_end().to_string(),
        }
    }
}

/// Splits a text (free of syntax errors) into pieces. `None` if something
/// between two tokens is neither whitespace nor a comment (which the parser
/// never lets through).
pub(super) fn pieces(text: &str) -> Option<Vec<Piece<'_>>> {
    let mut out = Vec::new();
    let mut at = 0;
    for tok in tokens(text) {
        let last = gap(text, at, tok.start, &mut out)?;
        let kind = match tok.kind {
            TokKind::Doc => Kind::Doc,
            other => Kind::Token(other),
        };
        out.push(Piece {
            kind,
            text: &text[tok.start..tok.end],
            newlines_before: newlines(&text[last..tok.start]),
            start: tok.start,
        });
        at = tok.end;
    }
    gap(text, at, text.len(), &mut out)?;
    Some(out)
}

fn newlines(text: &str) -> usize {
    text.bytes().filter(|&b| b == b'\n').count()
}

/// The comments in `text[from..to]`, which holds only whitespace and
/// comments; returns the end of the last one (or `from`).
fn gap<'t>(text: &'t str, from: usize, to: usize, out: &mut Vec<Piece<'t>>) -> Option<usize> {
    let mut at = from;
    let mut last = from;
    while at < to {
        let rest = &text[at..to];
        let c = rest.chars().next()?;
        if c.is_whitespace() {
            at += c.len_utf8();
            continue;
        }
        let (kind, len) = if rest.starts_with("//") {
            (Kind::LineComment, rest.find('\n').unwrap_or(rest.len()))
        } else if rest.starts_with("/*") {
            (Kind::BlockComment, block_len(rest)?)
        } else {
            return None;
        };
        out.push(Piece {
            kind,
            text: &text[at..at + len],
            newlines_before: newlines(&text[last..at]),
            start: at,
        });
        at += len;
        last = at;
    }
    Some(last)
}

/// The length of the (nested) block comment at the start of `text`.
fn block_len(text: &str) -> Option<usize> {
    match block_comment_end(text.as_bytes(), 0) {
        BlockEnd::Closed(end) => Some(end),
        BlockEnd::Open | BlockEnd::TooDeep(_) => None,
    }
}
