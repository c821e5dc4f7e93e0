//! Origins compared as sets, exactly and without a solver.
//!
//! A listed `origins:` is a finite union of entries: exact origins (and
//! `null`), and wildcard patterns, each the product of one scheme, a host
//! set (one host, or `*.suffix`: one or more labels in front of the
//! suffix) and a port set (none, one port, or `:*`: none or any canonical
//! non-default port). For each entry of one side this module decides
//! whether the other side covers it and, when it does not, builds an
//! origin the entry allows and the other side refuses:
//!
//! - an exact entry is covered when the other side matches it (the same
//!   matchers the middleware runs);
//! - a pattern with `:*` only needs to be checked on a few ports: no port,
//!   every port the other side names for that scheme, and one port it does
//!   not name (all unnamed ports are matched by the same entries: those
//!   with `:*`);
//! - on one port, `*.d` is covered exactly when the other side has a
//!   pattern `*.d'` allowing that port with `d' = d` or `d` under `d'`:
//!   otherwise `f.d`, for a fresh label `f` (`a`, `b`, … avoiding the labels
//!   the other side writes in front of `d`), is a witness — an exact entry
//!   or a pattern deeper than `d` never matches a host one label above `d`.
//!
//! The entries are indexed by scheme and host ([`Side`]), so each of these
//! questions looks at the entries of the same host, the `*.` patterns
//! above it and the entries under it, never at the whole list: two lists
//! of 1,000 patterns compare in milliseconds.

mod parts;
mod side;
#[cfg(test)]
mod tests;

use cors_core::{WildcardHost, WildcardPattern, WildcardPort};

use parts::{serialize, split};
pub(super) use side::Side;

type Pattern = WildcardPattern<String>;

/// An origin any `origins: *` policy allows, as an example.
const ANY_EXAMPLE: &str = "https://example.com";

/// One entry of `origins:`.
#[derive(Clone, Copy, Debug)]
pub(super) enum Entry<'p> {
    Exact(&'p str),
    Pattern(&'p Pattern),
}

impl<'p> Entry<'p> {
    /// The entry as written, in canonical form.
    pub(super) fn text(&self) -> String {
        match self {
            Entry::Exact(text) => (*text).to_owned(),
            Entry::Pattern(pattern) => pattern.to_string(),
        }
    }

    /// The host of an exact origin or a pattern, or a pattern's suffix
    /// (`None` for `null`).
    fn host(&self) -> Option<&'p str> {
        match self {
            Entry::Exact(origin) => split(origin).map(|(_, host, _)| host),
            Entry::Pattern(pattern) => match &pattern.host {
                WildcardHost::Exact(host) | WildcardHost::Subdomains(host) => Some(host),
            },
        }
    }
}

/// A difference between the two sides' origins.
pub(super) enum OriginChange {
    /// One side is `origins: *`, the other a list; `witness` is an origin
    /// the list refuses. `widen`: the new side is `*`.
    Any { widen: bool, witness: String },
    /// An entry of one side (the new one when `widen`) with origins the
    /// other side refuses, e.g. `witness`. `partly`: the other side allows
    /// some of its origins.
    Entry {
        widen: bool,
        entry: String,
        partly: bool,
        witness: String,
    },
}

/// Every difference between the origins of `old` and `new`: new entries
/// with origins `old` refuses (widenings) first, then old entries with
/// origins `new` refuses (narrowings), each in the order written.
pub(super) fn compare(old: &Side<'_>, new: &Side<'_>) -> Vec<OriginChange> {
    match (old.is_any(), new.is_any()) {
        (true, true) => Vec::new(),
        (false, true) => old
            .outside()
            .map(|witness| OriginChange::Any {
                widen: true,
                witness,
            })
            .into_iter()
            .collect(),
        (true, false) => new
            .outside()
            .map(|witness| OriginChange::Any {
                widen: false,
                witness,
            })
            .into_iter()
            .collect(),
        (false, false) => {
            let mut changes = Vec::new();
            for (widen, this, other) in [(true, new, old), (false, old, new)] {
                for entry in this.entries() {
                    if let Some(witness) = other.uncovered(entry) {
                        changes.push(OriginChange::Entry {
                            widen,
                            entry: entry.text(),
                            partly: other.intersects(entry),
                            witness,
                        });
                    }
                }
            }
            changes
        }
    }
}

/// An origin both sides allow, preferring exact entries (of `old`, then of
/// `new`); `None` when they allow no origin in common.
pub(super) fn common(old: &Side<'_>, new: &Side<'_>) -> Option<String> {
    match (old.is_any(), new.is_any()) {
        (true, true) => Some(ANY_EXAMPLE.to_owned()),
        (true, false) => new.entries().find_map(representative),
        (false, true) => old.entries().find_map(representative),
        (false, false) => {
            let exact = old.exact_entries().iter().find(|e| new.contains(e));
            let exact = exact.or_else(|| new.exact_entries().iter().find(|e| old.contains(e)));
            if let Some(origin) = exact {
                return Some(origin.clone());
            }
            old.patterns().iter().find_map(|p| new.shared_with(p))
        }
    }
}

/// An origin `entry` allows (`None` for a pattern that allows none).
pub(super) fn representative(entry: Entry<'_>) -> Option<String> {
    let pattern = match entry {
        Entry::Exact(origin) => return Some(origin.to_owned()),
        Entry::Pattern(pattern) => pattern,
    };
    let host = match &pattern.host {
        WildcardHost::Exact(host) => host.clone(),
        WildcardHost::Subdomains(suffix) => format!("a.{suffix}"),
    };
    let port = match &pattern.port {
        WildcardPort::Exact(port) => Some(port.as_str()),
        WildcardPort::Default | WildcardPort::Any => None,
    };
    let origin = serialize(&pattern.scheme, &host, port);
    pattern.matches(origin.as_bytes()).then_some(origin)
}
