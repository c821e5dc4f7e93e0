//! [`Escaped`]: request bytes shown in an event, bounded and escaped, so
//! that a hostile header can neither flood nor forge log lines.

use std::fmt;

/// At most this many bytes of a request value are shown in an event.
pub const MAX_SHOWN: usize = 256;

/// Request bytes as they appear in an event field: the first [`MAX_SHOWN`]
/// bytes, each byte outside printable ASCII (and space, `"` and `\`) written
/// as `\xNN`, then `…[len=N]` when the value was longer. Formatting writes
/// into the subscriber's buffer: nothing is allocated, and nothing is done
/// unless a subscriber records the field.
///
/// The output is one token: no space, quote, control character or line
/// break can come from the request, and `…` (never produced by escaping,
/// which only writes ASCII) marks the cut.
#[derive(Clone, Copy)]
pub struct Escaped<'a>(pub &'a [u8]);

impl fmt::Display for Escaped<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let shown = &self.0[..self.0.len().min(MAX_SHOWN)];
        for run in shown.split_inclusive(|&b| !is_plain(b)) {
            let (plain, last) = match run.split_last() {
                Some((&last, plain)) if !is_plain(last) => (plain, Some(last)),
                _ => (run, None),
            };
            // `plain` is ASCII, hence UTF-8.
            f.write_str(std::str::from_utf8(plain).map_err(|_| fmt::Error)?)?;
            if let Some(byte) = last {
                write!(f, "\\x{byte:02x}")?;
            }
        }
        if self.0.len() > MAX_SHOWN {
            write!(f, "…[len={}]", self.0.len())?;
        }
        Ok(())
    }
}

impl fmt::Debug for Escaped<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Display::fmt(self, f)
    }
}

/// Bytes shown as they are: printable ASCII but space, `"` and `\`.
fn is_plain(byte: u8) -> bool {
    matches!(byte, 0x21..=0x7e) && byte != b'"' && byte != b'\\'
}

#[cfg(test)]
mod tests {
    use super::*;

    fn show(bytes: &[u8]) -> String {
        Escaped(bytes).to_string()
    }

    #[test]
    fn origins_are_shown_as_they_are() {
        assert_eq!(
            show(b"https://app.example:8443"),
            "https://app.example:8443"
        );
        assert_eq!(show(b"null"), "null");
        assert_eq!(show(b""), "");
    }

    #[test]
    fn controls_spaces_quotes_and_non_ascii_are_escaped() {
        assert_eq!(
            show(b"https://a.example\r\nlevel=ERROR x"),
            r"https://a.example\x0d\x0alevel=ERROR\x20x"
        );
        assert_eq!(show(b"\0\x1b[31m\x7f"), r"\x00\x1b[31m\x7f");
        assert_eq!(show(b"a\"b\\c\td"), r"a\x22b\x5cc\x09d");
        // U+2028 LINE SEPARATOR and U+0085 NEXT LINE, as raw bytes.
        assert_eq!(show("\u{2028}\u{85}".as_bytes()), r"\xe2\x80\xa8\xc2\x85");
    }

    #[test]
    fn long_values_are_cut_and_marked() {
        let long = vec![b'a'; 1 << 20];
        let shown = show(&long);
        assert_eq!(shown, format!("{}…[len=1048576]", "a".repeat(MAX_SHOWN)));
        assert_eq!(show(&long[..MAX_SHOWN]), "a".repeat(MAX_SHOWN));
        // Escaping at most quadruples the shown bytes.
        let hostile = vec![b'\n'; 1 << 20];
        let shown = show(&hostile);
        assert_eq!(shown.len(), 4 * MAX_SHOWN + "…[len=1048576]".len());
        assert!(shown.bytes().all(|b| b != b'\n'));
    }
}
