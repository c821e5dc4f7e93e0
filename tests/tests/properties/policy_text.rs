//! A generator of valid policy text: random policies (every statement kind,
//! named sets, `extends`) and a `test` block whose expectations hold,
//! written with random layout — statements in any order, any whitespace,
//! and comments between any two tokens, each comment unique (`c0`, `c1`, …)
//! so that a test can count them.

use proptest::prelude::*;

/// Origins no two of which overlap (never a duplicate, never covered).
const ORIGINS: &[&str] = &[
    "\"https://a.example\"",
    "\"https://b.example:8443\"",
    "\"https://*.c.example\"",
    "\"http://localhost:*\"",
    "\"https://d.example\"",
];
const METHODS: &[&str] = &["GET", "PUT", "DELETE", "PATCH", "chicken"];
const HEADERS: &[&str] = &["content-type", "x-a", "x-b", "authorization"];
const EXPOSED: &[&str] = &["x-id", "etag"];
const AGES: &[&str] = &["0", "30s", "10m", "2h"];

/// A non-empty subset of `pool`, in pool order.
fn subset(pool: &'static [&'static str]) -> impl Strategy<Value = Vec<&'static str>> {
    prop::sample::subsequence(pool, 1..=pool.len())
}

/// One policy's statements as `(name, values)`, values as tokens.
fn statements() -> impl Strategy<Value = Vec<(&'static str, Vec<&'static str>)>> {
    (
        subset(ORIGINS),
        prop::option::of(subset(METHODS)),
        prop::option::of(subset(HEADERS)),
        prop::option::of(subset(EXPOSED)),
        any::<bool>(),
        prop::option::of(prop::sample::select(AGES)),
        prop::option::of(prop::sample::select(&["200", "204"][..])),
        prop::option::of(prop::sample::select(&["respond", "forward"][..])),
    )
        .prop_map(
            |(origins, methods, headers, exposed, credentials, age, status, mode)| {
                let mut out = vec![("origins", origins)];
                out.extend(methods.map(|m| ("methods", m)));
                out.extend(headers.map(|h| ("request-headers", h)));
                out.extend(exposed.map(|e| ("expose-headers", e)));
                out.push((
                    "credentials",
                    vec![if credentials { "true" } else { "false" }],
                ));
                out.extend(age.map(|a| ("max-age", vec![a])));
                out.extend(status.map(|s| ("preflight-status", vec![s])));
                out.extend(mode.map(|m| ("preflight", vec![m])));
                out
            },
        )
}

/// An origin a browser sends that `pattern` (one of [`ORIGINS`]) matches.
fn sent_by(pattern: &str) -> String {
    pattern.replace("*.", "x.").replace(":*", ":3000")
}

