//! The bound on nested block comments.
//!
//! Block comments nest, as in Rust, and `block_comment` is the grammar's one
//! recursive rule: pest reads each level with one more call, so a text of
//! thousands of nested `/*` would exhaust the thread's stack (pest is built
//! without its `std` stack guard, see `Cargo.toml`). Before any parsing,
//! [`too_deep_comment`] walks the text as the outline pass reads it
//! (strings, `//` comments, block comments) and finds the first `/*` nested
//! deeper than [`MAX_COMMENT_DEPTH`].

/// The deepest nesting of block comments a text may have. Any real comment
/// is far below it; a 2 MiB thread stack has room for well over ten times
/// as many levels in an unoptimised build.
pub(crate) const MAX_COMMENT_DEPTH: usize = 64;

/// The byte offset of the first `/*` nested deeper than
/// [`MAX_COMMENT_DEPTH`], if any.
pub(super) fn too_deep_comment(text: &str) -> Option<usize> {
    let bytes = text.as_bytes();
    let mut i = 0;
    while i < bytes.len() {
        match bytes[i] {
            // A string literal: up to its closing quote (escapes skipped),
            // or to the end of an unterminated one.
            b'"' => {
                i += 1;
                while i < bytes.len() && bytes[i] != b'"' {
                    i += if bytes[i] == b'\\' { 2 } else { 1 };
                }
                i += 1;
            }
            // A line or doc comment: up to the end of the line.
            b'/' if bytes.get(i + 1) == Some(&b'/') => {
                i = memchr_newline(bytes, i);
            }
            b'/' if bytes.get(i + 1) == Some(&b'*') => match block_end(bytes, i) {
                Ok(end) => i = end,
                Err(too_deep) => return Some(too_deep),
            },
            _ => i += 1,
        }
    }
    None
}

/// The end of the block comment opening at `start` (or of the text), or
/// the offset of a `/*` nested too deep inside it.
fn block_end(bytes: &[u8], start: usize) -> Result<usize, usize> {
    let mut depth = 0;
    let mut i = start;
    while i + 1 < bytes.len() {
        match (bytes[i], bytes[i + 1]) {
            (b'/', b'*') => {
                depth += 1;
                if depth > MAX_COMMENT_DEPTH {
                    return Err(i);
                }
                i += 2;
            }
            (b'*', b'/') => {
                depth -= 1;
                i += 2;
                if depth == 0 {
                    return Ok(i);
                }
            }
            _ => i += 1,
        }
    }
    Ok(bytes.len())
}

/// The offset of the next `\n` at or after `from`, or the end of the text.
fn memchr_newline(bytes: &[u8], from: usize) -> usize {
    bytes[from..]
        .iter()
        .position(|&b| b == b'\n')
        .map_or(bytes.len(), |n| from + n)
}

#[cfg(test)]
mod tests {
    use super::{too_deep_comment, MAX_COMMENT_DEPTH};

    #[test]
    fn depth_is_bounded_outside_strings_and_line_comments() {
        let deep = |n: usize| "/*".repeat(n) + &"*/".repeat(n);
        assert_eq!(too_deep_comment(&deep(MAX_COMMENT_DEPTH)), None);
        assert_eq!(
            too_deep_comment(&deep(MAX_COMMENT_DEPTH + 1)),
            Some(2 * MAX_COMMENT_DEPTH)
        );
        // Unterminated: still bounded.
        let open = "x /*".to_string() + &"/*".repeat(MAX_COMMENT_DEPTH);
        assert_eq!(too_deep_comment(&open), Some(2 + 2 * MAX_COMMENT_DEPTH));
        // Sibling comments do not add up.
        assert_eq!(too_deep_comment(&"/* a */ ".repeat(1000)), None);
        // `/*` inside strings (wildcard origins) and line comments is text.
        let origins = "\"https://*.example.com\", ".repeat(1000);
        assert_eq!(too_deep_comment(&origins), None);
        let escaped = "\"a\\\"/*\" ".repeat(1000);
        assert_eq!(too_deep_comment(&escaped), None);
        let lines = "// see /*\n".repeat(1000);
        assert_eq!(too_deep_comment(&lines), None);
        // Inside a block comment, quotes and `//` are text.
        let inner = format!("/* \" // */{}", deep(MAX_COMMENT_DEPTH + 1));
        assert!(too_deep_comment(&inner).is_some());
    }
}
