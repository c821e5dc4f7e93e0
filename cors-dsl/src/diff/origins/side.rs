//! [`Side`]: the origins of one plan, indexed by scheme and host so that
//! every question about one entry looks only at the entries related to it
//! (the same host, its parent domains, the hosts under it), not at the
//! whole list.

use std::collections::{HashMap, HashSet};

use cors_core::plan::{OriginsPlan, Plan};
use cors_core::{WildcardHost, WildcardPort};

use super::parts::{
    ancestors, fresh_port, intersection, label_before, labels, port_allows, serialize, split,
    subdomains_exist,
};
use super::{Entry, Pattern};

/// A scheme and a host (or a pattern's suffix).
type Key<'p> = (&'p str, &'p str);

/// The origins of one plan, indexed.
pub(in crate::diff) struct Side<'p> {
    any: bool,
    /// Exact entries (and `null`), in the order written.
    exact_list: &'p [String],
    exact: HashSet<&'p str>,
    patterns: &'p [Pattern],
    /// Exact entries by scheme and host.
    exact_by_host: HashMap<Key<'p>, Vec<&'p str>>,
    /// Patterns with an exact host (`scheme://host:*`), by scheme and host.
    host_patterns: HashMap<Key<'p>, Vec<&'p Pattern>>,
    /// `*.suffix` patterns, by scheme and suffix.
    subdomain_patterns: HashMap<Key<'p>, Vec<&'p Pattern>>,
    /// Every entry whose host (or suffix) is strictly under a domain, by
    /// scheme and that domain.
    under: HashMap<Key<'p>, Vec<Entry<'p>>>,
    /// The explicit ports the entries name, by scheme.
    ports: HashMap<&'p str, Vec<&'p str>>,
}

impl<'p> Side<'p> {
    pub(in crate::diff) fn new(plan: &'p Plan) -> Side<'p> {
        let mut side = Side {
            any: true,
            exact_list: &[],
            exact: HashSet::new(),
            patterns: &[],
            exact_by_host: HashMap::new(),
            host_patterns: HashMap::new(),
            subdomain_patterns: HashMap::new(),
            under: HashMap::new(),
            ports: HashMap::new(),
        };
        let OriginsPlan::Listed(list) = &plan.origins else {
            return side;
        };
        side.any = false;
        side.exact_list = &list.exact;
        side.patterns = &list.patterns;
        for origin in &list.exact {
            side.exact.insert(origin);
            let Some((scheme, host, port)) = split(origin) else {
                continue; // null
            };
            side.exact_by_host
                .entry((scheme, host))
                .or_default()
                .push(origin);
            side.index(scheme, host, Entry::Exact(origin), port);
        }
        for pattern in &list.patterns {
            let scheme = pattern.scheme.as_str();
            let (map, host) = match &pattern.host {
                WildcardHost::Exact(host) => (&mut side.host_patterns, host.as_str()),
                WildcardHost::Subdomains(suffix) => (&mut side.subdomain_patterns, suffix.as_str()),
            };
            map.entry((scheme, host)).or_default().push(pattern);
            let port = match &pattern.port {
                WildcardPort::Exact(port) => Some(port.as_str()),
                _ => None,
            };
            side.index(scheme, host, Entry::Pattern(pattern), port);
        }
        side
    }

    fn index(&mut self, scheme: &'p str, host: &'p str, entry: Entry<'p>, port: Option<&'p str>) {
        for domain in ancestors(host) {
            self.under.entry((scheme, domain)).or_default().push(entry);
        }
        if let Some(port) = port {
            let ports = self.ports.entry(scheme).or_default();
            if !ports.contains(&port) {
                ports.push(port);
            }
        }
    }

    /// `origins: *`.
    pub(in crate::diff) fn is_any(&self) -> bool {
        self.any
    }

    /// Every entry, exact ones first, in the order written.
    pub(in crate::diff) fn entries(&self) -> impl Iterator<Item = Entry<'p>> + '_ {
        let exact = self.exact_list.iter().map(|e| Entry::Exact(e.as_str()));
        exact.chain(self.patterns.iter().map(Entry::Pattern))
    }

    /// The exact entries, in the order written.
    pub(in crate::diff) fn exact_entries(&self) -> &'p [String] {
        self.exact_list
    }

