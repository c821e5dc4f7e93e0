//! Pass 1 without pest: the grammar's `outline` rule, read in one loop.
//!
//! Loading a policy of 100,000 origins spent a quarter of its time in the
//! outline pass, running pest's general machinery (an ordered choice of nine
//! rules, and the implicit whitespace and comment rules between them) on
//! every token. The outline rule stays the definition of pass 1 — it is the
//! oracle of the test below, which compares the two on every corpus file
//! and on random texts — and this loop follows it rule by rule:
//!
//! - between tokens: `WHITESPACE` and `COMMENT` (nested `block_comment`, and
//!   `line_comment`: `//` but not `///` unless `////`);
//! - tokens, in the rule's order: `doc_comment`, `string_lit`,
//!   `bad_string`, `bad_comment`, `lbrace`, `rbrace`, `semi`, `word`,
//!   `other_char`.

use super::outline::TokKind;

/// One piece of the outline, as the outline rule's pairs are.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum Piece {
    /// A token and its byte range.
    Tok(TokKind, usize, usize),
    /// A `"` never closed (the rest of the text), at its offset.
    BadString(usize),
    /// A `/*` never closed (the rest of the text), at its offset.
    BadComment(usize),
}

/// The pieces of `text`, in order.
pub(super) fn tokenize(text: &str, mut piece: impl FnMut(Piece)) {
    let bytes = text.as_bytes();
    let mut i = skip(text, 0);
    while i < bytes.len() {
        let start = i;
        match bytes[i] {
            // Not `////` (a comment, skipped above).
            b'/' if bytes[i..].starts_with(b"///") => {
                i = line_end(bytes, i);
                piece(Piece::Tok(TokKind::Doc, start, i));
            }
            b'"' => match string_end(text, i) {
                Some(end) => {
                    i = end;
                    piece(Piece::Tok(TokKind::Str, start, i));
                }
                None => {
                    i = bytes.len();
                    piece(Piece::BadString(start));
                }
            },
            // An unterminated block comment (a closed one was skipped).
            b'/' if bytes.get(i + 1) == Some(&b'*') => {
                i = bytes.len();
                piece(Piece::BadComment(start));
            }
            b'{' => {
                i += 1;
                piece(Piece::Tok(TokKind::LBrace, start, i));
            }
            b'}' => {
                i += 1;
                piece(Piece::Tok(TokKind::RBrace, start, i));
            }
            b';' => {
                i += 1;
                piece(Piece::Tok(TokKind::Semi, start, i));
            }
            _ if !ends_word(text, i) => {
                while i < bytes.len() && !ends_word(text, i) {
                    i += char_len(text, i);
                }
                piece(Piece::Tok(TokKind::Word, start, i));
            }
            _ => {
                i += char_len(text, i);
                piece(Piece::Tok(TokKind::Other, start, i));
            }
        }
        i = skip(text, i);
    }
}

/// After whitespace and comments from `i`.
fn skip(text: &str, mut i: usize) -> usize {
    let bytes = text.as_bytes();
    loop {
        if let Some(len) = whitespace_len(text, i) {
            i += len;
        } else if bytes[i..].starts_with(b"/*") {
            match block_comment_end(bytes, i) {
                Some(end) => i = end,
                None => return i,
            }
        } else if bytes[i..].starts_with(b"//")
            && (bytes.get(i + 2) != Some(&b'/') || bytes.get(i + 3) == Some(&b'/'))
        {
            i = line_end(bytes, i);
        } else {
            return i;
        }
    }
}

/// The grammar's `WHITESPACE` at `i`: its length in bytes.
fn whitespace_len(text: &str, i: usize) -> Option<usize> {
    let c = text[i..].chars().next()?;
    matches!(
        c,
        ' ' | '\t' | '\r' | '\n' | '\u{000B}' | '\u{000C}' | '\u{FEFF}'
    )
    .then(|| c.len_utf8())
}

/// The end of the (nested) block comment opening at `i`, if it is closed.
fn block_comment_end(bytes: &[u8], mut i: usize) -> Option<usize> {
    let mut depth = 0usize;
    while i + 1 < bytes.len() {
        match (bytes[i], bytes[i + 1]) {
            (b'/', b'*') => {
                depth += 1;
                i += 2;
            }
            (b'*', b'/') => {
                depth -= 1;
                i += 2;
                if depth == 0 {
                    return Some(i);
                }
            }
            _ => i += 1,
        }
    }
    None
}

