//! Is a domain name a public suffix (`com`, `co.uk`, `github.io`)?
//!
//! The rules are those of the Public Suffix List (ICANN and private
//! sections), kept as three sorted tables in [`list`] (generated, checked in:
//! a table builds in a fraction of the time a generated `match` takes, and
//! is all this question needs). `cors-dsl/tests/public_suffix_list.rs`
//! regenerates the tables and checks every rule's answer against the `psl`
//! crate.

#[rustfmt::skip]
mod list;

/// `name` (ASCII, lowercase, punycode, no trailing dot) is exactly a public
/// suffix: a listed rule, or one label under a `*.` rule, and not an
/// exception (`!`) rule. A name no rule lists is not one (the list's
/// implicit `*` rule does not count: `*.corp` is not refused).
pub(super) fn is_public_suffix(name: &str) -> bool {
    if listed(list::EXCEPTIONS, name) {
        return false;
    }
    listed(list::SUFFIXES, name)
        || name
            .split_once('.')
            .is_some_and(|(_, parent)| listed(list::WILDCARDS, parent))
}

fn listed(table: &[&str], name: &str) -> bool {
    table.binary_search(&name).is_ok()
}