    /// The patterns, in the order written.
    pub(in crate::diff) fn patterns(&self) -> &'p [Pattern] {
        self.patterns
    }

    fn subdomain_patterns_over<'s>(
        &'s self,
        scheme: &'s str,
        host: &'s str,
        including: bool,
    ) -> impl Iterator<Item = &'p Pattern> + 's {
        let own = including.then_some(host);
        own.into_iter()
            .chain(ancestors(host))
            .filter_map(move |domain| self.subdomain_patterns.get(&(scheme, domain)))
            .flatten()
            .copied()
    }

    /// Whether this side allows the request `Origin` value `origin`.
    pub(in crate::diff) fn contains(&self, origin: &str) -> bool {
        if self.any || self.exact.contains(origin) {
            return true;
        }
        let Some((scheme, host, _)) = split(origin) else {
            return false;
        };
        let bytes = origin.as_bytes();
        let exact_host = self
            .host_patterns
            .get(&(scheme, host))
            .into_iter()
            .flatten();
        exact_host
            .copied()
            .chain(self.subdomain_patterns_over(scheme, host, false))
            .any(|p| p.matches(bytes))
    }

    /// An origin this side refuses.
    pub(in crate::diff) fn outside(&self) -> Option<String> {
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
    pub(in crate::diff) fn uncovered(&self, entry: Entry<'_>) -> Option<String> {
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

    /// The ports on which `pattern` must be checked against this side: its
    /// own for no or one port; for `:*`, no port, every port this side
    /// names for the scheme, and one it does not name.
    fn ports_to_try(&self, pattern: &Pattern) -> Vec<Option<String>> {
        match &pattern.port {
            WildcardPort::Default => vec![None],
            WildcardPort::Exact(port) => vec![Some(port.clone())],
            WildcardPort::Any => {
                let named = self
                    .ports
                    .get(pattern.scheme.as_str())
                    .map_or(&[][..], Vec::as_slice);
                let mut ports = vec![None];
                ports.extend(named.iter().map(|p| Some((*p).to_owned())));
                ports.push(Some(fresh_port(&pattern.scheme, named)));
                ports
            }
        }
    }

    /// Whether this side allows every origin `scheme://L.suffix[:port]`:
    /// exactly when a `*.d` pattern allowing that port has `d` equal to
    /// `suffix` or above it.
    fn covers_subdomains(&self, scheme: &str, suffix: &str, port: Option<&str>) -> bool {
        !subdomains_exist(suffix)
            || self
                .subdomain_patterns_over(scheme, suffix, true)
                .any(|p| port_allows(&p.port, port))
    }

    /// `scheme://f.suffix[:port]` for the first fresh label `f` this side
    /// refuses, preferring labels it does not write in front of `suffix`.
    /// Only entries under `suffix` can refuse such an origin once
    /// [`covers_subdomains`](Self::covers_subdomains) is false, and each
    /// refuses at most one label: the search is short.
    fn fresh_subdomain(&self, scheme: &str, suffix: &str, port: Option<&str>) -> Option<String> {
        let under = self
            .under
            .get(&(scheme, suffix))
            .map_or(&[][..], Vec::as_slice);
        let written: HashSet<&str> = under
            .iter()
            .filter_map(|entry| label_before(entry.host()?, suffix))
            .collect();
        labels()
            .filter(|l| !written.contains(l.as_str()))
            .take(under.len() + 1)
            .map(|label| serialize(scheme, &format!("{label}.{suffix}"), port))
            .find(|origin| !self.contains(origin))
    }

    /// The entries of this side that may share an origin with `pattern`:
    /// the same host, `*.` patterns above it, entries under its suffix.
    fn related<'s>(&'s self, pattern: &'s Pattern) -> impl Iterator<Item = Entry<'p>> + 's {
        let scheme = pattern.scheme.as_str();
        let (host, subdomains) = match &pattern.host {
            WildcardHost::Exact(host) => (host.as_str(), false),
            WildcardHost::Subdomains(suffix) => (suffix.as_str(), true),
        };
        let same_host = (!subdomains).then(|| {
            let exact = self
                .exact_by_host
                .get(&(scheme, host))
                .into_iter()
                .flatten();
            let patterns = self
                .host_patterns
                .get(&(scheme, host))
                .into_iter()
                .flatten();
            exact
                .map(|e| Entry::Exact(e))
                .chain(patterns.map(|p| Entry::Pattern(p)))
        });
        let above = self
            .subdomain_patterns_over(scheme, host, subdomains)
            .map(Entry::Pattern);
        let below = subdomains
            .then(|| self.under.get(&(scheme, host)))
            .flatten()
            .into_iter()
            .flatten()
            .copied();
        same_host.into_iter().flatten().chain(above).chain(below)
    }

    /// An origin `pattern` allows that this side allows too.
    pub(in crate::diff) fn shared_with(&self, pattern: &Pattern) -> Option<String> {
        self.related(pattern).find_map(|entry| match entry {
            Entry::Exact(origin) => pattern
                .matches(origin.as_bytes())
                .then(|| origin.to_owned()),
            Entry::Pattern(other) => intersection(pattern, other),
        })
    }

    /// Whether this side allows some origin of `entry`.
    pub(in crate::diff) fn intersects(&self, entry: Entry<'_>) -> bool {
        match entry {
            _ if self.any => true,
            Entry::Exact(origin) => self.contains(origin),
            Entry::Pattern(pattern) => self.shared_with(pattern).is_some(),
        }
    }
}
