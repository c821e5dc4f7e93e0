//! Pass 1: the outline tokens of a text (strings, words, braces, `;`, doc
//! comments), and how messages name the token at a position.

use super::tokenize::{tokenize, Piece, MAX_COMMENT_DEPTH};
use super::FileParser;
use crate::codes::Code;

/// The kinds of outline tokens.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum TokKind {
    Doc,
    Str,
    LBrace,
    RBrace,
    Semi,
    Word,
    Other,
}

/// One outline token: its kind and byte range.
#[derive(Clone, Copy, Debug)]
pub(crate) struct Tok {
    pub(crate) kind: TokKind,
    pub(crate) start: usize,
    pub(crate) end: usize,
}

impl<'a> FileParser<'a> {
    /// Pass 1: split the text into tokens (the grammar's `outline` rule,
    /// read by [`tokenize`]).
    pub(super) fn outline(&mut self) {
        let text = self.text;
        tokenize(text, |piece| {
            match piece {
                Piece::Tok(kind, start, end) => self.toks.push(Tok { kind, start, end }),
                Piece::BadString(start) => self.error(
                    start,
                    start + 1,
                    Code::UnterminatedString,
                    "this string literal is never closed".into(),
                    Some("add the closing `\"`".into()),
                ),
                Piece::BadComment(start) => self.error(
                    start,
                    start + 2,
                    Code::UnterminatedComment,
                    "this block comment is never closed".into(),
                    Some("add the closing `*/`".into()),
                ),
                // The grammar reads nested comments recursively: a text
                // nested deeper is not read at all.
                Piece::TooDeep(pos) => {
                    self.toks.clear();
                    self.error(
                        pos,
                        pos + 2,
                        Code::CommentTooDeep,
                        format!(
                            "block comments are nested more than {MAX_COMMENT_DEPTH} deep here"
                        ),
                        Some("close the comments above this one, or use `//` line comments".into()),
                    );
                }
            }
        });
    }

    /// The text of an outline token.
    pub(super) fn tok_text(&self, tok: Tok) -> &'a str {
        &self.text[tok.start..tok.end]
    }

    /// The outline token starting at or after `pos`.
    pub(super) fn token_at(&self, pos: usize) -> Option<Tok> {
        let index = self.toks.partition_point(|t| t.end <= pos);
        self.toks.get(index).copied()
    }

    /// The word at `pos`, if any.
    pub(super) fn word_at(&self, pos: usize) -> &'a str {
        match self.token_at(pos) {
            Some(t) if t.kind == TokKind::Word => self.tok_text(t),
            _ => "",
        }
    }

    /// Describes the token at `pos` for a message: `` `foo` `` or "the end of the text".
    pub(super) fn found(&self, pos: usize) -> String {
        match self.token_at(pos) {
            Some(t) => {
                let text = self.tok_text(t);
                let short: String = text.chars().take(40).collect();
                if t.kind == TokKind::Doc {
                    "a doc comment".into()
                } else if short.len() < text.len() {
                    format!("`{short}…`")
                } else {
                    format!("`{short}`")
                }
            }
            None => "the end of the text".into(),
        }
    }
}
