//! Diagnostics: what went wrong, where, and how to fix it; rendered rustc-style.

use std::fmt;

use crate::codes::{Code, Severity};
use crate::source::{SourceId, Sources};
use crate::span::Span;

/// One build-time error (or warning), pointing at the offending token.
///
/// `code` is a stable slug, the text of a [`Code`] (see [`codes`](crate::codes)
/// and `docs/errors.md`), `message` says what is wrong in words a newcomer
/// understands, and `hint` (when there is one) says how to fix it.
///
/// ```
/// let report = cors_dsl::compile_str("api.cors", "policy Api { origins: \"https://a.example/\"; }", None)
///     .unwrap_err();
/// let d = &report.diagnostics[0];
/// assert_eq!(d.code, "origin-trailing-slash");
/// assert_eq!((d.span.line, d.span.col), (1, 23));
/// ```
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Diagnostic {
    /// The text the error is in.
    pub source: SourceId,
    /// The offending token.
    pub span: Span,
    /// A stable slug naming the kind of error, e.g. `"unknown-statement"`:
    /// the text of a [`Code`] ([`Diagnostic::kind`] gives the code itself).
    pub code: &'static str,
    /// What is wrong.
    pub message: String,
    /// How to fix it.
    pub hint: Option<String>,
    /// Error or warning (the severity of the code).
    pub severity: Severity,
    /// More context, each rendered as a `= note:` line: for a value that
    /// came from a set or a parent policy, through which policy and set it
    /// arrived.
    pub notes: Vec<String>,
}

impl Diagnostic {
    /// A diagnostic without a hint.
    ///
    /// ```
    /// use cors_dsl::codes::Code;
    /// use cors_dsl::{Diagnostic, SourceId, Span};
    ///
    /// let d = Diagnostic::new(SourceId(0), Span::default(), Code::NoPolicy, "no policy was defined");
    /// assert_eq!(d.code, "no-policy");
    /// ```
    pub fn new(source: SourceId, span: Span, code: Code, message: impl Into<String>) -> Self {
        Self {
            source,
            span,
            code: code.as_str(),
            message: message.into(),
            hint: None,
            severity: code.severity(),
            notes: Vec::new(),
        }
    }

    /// The [`Code`] whose text is [`code`](Diagnostic::code) (`None` only if
    /// that public field was set to a text no code has).
    ///
    /// ```
    /// use cors_dsl::codes::Code;
    /// let report = cors_dsl::compile_str("a.cors", "policy A { origins: *; } }", None).unwrap_err();
    /// assert_eq!(report.diagnostics[0].kind(), Some(Code::UnmatchedBrace));
    /// ```
    pub fn kind(&self) -> Option<Code> {
        Code::from_text(self.code)
    }

    /// Adds a hint.
    #[must_use]
    pub fn with_hint(mut self, hint: impl Into<String>) -> Self {
        self.hint = Some(hint.into());
        self
    }

    /// Adds a note.
    #[must_use]
    pub fn with_note(mut self, note: impl Into<String>) -> Self {
        self.notes.push(note.into());
        self
    }

    /// Renders this diagnostic alone, rustc-style (see [`Report`]).
    pub fn render(&self, sources: &Sources) -> String {
        let mut out = String::new();
        // Writing into a String cannot fail.
        let _ = write_diagnostic(&mut out, self, sources);
        out
    }
}

/// Every diagnostic of a failed compilation, with the texts they point into.
///
/// `Display` renders each diagnostic as rustc does:
///
/// ```text
/// policies/api.cors:3:18: error: origin "https://app.example.com/" has a trailing slash
///   |
/// 3 |         origins: "https://app.example.com/";
///   |                  ^^^^^^^^^^^^^^^^^^^^^^^^^^
///   = help: remove the trailing "/"
/// ```
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Report {
    /// The texts the diagnostics point into.
    pub sources: Sources,
    /// Every error found, ordered by source and position.
    pub diagnostics: Vec<Diagnostic>,
    /// Every warning (such as an unused set), ordered by source and
    /// position; `Display` leaves them out.
    pub warnings: Vec<Diagnostic>,
    /// Every policy the texts declare, valid or not, in the order written.
    pub declared: Vec<crate::Declared>,
    /// What each `test` block gave; a failing expectation is also one of
    /// the [`diagnostics`](Report::diagnostics).
    pub tests: Vec<crate::policy_tests::TestOutcome>,
}

impl Report {
    /// The codes of all diagnostics, in order (handy in tests).
    pub fn codes(&self) -> Vec<&'static str> {
        self.diagnostics.iter().map(|d| d.code).collect()
    }
}

impl fmt::Display for Report {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for (i, diagnostic) in self.diagnostics.iter().enumerate() {
            if i > 0 {
                writeln!(f)?;
            }
            write_diagnostic(f, diagnostic, &self.sources)?;
        }
        Ok(())
    }
}

impl std::error::Error for Report {}

fn write_diagnostic(out: &mut dyn fmt::Write, d: &Diagnostic, sources: &Sources) -> fmt::Result {
    let Some(source) = sources.try_get(d.source) else {
        writeln!(out, "{}: {}", d.severity, d.message)?;
        if let Some(hint) = &d.hint {
            writeln!(out, "  = help: {hint}")?;
        }
        for note in &d.notes {
            writeln!(out, "  = note: {note}")?;
        }
        return Ok(());
    };
    let line_no = d.span.line;
    writeln!(
        out,
        "{}:{}:{}: {}: {}",
        source.name, line_no, d.span.col, d.severity, d.message
    )?;
    let gutter = line_no.to_string().len();
    let pad = " ".repeat(gutter);
    let line = source.line_text(line_no);
    writeln!(out, "{pad} |")?;
    writeln!(out, "{line_no} | {line}")?;
    // Caret line: keep tabs so the carets line up under the token.
    let col = usize::try_from(d.span.col).unwrap_or(1).max(1);
    let mut marker: String = line
        .chars()
        .take(col - 1)
        .map(|c| if c == '\t' { '\t' } else { ' ' })
        .collect();
    let rest_of_line = line.chars().count().saturating_sub(col - 1);
    let span_text = source.text.get(d.span.start..d.span.end).unwrap_or("");
    let span_chars = span_text.split('\n').next().unwrap_or("").chars().count();
    let width = span_chars.min(rest_of_line).max(1);
    marker.push_str(&"^".repeat(width));
    writeln!(out, "{pad} | {marker}")?;
    if let Some(hint) = &d.hint {
        writeln!(out, "{pad} = help: {hint}")?;
    }
    for note in &d.notes {
        writeln!(out, "{pad} = note: {note}")?;
    }
    let mut from = source.included_from;
    let mut depth = 0;
    while let Some((parent, span)) = from {
        let Some(parent_source) = sources.try_get(parent) else {
            break;
        };
        writeln!(
            out,
            "{pad} = note: included from {}:{}:{}",
            parent_source.name, span.line, span.col
        )?;
        from = parent_source.included_from;
        depth += 1;
        if depth > sources.len() {
            break;
        }
    }
    Ok(())
}
