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
//!
//! It also bounds the nesting of block comments ([`MAX_COMMENT_DEPTH`]):
//! `block_comment` is the grammar's one recursive rule, which pass 2 runs
//! on the comments between a statement's tokens, and pest (built without
//! its `std` stack guard) would exhaust the stack on thousands of levels.

use super::outline::TokKind;

/// The deepest nesting of block comments a text may have. Any real comment
/// is far below it; a 2 MiB thread stack has room for well over ten times
/// as many levels of the grammar's rule in an unoptimised build.
pub(crate) const MAX_COMMENT_DEPTH: usize = 64;

/// One piece of the outline, as the outline rule's pairs are.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum Piece {
    /// A token and its byte range.
    Tok(TokKind, usize, usize),
    /// A `"` never closed (the rest of the text), at its offset.
    BadString(usize),
    /// A `/*` never closed (the rest of the text), at its offset.
    BadComment(usize),
    /// A `/*` nested deeper than [`MAX_COMMENT_DEPTH`], at its offset: the
    /// last piece (the text is not read further).
    TooDeep(usize),
}

/// The pieces of `text`, in order.
pub(super) fn tokenize(text: &str, mut piece: impl FnMut(Piece)) {
    let bytes = text.as_bytes();
    let mut i = match skip(text, 0) {
        Ok(i) => i,
        Err(too_deep) => return piece(Piece::TooDeep(too_deep)),
    };
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
        i = match skip(text, i) {
            Ok(i) => i,
            Err(too_deep) => return piece(Piece::TooDeep(too_deep)),
        };
    }
}

/// After whitespace and comments from `i`; `Err` at a block comment
/// nested too deep.
fn skip(text: &str, mut i: usize) -> Result<usize, usize> {
    let bytes = text.as_bytes();
    loop {
        if let Some(len) = whitespace_len(text, i) {
            i += len;
        } else if bytes[i..].starts_with(b"/*") {
            match block_comment_end(bytes, i) {
                BlockEnd::Closed(end) => i = end,
                BlockEnd::Open => return Ok(i),
                BlockEnd::TooDeep(at) => return Err(at),
            }
        } else if bytes[i..].starts_with(b"//")
            && (bytes.get(i + 2) != Some(&b'/') || bytes.get(i + 3) == Some(&b'/'))
        {
            i = line_end(bytes, i);
        } else {
            return Ok(i);
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

/// How a block comment ends.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum BlockEnd {
    /// Closed: the offset after its last `*/`.
    Closed(usize),
    /// Never closed.
    Open,
    /// A `/*` inside it, at this offset, is nested deeper than
    /// [`MAX_COMMENT_DEPTH`].
    TooDeep(usize),
}

/// How the (nested) block comment opening at `i` ends: the grammar's
/// `block_comment`, without recursion.
pub(crate) fn block_comment_end(bytes: &[u8], mut i: usize) -> BlockEnd {
    let mut depth = 0usize;
    while i + 1 < bytes.len() {
        match (bytes[i], bytes[i + 1]) {
            (b'/', b'*') => {
                depth += 1;
                if depth > MAX_COMMENT_DEPTH {
                    return BlockEnd::TooDeep(i);
                }
                i += 2;
            }
            (b'*', b'/') => {
                depth -= 1;
                i += 2;
                if depth == 0 {
                    return BlockEnd::Closed(i);
                }
            }
            _ => i += 1,
        }
    }
    BlockEnd::Open
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
        let mut next = crate::test_rng::xorshift(0x2545_f491_4f6c_dd1d);
        for _ in 0..50_000 {
            let len = (next() % 24) as usize;
            let text: String = (0..len)
                .map(|_| alphabet[(next() % alphabet.len() as u64) as usize])
                .collect();
            assert_eq!(by_loop(&text), by_rule(&text), "{text:?}");
        }
    }

    /// Where [`tokenize`] stops at a comment nested too deep.
    fn too_deep(text: &str) -> Option<usize> {
        let mut found = None;
        tokenize(text, |piece| {
            if let Piece::TooDeep(at) = piece {
                found = Some(at);
            }
        });
        found
    }

    #[test]
    fn comment_depth_is_bounded_outside_strings_and_line_comments() {
        use super::MAX_COMMENT_DEPTH;
        let deep = |n: usize| "/*".repeat(n) + &"*/".repeat(n);
        assert_eq!(too_deep(&deep(MAX_COMMENT_DEPTH)), None);
        assert_eq!(
            too_deep(&deep(MAX_COMMENT_DEPTH + 1)),
            Some(2 * MAX_COMMENT_DEPTH)
        );
        // Unterminated: still bounded.
        let open = "x /*".to_string() + &"/*".repeat(MAX_COMMENT_DEPTH);
        assert_eq!(too_deep(&open), Some(2 + 2 * MAX_COMMENT_DEPTH));
        // Sibling comments do not add up.
        assert_eq!(too_deep(&"/* a */ ".repeat(1000)), None);
        // `/*` inside strings (wildcard origins) and line comments is text.
        assert_eq!(too_deep(&"\"https://*.example.com\", ".repeat(1000)), None);
        assert_eq!(too_deep(&"\"a\\\"/*\" ".repeat(1000)), None);
        assert_eq!(too_deep(&"// see /*\n".repeat(1000)), None);
        // Inside a block comment, quotes and `//` are text.
        let inner = format!("/* \" // */{}", deep(MAX_COMMENT_DEPTH + 1));
        assert!(too_deep(&inner).is_some());
    }
}
