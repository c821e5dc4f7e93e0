//! `cors`: the command-line tool of the CORS policy language.
//!
//! `cors check FILE...` validates policy files and prints every error
//! rustc-style. Exit status: 0 when every file is valid, 1 when any is
//! invalid, 2 on a usage or I/O error.

mod check;

use std::process::ExitCode;

use clap::{Parser, Subcommand};

/// Exit status: every file is valid.
const EXIT_OK: u8 = 0;
/// Exit status: some file is invalid.
const EXIT_INVALID: u8 = 1;
/// Exit status: a usage error, or a file could not be read.
const EXIT_USAGE_OR_IO: u8 = 2;

/// Check CORS policy files (`*.cors`).
#[derive(Debug, Parser)]
#[command(
    name = "cors",
    version,
    about = "Check CORS policy files written in the cors-dsl policy language",
    after_help = "Exit status: 0 if every file is valid, 1 if any file is invalid, 2 on a usage or I/O error."
)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Debug, Subcommand)]
enum Command {
    /// Validate policy files and print every error with its position and a hint.
    #[command(
        long_about = "Validate policy files and print every error with its position and a hint.\n\n\
            Each error is printed as `FILE:LINE:COL: error: MESSAGE`, followed by the line \
            with the offending token underlined and a `help:` line saying how to fix it. \
            `include` lines are followed, relative to the including file's folder. \
            A valid file prints `FILE: ok (N policies: A, B)`. Errors in the policies go to \
            standard output; errors reading a file go to standard error.",
        after_help = "Exit status: 0 if every file is valid, 1 if any file is invalid, \
            2 if a file cannot be read (missing, a directory, not UTF-8)."
    )]
    Check(check::CheckArgs),
}

fn main() -> ExitCode {
    let cli = match Cli::try_parse() {
        Ok(cli) => cli,
        Err(error) => {
            // Help and version go to stdout and succeed; usage errors exit 2.
            let code = if error.use_stderr() {
                EXIT_USAGE_OR_IO
            } else {
                EXIT_OK
            };
            let _ = error.print();
            return ExitCode::from(code);
        }
    };
    match cli.command {
        Command::Check(args) => ExitCode::from(check::run(&args)),
    }
}
