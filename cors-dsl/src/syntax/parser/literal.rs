//! String literals: Rust-style escapes, resolved after parsing.

use pest::iterators::Pair;

use super::{FileParser, Rule};
use crate::codes::Code;
use crate::syntax::ast::{Spanned, Value};

impl FileParser<'_> {
    /// The text of `pair` with its span in the file (`base`: where the
    /// parsed piece starts).
    pub(super) fn spanned(&self, pair: &Pair<'_, Rule>, base: usize) -> Spanned<String> {
        let span = pair.as_span();
        self.spanned_at(base + span.start(), base + span.end())
    }

    /// The text at `start..end` with its span.
    pub(super) fn spanned_at(&self, start: usize, end: usize) -> Spanned<String> {
        Spanned {
            value: self.text[start..end].to_string(),
            span: self.span(start, end),
        }
    }

    /// One value of a list (statements and sets): `Some(Some(value))` for a
    /// string literal or a word, `Some(None)` for a string literal already
    /// reported as invalid, `None` for any other rule.
    pub(super) fn list_value(
        &mut self,
        pair: &Pair<'_, Rule>,
        base: usize,
    ) -> Option<Option<Value>> {
        match pair.as_rule() {
            Rule::string_lit => Some(self.string(pair, base).map(Value::Str)),
            Rule::word => Some(Some(Value::Word(self.spanned(pair, base)))),
            _ => None,
        }
    }

    /// Resolves the escapes of a string literal pair (its offsets relative to `base`).
    pub(super) fn string(&mut self, pair: &Pair<'_, Rule>, base: usize) -> Option<Spanned<String>> {
        let span = pair.as_span();
        self.string_at(base + span.start(), base + span.end())
    }

    /// Resolves the escapes of the string literal at `start..end` (quotes
    /// included), reporting a bad escape.
    pub(super) fn string_at(&mut self, start: usize, end: usize) -> Option<Spanned<String>> {
        let raw = &self.text[start..end];
        let inner = raw.get(1..raw.len().saturating_sub(1)).unwrap_or("");
        match unescape(inner) {
            Ok(value) => Some(Spanned {
                value,
                span: self.span(start, end),
            }),
            Err(bad) => {
                let escape_start = start + 1 + bad.offset;
                self.error(
                    escape_start,
                    escape_start + bad.len,
                    Code::InvalidEscape,
                    bad.message,
                    Some(r#"the escapes are \" \\ \n \r \t \0 \' and \u{…}"#.into()),
                );
                None
            }
        }
    }
}

/// A bad escape inside a string literal (offsets relative to the content).
#[derive(Debug, PartialEq, Eq)]
struct BadEscape {
    offset: usize,
    len: usize,
    message: String,
}

/// Resolves Rust-style escapes: `\"`, `\\`, `\n`, `\r`, `\t`, `\0`, `\'`,
/// `\u{…}`, and a backslash before a line break (skipping the next line's
/// leading whitespace).
fn unescape(content: &str) -> Result<String, BadEscape> {
    let mut out = String::with_capacity(content.len());
    let mut chars = content.char_indices().peekable();
    while let Some((i, c)) = chars.next() {
        if c != '\\' {
            out.push(c);
            continue;
        }
        let Some((_, e)) = chars.next() else {
            return Err(BadEscape {
                offset: i,
                len: 1,
                message: "a string literal cannot end with a lone `\\`".into(),
            });
        };
        match e {
            '"' => out.push('"'),
            '\\' => out.push('\\'),
            '\'' => out.push('\''),
            'n' => out.push('\n'),
            'r' => out.push('\r'),
            't' => out.push('\t'),
            '0' => out.push('\0'),
            '\n' => {
                while chars.peek().is_some_and(|(_, c)| c.is_whitespace()) {
                    chars.next();
                }
            }
            'u' => {
                let rest = &content[i + 2..];
                let close = rest.find('}');
                let parsed = rest.strip_prefix('{').and(close).and_then(|close| {
                    let digits = &rest[1..close];
                    let digits: String = digits.chars().filter(|&c| c != '_').collect();
                    if digits.is_empty() || digits.len() > 6 {
                        return None;
                    }
                    u32::from_str_radix(&digits, 16)
                        .ok()
                        .and_then(char::from_u32)
                        .map(|ch| (ch, close))
                });
                match parsed {
                    Some((ch, close)) => {
                        out.push(ch);
                        // Skip `{…}`.
                        let stop = i + 2 + close;
                        while chars.peek().is_some_and(|(j, _)| *j <= stop) {
                            chars.next();
                        }
                    }
                    None => {
                        return Err(BadEscape {
                            offset: i,
                            len: 2,
                            message: "invalid unicode escape: write `\\u{…}` with 1 to 6 hex digits of a valid character".into(),
                        })
                    }
                }
            }
            other => {
                return Err(BadEscape {
                    offset: i,
                    len: 1 + other.len_utf8(),
                    message: format!("unknown escape `\\{other}` in a string literal"),
                })
            }
        }
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes() {
        assert_eq!(unescape(r#"a\"b\\c"#).unwrap(), "a\"b\\c");
        assert_eq!(unescape(r"b\u{FC}cher").unwrap(), "bücher");
        assert_eq!(unescape(r"\x41").unwrap_err().offset, 0);
        assert!(unescape(r"\u{110000}").is_err());
        assert!(unescape(r"\u{").is_err());
    }
}
