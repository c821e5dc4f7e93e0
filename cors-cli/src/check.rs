//! `cors check FILE...`: validation, test blocks included.

use std::io::Write;
use std::path::PathBuf;

use clap::Args;
use cors_dsl::{compile_file, LoadError};

use crate::{EXIT_INVALID, EXIT_OK, EXIT_USAGE_OR_IO};

/// Arguments of `cors check`.
#[derive(Debug, Args)]
pub(crate) struct CheckArgs {
    /// Policy files to check.
    #[arg(required = true, value_name = "FILE")]
    files: Vec<PathBuf>,
}

/// `", 1 warning"`, or nothing without warnings (the output of a file
/// without warnings is what it always was).
fn warning_count(count: usize) -> String {
    match count {
        0 => String::new(),
        1 => ", 1 warning".to_string(),
        n => format!(", {n} warnings"),
    }
}

/// Checks every file; returns the exit status (the worst over all files).
pub(crate) fn run(args: &CheckArgs) -> u8 {
    let stdout = std::io::stdout();
    let stderr = std::io::stderr();
    let mut out = stdout.lock();
    let mut err = stderr.lock();
    let mut status = EXIT_OK;
    for path in &args.files {
        match compile_file(path) {
            Ok(compiled) => {
                for warning in &compiled.warnings {
                    let _ = writeln!(out, "{}", warning.render(&compiled.sources));
                }
                let names: Vec<&str> = compiled.policies.iter().map(|p| p.name.as_str()).collect();
                let noun = if names.len() == 1 {
                    "policy"
                } else {
                    "policies"
                };
                let expectations: usize = compiled.tests.iter().map(|t| t.passed).sum();
                let tests = match expectations {
                    0 => String::new(),
                    1 => "; 1 test expectation holds".to_owned(),
                    n => format!("; {n} test expectations hold"),
                };
                let summary = if names.is_empty() {
                    // A file of shared sets, included by policy files.
                    "no policy, only sets".to_string()
                } else {
                    format!("{} {noun}: {}", names.len(), names.join(", "))
                };
                let _ = writeln!(
                    out,
                    "{}: ok ({summary}{tests}){}",
                    path.display(),
                    warning_count(compiled.warnings.len())
                );
            }
            Err(LoadError::Invalid(report)) => {
                let count = report.diagnostics.len();
                let _ = write!(out, "{report}");
                for warning in &report.warnings {
                    let _ = write!(out, "\n{}", warning.render(&report.sources));
                }
                let noun = if count == 1 { "error" } else { "errors" };
                let _ = writeln!(
                    out,
                    "\n{}: {count} {noun}{}",
                    path.display(),
                    warning_count(report.warnings.len())
                );
                status = status.max(EXIT_INVALID);
            }
            Err(error @ LoadError::Io { .. }) => {
                let _ = writeln!(err, "{error}");
                status = EXIT_USAGE_OR_IO;
            }
        }
    }
    let _ = out.flush();
    let _ = err.flush();
    status
}
