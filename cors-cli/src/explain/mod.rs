//! `cors explain FILE [--policy NAME] --method M [--header 'Name: value']... [--json]`.
//!
//! Every verdict comes from the real decision core (`cors_core::decide`)
//! running the policy's plan through the interpreter (`cors_core::Interpreted`,
//! the engine of run-time policies): the status and headers printed are
//! exactly what the middleware sends. The *why* of each check (for a
//! refused origin, the nearest allowed entry and what differs) comes from
//! `cors_dsl::explain`, the same words policy tests use.
//!
//! | file | concern |
//! |---|---|
//! | `mod.rs` | arguments, reading the policy, exit codes |
//! | `checks.rs` | the decision, classified and explained check by check, and what a browser concludes |
//! | `render.rs` | the explanation as text or JSON |

mod checks;
mod render;

use std::io::Write;
use std::path::PathBuf;

use clap::Args;
use cors_core::Interpreted;
use cors_dsl::{compile_file, LoadError};
use http::{HeaderMap, HeaderName, HeaderValue, Method};

use crate::{EXIT_INVALID, EXIT_OK, EXIT_USAGE_OR_IO};

/// Arguments of `cors explain`.
#[derive(Debug, Args)]
pub(crate) struct ExplainArgs {
    /// The policy file.
    #[arg(value_name = "FILE")]
    file: PathBuf,
    /// The policy to apply (required when the file declares several).
    #[arg(long, value_name = "NAME")]
    policy: Option<String>,
    /// The request method, exactly as sent (e.g. OPTIONS for a preflight).
    #[arg(long, value_name = "METHOD")]
    method: String,
    /// A request header, `Name: value`. Repeat the option for several
    /// headers, or for several fields of one header.
    #[arg(long = "header", short = 'H', value_name = "NAME: VALUE")]
    headers: Vec<String>,
    /// Print the explanation as JSON.
    #[arg(long)]
    json: bool,
}

/// Explains one request; returns the exit status.
pub(crate) fn run(args: &ExplainArgs) -> u8 {
    let stdout = std::io::stdout();
    let mut out = stdout.lock();
    let compiled = match compile_file(&args.file) {
        Ok(compiled) => compiled,
        Err(LoadError::Invalid(report)) => {
            // The same output as `cors check`.
            let count = report.diagnostics.len();
            let noun = if count == 1 { "error" } else { "errors" };
            let _ = write!(out, "{report}");
            let _ = writeln!(out, "\n{}: {count} {noun}", args.file.display());
            return EXIT_INVALID;
        }
        Err(error @ LoadError::Io { .. }) => return usage(&error.to_string()),
    };
    let names: Vec<&str> = compiled.policies.iter().map(|p| p.name.as_str()).collect();
    let model = match (&args.policy, compiled.policies.as_slice()) {
        (None, [only]) => only,
        (None, _) => {
            return usage(&format!(
                "{}: error: the file declares {} policies; choose one with --policy ({})",
                args.file.display(),
                names.len(),
                names.join(", ")
            ))
        }
        (Some(name), policies) => match policies.iter().find(|p| &p.name == name) {
            Some(model) => model,
            None => {
                return usage(&format!(
                    "{}: error: no policy named `{name}` (available: {})",
                    args.file.display(),
                    names.join(", ")
                ))
            }
        },
    };
    let Ok(method) = Method::from_bytes(args.method.as_bytes()) else {
        return usage(&format!(
            "error: invalid method {:?}: a method is an HTTP token such as GET or OPTIONS",
            args.method
        ));
    };
    let mut headers = HeaderMap::new();
    for header in &args.headers {
        match parse_header(header) {
            Ok((name, value)) => {
                headers.append(name, value);
            }
            Err(message) => return usage(&message),
        }
    }

    let policy = match Interpreted::new(cors_dsl::lower::plan(model)) {
        Ok(policy) => policy,
        // A validated policy always lowers to a valid plan.
        Err(error) => {
            return usage(&format!(
                "{}: error: policy `{}`: {error}",
                args.file.display(),
                model.name
            ))
        }
    };
    let explanation = checks::explain(&policy, &method, &headers);
    let file = args.file.display().to_string();
    if args.json {
        let value = render::json(&explanation, &file, &policy, &method, &headers);
        let _ = writeln!(
            out,
            "{}",
            serde_json::to_string_pretty(&value).unwrap_or_default()
        );
    } else {
        let _ = write!(
            out,
            "{}",
            render::text(&explanation, &file, &policy, &method, &headers)
        );
    }
    let _ = out.flush();
    EXIT_OK
}

fn usage(message: &str) -> u8 {
    let _ = writeln!(std::io::stderr(), "{message}");
    EXIT_USAGE_OR_IO
}

/// `Name: value` → a header field (value trimmed of spaces and tabs).
fn parse_header(text: &str) -> Result<(HeaderName, HeaderValue), String> {
    let Some((name, value)) = text.split_once(':') else {
        return Err(format!(
            "error: invalid --header {text:?}: write it as 'Name: value'"
        ));
    };
    let name = HeaderName::from_bytes(name.trim().as_bytes())
        .map_err(|_| format!("error: invalid header name {:?}", name.trim()))?;
    let value = HeaderValue::from_bytes(value.trim_matches([' ', '\t']).as_bytes())
        .map_err(|_| format!("error: invalid value for header {name}: {value:?}"))?;
    Ok((name, value))
}
