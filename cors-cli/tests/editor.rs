//! `editors/cors.tmLanguage.json`: valid JSON, every pattern a valid
//! regular expression, and its scopes cover the keywords, strings,
//! comments, statement names and constants of the language. The patterns
//! are run on sample text the way an editor does (at each position, the
//! earliest match wins; on a tie, the first pattern).

use std::path::Path;

use regex::{Regex, RegexBuilder};
use serde_json::Value;

fn grammar() -> Value {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("../editors/cors.tmLanguage.json");
    let text = std::fs::read_to_string(&path).expect("editors/cors.tmLanguage.json");
    serde_json::from_str(&text).expect("the grammar is valid JSON")
}

/// A rule: a single-line `match` with its scopes, or a `begin`/`end` region.
enum Rule {
    Match {
        regex: Regex,
        name: Option<String>,
        captures: Vec<(usize, String)>,
    },
    Region {
        begin: Regex,
        end: Regex,
        name: String,
        inner: Vec<Rule>,
    },
}

/// The top-level rules, `include`s followed, in order.
fn rules(grammar: &Value, patterns: &Value, out: &mut Vec<Rule>) {
    for pattern in patterns.as_array().expect("patterns is an array") {
        if let Some(include) = pattern.get("include").and_then(Value::as_str) {
            let key = include.strip_prefix('#').expect("a repository include");
            let entry = &grammar["repository"][key];
            assert!(!entry.is_null(), "unknown include {include}");
            if entry.get("patterns").is_some() && entry.get("begin").is_none() {
                rules(grammar, &entry["patterns"], out);
            } else {
                rules(grammar, &Value::Array(vec![entry.clone()]), out);
            }
            continue;
        }
        let name = pattern
            .get("name")
            .and_then(Value::as_str)
            .map(str::to_owned);
        let compile = |key: &str| {
            let source = pattern[key].as_str().expect("a pattern string");
            // Editors match line by line: `$` is the end of a line.
            RegexBuilder::new(source)
                .multi_line(true)
                .build()
                .unwrap_or_else(|e| panic!("{key} {source:?}: {e}"))
        };
        if pattern.get("begin").is_some() {
            let mut inner = Vec::new();
            if let Some(patterns) = pattern.get("patterns") {
                // A region including itself (nested comments) is followed one level deep.
                let nested: Vec<Value> = patterns
                    .as_array()
                    .expect("patterns")
                    .iter()
                    .filter(|p| p.get("include").is_none())
                    .cloned()
                    .collect();
                rules(grammar, &Value::Array(nested), &mut inner);
                if patterns
                    .as_array()
                    .expect("patterns")
                    .iter()
                    .any(|p| p.get("include").is_some())
                {
                    let mut itself = pattern.clone();
                    itself.as_object_mut().expect("object").remove("patterns");
                    rules(grammar, &Value::Array(vec![itself]), &mut inner);
                }
            }
            out.push(Rule::Region {
                begin: compile("begin"),
                end: compile("end"),
                name: name.expect("a region has a name"),
                inner,
            });
        } else {
            let captures = pattern
                .get("captures")
                .and_then(Value::as_object)
                .map(|c| {
                    c.iter()
                        .map(|(i, v)| {
                            (
                                i.parse().expect("capture index"),
                                v["name"].as_str().expect("name").to_owned(),
                            )
                        })
                        .collect()
                })
                .unwrap_or_default();
            out.push(Rule::Match {
                regex: compile("match"),
                name,
                captures,
            });
        }
    }
}

/// The scope of every byte of `text`.
fn scopes(rules: &[Rule], text: &str) -> Vec<String> {
    let mut out = vec![String::new(); text.len()];
    run(rules, None, text, 0, &mut out);
    out
}

/// Applies `rules` from `at` on, until `end` matches (inside a region) or
/// the text ends; returns where it stopped.
fn run(
    rules: &[Rule],
    end: Option<&Regex>,
    text: &str,
    mut at: usize,
    out: &mut [String],
) -> usize {
    while at < text.len() {
        let closing = end.and_then(|e| e.find_at(text, at));
        let best = rules
            .iter()
            .enumerate()
            .filter_map(|(i, rule)| {
                let found = match rule {
                    Rule::Match { regex, .. } => regex.find_at(text, at),
                    Rule::Region { begin, .. } => begin.find_at(text, at),
                };
                found.map(|m| (m.start(), i))
            })
            .min();
        if let Some(close) = closing {
            if best.is_none_or(|(start, _)| close.start() <= start) {
                return close.end();
            }
        }
        let Some((start, index)) = best else {
            return text.len();
        };
        at = match &rules[index] {
            Rule::Match {
                regex,
                name,
                captures,
            } => {
                let caps = regex.captures_at(text, start).expect("matched");
                let whole = caps.get(0).expect("whole match");
                if let Some(name) = name {
                    out[whole.range()].fill(name.clone());
                }
                for (i, scope) in captures {
                    if let Some(m) = caps.get(*i) {
                        out[m.range()].fill(scope.clone());
                    }
                }
                whole.end().max(start + 1)
            }
            Rule::Region {
                begin,
                end,
                name,
                inner,
            } => {
                let opened = begin.find_at(text, start).expect("matched").end();
                let mut scoped = vec![String::new(); text.len()];
                let closed = run(inner, Some(end), text, opened, &mut scoped);
                for i in start..closed {
                    out[i] = if scoped[i].is_empty() {
                        name.clone()
                    } else {
                        scoped[i].clone()
                    };
                }
                closed
            }
        };
    }
    text.len()
}

