//! The texts a compilation reads: the root text and every included file.

use std::path::PathBuf;

use crate::span::Span;

/// Identifies one [`Source`] inside [`Sources`]; `SourceId(0)` is the root text.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct SourceId(pub usize);

/// One policy text: the root text or an included file.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Source {
    /// The name shown in diagnostics (`policies/api.cors`, or the name given to
    /// [`compile_str`](crate::compile_str)).
    pub name: String,
    /// The file it was read from, if any.
    pub path: Option<PathBuf>,
    /// The whole text.
    pub text: String,
    /// For an included file: the including source and the span of the path
    /// literal of its `include` line.
    pub included_from: Option<(SourceId, Span)>,
}

impl Source {
    /// Builds the [`Span`] of the byte range `start..end` of this text.
    ///
    /// Offsets past the end are clamped; offsets inside a character are moved
    /// back to its first byte.
    ///
    /// ```
    /// use cors_dsl::Source;
    /// let source = Source { name: "x".into(), path: None, text: "ab\ncd".into(), included_from: None };
    /// let span = source.span(4, 5);
    /// assert_eq!((span.line, span.col), (2, 2));
    /// ```
    pub fn span(&self, start: usize, end: usize) -> Span {
        let start = floor_char_boundary(&self.text, start);
        let end = floor_char_boundary(&self.text, end.max(start));
        let before = &self.text[..start];
        let line_start = before.rfind('\n').map_or(0, |i| i + 1);
        let line = before.matches('\n').count() + 1;
        let col = before[line_start..].chars().count() + 1;
        Span {
            start,
            end,
            line: u32::try_from(line).unwrap_or(u32::MAX),
            col: u32::try_from(col).unwrap_or(u32::MAX),
        }
    }

    /// The text of the 1-based line `line`, without its line break (empty if
    /// there is no such line).
    pub fn line_text(&self, line: u32) -> &str {
        let index = usize::try_from(line.saturating_sub(1)).unwrap_or(usize::MAX);
        self.text
            .split('\n')
            .nth(index)
            .map_or("", |l| l.strip_suffix('\r').unwrap_or(l))
    }
}

/// The largest char boundary `<= index` (clamped to the text length).
pub(crate) fn floor_char_boundary(text: &str, index: usize) -> usize {
    let mut index = index.min(text.len());
    while !text.is_char_boundary(index) {
        index -= 1;
    }
    index
}

/// Every text of one compilation, indexed by [`SourceId`].
///
/// ```
/// let report = cors_dsl::compile_str("api.cors", "policy A {}", None).unwrap_err();
/// let (id, root) = report.sources.iter().next().unwrap();
/// assert_eq!(id, cors_dsl::SourceId(0));
/// assert_eq!(root.name, "api.cors");
/// ```
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Sources {
    list: Vec<Source>,
}

impl Sources {
    /// An empty set.
    pub fn new() -> Self {
        Self::default()
    }

    /// Adds a source and returns its id.
    pub fn push(&mut self, source: Source) -> SourceId {
        self.list.push(source);
        SourceId(self.list.len() - 1)
    }

    /// The source with this id.
    ///
    /// # Panics
    ///
    /// If `id` was not returned by this set (ids in a [`Report`](crate::Report)
    /// or [`Compiled`](crate::Compiled) always belong to its own `sources`).
    pub fn get(&self, id: SourceId) -> &Source {
        &self.list[id.0]
    }

    /// The source with this id, or `None`.
    pub fn try_get(&self, id: SourceId) -> Option<&Source> {
        self.list.get(id.0)
    }

    /// Every source with its id, root first, then in the order they were included.
    pub fn iter(&self) -> impl Iterator<Item = (SourceId, &Source)> {
        self.list.iter().enumerate().map(|(i, s)| (SourceId(i), s))
    }

    /// How many sources there are.
    pub fn len(&self) -> usize {
        self.list.len()
    }

    /// `true` when there is no source.
    pub fn is_empty(&self) -> bool {
        self.list.is_empty()
    }
}

/// Line starts of one text, to turn byte offsets into [`Span`]s quickly.
#[derive(Clone, Debug)]
pub(crate) struct LineIndex<'a> {
    text: &'a str,
    line_starts: Vec<usize>,
}

impl<'a> LineIndex<'a> {
    pub(crate) fn new(text: &'a str) -> Self {
        let mut line_starts = vec![0];
        line_starts.extend(text.match_indices('\n').map(|(i, _)| i + 1));
        Self { text, line_starts }
    }

    pub(crate) fn span(&self, start: usize, end: usize) -> Span {
        let start = floor_char_boundary(self.text, start);
        let end = floor_char_boundary(self.text, end.max(start));
        let line_index = match self.line_starts.binary_search(&start) {
            Ok(i) => i,
            Err(i) => i.saturating_sub(1),
        };
        let line_start = self.line_starts.get(line_index).copied().unwrap_or(0);
        let col = self.text[line_start..start].chars().count() + 1;
        Span {
            start,
            end,
            line: u32::try_from(line_index + 1).unwrap_or(u32::MAX),
            col: u32::try_from(col).unwrap_or(u32::MAX),
        }
    }
}
