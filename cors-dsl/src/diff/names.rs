//! Methods, request headers and exposed headers compared as sets of names.
//!
//! Each statement allows a set of names: a list, or every name (`*`, with
//! `authorization` set apart under `request-headers: *`). Names that no
//! list writes are all treated alike, so comparing the names either side
//! writes, `authorization`, and one fresh name (standing for every other
//! name) finds every difference.

use std::collections::BTreeSet;

use cors_core::grammar::{is_safelisted_method, SAFELISTED_RESPONSE_HEADERS};
use cors_core::plan::{MethodsPlan, Plan, RequestHeadersPlan, EXPOSE_ANY, LIST_SEPARATOR};

/// `authorization`, which `request-headers: *` does not cover.
pub(super) const AUTHORIZATION: &str = "authorization";

/// Methods tried, in order, as the fresh method.
const FRESH_METHODS: [&str; 6] = ["PATCH", "PUT", "DELETE", "PURGE", "PROPFIND", "REPORT"];
/// Header names tried, in order, as the fresh request header.
const FRESH_REQUEST_HEADERS: [&str; 3] = ["x-custom-header", "x-requested-with", "x-csrf-token"];
/// Header names tried, in order, as the fresh exposed header.
const FRESH_EXPOSE_HEADERS: [&str; 3] = ["x-custom-header", "x-request-id", "etag"];

/// The names one statement allows.
#[derive(Clone, Debug)]
pub(super) struct Names<'p> {
    /// Every name (but `authorization` unless `authorization`).
    any: bool,
    /// Under `any`: whether `authorization` is allowed too.
    authorization: bool,
    /// The names written, without those that are always allowed, in order.
    listed: Vec<&'p str>,
}

