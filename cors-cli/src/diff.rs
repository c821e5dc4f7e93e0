//! `cors diff OLD NEW [--policy NAME | --policy OLD_NAME:NEW_NAME] [--json]
//! [--fail-on widen]`: what a policy change means, with a witness request
//! for every change ([`cors_dsl::diff`] does the comparison).

use std::io::Write;
use std::path::{Path, PathBuf};

use clap::{Args, ValueEnum};
use cors_dsl::diff::{self, Diff};
use cors_dsl::model::Policy;
use cors_dsl::{compile_file, LoadError};
use serde_json::json;

use crate::{EXIT_INVALID, EXIT_OK, EXIT_USAGE_OR_IO};

/// Arguments of `cors diff`.
#[derive(Debug, Args)]
pub(crate) struct DiffArgs {
    /// The old version of the policy file.
    #[arg(value_name = "OLD")]
    old: PathBuf,
    /// The new version of the policy file.
    #[arg(value_name = "NEW")]
    new: PathBuf,
    /// Compare only this policy (`NAME`, in both files), or `OLD_NAME:NEW_NAME`
    /// for a policy renamed between the files.
    #[arg(long, value_name = "NAME | OLD_NAME:NEW_NAME")]
    policy: Option<String>,
    /// Print the changes as JSON.
    #[arg(long)]
    json: bool,
    /// Exit 1 only for this kind of change (`widen`: the new version allows
    /// or exposes something the old one did not).
    #[arg(long, value_name = "KIND")]
    fail_on: Option<FailOn>,
}

/// `--fail-on`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
enum FailOn {
    /// Only a change with direction `widen`.
    Widen,
}

/// One comparison: a policy of the old file against one of the new file,
/// or a policy present on one side only.
struct Compared {
    /// The policy's name (`Old → New` when renamed).
    label: String,
    /// The name `--json` reports (the new one, or the old one if removed).
    name: String,
    diff: Diff,
}

/// Compares the files; returns the exit status.
pub(crate) fn run(args: &DiffArgs) -> u8 {
    let old = match load(&args.old) {
        Ok(policies) => policies,
        Err(status) => return status,
    };
    let new = match load(&args.new) {
        Ok(policies) => policies,
        Err(status) => return status,
    };
    let pairs = match pair(args, &old, &new) {
        Ok(pairs) => pairs,
        Err(message) => return usage(&message),
    };
    let plan = cors_dsl::lower::plan;
    let mut compared = Vec::new();
    for (old, new) in pairs {
        let result = match (old, new) {
            (Some(old), Some(new)) => diff::compare(&plan(old), &plan(new)),
            (None, Some(new)) => diff::added(&plan(new)),
            (Some(old), None) => diff::removed(&plan(old)),
            (None, None) => continue,
        };
        let diff = match result {
            Ok(diff) => diff,
            Err(error) => return usage(&format!("error: {error}")),
        };
        let label = match (old, new) {
            (Some(o), Some(n)) if o.name != n.name => format!("{} → {}", o.name, n.name),
            (Some(p), Some(_)) => p.name.clone(),
            (None, Some(p)) => format!("{} (only in {})", p.name, args.new.display()),
            (Some(p), None) => format!("{} (only in {})", p.name, args.old.display()),
            (None, None) => unreachable!(),
        };
        let name = new.or(old).map(|p| p.name.clone()).unwrap_or_default();
        compared.push(Compared { label, name, diff });
    }

    let equivalent = compared.iter().all(|c| c.diff.is_equivalent());
    let widens = compared.iter().any(|c| c.diff.widens());
    let stdout = std::io::stdout();
    let mut out = stdout.lock();
    if args.json {
        let _ = writeln!(out, "{}", to_json(&compared, equivalent, widens));
    } else {
        for c in &compared {
            let _ = write!(out, "{}", to_text(c));
        }
    }
    let _ = out.flush();
    let fails = match args.fail_on {
        Some(FailOn::Widen) => widens,
        None => !equivalent,
    };
    if fails {
        EXIT_INVALID
    } else {
        EXIT_OK
    }
}

