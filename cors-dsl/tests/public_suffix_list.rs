//! The public-suffix tables (`src/origin/public_suffix/list.rs`) are
//! generated from the Public Suffix List that the `psl` crate ships
//! (`data/rules.txt` of the version in the lock file) and checked in, so
//! that users build a sorted table instead of `psl`'s generated `match`.
//!
//! Two checks: the checked-in file is what the generator makes of that
//! list today (`CORS_REGENERATE_PSL=1` rewrites it instead), and for every
//! rule of the list — and the names just above, below and beside it — the
//! language's answer ("`*.name` is a wildcard over a public suffix") is the
//! `psl` crate's (`name` is a known suffix, and all of it).

use std::collections::BTreeSet;
use std::path::Path;

use cors_dsl::origin::parse_origin;

#[path = "support/metadata.rs"]
mod metadata;

/// The list's rules, split by kind, in ASCII (punycode) and sorted.
#[derive(Default)]
struct Rules {
    /// Plain rules: `co.uk`.
    suffixes: BTreeSet<String>,
    /// What follows `*.` in wildcard rules: `ck` for `*.ck`.
    wildcards: BTreeSet<String>,
    /// What follows `!` in exception rules: `www.ck`.
    exceptions: BTreeSet<String>,
}

fn read_rules(text: &str) -> Rules {
    let mut rules = Rules::default();
    for line in text.lines().map(str::trim) {
        if line.is_empty() || line.starts_with("//") {
            continue;
        }
        let ascii = |name: &str| {
            let converted = idna::domain_to_ascii(name)
                .unwrap_or_else(|e| panic!("the rule {line:?} is not a domain name: {e:?}"));
            assert!(!converted.contains('*'), "a wildcard inside {line:?}");
            converted
        };
        if let Some(name) = line.strip_prefix('!') {
            rules.exceptions.insert(ascii(name));
        } else if let Some(name) = line.strip_prefix("*.") {
            rules.wildcards.insert(ascii(name));
        } else {
            rules.suffixes.insert(ascii(line));
        }
    }
    rules
}

fn generate(version: &str, rules: &Rules) -> String {
    let mut out = format!(
        "\
// @generated from the Public Suffix List (https://publicsuffix.org/list/) as
// shipped in the psl crate {version} (data/rules.txt); do not edit.
// Regenerate: CORS_REGENERATE_PSL=1 cargo test -p cors-dsl --test public_suffix_list
//
// The list's data: This Source Code Form is subject to the terms of the
// Mozilla Public License, v. 2.0. If a copy of the MPL was not distributed
// with this file, You can obtain one at https://mozilla.org/MPL/2.0/.

//! The Public Suffix List's rules in ASCII (punycode), sorted by bytes.
"
    );
    let tables = [
        ("SUFFIXES", "Plain rules (`co.uk`).", &rules.suffixes),
        (
            "WILDCARDS",
            "The names after `*.` of wildcard rules (`ck` for `*.ck`).",
            &rules.wildcards,
        ),
        (
            "EXCEPTIONS",
            "The names after `!` of exception rules (`www.ck`).",
            &rules.exceptions,
        ),
    ];
    for (name, doc, table) in tables {
        out.push_str(&format!(
            "\n/// {doc}\npub(super) static {name}: &[&str] = &[\n"
        ));
        for rule in table {
            out.push_str(&format!("    {rule:?},\n"));
        }
        out.push_str("];\n");
    }
    out
}

fn rules_and_version() -> (String, Rules) {
    let (version, folder) = metadata::package("psl");
    let path = folder.join("data/rules.txt");
    let text =
        std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("read {}: {e}", path.display()));
    (version, read_rules(&text))
}

#[test]
fn checked_in_tables_match_the_list() {
    let (version, rules) = rules_and_version();
    assert!(rules.suffixes.len() > 9_000, "the list looks truncated");
    let expected = generate(&version, &rules);
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("src/origin/public_suffix/list.rs");
    if std::env::var_os("CORS_REGENERATE_PSL").is_some() {
        std::fs::write(&path, &expected).expect("write the tables");
        return;
    }
    let found = std::fs::read_to_string(&path).expect("read the checked-in tables");
    assert!(
        found == expected,
        "{} is not what the generator makes of psl {version}'s list; rerun with \
         CORS_REGENERATE_PSL=1 cargo test -p cors-dsl --test public_suffix_list",
        path.display()
    );
}

