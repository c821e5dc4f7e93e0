//! The checks on a whole origin string, before it is split: empty, quoted
//! keywords, length, whitespace, control characters.

use super::error::{error, quote, OriginError, Quoted};
use super::MAX_ORIGIN_LEN;
use crate::codes::Code;

/// Rejects what is wrong with `content` as a whole (`shown` is it quoted).
pub(super) fn check(content: &str, shown: Quoted<'_>) -> Result<(), OriginError> {
    if content.is_empty() {
        return Err(error(
            Code::OriginEmpty,
            "the origin \"\" is empty",
            "write an origin such as \"https://example.com\"",
        ));
    }
    let trimmed = content.trim();
    if trimmed == "*" {
        return Err(error(
            Code::OriginQuotedWildcard,
            format!("the origin {shown} is a string, so it would only match an origin literally named \"*\""),
            "write the bare keyword * without quotes to allow any origin",
        ));
    }
    if trimmed.eq_ignore_ascii_case("null") {
        return Err(error(
            Code::OriginQuotedNull,
            format!("the origin {shown} is a string, not the opaque origin null"),
            "write the bare keyword null without quotes (it also needs `dangerously-allow: null-origin;`)",
        ));
    }
    if content.len() > MAX_ORIGIN_LEN {
        return Err(error(
            Code::OriginTooLong,
            format!(
                "the origin {}… is {} bytes long; no origin is longer than {MAX_ORIGIN_LEN} bytes",
                quote(&content.chars().take(40).collect::<String>()),
                content.len()
            ),
            "check the origin: it should be just scheme://host[:port]",
        ));
    }
    if content.chars().any(char::is_whitespace) {
        let hint = if trimmed.chars().any(char::is_whitespace) {
            "remove the whitespace: an origin contains none".to_string()
        } else {
            format!("write \"{}\"", trimmed.escape_debug())
        };
        return Err(error(
            Code::OriginWhitespace,
            format!("the origin {shown} contains whitespace; browsers never send that"),
            hint,
        ));
    }
    if content.chars().any(char::is_control) {
        return Err(error(
            Code::OriginControlCharacter,
            format!("the origin {shown} contains a control character"),
            "remove the control character",
        ));
    }
    Ok(())
}
