//! [`DynamicError`]: why a run-time policy could not be built.

use std::fmt;
use std::io;

use cors_dsl::diff::Diff;
use cors_dsl::{Diagnostic, LoadError, Report};

/// Why [`DynamicPolicy::parse`](super::DynamicPolicy::parse),
/// [`DynamicPolicy::from_file`](super::DynamicPolicy::from_file) or a
/// reload failed.
///
/// An invalid text holds **every** diagnostic, and its `Display` is exactly
/// what `cors check` prints for the same text (rustc-style, with the
/// offending line, a caret and a hint), without the final count line.
///
/// ```
/// use cors_runtime::dynamic::DynamicPolicy;
/// let text = "policy Api {\n    origins: \"https://A.example\", *;\n    max_age: 10;\n}\n";
/// let error = DynamicPolicy::parse(text, "Api").unwrap_err();
/// let report = cors_dsl::compile_str("<text>", text, None).unwrap_err();
/// assert_eq!(error.to_string(), report.to_string());
/// assert_eq!(error.diagnostics().len(), report.diagnostics.len());
/// ```
#[derive(Debug)]
pub struct DynamicError {
    /// Boxed: a report is large, and errors are rare (this keeps the
    /// `Result`s of parsing and reloading small).
    kind: Box<Kind>,
}

#[derive(Debug)]
enum Kind {
    /// The text is invalid.
    Invalid(Report),
    /// The file could not be read (always [`LoadError::Io`]).
    Io(LoadError),
    /// The text is valid but has no policy with the requested name.
    UnknownPolicy {
        source: String,
        requested: String,
        available: Vec<String>,
    },
    /// A guarded reload refused a new version that widens the policy.
    Widens {
        source: String,
        policy: String,
        diff: Diff,
    },
    /// The validated policy did not lower to a usable plan (a bug of the
    /// validator if it ever happens; reported, never a panic).
    Plan {
        source: String,
        policy: String,
        error: cors_core::PlanError,
    },
}

impl DynamicError {
    pub(super) fn invalid(report: Report) -> Self {
        DynamicError {
            kind: Box::new(Kind::Invalid(report)),
        }
    }

    pub(super) fn load(error: LoadError) -> Self {
        DynamicError {
            kind: Box::new(match error {
                LoadError::Invalid(report) => Kind::Invalid(report),
                error @ LoadError::Io { .. } => Kind::Io(error),
            }),
        }
    }

    pub(super) fn unknown_policy(source: &str, requested: &str, available: Vec<String>) -> Self {
        DynamicError {
            kind: Box::new(Kind::UnknownPolicy {
                source: source.to_owned(),
                requested: requested.to_owned(),
                available,
            }),
        }
    }

    pub(super) fn invalid_plan(source: &str, policy: &str, error: cors_core::PlanError) -> Self {
        DynamicError {
            kind: Box::new(Kind::Plan {
                source: source.to_owned(),
                policy: policy.to_owned(),
                error,
            }),
        }
    }

    pub(super) fn widens(source: &str, policy: &str, diff: Diff) -> Self {
        DynamicError {
            kind: Box::new(Kind::Widens {
                source: source.to_owned(),
                policy: policy.to_owned(),
                diff,
            }),
        }
    }

    /// What the new version would have changed, when a guarded reload
    /// ([`ReloadablePolicy::reload_from_file_unless_widening`](super::ReloadablePolicy::reload_from_file_unless_widening))
    /// refused it because it widens the policy.
    ///
    /// ```
    /// use cors_runtime::dynamic::{DynamicPolicy, ReloadablePolicy};
    /// let handle = ReloadablePolicy::new(DynamicPolicy::parse(r#"policy A { origins: "https://a.example"; }"#, "A")?);
    /// let error = handle
    ///     .reload_from_str_unless_widening(r#"policy A { origins: "https://a.example", "https://b.example"; }"#)
    ///     .unwrap_err();
    /// assert!(error.widening().unwrap().widens());
    /// assert_eq!(
    ///     error.to_string(),
    ///     "<text>: error: the new version of policy `A` widens it; the current policy is kept\n\
    ///      + allows requests from https://b.example, e.g. Origin: https://b.example"
    /// );
    /// # Ok::<(), cors_runtime::dynamic::DynamicError>(())
    /// ```
    pub fn widening(&self) -> Option<&Diff> {
        match &*self.kind {
            Kind::Widens { diff, .. } => Some(diff),
            _ => None,
        }
    }

    /// Every diagnostic of an invalid text (empty for an I/O error or an
    /// unknown policy name).
    ///
    /// ```
    /// let e = cors_runtime::dynamic::DynamicPolicy::parse("policy A { }", "A").unwrap_err();
    /// assert_eq!(e.diagnostics()[0].code, "missing-origins");
    /// ```
    pub fn diagnostics(&self) -> &[Diagnostic] {
        match &*self.kind {
            Kind::Invalid(report) => &report.diagnostics,
            _ => &[],
        }
    }

    /// The report of an invalid text (with the texts the diagnostics point into).
    ///
    /// ```
    /// let e = cors_runtime::dynamic::DynamicPolicy::parse("policy A { }", "A").unwrap_err();
    /// assert_eq!(e.report().unwrap().codes(), ["missing-origins"]);
    /// ```
    pub fn report(&self) -> Option<&Report> {
        match &*self.kind {
            Kind::Invalid(report) => Some(report),
            _ => None,
        }
    }

    /// The I/O error, when the file could not be read.
    ///
    /// ```
    /// let e = cors_runtime::dynamic::DynamicPolicy::from_file("/no/such/file.cors", "A").unwrap_err();
    /// assert_eq!(e.io_error().unwrap().kind(), std::io::ErrorKind::NotFound);
    /// ```
    pub fn io_error(&self) -> Option<&io::Error> {
        match &*self.kind {
            Kind::Io(LoadError::Io { error, .. }) => Some(error),
            _ => None,
        }
    }

    /// The names of the policies the text declares, when the requested one
    /// is not among them (empty otherwise).
    ///
    /// ```
    /// let e = cors_runtime::dynamic::DynamicPolicy::parse("policy A { origins: *; }", "B").unwrap_err();
    /// assert_eq!(e.available_policies(), ["A"]);
    /// assert_eq!(e.to_string(), "<text>: error: no policy named `B` (available: A)");
    /// ```
    pub fn available_policies(&self) -> &[String] {
        match &*self.kind {
            Kind::UnknownPolicy { available, .. } => available,
            _ => &[],
        }
    }
}

impl fmt::Display for DynamicError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match &*self.kind {
            Kind::Invalid(report) => report.fmt(f),
            Kind::Io(error) => error.fmt(f),
            Kind::UnknownPolicy {
                source,
                requested,
                available,
            } => write!(
                f,
                "{source}: error: no policy named `{requested}` (available: {})",
                available.join(", ")
            ),
            Kind::Plan {
                source,
                policy,
                error,
            } => write!(f, "{source}: error: policy `{policy}`: {error}"),
            Kind::Widens {
                source,
                policy,
                diff,
            } => {
                write!(
                    f,
                    "{source}: error: the new version of policy `{policy}` widens it; \
                     the current policy is kept"
                )?;
                for change in diff.changes() {
                    write!(f, "\n{change}")?;
                }
                Ok(())
            }
        }
    }
}

impl std::error::Error for DynamicError {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        match &*self.kind {
            Kind::Invalid(report) => Some(report),
            Kind::Io(error) => std::error::Error::source(error),
            Kind::UnknownPolicy { .. } | Kind::Widens { .. } => None,
            Kind::Plan { error, .. } => Some(error),
        }
    }
}
