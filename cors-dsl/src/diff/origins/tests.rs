//! Unit tests of the origin comparison.
use super::parts::{fresh_port, labels, split};
use super::*;
use cors_core::plan::OriginsPlan;
use cors_core::plan::Plan;

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

#[test]
fn parent_domains() {
    let all: Vec<&str> = super::parts::ancestors("a.b.example.com").collect();
    assert_eq!(all, ["b.example.com", "example.com", "com"]);
    let dotted: Vec<&str> = super::parts::ancestors("b.example.").collect();
    assert_eq!(dotted, ["example."]);
    assert_eq!(super::parts::ancestors("localhost").count(), 0);
}

#[test]
fn shared_origins_through_the_index() {
    let old = plan(
        &["https://x.c.example.com:8443"],
        &[
            ("https", "*.a.example.com", "*"),
            ("https", "b.example.com", "*"),
        ],
    );
    let side = Side::new(&old);
    let shared = |scheme: &str, host: &str, port: &str| {
        let p = plan(&[], &[(scheme, host, port)]);
        let OriginsPlan::Listed(list) = &p.origins else {
            panic!()
        };
        side.shared_with(&list.patterns[0])
    };
    // Above: `*.example.com` shares with the patterns and the exact entry under it.
    assert_eq!(
        shared("https", "*.example.com", "8443").as_deref(),
        Some("https://x.c.example.com:8443")
    );
    // Below: `*.x.a.example.com` is inside `*.a.example.com:*`.
    assert_eq!(
        shared("https", "*.x.a.example.com", "").as_deref(),
        Some("https://a.x.a.example.com")
    );
    // Same host, ports intersecting.
    assert_eq!(
        shared("https", "b.example.com", "*").as_deref(),
        Some("https://b.example.com")
    );
    assert_eq!(shared("http", "*.example.com", "*"), None);
    assert_eq!(shared("https", "*.d.example.com", "*"), None);
}