const SAMPLE: &str = r#"/// The public API.
pub(crate) policy Api {
    origins: Frontends, "https://*.example.org", "http://a\u{FC}.example";
    methods: GET, POST, PATCH, *;
    request-headers: *, authorization;
    expose-headers: x-request-id;
    credentials: true;
    max-age: 10m;
    private-network: false;
    preflight-status: 204;
    preflight: forward;
    websocket: check-origin;
    dangerously-allow: null-origin, insecure-origins;
}
// A comment. /* not a block */
/* A block /* nested */ comment */
set Frontends = "https://app.example.com", null;
include "shared.cors";
policy Admin extends Api {}
"#;

/// The scope at the first occurrence of `needle` (at its `offset`-th byte).
fn scope_at(scopes: &[String], needle: &str, nth: usize) -> String {
    let start = SAMPLE
        .match_indices(needle)
        .nth(nth)
        .unwrap_or_else(|| panic!("{needle:?} in the sample"))
        .0;
    scopes[start].clone()
}

#[test]
fn the_grammar_parses_and_its_scopes_cover_the_language() {
    let grammar = grammar();
    assert_eq!(grammar["scopeName"], "source.cors");
    assert_eq!(grammar["fileTypes"][0], "cors");
    let mut list = Vec::new();
    rules(&grammar, &grammar["patterns"], &mut list);
    let scopes = scopes(&list, SAMPLE);
    let expect = |needle: &str, nth: usize, prefix: &str| {
        let scope = scope_at(&scopes, needle, nth);
        assert!(
            scope.starts_with(prefix),
            "{needle:?} (#{nth}) has scope {scope:?}, expected {prefix}…"
        );
    };
    // Keywords.
    expect("pub(", 0, "storage.modifier");
    expect("crate", 0, "storage.modifier");
    expect("policy", 0, "keyword.declaration");
    expect("set", 0, "keyword.declaration");
    expect("include", 0, "keyword.control");
    expect("extends", 0, "keyword.other");
    // Names.
    expect("Api", 0, "entity.name.type.policy");
    expect("Frontends", 1, "entity.name.type.set");
    expect("Frontends", 0, "variable.other.set");
    expect("Api", 1, "entity.other.inherited-class");
    // Statement names: every one of them.
    for statement in [
        "origins",
        "methods",
        "request-headers",
        "expose-headers",
        "credentials",
        "max-age",
        "private-network",
        "preflight-status",
        "preflight:",
        "websocket",
        "dangerously-allow",
    ] {
        expect(statement, 0, "support.type.property-name");
    }
    // Strings, with their escapes.
    expect("\"https://*.example.org\"", 0, "string.quoted.double");
    expect("\\u{FC}", 0, "constant.character.escape");
    expect("\"shared.cors\"", 0, "string.quoted.double");
    // Comments.
    expect("/// The public API.", 0, "comment.line.documentation");
    expect("// A comment.", 0, "comment.line.double-slash");
    expect("/* not a block */", 0, "comment.line.double-slash");
    expect("/* A block", 0, "comment.block");
    expect("comment */", 0, "comment.block");
    // Constants.
    expect("true", 0, "constant.language.boolean");
    expect("null-origin", 0, "constant.language.opt-in");
    expect("null;", 0, "constant.language.null");
    expect("10m", 0, "constant.numeric");
    expect("forward", 0, "constant.language");
    expect("*, authorization", 0, "constant.language.wildcard");
    expect("GET", 0, "support.constant.method");
    // Header names stay plain text.
    expect("x-request-id", 0, "");
    assert_eq!(scope_at(&scopes, "x-request-id", 0), "");
}

/// The problem matcher of `editors/README.md`, on real `cors check` output.
#[test]
fn the_documented_problem_matcher_reads_cors_check_output() {
    let readme =
        std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("../editors/README.md"))
            .expect("editors/README.md");
    let block = readme
        .split("```json\n")
        .skip(1)
        .map(|rest| rest.split("\n```").next().expect("closed block"))
        .find(|block| block.contains("problemMatcher"))
        .expect("a tasks.json with a problemMatcher");
    let tasks: Value = serde_json::from_str(block).expect("tasks.json is valid JSON");
    let pattern = &tasks["tasks"][0]["problemMatcher"]["pattern"];
    let regex = Regex::new(pattern["regexp"].as_str().expect("regexp")).expect("a valid regexp");
    let group = |name: &str| pattern[name].as_u64().expect("group index") as usize;

    let dir = std::env::temp_dir().join(format!("cors-cli-editor-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("temp dir");
    let file = dir.join("api.cors");
    std::fs::write(
        &file,
        "set Legacy = GET;\n\npolicy Api {\n    origins: \"https://a.example/\";\n}\n",
    )
    .expect("write");
    let file = file.display().to_string();
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_cors"))
        .args(["check", &file])
        .output()
        .expect("run cors");
    let stdout = String::from_utf8_lossy(&out.stdout);
    let found: Vec<(String, String, String, String)> = stdout
        .lines()
        .filter_map(|line| regex.captures(line))
        .map(|c| {
            let at = |name: &str| c.get(group(name)).map_or("", |m| m.as_str()).to_owned();
            (
                at("file"),
                format!("{}:{}", at("line"), at("column")),
                at("severity"),
                at("message"),
            )
        })
        .collect();
    assert_eq!(found.len(), 2, "{stdout}");
    assert_eq!(found[0].0, file);
    assert_eq!(
        (found[0].1.as_str(), found[0].2.as_str()),
        ("4:14", "error")
    );
    assert!(found[0].3.contains("ends with \"/\""), "{found:?}");
    assert_eq!(
        (found[1].1.as_str(), found[1].2.as_str()),
        ("1:5", "warning")
    );
    assert_eq!(found[1].3, "set `Legacy` is never used");
    let _ = std::fs::remove_dir_all(dir);
}