/// The validated policies of `path`, or the exit status after printing why
/// not (invalid files are printed as by `cors check`).
fn load(path: &Path) -> Result<Vec<Policy>, u8> {
    match compile_file(path) {
        Ok(compiled) => Ok(compiled.policies),
        Err(LoadError::Invalid(report)) => {
            let count = report.diagnostics.len();
            let noun = if count == 1 { "error" } else { "errors" };
            let stdout = std::io::stdout();
            let mut out = stdout.lock();
            let _ = write!(out, "{report}");
            let _ = writeln!(out, "\n{}: {count} {noun}", path.display());
            let _ = out.flush();
            Err(EXIT_USAGE_OR_IO)
        }
        Err(error @ LoadError::Io { .. }) => Err(usage(&error.to_string())),
    }
}

type Pair<'a> = (Option<&'a Policy>, Option<&'a Policy>);

/// Which policy of the old file is compared with which of the new one.
fn pair<'a>(
    args: &DiffArgs,
    old: &'a [Policy],
    new: &'a [Policy],
) -> Result<Vec<Pair<'a>>, String> {
    if let Some(spec) = &args.policy {
        let (old_name, new_name) = spec.split_once(':').unwrap_or((spec, spec));
        let o = find(&args.old, old, old_name)?;
        let n = find(&args.new, new, new_name)?;
        return Ok(vec![(Some(o), Some(n))]);
    }
    if let ([o], [n]) = (old, new) {
        return Ok(vec![(Some(o), Some(n))]);
    }
    let mut pairs: Vec<Pair<'a>> = old
        .iter()
        .map(|o| (Some(o), new.iter().find(|n| n.name == o.name)))
        .collect();
    for n in new {
        if !old.iter().any(|o| o.name == n.name) {
            pairs.push((None, Some(n)));
        }
    }
    Ok(pairs)
}

fn find<'a>(path: &Path, policies: &'a [Policy], name: &str) -> Result<&'a Policy, String> {
    policies.iter().find(|p| p.name == name).ok_or_else(|| {
        let names: Vec<&str> = policies.iter().map(|p| p.name.as_str()).collect();
        format!(
            "{}: error: no policy named `{name}` (available: {})",
            path.display(),
            names.join(", ")
        )
    })
}

/// `NAME: equivalent`, or `NAME: N changes (widens)` and one line per change.
fn to_text(compared: &Compared) -> String {
    let diff = &compared.diff;
    let count = diff.changes().len();
    if count == 0 {
        return format!("{}: equivalent\n", compared.label);
    }
    let noun = if count == 1 { "change" } else { "changes" };
    let widens = if diff.widens() {
        ", widens"
    } else {
        ", does not widen"
    };
    format!("{}: {count} {noun}{widens}\n{diff}", compared.label)
}

fn to_json(compared: &[Compared], equivalent: bool, widens: bool) -> String {
    let changes: Vec<_> = compared
        .iter()
        .flat_map(|c| c.diff.changes().iter().map(move |change| (c, change)))
        .map(|(c, change)| {
            json!({
                "policy": c.name,
                "direction": change.direction.as_str(),
                "aspect": change.aspect.as_str(),
                "summary": change.summary,
                "witness": {
                    "method": change.witness.method,
                    "headers": change.witness.headers.iter().map(|(n, v)| [n, v]).collect::<Vec<_>>(),
                },
            })
        })
        .collect();
    let value = json!({
        "equivalent": equivalent,
        "widens": widens,
        "changes": changes,
    });
    serde_json::to_string_pretty(&value).unwrap_or_default()
}

/// Prints `message` to standard error; the usage/I/O exit status.
fn usage(message: &str) -> u8 {
    let _ = writeln!(std::io::stderr(), "{message}");
    EXIT_USAGE_OR_IO
}
