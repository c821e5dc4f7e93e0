//! `cors test FILE...`: runs every `test` block; one line per failing
//! expectation (`FILE:LINE:COL: error: MESSAGE`), a summary per block, and
//! the closing line `N passed, M failed`.

use std::io::Write;
use std::path::PathBuf;

use clap::Args;
use cors_dsl::codes::Code;
use cors_dsl::policy_tests::TestOutcome;
use cors_dsl::{compile_file, Diagnostic, LoadError, Sources};

use crate::{EXIT_INVALID, EXIT_OK, EXIT_USAGE_OR_IO};

/// Arguments of `cors test`.
#[derive(Debug, Args)]
pub(crate) struct TestArgs {
    /// Policy files whose test blocks to run.
    #[arg(required = true, value_name = "FILE")]
    files: Vec<PathBuf>,
}

/// Runs the tests of every file; returns the exit status (the worst over
/// all files).
pub(crate) fn run(args: &TestArgs) -> u8 {
    let stdout = std::io::stdout();
    let stderr = std::io::stderr();
    let mut out = stdout.lock();
    let mut err = stderr.lock();
    let mut status = EXIT_OK;
    let (mut passed, mut failed) = (0, 0);
    for path in &args.files {
        let (sources, outcomes, errors) = match compile_file(path) {
            Ok(compiled) => (compiled.sources, compiled.tests, Vec::new()),
            Err(LoadError::Invalid(report)) => {
                // Errors of the text itself, printed as `cors check` does;
                // failing expectations are printed with their block below.
                let errors: Vec<Diagnostic> = report
                    .diagnostics
                    .into_iter()
                    .filter(|d| !d.kind().is_some_and(Code::is_test_failure))
                    .collect();
                (report.sources, report.tests, errors)
            }
            Err(error @ LoadError::Io { .. }) => {
                let _ = writeln!(err, "{error}");
                status = EXIT_USAGE_OR_IO;
                continue;
            }
        };
        for error in &errors {
            let _ = writeln!(out, "{}", error.render(&sources));
        }
        if !errors.is_empty() {
            let noun = if errors.len() == 1 { "error" } else { "errors" };
            let _ = writeln!(out, "{}: {} {noun}", path.display(), errors.len());
            status = status.max(EXIT_INVALID);
        }
        if outcomes.is_empty() {
            let _ = writeln!(out, "{}: no test block", path.display());
        }
        for outcome in &outcomes {
            for failure in &outcome.failed {
                let _ = writeln!(out, "{}", one_line(failure, &sources));
            }
            let _ = writeln!(out, "{}", summary(outcome, &sources));
            passed += outcome.passed;
            failed += outcome.failed.len();
        }
    }
    if failed > 0 {
        status = status.max(EXIT_INVALID);
    }
    let _ = writeln!(out, "{passed} passed, {failed} failed");
    let _ = out.flush();
    let _ = err.flush();
    status
}

/// `FILE:LINE:COL: error: MESSAGE`.
fn one_line(diagnostic: &Diagnostic, sources: &Sources) -> String {
    let file = sources
        .try_get(diagnostic.source)
        .map_or("<unknown>", |s| s.name.as_str());
    format!(
        "{file}:{}:{}: error: {}",
        diagnostic.span.line, diagnostic.span.col, diagnostic.message
    )
}

/// `test Api (FILE:LINE:COL): 5 passed, 1 failed`.
fn summary(outcome: &TestOutcome, sources: &Sources) -> String {
    let file = sources
        .try_get(outcome.source)
        .map_or("<unknown>", |s| s.name.as_str());
    let at = format!(
        "test {} ({file}:{}:{})",
        outcome.policy, outcome.span.line, outcome.span.col
    );
    if !outcome.ran {
        return format!("{at}: not run: the policy is unknown or invalid (see its errors)");
    }
    let mut line = format!(
        "{at}: {} passed, {} failed",
        outcome.passed,
        outcome.failed.len()
    );
    if outcome.invalid > 0 {
        line.push_str(&format!(", {} invalid", outcome.invalid));
    }
    line
}
