//! Methods and header names are HTTP tokens: what to say when one is not.
//! Which bytes a token holds is `cors_core::grammar`'s to say (the grammar
//! reads any bare word and leaves the question here).

use cors_core::grammar::{is_tchar, TCHAR_SYMBOLS};

use super::Sink;
use crate::codes::Code;
use crate::reuse::RValue;
use crate::syntax::ast::Value;

/// Reports `value` as not a valid `what` ("method", "header"), naming the
/// first character a token cannot hold. A bare word is reported at that
/// character; a string literal is reported whole.
pub(super) fn not_token(sink: &mut Sink<'_>, value: &RValue<'_>, code: Code, what: &str) {
    let (shown, text, bare) = match value.value {
        Value::Word(w) => (format!("`{}`", w.value), w.value.as_str(), true),
        Value::Str(s) => (value.display(), s.value.as_str(), false),
    };
    let found = text
        .char_indices()
        .enumerate()
        .find(|(_, (_, c))| !c.is_ascii() || !is_tchar(*c as u8));
    let mut at = value.site.clone();
    if let (true, Some((chars_before, (offset, c)))) = (bare, found) {
        // A word never spans lines: the column moves by characters.
        at.span.start += offset;
        at.span.end = at.span.start + c.len_utf8();
        at.span.col += u32::try_from(chars_before).unwrap_or(0);
    }
    let fault = match found.map(|(_, (_, c))| c) {
        None => "it is empty".to_string(),
        Some(' ') => "it contains a space".to_string(),
        Some('\t') => "it contains a tab".to_string(),
        Some(c) if c.is_control() || c.is_whitespace() => {
            format!("it contains the character {}", c.escape_unicode())
        }
        Some(c) => format!("it contains `{c}`"),
    };
    sink.error(
        &at,
        code,
        format!("{shown} is not a valid {what} name: {fault}"),
        format!("a {what} name is an HTTP token: letters, digits and ``{TCHAR_SYMBOLS}``, without spaces"),
    );
}

#[cfg(test)]
mod tests {
    use cors_core::grammar::{is_tchar, TCHAR_SYMBOLS};

    /// The symbols of the hint are exactly the non-alphanumeric token bytes.
    #[test]
    fn the_hint_lists_every_token_symbol() {
        let symbols: String = (0u8..=127)
            .filter(|&b| is_tchar(b) && !b.is_ascii_alphanumeric())
            .map(char::from)
            .collect();
        assert_eq!(symbols, TCHAR_SYMBOLS);
    }
}
