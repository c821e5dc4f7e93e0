//! Positions in policy text.

/// A byte range in one source text, with the 1-based line and column of its start.
///
/// Columns count characters (Unicode scalar values), as rustc does.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub struct Span {
    /// Byte offset of the first byte.
    pub start: usize,
    /// Byte offset one past the last byte.
    pub end: usize,
    /// 1-based line of `start`.
    pub line: u32,
    /// 1-based column of `start`.
    pub col: u32,
}