/// What the list's algorithm (publicsuffix.org/list, "Formal Algorithm")
/// says, written as plainly as it reads: of the rules matching `name`, an
/// exception rule prevails, else the one with the most labels; `name` is a
/// public suffix when the prevailing rule is a listed one (not the implicit
/// `*`) and the suffix it gives is all of `name`.
fn list_says(rules: &Rules, name: &str) -> bool {
    let labels: Vec<&str> = name.split('.').collect();
    let n = labels.len();
    let (mut longest, mut exception) = (None, None);
    for k in 1..=n {
        let candidate = labels[n - k..].join(".");
        let under_wildcard = k >= 2 && rules.wildcards.contains(&labels[n - k + 1..].join("."));
        if rules.suffixes.contains(&candidate) || under_wildcard {
            longest = Some(k);
        }
        if rules.exceptions.contains(&candidate) {
            exception = Some(k);
        }
    }
    // An exception rule's suffix is the rule without its leftmost label.
    let suffix_labels = exception.map(|k| k - 1).or(longest);
    suffix_labels == Some(n)
}

/// What the `psl` crate's lookup says: `name` is a known suffix, all of it.
fn psl_says(name: &str) -> bool {
    psl::suffix(name.as_bytes()).is_some_and(|s| s.is_known() && s.as_bytes() == name.as_bytes())
}

/// What the language says, through its public API.
fn we_say(name: &str) -> bool {
    let origin = format!("https://*.{name}");
    let parsed = parse_origin(&origin).unwrap_or_else(|e| panic!("{origin}: {}", e.message));
    parsed.public_suffix_wildcard().is_some()
}

/// Every rule, and the names just above, below and beside it.
fn names_near_rules(rules: &Rules) -> BTreeSet<String> {
    let mut names = BTreeSet::new();
    let all = rules
        .suffixes
        .iter()
        .chain(&rules.wildcards)
        .chain(&rules.exceptions);
    for rule in all {
        names.insert(rule.clone());
        // Below it: a name under a plain rule, the one label a wildcard
        // covers, a name under an exception.
        names.insert(format!("sub.{rule}"));
        names.insert(format!("a.b.{rule}"));
        // Above it: every parent.
        let mut rest = rule.as_str();
        while let Some((_, parent)) = rest.split_once('.') {
            names.insert(parent.to_string());
            rest = parent;
        }
    }
    names.extend(["notarealtld", "example.notarealtld", "corp", "localhost"].map(String::from));
    names
}

#[test]
fn every_rule_answers_as_the_list_algorithm_does() {
    let (_, rules) = rules_and_version();
    let names = names_near_rules(&rules);
    let mut differences = Vec::new();
    let mut public = 0;
    for name in &names {
        let (ours, list) = (we_say(name), list_says(&rules, name));
        public += usize::from(list);
        if ours != list {
            differences.push(format!("{name}: ours {ours}, the list's algorithm {list}"));
        }
    }
    assert!(
        public > 9_000,
        "only {public} public suffixes among {} names",
        names.len()
    );
    assert!(
        differences.is_empty(),
        "{} of {} names differ:\n{}",
        differences.len(),
        names.len(),
        differences.join("\n")
    );
}

/// A second opinion: the `psl` crate agrees on every name but those where a
/// wildcard rule covers the name and another wildcard rule sits right under
/// it (`*.r.cloud.int.apple` and `*.us-east-1.r.cloud.int.apple`): its trie
/// then answers for the deeper rule only, and says
/// `us-east-1.r.cloud.int.apple` is no public suffix, where the list's
/// algorithm (and so the language) says it is one.
#[test]
fn the_psl_crate_differs_only_under_nested_wildcards() {
    let (_, rules) = rules_and_version();
    let mut nested = 0;
    for name in names_near_rules(&rules) {
        let (ours, psl) = (we_say(&name), psl_says(&name));
        if ours == psl {
            continue;
        }
        let parent = name.split_once('.').map(|(_, p)| p);
        let explained = ours
            && !psl
            && parent.is_some_and(|p| rules.wildcards.contains(p))
            && rules.wildcards.contains(&name);
        assert!(explained, "{name}: ours {ours}, psl {psl}");
        nested += 1;
    }
    assert!(nested < 100, "{nested} differences: psl changed its rules");
}
