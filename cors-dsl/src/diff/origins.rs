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

use std::collections::{HashMap, HashSet};

use cors_core::grammar::{default_port_text, MAX_HOST_LEN};
use cors_core::plan::{OriginsPlan, Plan};
use cors_core::{WildcardHost, WildcardPattern, WildcardPort};

type Pattern = WildcardPattern<String>;

/// An origin any `origins: *` policy allows, as an example.
const ANY_EXAMPLE: &str = "https://example.com";

/// Ports tried first when an unnamed port is needed (readable ones).
const FRESH_PORTS: [u16; 6] = [8080, 8443, 3000, 5173, 8000, 9000];

/// One side of the comparison: the origins of one plan, indexed.
pub(super) struct Side<'p> {
    any: bool,
    /// Exact entries (and `null`), in the order written.
    exact_list: &'p [String],
    exact: HashSet<&'p str>,
    patterns: &'p [Pattern],
    by_scheme: HashMap<&'p str, Vec<&'p Pattern>>,
}

/// One entry of `origins:`.
#[derive(Clone, Copy)]
pub(super) enum Entry<'p> {
    Exact(&'p str),
    Pattern(&'p Pattern),
}

impl Entry<'_> {
    /// The entry as written, in canonical form.
    pub(super) fn text(&self) -> String {
        match self {
            Entry::Exact(text) => (*text).to_owned(),
            Entry::Pattern(pattern) => pattern.to_string(),
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

impl<'p> Side<'p> {
    pub(super) fn new(plan: &'p Plan) -> Side<'p> {
        match &plan.origins {
            OriginsPlan::Any => Side {
                any: true,
                exact_list: &[],
                exact: HashSet::new(),
                patterns: &[],
                by_scheme: HashMap::new(),
            },
            OriginsPlan::Listed(list) => {
                let mut by_scheme: HashMap<&str, Vec<&Pattern>> = HashMap::new();
                for pattern in &list.patterns {
                    by_scheme
                        .entry(pattern.scheme.as_str())
                        .or_default()
                        .push(pattern);
                }
                Side {
                    any: false,
                    exact_list: &list.exact,
                    exact: list.exact.iter().map(String::as_str).collect(),
                    patterns: &list.patterns,
                    by_scheme,
                }
            }
        }
    }

    /// `origins: *`.
    pub(super) fn is_any(&self) -> bool {
        self.any
    }

    /// Every entry, exact ones first, in the order written.
    pub(super) fn entries(&self) -> impl Iterator<Item = Entry<'p>> + '_ {
        let exact = self.exact_list.iter().map(|e| Entry::Exact(e.as_str()));
        exact.chain(self.patterns.iter().map(Entry::Pattern))
    }

    fn patterns_of(&self, scheme: &str) -> &[&'p Pattern] {
        self.by_scheme.get(scheme).map_or(&[], Vec::as_slice)
    }

    /// Whether this side allows the request `Origin` value `origin`.
    pub(super) fn contains(&self, origin: &str) -> bool {
        if self.any || self.exact.contains(origin) {
            return true;
        }
        let Some((scheme, _)) = origin.split_once("://") else {
            return false;
        };
        self.patterns_of(scheme)
            .iter()
            .any(|p| p.matches(origin.as_bytes()))
    }

    /// An origin this side refuses.
    pub(super) fn outside(&self) -> Option<String> {
        if self.any {
            return None;
        }
        let named = ["https://example.com", "https://example.org", "null"]
            .into_iter()
            .map(str::to_owned);
        // Each entry matches at most one `https://example.xN`.
        let numbered = (0..=self.exact.len() + self.patterns.len()).map(|n| {
            if n == 0 {
                "https://example.net".to_owned()
            } else {
                format!("https://example.x{n}")
            }
        });
        named.chain(numbered).find(|o| !self.contains(o))
    }

    /// An origin of `entry` this side refuses; `None` when this side
    /// allows every origin of `entry`.
    pub(super) fn uncovered(&self, entry: Entry<'_>) -> Option<String> {
        if self.any {
            return None;
        }
        let pattern = match entry {
            Entry::Exact(origin) => return (!self.contains(origin)).then(|| origin.to_owned()),
            Entry::Pattern(pattern) => pattern,
        };
        let scheme = pattern.scheme.as_str();
        for port in self.ports_to_try(pattern) {
            let port = port.as_deref();
            match &pattern.host {
                WildcardHost::Exact(host) => {
                    let origin = serialize(scheme, host, port);
                    if !self.contains(&origin) {
                        return Some(origin);
                    }
                }
                WildcardHost::Subdomains(suffix) => {
                    if self.covers_subdomains(scheme, suffix, port) {
                        continue;
                    }
                    if let Some(origin) = self.fresh_subdomain(scheme, suffix, port) {
                        return Some(origin);
                    }
                }
            }
        }
        None
    }

    /// The ports on which `pattern` must be checked against this side.
    fn ports_to_try(&self, pattern: &Pattern) -> Vec<Option<String>> {
        match &pattern.port {
            WildcardPort::Default => vec![None],
            WildcardPort::Exact(port) => vec![Some(port.clone())],
            WildcardPort::Any => {
                let named = self.named_ports(&pattern.scheme);
                let mut ports = vec![None];
                ports.extend(named.iter().map(|p| Some((*p).to_owned())));
                ports.push(Some(fresh_port(&pattern.scheme, &named)));
                ports
            }
        }
    }

    /// The explicit ports this side's entries of `scheme` name.
    fn named_ports(&self, scheme: &str) -> Vec<&'p str> {
        let mut ports: Vec<&str> = Vec::new();
        let exact = self.exact_list.iter().filter_map(|e| {
            let (s, _, port) = split(e)?;
            (s == scheme).then_some(port).flatten()
        });
        let patterns = self
            .patterns_of(scheme)
            .iter()
            .filter_map(|p| match &p.port {
                WildcardPort::Exact(port) => Some(port.as_str()),
                _ => None,
            });
        for port in exact.chain(patterns) {
            if !ports.contains(&port) {
                ports.push(port);
            }
        }
        ports
    }

    /// Whether this side allows every origin `scheme://L.suffix[:port]`.
    fn covers_subdomains(&self, scheme: &str, suffix: &str, port: Option<&str>) -> bool {
        if !subdomains_exist(suffix) {
            return true;
        }
        self.patterns_of(scheme).iter().any(|p| {
            let WildcardHost::Subdomains(outer) = &p.host else {
                return false;
            };
            port_allows(&p.port, port) && (suffix == outer || is_under(suffix, outer))
        })
    }

    /// `scheme://f.suffix[:port]` for the first fresh label `f` this side
    /// refuses, preferring labels it does not write in front of `suffix`.
    fn fresh_subdomain(&self, scheme: &str, suffix: &str, port: Option<&str>) -> Option<String> {
        let written: HashSet<&str> = self
            .hosts_of(scheme)
            .filter_map(|host| label_before(host, suffix))
            .collect();
        let budget = written.len() + self.exact.len() + self.patterns.len() + 1;
        let candidates = labels().filter(|l| !written.contains(l.as_str()));
        candidates
            .take(budget)
            .map(|label| serialize(scheme, &format!("{label}.{suffix}"), port))
            .find(|origin| !self.contains(origin))
    }

    /// The hosts (and pattern suffixes) this side writes for `scheme`.
    fn hosts_of<'s>(&'s self, scheme: &'s str) -> impl Iterator<Item = &'p str> + 's {
        let exact = self.exact_list.iter().filter_map(move |e| {
            let (s, host, _) = split(e)?;
            (s == scheme).then_some(host)
        });
        let patterns = self.patterns_of(scheme).iter().map(|p| match &p.host {
            WildcardHost::Exact(host) | WildcardHost::Subdomains(host) => host.as_str(),
        });
        exact.chain(patterns)
    }

    /// Whether this side allows some origin of `entry`.
    pub(super) fn intersects(&self, entry: Entry<'_>) -> bool {
        if self.any {
            return true;
        }
        match entry {
            Entry::Exact(origin) => self.contains(origin),
            Entry::Pattern(pattern) => {
                self.exact_list
                    .iter()
                    .any(|e| pattern.matches(e.as_bytes()))
                    || self
                        .patterns_of(&pattern.scheme)
                        .iter()
                        .any(|q| intersection(pattern, q).is_some())
            }
        }
    }
}

/// Every difference between the origins of `old` and `new`: new entries
/// with origins `old` refuses (widenings) first, then old entries with
/// origins `new` refuses (narrowings), each in the order written.
pub(super) fn compare(old: &Side<'_>, new: &Side<'_>) -> Vec<OriginChange> {
    match (old.any, new.any) {
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
    match (old.any, new.any) {
        (true, true) => Some(ANY_EXAMPLE.to_owned()),
        (true, false) => new.entries().find_map(representative),
        (false, true) => old.entries().find_map(representative),
        (false, false) => {
            let exact = old.exact_list.iter().find(|e| new.contains(e));
            let exact = exact.or_else(|| new.exact_list.iter().find(|e| old.contains(e)));
            if let Some(origin) = exact {
                return Some(origin.clone());
            }
            old.patterns.iter().find_map(|p| {
                new.patterns_of(&p.scheme)
                    .iter()
                    .find_map(|q| intersection(p, q))
            })
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

/// An origin both patterns allow, if any.
fn intersection(p: &Pattern, q: &Pattern) -> Option<String> {
    if p.scheme != q.scheme {
        return None;
    }
    let host = match (&p.host, &q.host) {
        (WildcardHost::Exact(a), WildcardHost::Exact(b)) => (a == b).then(|| a.clone())?,
        (WildcardHost::Exact(host), WildcardHost::Subdomains(_))
        | (WildcardHost::Subdomains(_), WildcardHost::Exact(host)) => host.clone(),
        (WildcardHost::Subdomains(a), WildcardHost::Subdomains(b)) => {
            if a == b || is_under(a, b) {
                format!("a.{a}")
            } else if is_under(b, a) {
                format!("a.{b}")
            } else {
                return None;
            }
        }
    };
    let port = match (&p.port, &q.port) {
        (WildcardPort::Exact(a), WildcardPort::Exact(b)) => Some((a == b).then_some(a)?),
        (WildcardPort::Exact(a), WildcardPort::Any)
        | (WildcardPort::Any, WildcardPort::Exact(a)) => Some(a),
        (WildcardPort::Exact(_), WildcardPort::Default)
        | (WildcardPort::Default, WildcardPort::Exact(_)) => return None,
        _ => None,
    };
    let origin = serialize(&p.scheme, &host, port.map(String::as_str));
    (p.matches(origin.as_bytes()) && q.matches(origin.as_bytes())).then_some(origin)
}

/// `scheme://host[:port]`.
fn serialize(scheme: &str, host: &str, port: Option<&str>) -> String {
    match port {
        Some(port) => format!("{scheme}://{host}:{port}"),
        None => format!("{scheme}://{host}"),
    }
}

/// Scheme, host and explicit port of an exact origin (`None` for `null`).
fn split(origin: &str) -> Option<(&str, &str, Option<&str>)> {
    let (scheme, authority) = origin.split_once("://")?;
    let (host, rest) = match authority.find(']') {
        Some(end) if authority.starts_with('[') => authority.split_at(end + 1),
        _ => match authority.find(':') {
            Some(colon) => authority.split_at(colon),
            None => (authority, ""),
        },
    };
    Some((scheme, host, rest.strip_prefix(':')))
}

/// Whether a `*.suffix` pattern's port part allows `port` (`None`: no
/// port; otherwise a canonical non-default port).
fn port_allows(pattern: &WildcardPort<String>, port: Option<&str>) -> bool {
    match pattern {
        WildcardPort::Default => port.is_none(),
        WildcardPort::Exact(p) => port == Some(p.as_str()),
        WildcardPort::Any => true,
    }
}

/// `inner` is a proper subdomain of `outer` (`a.b.c` under `b.c`).
fn is_under(inner: &str, outer: &str) -> bool {
    inner.len() > outer.len()
        && inner.ends_with(outer)
        && inner.as_bytes()[inner.len() - outer.len() - 1] == b'.'
}

/// The label right in front of `suffix` in `host`, if `host` is under it.
fn label_before<'h>(host: &'h str, suffix: &str) -> Option<&'h str> {
    if !is_under(host, suffix) {
        return None;
    }
    let labels = &host[..host.len() - suffix.len() - 1];
    Some(labels.rsplit('.').next().unwrap_or(labels))
}

/// Whether `*.suffix` matches any host at all (the host length limit).
fn subdomains_exist(suffix: &str) -> bool {
    let limit = if suffix.ends_with('.') {
        MAX_HOST_LEN + 1
    } else {
        MAX_HOST_LEN
    };
    suffix.len() + 2 <= limit
}

/// Fresh labels in order: `a` … `z`, then `aa`, `ab`, …
fn labels() -> impl Iterator<Item = String> {
    let letters = || (b'a'..=b'z').map(char::from);
    let one = letters().map(String::from);
    let two = letters().flat_map(move |a| letters().map(move |b| format!("{a}{b}")));
    one.chain(two)
}

/// A canonical, non-default port of `scheme` not in `named`.
fn fresh_port(scheme: &str, named: &[&str]) -> String {
    let default = default_port_text(scheme);
    FRESH_PORTS
        .into_iter()
        .chain(10000..=u16::MAX)
        .map(|p| p.to_string())
        .find(|p| !named.contains(&p.as_str()) && Some(p.as_bytes()) != default)
        .unwrap_or_else(|| "1".to_owned())
}

#[cfg(test)]
mod tests {
    use super::*;
    use cors_core::plan::OriginsPlan;

    fn plan(exact: &[&str], patterns: &[(&str, &str, &str)]) -> Plan {
        let patterns = patterns
            .iter()
            .map(|(scheme, host, port)| WildcardPattern {
                scheme: (*scheme).to_owned(),
                host: match host.strip_prefix("*.") {
                    Some(suffix) => WildcardHost::Subdomains(suffix.to_owned()),
                    None => WildcardHost::Exact((*host).to_owned()),
                },
                port: match *port {
                    "" => WildcardPort::Default,
                    "*" => WildcardPort::Any,
                    p => WildcardPort::Exact(p.to_owned()),
                },
            })
            .collect();
        let exact = exact.iter().map(|e| (*e).to_owned()).collect();
        Plan::new("P", OriginsPlan::listed(exact, false, patterns))
    }

    #[test]
    fn split_handles_ip_literals_and_ports() {
        assert_eq!(
            split("https://a.example"),
            Some(("https", "a.example", None))
        );
        assert_eq!(
            split("http://[::1]:3000"),
            Some(("http", "[::1]", Some("3000")))
        );
        assert_eq!(split("http://[::1]"), Some(("http", "[::1]", None)));
        assert_eq!(
            split("http://127.0.0.1:8080"),
            Some(("http", "127.0.0.1", Some("8080")))
        );
        assert_eq!(split("null"), None);
    }

    #[test]
    fn subdomain_narrowing_to_one_label_deeper() {
        let old = plan(&[], &[("https", "*.example.com", "")]);
        let new = plan(&[], &[("https", "*.a.example.com", "")]);
        let (old, new) = (Side::new(&old), Side::new(&new));
        let changes = compare(&old, &new);
        assert_eq!(changes.len(), 1);
        let OriginChange::Entry {
            widen,
            entry,
            partly,
            witness,
        } = &changes[0]
        else {
            panic!()
        };
        assert!(!widen && *partly);
        assert_eq!(entry, "https://*.example.com");
        assert_eq!(witness, "https://b.example.com");
        assert_eq!(
            common(&old, &new).as_deref(),
            Some("https://a.a.example.com")
        );
    }

    #[test]
    fn any_port_widens_with_an_unnamed_port() {
        let old = plan(
            &["https://a.example.com:8080"],
            &[("https", "*.example.com", "")],
        );
        let new = plan(&[], &[("https", "*.example.com", "*")]);
        let (old, new) = (Side::new(&old), Side::new(&new));
        let changes = compare(&old, &new);
        assert_eq!(changes.len(), 1);
        let OriginChange::Entry { widen, witness, .. } = &changes[0] else {
            panic!()
        };
        assert!(widen);
        // The named port 8080 is tried, and only `a` is listed there.
        assert_eq!(witness, "https://b.example.com:8080");
    }

    #[test]
    fn exact_entries_under_a_pattern() {
        let old = plan(&[], &[("https", "*.example.com", "")]);
        let new = plan(&["https://a.example.com"], &[]);
        let (old, new) = (Side::new(&old), Side::new(&new));
        let changes = compare(&old, &new);
        assert_eq!(changes.len(), 1);
        let OriginChange::Entry { widen, witness, .. } = &changes[0] else {
            panic!()
        };
        assert!(!widen);
        assert_eq!(witness, "https://b.example.com");
    }

    #[test]
    fn covered_by_an_ancestor_on_every_port() {
        let old = plan(&[], &[("https", "*.example.com", "*")]);
        let new = plan(
            &["https://a.example.com:1"],
            &[
                ("https", "*.b.example.com", "*"),
                ("https", "c.example.com", "*"),
            ],
        );
        let (old, new) = (Side::new(&old), Side::new(&new));
        let changes = compare(&old, &new);
        // Nothing new; the old pattern is wider on every port.
        assert_eq!(changes.len(), 1);
        assert!(matches!(
            &changes[0],
            OriginChange::Entry { widen: false, .. }
        ));
    }

    #[test]
    fn exact_host_with_any_port() {
        let old = plan(&["http://localhost:3000"], &[]);
        let new = plan(&[], &[("http", "localhost", "*")]);
        let (old, new) = (Side::new(&old), Side::new(&new));
        let changes = compare(&old, &new);
        let OriginChange::Entry { witness, .. } = &changes[0] else {
            panic!()
        };
        assert_eq!(witness, "http://localhost");
        assert_eq!(common(&old, &new).as_deref(), Some("http://localhost:3000"));
    }

    #[test]
    fn disjoint_lists_have_no_common_origin() {
        let old = plan(&["https://a.example"], &[("https", "*.a.example", "")]);
        let new = plan(&["http://a.example"], &[("https", "*.b.example", "")]);
        assert_eq!(common(&Side::new(&old), &Side::new(&new)), None);
    }

    #[test]
    fn outside_a_list() {
        let p = plan(&["https://example.com"], &[("https", "*.org", "*")]);
        assert_eq!(Side::new(&p).outside().as_deref(), Some("null"));
    }

    #[test]
    fn fresh_labels_and_ports() {
        let first: Vec<String> = labels().take(28).collect();
        assert_eq!(first[0], "a");
        assert_eq!(first[25], "z");
        assert_eq!(first[26], "aa");
        assert_eq!(fresh_port("https", &["8080"]), "8443");
        assert_eq!(fresh_port("http", &[]), "8080");
    }
}
