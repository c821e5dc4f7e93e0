//! `docs/errors.md` stays true: every entry's example, compiled as
//! `example.cors` (includes resolved in `tests/corpus/include/`), produces a
//! diagnostic (an error, or for `unused-set` a warning of a text that
//! compiles) with the entry's code, message and hint, and every code the
//! crate knows has an entry. `CATALOGUE=overwrite cargo test -p cors-dsl --test
//! catalogue` rewrites the message and hint lines after an intended change
//! (review the diff).
//!
//! An example too long to show writes `«abc×N»` for N copies of `abc`. The
//! `include-without-base` example is compiled without a base folder.

use std::path::{Path, PathBuf};

struct Entry {
    code: String,
    example: String,
    message_line: usize,
    hint_line: Option<usize>,
}

/// Expands every `«text×N»` into N copies of `text`.
fn expand(example: &str) -> String {
    let mut out = String::new();
    let mut rest = example;
    while let Some(start) = rest.find('«') {
        out.push_str(&rest[..start]);
        let end = rest[start..].find('»').expect("closed «…»") + start;
        let (text, count) = rest[start + '«'.len_utf8()..end]
            .rsplit_once('×')
            .expect("«text×N»");
        out.push_str(&text.repeat(count.parse().expect("a count")));
        rest = &rest[end + '»'.len_utf8()..];
    }
    out.push_str(rest);
    out
}

fn repo() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("..")
}

fn entries(lines: &[&str]) -> Vec<Entry> {
    let mut entries = Vec::new();
    let mut i = 0;
    while i < lines.len() {
        let Some(code) = lines[i]
            .strip_prefix("### `")
            .and_then(|rest| rest.strip_suffix('`'))
        else {
            i += 1;
            continue;
        };
        let mut example = None;
        let (mut message_line, mut hint_line) = (None, None);
        i += 1;
        while i < lines.len() && !lines[i].starts_with("### ") && !lines[i].starts_with("## ") {
            if lines[i] == "```text" && example.is_none() {
                let start = i + 1;
                let end = start
                    + lines[start..]
                        .iter()
                        .position(|l| *l == "```")
                        .expect("closed block");
                example = Some(lines[start..end].join("\n"));
                i = end;
            } else if lines[i].starts_with("- message: ") {
                message_line = Some(i);
            } else if lines[i].starts_with("- hint: ") {
                hint_line = Some(i);
            }
            i += 1;
        }
        entries.push(Entry {
            code: code.to_owned(),
            example: example.unwrap_or_else(|| panic!("`{code}` has no example")),
            message_line: message_line.unwrap_or_else(|| panic!("`{code}` has no message")),
            hint_line,
        });
    }
    entries
}

#[test]
fn catalogue_matches_the_diagnostics() {
    let path = repo().join("docs/errors.md");
    let text = std::fs::read_to_string(&path).expect("docs/errors.md");
    let mut lines: Vec<String> = text.lines().map(str::to_owned).collect();
    let borrowed: Vec<&str> = text.lines().collect();
    let entries = entries(&borrowed);
    let base = repo().join("tests/corpus/include");
    let overwrite = std::env::var("CATALOGUE").as_deref() == Ok("overwrite");

    let mut problems = Vec::new();
    for entry in &entries {
        let base = (entry.code != "include-without-base").then_some(base.as_path());
        // A warning's example compiles; an error's does not.
        let found = match cors_dsl::compile_str("example.cors", &expand(&entry.example), base) {
            Ok(compiled) => compiled.warnings,
            Err(report) => report.diagnostics,
        };
        let Some(diagnostic) = found.iter().find(|d| d.code == entry.code) else {
            let codes: Vec<&str> = found.iter().map(|d| d.code).collect();
            problems.push(format!("`{}`: the example gives {codes:?}", entry.code));
            continue;
        };
        let message = format!("- message: {}", diagnostic.message);
        let hint = diagnostic.hint.as_ref().map(|h| format!("- hint: {h}"));
        if lines[entry.message_line] != message {
            problems.push(format!(
                "`{}`:\n  documented {}\n  actual     {message}",
                entry.code, lines[entry.message_line]
            ));
            lines[entry.message_line] = message;
        }
        match (entry.hint_line, hint) {
            (Some(line), Some(hint)) if lines[line] != hint => {
                problems.push(format!(
                    "`{}`:\n  documented {}\n  actual     {hint}",
                    entry.code, lines[line]
                ));
                lines[line] = hint;
            }
            (None, Some(hint)) => {
                problems.push(format!("`{}`: undocumented hint {hint}", entry.code))
            }
            (Some(_), None) => {
                problems.push(format!("`{}`: documented hint, none given", entry.code))
            }
            _ => {}
        }
    }

    let documented: Vec<&str> = entries.iter().map(|e| e.code.as_str()).collect();
    let known = cors_dsl::codes::CODES.iter().map(|(code, _)| *code).chain(
        cors_dsl::origin::ERROR_CODES
            .iter()
            .map(|(code, _, _)| *code),
    );
    for code in known {
        if !documented.contains(&code) {
            problems.push(format!("`{code}` has no entry in docs/errors.md"));
        }
    }

    if overwrite && !problems.is_empty() {
        std::fs::write(&path, lines.join("\n") + "\n").expect("rewrite docs/errors.md");
    }
    assert!(
        problems.is_empty(),
        "docs/errors.md is stale:\n{}",
        problems.join("\n")
    );
}