/// The tokens of a text: a few sets, a `Base` policy (whose lists may use
/// them), a `Child extends Base` that replaces some statements, and a
/// `test Base` block (before or after them) whose expectations hold.
fn tokens() -> impl Strategy<Value = Vec<String>> {
    (
        statements(),
        statements(),
        prop::collection::vec(any::<bool>(), 4),
        Just(()).prop_perturb(|_, mut rng| rng.random::<u64>()),
    )
        .prop_map(|(base, child, flags, seed)| {
            let mut toks: Vec<String> = Vec::new();
            let mut push = |t: &str| toks.push(t.to_owned());
            // An origin `Base` allows, whatever its other statements: a GET
            // without headers is never preflighted.
            let allowed = sent_by(base[0].1[0]);
            let test = |push: &mut dyn FnMut(&str)| {
                for t in ["test", "Base", "{", "allow", "GET", "from", &allowed, ";"] {
                    push(t);
                }
                for t in [
                    "deny",
                    "GET",
                    "from",
                    "\"https://evil.example\"",
                    "because",
                    "origin",
                    ";",
                ] {
                    push(t);
                }
                for t in [
                    "deny",
                    "preflight",
                    "GET",
                    "from",
                    "null",
                    "because",
                    "origin",
                    ";",
                    "}",
                ] {
                    push(t);
                }
            };
            if flags[3] {
                test(&mut push);
            }
            // Sets: the origins and methods of Base, named.
            let mut base = base;
            let mut order = seed;
            let mut next = || {
                order = order
                    .wrapping_mul(6364136223846793005)
                    .wrapping_add(1442695040888963407);
                (order >> 33) as usize
            };
            if flags[0] {
                let origins = std::mem::replace(&mut base[0].1, vec!["Frontends"]);
                for t in ["set", "Frontends", "="] {
                    push(t);
                }
                for (i, o) in origins.iter().enumerate() {
                    if i > 0 {
                        push(",");
                    }
                    push(o);
                }
                push(";");
            }
            if flags[1] {
                if let Some(methods) = base.iter_mut().find(|(n, _)| *n == "methods") {
                    let listed = std::mem::replace(&mut methods.1, vec!["Verbs"]);
                    for t in ["set", "Verbs", "="] {
                        push(t);
                    }
                    for (i, m) in listed.iter().enumerate() {
                        if i > 0 {
                            push(",");
                        }
                        push(m);
                    }
                    push(";");
                }
            }
            let policy = |push: &mut dyn FnMut(&str),
                          head: &[&str],
                          mut body: Vec<(&str, Vec<&str>)>,
                          shuffle: usize| {
                if shuffle > 0 && !body.is_empty() {
                    let len = body.len();
                    body.rotate_left(shuffle % len);
                }
                for t in head {
                    push(t);
                }
                push("{");
                for (name, values) in body {
                    push(name);
                    push(":");
                    for (i, v) in values.iter().enumerate() {
                        if i > 0 {
                            push(",");
                        }
                        push(v);
                    }
                    push(";");
                }
                push("}");
            };
            let shuffle = next();
            policy(&mut push, &["///", "pub", "policy", "Base"], base, shuffle);
            // The child replaces some statements (never `origins` with
            // credentials of its own that the parent's origins could not have).
            let child: Vec<(&str, Vec<&str>)> = child
                .into_iter()
                .filter(|(name, _)| *name != "credentials")
                .enumerate()
                .filter(|(i, _)| (seed >> (i % 60)) & 1 == 1)
                .map(|(_, s)| s)
                .collect();
            let head: &[&str] = if flags[2] {
                &["policy", "Child", "extends", "Base"]
            } else {
                &["pub", "policy", "Child", "extends", "Base"]
            };
            let shuffle = next();
            policy(&mut push, head, child, shuffle);
            if !flags[3] {
                test(&mut push);
            }
            toks
        })
}

/// Joins tokens with random layout: spaces, tabs, line breaks and unique
/// comments. Returns the text and how many comments it holds.
pub fn policy_text() -> impl Strategy<Value = (String, usize)> {
    (tokens(), prop::collection::vec(0usize..9, 200)).prop_map(|(tokens, layout)| {
        let mut text = String::new();
        let mut comments = 0;
        for (i, token) in tokens.iter().enumerate() {
            if token == "///" {
                // A doc comment, on its own line.
                text.push_str(&format!("\n/// Doc c{comments}.\n"));
                comments += 1;
                continue;
            }
            if i > 0 {
                match layout[i % layout.len()] {
                    0 | 1 => text.push(' '),
                    2 => text.push('\n'),
                    3 => text.push_str("\t  "),
                    4 => text.push_str("\n\n    "),
                    5 => {
                        text.push_str(&format!(" /* c{comments} */ "));
                        comments += 1;
                    }
                    6 => {
                        text.push_str(&format!(" // c{comments}\n"));
                        comments += 1;
                    }
                    7 => {
                        text.push_str(&format!("\n// c{comments}\n\n"));
                        comments += 1;
                    }
                    _ => text.push_str("  "),
                }
            }
            text.push_str(token);
        }
        text.push('\n');
        (text, comments)
    })
}
