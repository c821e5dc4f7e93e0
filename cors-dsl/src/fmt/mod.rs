//! `cors fmt`: the one canonical layout of policy text.
//!
//! Needs the Cargo feature `fmt` (off by default: the macro does not use it).
//!
//! Four spaces of indent, one statement per line, statements in the order
//! of the language's statement table (`origins`, `methods`,
//! `request-headers`, `expose-headers`, `credentials`, `max-age`,
//! `private-network`, `preflight-status`, `preflight`, `websocket`, `dangerously-allow`),
//! `, ` between values, one blank line between items; a `test` block's
//! expectations one per line, in the order written; comments and doc
//! comments stay with what they are attached to (see the layout module for
//! where each goes). Values are never reordered or rewritten: string
//! literals keep their escapes, words their case.
//!
//! A text with syntax errors is not formatted: [`format()`] returns its
//! errors. [`format_checked`] also makes sure the result means the same, as
//! Cedar's formatter does: it re-parses the output, compares what every item
//! says and every comment, checks that formatting it again changes nothing,
//! and, when the text compiles, that the output compiles to the same plan
//! for every policy.
//!
//! Inline `cors_policy!` blocks are left to rustfmt, which does not touch
//! macro bodies: this formatter is for `*.cors` files.
//!
//! ```
//! let text = "policy Api{max-age:10m;origins:\"https://a.example\" ,\"https://b.example\";// two\n}";
//! let formatted = cors_dsl::fmt::format(text).unwrap();
//! assert_eq!(
//!     formatted,
//!     "policy Api {\n    origins: \"https://a.example\", \"https://b.example\"; // two\n    max-age: 10m;\n}\n"
//! );
//! assert_eq!(cors_dsl::fmt::format(&formatted).unwrap(), formatted);
//! ```

mod layout;
mod pieces;

use std::fmt;
use std::path::Path;

use crate::diagnostic::Report;
use crate::source::{Source, Sources};
use crate::syntax::parser::parse;
use crate::SourceId;

/// Why a text was not formatted.
#[derive(Debug)]
pub enum FormatError {
    /// The text has syntax errors (every one of them, rendered like
    /// `cors check` renders them).
    Syntax(Report),
    /// The formatted text would not mean the same as the original (a bug of
    /// the formatter; the text is left as it is).
    Changed(String),
}

impl fmt::Display for FormatError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            FormatError::Syntax(report) => report.fmt(f),
            FormatError::Changed(why) => write!(
                f,
                "error: formatting would change what the text means ({why}); it was left as it is"
            ),
        }
    }
}

impl std::error::Error for FormatError {}

/// The syntax errors of `text`, as a report naming it `name`.
fn syntax_errors(name: &str, text: &str) -> Result<(), Report> {
    let (_, diagnostics) = parse(text, SourceId(0));
    if diagnostics.is_empty() {
        return Ok(());
    }
    let mut sources = Sources::new();
    sources.push(Source {
        name: name.to_string(),
        path: None,
        text: text.to_string(),
        included_from: None,
    });
    Err(Report {
        sources,
        diagnostics,
        warnings: Vec::new(),
        declared: Vec::new(),
        tests: Vec::new(),
    })
}

/// A text laid out: the output, what each item says, and every comment (sorted).
struct Laid {
    text: String,
    meaning: Vec<Vec<String>>,
    comments: Vec<String>,
}

/// Lays out `text` (free of syntax errors) canonically.
fn layout(text: &str) -> Result<Laid, FormatError> {
    let unexpected =
        || FormatError::Changed("the text has a shape the formatter does not know".into());
    let pieces = pieces::pieces(text).ok_or_else(unexpected)?;
    let file = layout::file(&pieces).ok_or_else(unexpected)?;
    let mut comments: Vec<String> = pieces
        .iter()
        .filter(|p| p.is_comment())
        .map(pieces::Piece::printed)
        .collect();
    comments.sort();
    Ok(Laid {
        text: layout::print(&file),
        meaning: layout::meaning(&file),
        comments,
    })
}

/// Formats policy text in the canonical layout.
///
/// # Errors
///
/// [`FormatError::Syntax`] with every syntax error if the text has any.
///
/// ```
/// let report = cors_dsl::fmt::format("policy A { origins: * }").unwrap_err();
/// assert!(report.to_string().contains("expected `;`"));
/// ```
pub fn format(text: &str) -> Result<String, FormatError> {
    syntax_errors("<text>", text).map_err(FormatError::Syntax)?;
    layout(text).map(|laid| laid.text)
}

/// Formats the policy text of `name` (a file's path, for messages) and makes
/// sure the result means the same; `include_base` is the folder its
/// `include` paths are relative to (as for [`compile_str`](crate::compile_str)).
///
/// The checks: the output has no syntax error; every item says the same
/// (its doc comments, its head, each statement with its values in order);
/// every comment is still there; formatting the output changes nothing;
/// and if the text compiles, the output compiles too, with the same
/// policies (names, visibility, docs) lowered to the same plans, and the
/// same `test` blocks holding the same number of expectations.
///
/// # Errors
///
/// [`FormatError::Syntax`] if the text has syntax errors,
/// [`FormatError::Changed`] if a check fails.
///
/// ```
/// let formatted = cors_dsl::fmt::format_checked(
///     "api.cors",
///     "set Web = \"https://a.example\"; policy Api { methods: GET; origins: Web; }",
///     None,
/// )
/// .unwrap();
/// assert_eq!(
///     formatted,
///     "set Web = \"https://a.example\";\n\npolicy Api {\n    origins: Web;\n    methods: GET;\n}\n"
/// );
/// ```
pub fn format_checked(
    name: &str,
    text: &str,
    include_base: Option<&Path>,
) -> Result<String, FormatError> {
    syntax_errors(name, text).map_err(FormatError::Syntax)?;
    let Laid {
        text: formatted,
        meaning,
        comments,
    } = layout(text)?;
    if let Err(report) = syntax_errors(name, &formatted) {
        return Err(FormatError::Changed(format!(
            "the output does not parse: {}",
            report.diagnostics[0].message
        )));
    }
    let again = layout(&formatted)?;
    if again.meaning != meaning {
        return Err(FormatError::Changed(
            "an item or statement is not the same".into(),
        ));
    }
    if again.comments != comments {
        return Err(FormatError::Changed("a comment was lost".into()));
    }
    if again.text != formatted {
        return Err(FormatError::Changed(
            "formatting the output again changes it".into(),
        ));
    }
    if let Ok(before) = crate::compile_str(name, text, include_base) {
        let after = crate::compile_str(name, &formatted, include_base)
            .map_err(|r| FormatError::Changed(format!("the output does not compile:\n{r}")))?;
        let summary = |c: &crate::Compiled| -> Vec<_> {
            c.policies
                .iter()
                .map(|p| {
                    (
                        p.name.clone(),
                        p.visibility.clone(),
                        p.docs.clone(),
                        crate::lower::plan(p),
                    )
                })
                .collect()
        };
        if summary(&before) != summary(&after) {
            return Err(FormatError::Changed(
                "a policy compiles to another plan".into(),
            ));
        }
        let tests = |c: &crate::Compiled| -> Vec<_> {
            c.tests
                .iter()
                .map(|t| (t.policy.clone(), t.passed))
                .collect()
        };
        if tests(&before) != tests(&after) {
            return Err(FormatError::Changed(
                "a test block holds another number of expectations".into(),
            ));
        }
    }
    Ok(formatted)
}