/// The offset of the next `\n` from `i` (excluded), or the end.
fn line_end(bytes: &[u8], i: usize) -> usize {
    bytes[i..]
        .iter()
        .position(|&b| b == b'\n')
        .map_or(bytes.len(), |n| i + n)
}

/// The end of the string literal opening at `i` (after its closing `"`),
/// or `None` if it is never closed.
fn string_end(text: &str, mut i: usize) -> Option<usize> {
    let bytes = text.as_bytes();
    i += 1;
    loop {
        let n = bytes[i..].iter().position(|&b| b == b'"' || b == b'\\')?;
        i += n;
        if bytes[i] == b'"' {
            return Some(i + 1);
        }
        // `\` and the one character it escapes.
        i += 1;
        if i >= bytes.len() {
            return None;
        }
        i += char_len(text, i);
    }
}

/// Whether a `word` cannot go on at `i`: whitespace, a structural
/// character, or the start of a comment.
fn ends_word(text: &str, i: usize) -> bool {
    let bytes = text.as_bytes();
    whitespace_len(text, i).is_some()
        || matches!(
            bytes[i],
            b',' | b';' | b':' | b'=' | b'"' | b'{' | b'}' | b'(' | b')'
        )
        || bytes[i..].starts_with(b"//")
        || bytes[i..].starts_with(b"/*")
}

/// The length in bytes of the character at `i`.
fn char_len(text: &str, i: usize) -> usize {
    text[i..].chars().next().map_or(1, char::len_utf8)
}

#[cfg(test)]
mod tests {
    use pest::Parser as _;

    use super::super::{CorsParser, Rule};
    use super::{tokenize, Piece, TokKind};

    /// The pieces the grammar's `outline` rule gives.
    fn by_rule(text: &str) -> Vec<Piece> {
        let pairs =
            CorsParser::parse(Rule::outline, text).expect("the outline rule reads any text");
        let mut pieces = Vec::new();
        for pair in pairs.flatten() {
            let (start, end) = (pair.as_span().start(), pair.as_span().end());
            let kind = match pair.as_rule() {
                Rule::doc_comment => TokKind::Doc,
                Rule::string_lit => TokKind::Str,
                Rule::lbrace => TokKind::LBrace,
                Rule::rbrace => TokKind::RBrace,
                Rule::semi => TokKind::Semi,
                Rule::word => TokKind::Word,
                Rule::other_char => TokKind::Other,
                Rule::bad_string => {
                    pieces.push(Piece::BadString(start));
                    continue;
                }
                Rule::bad_comment => {
                    pieces.push(Piece::BadComment(start));
                    continue;
                }
                _ => continue,
            };
            pieces.push(Piece::Tok(kind, start, end));
        }
        pieces
    }

    fn by_loop(text: &str) -> Vec<Piece> {
        let mut pieces = Vec::new();
        tokenize(text, |piece| pieces.push(piece));
        pieces
    }

    #[test]
    fn the_loop_reads_what_the_rule_reads() {
        let texts = [
            "",
            "   \n\t",
            "/// Doc.\npub policy Api { origins: \"https://a.example\", \"https://*.b.example:*\"; }",
            "policy A { methods: GET,POST ; max-age: 10m; } // end",
            "//// not a doc\n/// doc\n///\n//\n/",
            "/* a /* nested */ still */ x /* open /* twice */",
            "\"esc \\\" quote\" \"bad \\",
            "\"unterminated",
            "a/b a//b a/*b*/c ('x') = : , ; { } \u{FEFF}é\u{000B}z\u{000C}",
            "set S = \"a\", \"b\"; test A { allow PUT from \"https://a\" with x-a; }",
            "\"\\é\" w\"x\"",
        ];
        for text in texts {
            assert_eq!(by_loop(text), by_rule(text), "{text:?}");
        }
        // Random texts over the characters the rules care about.
        let alphabet = [
            "a", "Z", "-", "*", "/", "\\", "\"", "'", " ", "\n", "\t", "{", "}", ";", ",", ":",
            "=", "(", ")", "é", "\u{FEFF}", "\u{000B}", "//", "/*", "*/", "///",
        ];
        let mut state = 0x2545_f491_4f6c_dd1d_u64;
        let mut next = || {
            state ^= state << 13;
            state ^= state >> 7;
            state ^= state << 17;
            state
        };
        for _ in 0..50_000 {
            let len = (next() % 24) as usize;
            let text: String = (0..len)
                .map(|_| alphabet[(next() % alphabet.len() as u64) as usize])
                .collect();
            assert_eq!(by_loop(&text), by_rule(&text), "{text:?}");
        }
    }
}
