//! Policy tests: `test Name { expectation; … }` blocks, checked at every
//! compilation by the decision code the server runs.
//!
//! Each expectation describes a call a page makes and what should happen:
//!
//! ```text
//! test Api {
//!     allow GET from "https://app.example.com";
//!     allow preflight PUT from "https://a.partners.example.org" with content-type, authorization;
//!     deny GET from "https://app.example.com.evil.net" because origin;
//!     deny preflight PUT from "https://app.example.com" with x-debug because request-headers;
//! }
//! ```
//!
//! For each, the requests a browser sends are built — a preflight when the
//! method is not `GET`, `HEAD` or `POST`, a header is set (`with`) or
//! `preflight` is written (`Access-Control-Request-Headers`: the names
//! lowercased, sorted, de-duplicated, joined by `,`), then the actual
//! request — and decided by [`cors_core::decide`] on the policy's plan
//! ([`lower::plan`](crate::lower::plan), interpreted by
//! [`cors_core::Interpreted`]). `allow` holds when the preflight (if any)
//! succeeds and the actual request gets `Access-Control-Allow-Origin`;
//! `deny` when either fails, and with `because`, when the first failing
//! check is the one named. A failing expectation is a [`Diagnostic`] at
//! its first token whose message says what the middleware does instead,
//! and why, in the words of [`explain`](crate::explain) (`cors explain`'s).
//!
//! Tests run inside [`compile_str`](crate::compile_str) and
//! [`compile_file`](crate::compile_file): `cors check`, `cors_policy!` and
//! run-time policies get them. They change nothing in the policies
//! compiled: [`Compiled::policies`](crate::Compiled::policies) is the same
//! with and without them.
//!
//! ```
//! let text = r#"
//!     policy Api { origins: "https://app.example.com"; methods: PUT; }
//!     test Api {
//!         allow preflight PUT from "https://app.example.com";
//!         allow GET from "https://app.example.com/";
//!     }
//! "#;
//! let report = cors_dsl::compile_str("api.cors", text, None).unwrap_err();
//! assert_eq!(report.codes(), ["test-not-allowed"]);
//! assert_eq!(
//!     report.diagnostics[0].message,
//!     "expected GET from \"https://app.example.com/\" to be allowed, but the origin is not \
//!      allowed: closest entry \"https://app.example.com\" has no trailing slash",
//! );
//! assert_eq!(report.diagnostics[0].hint.as_deref(), Some("browsers never send one in Origin"));
//! let outcome = &report.tests[0];
//! assert_eq!((outcome.passed, outcome.failed.len()), (1, 1));
//! ```

mod case;
mod run;

use std::collections::HashMap;

use cors_core::Interpreted;

use crate::codes::Code;
use crate::declared::Declared;
use crate::diagnostic::Diagnostic;
use crate::model;
use crate::reuse::Site;
use crate::source::{SourceId, Sources};
use crate::span::Span;
use crate::suggest::closest;
use crate::syntax::ast::TestBlock;
use crate::validate::Sink;

/// What one `test` block gave.
///
/// [`Compiled::tests`](crate::Compiled::tests) and
/// [`Report::tests`](crate::Report::tests) hold one per block, in the
/// order written (included files in place).
#[derive(Clone, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub struct TestOutcome {
    /// The name of the policy under test.
    pub policy: String,
    /// The source the block is written in.
    pub source: SourceId,
    /// `test Name`, the head of the block.
    pub span: Span,
    /// Whether the expectations ran: `false` when the policy is unknown or
    /// invalid (its own errors are reported).
    pub ran: bool,
    /// How many expectations hold.
    pub passed: usize,
    /// The diagnostic of each expectation that does not hold (also in the
    /// report's diagnostics).
    pub failed: Vec<Diagnostic>,
    /// How many expectations are invalid (reported as errors of the text,
    /// never run).
    pub invalid: usize,
}

/// Checks and runs every test block. `policies` are the valid policies,
/// `declared` every policy declared (valid or not).
pub(crate) fn run(
    blocks: &[(SourceId, TestBlock)],
    policies: &[model::Policy],
    declared: &[Declared],
    sources: &Sources,
    diagnostics: &mut Vec<Diagnostic>,
) -> Vec<TestOutcome> {
    let mut interpreted: HashMap<&str, Option<Interpreted>> = HashMap::new();
    let mut outcomes = Vec::new();
    for (source, block) in blocks {
        let head = Span {
            end: block.policy.span.end,
            ..block.keyword
        };
        let name = block.policy.value.as_str();
        let mut sink = Sink::new(name, sources, diagnostics);
        if !declared.iter().any(|d| d.name == name) {
            let hint = match closest(name, declared.iter().map(|d| d.name.as_str())) {
                Some(close) => format!("did you mean `{close}`?"),
                None if declared.is_empty() => "declare the policy: `policy Api { … }`".into(),
                None => format!(
                    "the policies are {}",
                    declared
                        .iter()
                        .map(|d| format!("`{}`", d.name))
                        .collect::<Vec<_>>()
                        .join(", ")
                ),
            };
            sink.error(
                &Site::local(*source, block.policy.span),
                Code::TestUnknownPolicy,
                format!("`test {name}`: no policy is named `{name}`"),
                hint,
            );
        }
        if block.expectations.is_empty() && !block.had_errors {
            sink.error(
                &Site::local(*source, head),
                Code::TestEmpty,
                format!("the test block of `{name}` has no expectation"),
                "write at least one, e.g. `allow GET from \"https://app.example.com\";`",
            );
        }
        let cases: Vec<Option<case::Case>> = block
            .expectations
            .iter()
            .map(|e| case::check(e, *source, &mut sink))
            .collect();
        let policy = interpreted.entry(name).or_insert_with(|| {
            let model = policies.iter().find(|p| p.name == name)?;
            Interpreted::new(crate::lower::plan(model)).ok()
        });
        let mut outcome = TestOutcome {
            policy: name.to_owned(),
            source: *source,
            span: head,
            ran: policy.is_some(),
            passed: 0,
            failed: Vec::new(),
            invalid: cases.iter().filter(|c| c.is_none()).count(),
        };
        if let Some(policy) = policy {
            for case in cases.iter().flatten() {
                let result = match run::observe(policy, case) {
                    Some(observed) => run::verdict(case, observed, *source),
                    // Validation rules this out; never count it as passed.
                    None => {
                        outcome.invalid += 1;
                        continue;
                    }
                };
                match result {
                    Ok(()) => outcome.passed += 1,
                    Err(diagnostic) => outcome.failed.push(*diagnostic),
                }
            }
        }
        diagnostics.extend(outcome.failed.iter().cloned());
        outcomes.push(outcome);
    }
    outcomes
}
