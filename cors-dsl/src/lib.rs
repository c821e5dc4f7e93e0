//! The CORS policy language: one grammar, one validator, one set of
//! diagnostics for the `cors_policy!` macro, `*.cors` files, the `cors` CLI
//! and the run-time engine.
//!
//! # Pipeline
//!
//! ```text
//! text ──pest (syntax/grammar.pest)──▶ syntax tree with spans
//!      ──include──▶ every included file parsed the same way
//!      ──sets, extends──▶ each policy as it finally stands
//!      ──validate──▶ model::Policy (canonical: punycode origins, lowercase
//!                    header names, seconds) or Diagnostics
//!      ──test blocks──▶ each expectation decided by the core on the
//!                    policy's plan (lower::plan); a failure is a Diagnostic
//! ```
//!
//! 1. **Parsing** is done in two passes: an outline pass splits the text into
//!    items and statements, then each is parsed by a strict rule, so that one
//!    bad statement does not hide the errors of the others.
//! 2. **Includes**: `include "file.cors";` is resolved against a base folder
//!    (for the root text) or the including file's folder; cycles and unreadable
//!    files are reported on the path literal.
//! 3. **Validation** turns each `policy` into a [`model::Policy`], once
//!    every file is read: sets and `extends` are resolved first (a value
//!    keeps where it is written, and an error about it says how it
//!    arrived), then the defaults of absent statements are applied and
//!    *every* error is collected: origin strings ([`origin`]), method and
//!    header rules, combinations with credentials, duplicates, opt-ins.
//! 4. **Tests** ([`policy_tests`]): every `test` block, once every policy is
//!    validated, runs its expectations through [`cors_core::decide`] on the
//!    [`lower`]ed plan, and a failing one is a diagnostic that says why in
//!    the words of [`explain`] (those of `cors explain`).
//!
//! Every problem is a [`Diagnostic`] with a stable code, the span of the
//! offending token, a message and a hint. A failed compilation returns a
//! [`Report`] whose `Display` renders all of them rustc-style. The list of
//! codes is in [`codes`] and [`origin::ERROR_CODES`]; `docs/errors.md` (the
//! error catalogue) explains each with an example.
//!
//! # Example
//!
//! ```
//! let text = r#"
//!     /// The public API.
//!     pub policy Api {
//!         origins: "https://app.example.com", "https://*.example.org";
//!         methods: GET, POST, PATCH;
//!         request-headers: content-type, authorization;
//!         credentials: true;
//!         max-age: 10m;
//!     }
//! "#;
//! let compiled = cors_dsl::compile_str("api.cors", text, None).unwrap();
//! let api = &compiled.policies[0];
//! assert_eq!(api.name, "Api");
//! assert_eq!(api.max_age, Some(600));
//!
//! let report = cors_dsl::compile_str("bad.cors", "policy A { origins: *; credentials: true; }", None)
//!     .unwrap_err();
//! assert_eq!(report.diagnostics[0].code, "wildcard-origin-with-credentials");
//! println!("{report}");
//! ```
//!
//! # Extension to the language contract
//!
//! Header names are limited to 128 bytes (`header-too-long`): the run-time
//! scanner of `Access-Control-Request-Headers` reads names into a fixed buffer.

#![warn(missing_docs)]

pub mod codes;
mod declared;
mod diagnostic;
#[cfg(feature = "diff")]
pub mod diff;
pub mod explain;
#[cfg(feature = "fmt")]
pub mod fmt;
mod include;
pub mod lower;
pub mod model;
pub mod origin;
pub mod policy_tests;
mod reuse;
mod source;
pub mod span;
pub mod suggest;
mod syntax;
#[cfg(test)]
mod test_rng;
mod validate;

use std::io;
use std::path::{Path, PathBuf};

pub use declared::Declared;
pub use diagnostic::{Diagnostic, Report};
pub use source::{Source, SourceId, Sources};
pub use span::Span;
pub use validate::headers::MAX_HEADER_NAME_LEN;

/// The result of a successful compilation: every policy, in the order written
/// (included files expanded in place), and the texts they came from.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Compiled {
    /// The validated policies.
    pub policies: Vec<model::Policy>,
    /// What each `test` block gave (every expectation held).
    pub tests: Vec<policy_tests::TestOutcome>,
    /// The root text and every included file (the macro tracks these for rebuilds).
    pub sources: Sources,
    /// Warnings (such as a set no policy uses), ordered by source and
    /// position: the text is valid all the same.
    pub warnings: Vec<Diagnostic>,
}

