//! `cors fmt` on generated policies (`properties/policy_text.rs`: every
//! statement kind, sets, `extends`, a `test` block, random layout and
//! comments): the output is accepted by the formatter's own checks,
//! formatting it again changes nothing, it validates, every policy lowers to
//! the same plan, every expectation still holds, and every comment survives.

#[path = "properties/policy_text.rs"]
mod policy_text;

use cors_dsl::fmt::{format, format_checked};
use cors_dsl::lower::plan;
use proptest::prelude::*;

fn config() -> ProptestConfig {
    ProptestConfig {
        cases: 256,
        failure_persistence: None,
        ..ProptestConfig::default()
    }
}

proptest! {
    #![proptest_config(config())]

    #[test]
    fn formatting_keeps_the_meaning_and_every_comment((text, comments) in policy_text::policy_text()) {
        let original = cors_dsl::compile_str("gen.cors", &text, None)
            .unwrap_or_else(|r| panic!("the generator must write valid policies:\n{text}\n{r}"));
        let formatted = format_checked("gen.cors", &text, None)
            .unwrap_or_else(|e| panic!("{e}\n{text}"));
        prop_assert_eq!(format(&formatted).unwrap(), formatted.clone(), "not idempotent");
        let after = cors_dsl::compile_str("gen.cors", &formatted, None)
            .unwrap_or_else(|r| panic!("the output does not validate:\n{formatted}\n{r}"));
        let plans = |c: &cors_dsl::Compiled| c.policies.iter().map(plan).collect::<Vec<_>>();
        prop_assert_eq!(plans(&after), plans(&original));
        let held = |c: &cors_dsl::Compiled| c.tests.iter().map(|t| (t.policy.clone(), t.passed)).collect::<Vec<_>>();
        prop_assert_eq!(held(&after), held(&original));
        prop_assert_eq!(held(&after), vec![("Base".to_owned(), 3)]);
        for n in 0..comments {
            let marker = format!("c{n}");
            let count = |t: &str| {
                t.match_indices(&marker)
                    .filter(|(i, _)| !t[i + marker.len()..].starts_with(|c: char| c.is_ascii_digit()))
                    .count()
            };
            prop_assert_eq!(count(&formatted), count(&text), "comment {} in\n{}\n---\n{}", marker, text, formatted);
        }
        // The layout: no trailing whitespace, four-space indents, one blank
        // line at most in a row.
        prop_assert!(!formatted.lines().any(|l| l.ends_with(' ') || l.ends_with('\t')));
        prop_assert!(!formatted.contains("\n\n\n"));
        prop_assert!(formatted.lines().all(|l| !l.starts_with(' ') || l.starts_with("    ") && !l.starts_with("     ")));
    }
}
