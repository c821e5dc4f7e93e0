//! `cors`: the command-line tool of the CORS policy language.
//!
//! `cors check FILE...` validates policy files, including their `test`
//! blocks, and prints every error rustc-style. Exit status: 0 when every file is valid, 1 when any is
//! invalid, 2 on a usage or I/O error.
//!
//! `cors test FILE...` runs every `test` block of the files: one line per
//! failing expectation with its position, a summary per block, and the
//! closing line `N passed, M failed`. Exit status: 0 when every expectation
//! holds, 1 when one fails or a file is invalid, 2 on a usage or I/O error.
//!
//! `cors explain FILE [--policy NAME] --method M [--header 'Name: value']...
//! [--json]` shows what the middleware does with one request: how it is
//! classified, each check in order with why it passes or fails, the exact
//! status and headers sent (computed by the real decision core), and what a
//! browser concludes. Exit status: 0 explained, 1 invalid policy file, 2
//! usage or I/O error.
//!
//! `cors fmt FILE... [--check]` rewrites policy files in the canonical
//! layout (`--check`: writes nothing, reports the files that would change).
//! Exit status: 0 when every file is (now) formatted, 1 when a file would
//! change (`--check`) or has syntax errors (left untouched, its errors
//! printed as by `cors check`), 2 on a usage or I/O error.
//! `cors diff OLD NEW [--policy NAME | --policy OLD_NAME:NEW_NAME] [--json]
//! [--fail-on widen]` says what changes in the meaning of the policies
//! between two files, each change with a witness request the two versions
//! treat differently. Exit status: 0 equivalent, 1 different (with
//! `--fail-on widen`: only when the new version allows or exposes more),
//! 2 usage, I/O or invalid file.

mod check;
mod diff;
mod explain;
mod fmt;
mod test;

use std::process::ExitCode;

use clap::{Parser, Subcommand};

/// Exit status: every file is valid.
const EXIT_OK: u8 = 0;
/// Exit status: some file is invalid.
const EXIT_INVALID: u8 = 1;
/// Exit status: a usage error, or a file could not be read.
const EXIT_USAGE_OR_IO: u8 = 2;

/// Check, test, explain and format CORS policy files (`*.cors`).
#[derive(Debug, Parser)]
#[command(
    name = "cors",
    version,
    about = "Check, test, explain and format CORS policy files written in the cors-dsl policy language",
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
            A valid file prints `FILE: ok (N policies: A, B)`. Warnings (a set no policy uses) \
            are printed the same way, as `FILE:LINE:COL: warning: MESSAGE`, and do not make a \
            file invalid; the summary line then ends with `, N warnings`. Errors in the \
            policies go to standard output; errors reading a file go to standard error.",
        after_help = "Exit status: 0 if every file is valid, 1 if any file is invalid, \
            2 if a file cannot be read (missing, a directory, not UTF-8)."
    )]
    Check(check::CheckArgs),
    /// Run the `test` blocks of policy files and report each failing expectation.
    #[command(
        long_about = "Run the `test` blocks of policy files and report each failing expectation.\n\n\
            Every expectation is decided by the real decision core on the policy. Each one \
            that fails is printed on one line, `FILE:LINE:COL: error: MESSAGE`, saying what the \
            middleware does instead and why; each block gets a summary line, \
            `test NAME (FILE:LINE:COL): N passed, M failed`, and the run ends with \
            `N passed, M failed`. Errors of the text itself are printed as by `cors check`.",
        after_help = "Exit status: 0 if every expectation holds, 1 if one fails or a file is \
            invalid, 2 if a file cannot be read."
    )]
    Test(test::TestArgs),
    /// Explain what the middleware does with one request, and why.
    #[command(
        long_about = "Explain what the middleware does with one request, and why.\n\n\
            Shows how the request is classified (preflight, actual CORS request, or not CORS), \
            each check of the CORS protocol in order with pass/fail and the reason (for a \
            refused origin: the closest allowed entry and what differs, e.g. a trailing slash, \
            upper case, the default port, the apex of a `*.` pattern, the scheme or the port), \
            the exact status and headers the middleware sends (computed by the real decision \
            core on the policy), and what a browser concludes.",
        after_help = "Examples:\n  \
            cors explain api.cors --policy Api --method OPTIONS \\\n    \
            -H 'Origin: https://app.example.com' -H 'Access-Control-Request-Method: PUT'\n  \
            cors explain api.cors --method GET -H 'Origin: https://example.org' --json\n\n\
            Exit status: 0 when the request was explained, 1 if the policy file is invalid \
            (its errors are printed as by `cors check`), 2 on a usage or I/O error (including \
            an unknown --policy)."
    )]
    Explain(explain::ExplainArgs),
    /// Rewrite policy files in the canonical layout (`--check`: only report).
    #[command(
        long_about = "Rewrite policy files in the canonical layout.\n\n\
            Four spaces of indent, one statement per line, statements in the order of the \
            language reference (origins, methods, request-headers, expose-headers, credentials, \
            max-age, private-network, preflight-status, preflight, dangerously-allow), `, ` \
            between values, one blank line between items; comments and doc comments stay with \
            what they are attached to. Values are never reordered or rewritten. Before writing, \
            the output is parsed again and compared with the original: the same items, the \
            same comments, and, for a valid file, the same plan for every policy. A file with \
            syntax errors is left untouched and its errors are printed as by `cors check`. \
            Inline `cors_policy!` blocks are not formatted (rustfmt leaves macro bodies alone).",
        after_help = "Exit status: 0 if every file is formatted (or, with --check, already was), \
            1 if a file would change (--check) or has syntax errors, 2 on a usage or I/O error."
    )]
    Fmt(fmt::FmtArgs),
    /// Compare two versions of a policy file: what the new one newly allows or refuses.
    #[command(
        long_about = "Compare two versions of a policy file: what the new one newly allows or \
            refuses, and what responses newly expose.\n\n\
            Each change is one line: `+` widens (a request newly allowed, a header newly \
            exposed, credentials or private network access newly granted), `-` narrows, `~` \
            changes neither way (max-age, how successful preflights are answered); each \
            names a witness request that the two versions treat differently, replayed \
            through the real decision core. Rewrites that keep the meaning (order, `600` vs \
            `10m`, comments, layout) are equivalent. Without --policy, policies are paired \
            by name (a policy on one side only is a change of its own); two files of one \
            policy each are compared whatever their names.",
        after_help = "Examples:\n  \
            cors diff old.cors policies/api.cors\n  \
            git show HEAD~1:policies/api.cors > old.cors; \
            cors diff old.cors policies/api.cors --fail-on widen\n  \
            cors diff v1.cors v2.cors --policy Api:PublicApi --json\n\n\
            Exit status: 0 when equivalent, 1 when they differ (with --fail-on widen: only \
            when the new version widens), 2 on a usage or I/O error or an invalid file."
    )]
    Diff(diff::DiffArgs),
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
        Command::Explain(args) => ExitCode::from(explain::run(&args)),
        Command::Test(args) => ExitCode::from(test::run(&args)),
        Command::Fmt(args) => ExitCode::from(fmt::run(&args)),
        Command::Diff(args) => ExitCode::from(diff::run(&args)),
    }
}