/// Compiles policy text.
///
/// `name` is shown in diagnostics. `include` paths in `text` are relative to
/// `include_base`; with `None`, an `include` is an error
/// (`include-without-base`). Paths inside included files are relative to
/// that file's folder.
///
/// # Errors
///
/// A [`Report`] with every diagnostic of every file, if anything is invalid
/// (including a text with no policy at all).
///
/// ```
/// let compiled = cors_dsl::compile_str("inline", "policy Assets { origins: *; methods: GET, HEAD; }", None)?;
/// assert_eq!(compiled.policies[0].origins, cors_dsl::model::Origins::Any);
/// # Ok::<(), cors_dsl::Report>(())
/// ```
pub fn compile_str(
    name: &str,
    text: &str,
    include_base: Option<&Path>,
) -> Result<Compiled, Report> {
    let root = Source {
        name: name.to_string(),
        path: None,
        text: text.to_string(),
        included_from: None,
    };
    compile_source(root, include_base)
}

fn compile_source(root: Source, base: Option<&Path>) -> Result<Compiled, Report> {
    let mut compilation = include::Compilation::new();
    compilation.root(root, base);
    if compilation.diagnostics.is_empty() {
        Ok(Compiled {
            policies: compilation.policies,
            tests: compilation.test_outcomes,
            sources: compilation.sources,
            warnings: compilation.warnings,
        })
    } else {
        Err(Report {
            sources: compilation.sources,
            diagnostics: compilation.diagnostics,
            warnings: compilation.warnings,
            declared: compilation.declared,
            tests: compilation.test_outcomes,
        })
    }
}

/// Why [`compile_file`] failed.
#[derive(Debug)]
pub enum LoadError {
    /// The file itself could not be read: missing, unreadable, a directory, or
    /// not UTF-8.
    Io {
        /// The path as given.
        path: PathBuf,
        /// What went wrong.
        error: io::Error,
    },
    /// The file was read but is invalid (this includes unreadable included files).
    Invalid(Report),
}

impl std::fmt::Display for LoadError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            LoadError::Io { path, error } if error.kind() == io::ErrorKind::NotFound => {
                write!(f, "{}: error: no such file", path.display())
            }
            LoadError::Io { path, error } => {
                write!(f, "{}: error: cannot read: {error}", path.display())
            }
            LoadError::Invalid(report) => report.fmt(f),
        }
    }
}

impl std::error::Error for LoadError {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        match self {
            LoadError::Io { error, .. } => Some(error),
            LoadError::Invalid(report) => Some(report),
        }
    }
}

/// Reads a policy file as UTF-8 text (as [`compile_file`] does), with
/// clear errors for a missing file, a directory and non-UTF-8 content.
///
/// # Errors
///
/// Always [`LoadError::Io`], whose `Display` is `PATH: error: …`.
///
/// ```
/// let error = cors_dsl::read_policy_file("/no/such/file.cors".as_ref()).unwrap_err();
/// assert_eq!(error.to_string(), "/no/such/file.cors: error: no such file");
/// ```
pub fn read_policy_file(path: &Path) -> Result<String, LoadError> {
    include::read_text(path).map_err(|error| LoadError::Io {
        path: path.to_path_buf(),
        error,
    })
}

/// Reads and compiles a policy file; its `include` paths are relative to its folder.
///
/// The file's name in diagnostics is `path` as given.
///
/// # Errors
///
/// [`LoadError::Io`] if the file cannot be read as UTF-8 text,
/// [`LoadError::Invalid`] with every diagnostic otherwise.
///
/// ```no_run
/// match cors_dsl::compile_file("policies/api.cors".as_ref()) {
///     Ok(compiled) => println!("{} policies", compiled.policies.len()),
///     Err(error) => eprintln!("{error}"),
/// }
/// ```
pub fn compile_file(path: &Path) -> Result<Compiled, LoadError> {
    let text = include::read_text(path).map_err(|error| LoadError::Io {
        path: path.to_path_buf(),
        error,
    })?;
    let base = path.parent().map(Path::to_path_buf).unwrap_or_default();
    let root = Source {
        name: path.display().to_string(),
        path: Some(path.to_path_buf()),
        text,
        included_from: None,
    };
    compile_source(root, Some(&base)).map_err(LoadError::Invalid)
}
