//! `cors fmt FILE... [--check]`.

use std::io::Write;
use std::path::{Path, PathBuf};

use clap::Args;
use cors_dsl::fmt::{format_checked, FormatError};

use crate::{EXIT_INVALID, EXIT_OK, EXIT_USAGE_OR_IO};

/// Arguments of `cors fmt`.
#[derive(Debug, Args)]
pub(crate) struct FmtArgs {
    /// Policy files to format in place.
    #[arg(required = true, value_name = "FILE")]
    files: Vec<PathBuf>,
    /// Write nothing: report the files that would change, and exit 1 if any would.
    #[arg(long)]
    check: bool,
}

/// Formats (or checks) every file; returns the exit status (the worst over
/// all files).
pub(crate) fn run(args: &FmtArgs) -> u8 {
    let stdout = std::io::stdout();
    let stderr = std::io::stderr();
    let mut out = stdout.lock();
    let mut err = stderr.lock();
    let mut status = EXIT_OK;
    for path in &args.files {
        let file_status = one(path, args.check, &mut out, &mut err);
        status = status.max(file_status);
    }
    let _ = out.flush();
    let _ = err.flush();
    status
}

fn one(path: &Path, check: bool, out: &mut impl Write, err: &mut impl Write) -> u8 {
    let shown = path.display();
    let text = match cors_dsl::read_policy_file(path) {
        Ok(text) => text,
        Err(error) => {
            let _ = writeln!(err, "{error}");
            return EXIT_USAGE_OR_IO;
        }
    };
    let base = path.parent().map(Path::to_path_buf).unwrap_or_default();
    let formatted = match format_checked(&shown.to_string(), &text, Some(&base)) {
        Ok(formatted) => formatted,
        Err(FormatError::Syntax(report)) => {
            let count = report.diagnostics.len();
            let noun = if count == 1 { "error" } else { "errors" };
            let _ = write!(out, "{report}");
            let _ = writeln!(out, "\n{shown}: {count} {noun}, not formatted");
            return EXIT_INVALID;
        }
        Err(error @ FormatError::Changed(_)) => {
            let _ = writeln!(out, "{shown}: {error}");
            return EXIT_INVALID;
        }
    };
    if formatted == text {
        let _ = writeln!(out, "{shown}: ok");
        return EXIT_OK;
    }
    if check {
        let line = first_difference(&text, &formatted);
        let _ = writeln!(
            out,
            "{shown}: would be reformatted (first difference on line {line})"
        );
        return EXIT_INVALID;
    }
    match std::fs::write(path, &formatted) {
        Ok(()) => {
            let _ = writeln!(out, "{shown}: formatted");
            EXIT_OK
        }
        Err(error) => {
            let _ = writeln!(err, "{shown}: error: cannot write: {error}");
            EXIT_USAGE_OR_IO
        }
    }
}

/// The 1-based number of the first line that differs.
fn first_difference(before: &str, after: &str) -> usize {
    let mut a = before.lines();
    let mut b = after.lines();
    let mut line = 1;
    loop {
        match (a.next(), b.next()) {
            (Some(x), Some(y)) if x == y => line += 1,
            (None, None) => return line,
            _ => return line,
        }
    }
}