impl<'p> Names<'p> {
    /// The non-safelisted methods `plan` allows.
    pub(super) fn methods(plan: &'p Plan) -> Names<'p> {
        match &plan.methods {
            MethodsPlan::Any => Names::every(true),
            MethodsPlan::Listed(list) => Names::listed(
                list.iter()
                    .map(String::as_str)
                    .filter(|m| !is_safelisted_method(m.as_bytes())),
            ),
        }
    }

    /// The request header names `plan` allows.
    pub(super) fn request_headers(plan: &'p Plan) -> Names<'p> {
        match &plan.request_headers {
            RequestHeadersPlan::Any { authorization } => Names::every(*authorization),
            RequestHeadersPlan::Listed { names, .. } => {
                Names::listed(names.iter().map(String::as_str))
            }
        }
    }

    /// The response header names `plan` exposes beyond the safelisted ones.
    pub(super) fn expose_headers(plan: &'p Plan) -> Names<'p> {
        match plan.expose_headers.as_deref() {
            Some(EXPOSE_ANY) => Names::every(true),
            Some(joined) => Names::listed(
                joined
                    .split(LIST_SEPARATOR)
                    .filter(|n| !SAFELISTED_RESPONSE_HEADERS.contains(n)),
            ),
            None => Names::listed(std::iter::empty()),
        }
    }

    fn every(authorization: bool) -> Names<'p> {
        Names {
            any: true,
            authorization,
            listed: Vec::new(),
        }
    }

    fn listed(names: impl Iterator<Item = &'p str>) -> Names<'p> {
        Names {
            any: false,
            authorization: false,
            listed: names.collect(),
        }
    }

    /// Whether `name` is allowed.
    pub(super) fn allows(&self, name: &str) -> bool {
        if self.any {
            self.authorization || name != AUTHORIZATION
        } else {
            self.listed.contains(&name)
        }
    }

    /// `*`.
    pub(super) fn is_any(&self) -> bool {
        self.any
    }
}

/// One name allowed by one side only.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(super) struct NameChange {
    /// The name.
    pub(super) name: String,
    /// It stands for every name no list writes (one side is `*`).
    pub(super) fresh: bool,
    /// The new side allows it (the old one does not).
    pub(super) widen: bool,
}

/// Which kind of names are compared (for the fresh name).
#[derive(Clone, Copy, Debug)]
pub(super) enum Kind {
    Methods,
    RequestHeaders,
    ExposeHeaders,
}

/// Every name one side allows and the other does not: the names written
/// (the new side's first, each in the order written), `authorization`,
/// then a fresh name for all the others.
pub(super) fn compare(old: &Names<'_>, new: &Names<'_>, kind: Kind) -> Vec<NameChange> {
    let mut seen = BTreeSet::new();
    let mut changes = Vec::new();
    let written = new.listed.iter().chain(&old.listed).copied();
    let authorization = matches!(kind, Kind::RequestHeaders).then_some(AUTHORIZATION);
    for name in written.chain(authorization) {
        if !seen.insert(name) {
            continue;
        }
        let (was, is) = (old.allows(name), new.allows(name));
        if was != is {
            changes.push(NameChange {
                name: name.to_owned(),
                fresh: false,
                widen: is,
            });
        }
    }
    if old.any != new.any {
        let name = fresh(kind, &seen);
        changes.push(NameChange {
            widen: new.allows(&name),
            name,
            fresh: true,
        });
    }
    changes
}

/// A name of `kind` no list writes (and not `authorization`).
fn fresh(kind: Kind, written: &BTreeSet<&str>) -> String {
    let (preferred, prefix): (&[&str], &str) = match kind {
        Kind::Methods => (&FRESH_METHODS, "X-METHOD-"),
        Kind::RequestHeaders => (&FRESH_REQUEST_HEADERS, "x-header-"),
        Kind::ExposeHeaders => (&FRESH_EXPOSE_HEADERS, "x-header-"),
    };
    let numbered = (1..).map(|n| format!("{prefix}{n}"));
    preferred
        .iter()
        .map(|n| (*n).to_owned())
        .chain(numbered)
        .find(|n| !written.contains(n.as_str()) && n != AUTHORIZATION)
        .unwrap_or_default()
}

/// A name both sides allow, the new side's written names first; for two
/// `*` sides, `both_any`.
pub(super) fn common<'a>(old: &Names<'a>, new: &Names<'a>, both_any: &'a str) -> Option<&'a str> {
    if old.any && new.any {
        return Some(both_any);
    }
    new.listed
        .iter()
        .chain(&old.listed)
        .copied()
        .find(|n| old.allows(n) && new.allows(n))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn listed<'a>(names: &[&'a str]) -> Names<'a> {
        Names::listed(names.iter().copied())
    }

    #[test]
    fn listed_against_listed() {
        let changes = compare(
            &listed(&["x-a", "x-b"]),
            &listed(&["x-b", "x-c"]),
            Kind::RequestHeaders,
        );
        let names: Vec<(&str, bool)> = changes.iter().map(|c| (c.name.as_str(), c.widen)).collect();
        assert_eq!(names, [("x-c", true), ("x-a", false)]);
    }

    #[test]
    fn any_against_listed_names_authorization_and_a_fresh_name() {
        let old = listed(&["authorization", "x-custom-header"]);
        let new = Names::every(false);
        let changes = compare(&old, &new, Kind::RequestHeaders);
        assert_eq!(
            changes,
            [
                NameChange {
                    name: "authorization".into(),
                    fresh: false,
                    widen: false
                },
                NameChange {
                    name: "x-requested-with".into(),
                    fresh: true,
                    widen: true
                },
            ]
        );
        assert!(compare(
            &Names::every(true),
            &Names::every(true),
            Kind::RequestHeaders
        )
        .is_empty());
        let auth = compare(
            &Names::every(false),
            &Names::every(true),
            Kind::RequestHeaders,
        );
        assert_eq!(auth.len(), 1);
        assert!(auth[0].widen && auth[0].name == "authorization");
    }

    #[test]
    fn methods_ignore_the_safelisted_ones() {
        let mut plan = Plan::new("A", cors_core::plan::OriginsPlan::Any);
        let default = Names::methods(&plan).listed.len();
        plan.methods = MethodsPlan::Listed(vec!["GET".into()]);
        assert_eq!((default, Names::methods(&plan).listed.len()), (0, 0));
        let any = Names::every(true);
        let changes = compare(&Names::methods(&plan), &any, Kind::Methods);
        assert_eq!(changes[0].name, "PATCH");
    }
}
