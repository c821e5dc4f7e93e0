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
                let _ = writeln!(
                    out,
                    "{}: ok ({} {noun}: {}{tests})",
                    path.display(),
                    names.len(),
                    names.join(", ")
                );
            }
            Err(LoadError::Invalid(report)) => {
                let count = report.diagnostics.len();
                let _ = write!(out, "{report}");
                let noun = if count == 1 { "error" } else { "errors" };
                let _ = writeln!(out, "\n{}: {count} {noun}", path.display());
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
