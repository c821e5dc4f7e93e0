//! The finite universe of requests built from both plans' origin literals
//! and their near misses, methods and header names, and the brute force that
//! finds the first request of it two plans treat differently.

use std::collections::BTreeSet;

use cors_core::plan::{OriginsPlan, Plan};
use cors_core::{Interpreted, WildcardHost, WildcardPort};

use crate::requests::{get, preflight, seen, Request};

/// Scheme, host, port of an exact origin (`None` for `null`).
fn parts(origin: &str) -> Option<(String, String, Option<String>)> {
    let (scheme, authority) = origin.split_once("://")?;
    if let Some(end) = authority.strip_prefix('[').and_then(|a| a.find(']')) {
        let host = &authority[..end + 2];
        let port = authority[end + 2..].strip_prefix(':').map(str::to_owned);
        return Some((scheme.into(), host.into(), port));
    }
    Some(match authority.split_once(':') {
        Some((host, port)) => (scheme.into(), host.into(), Some(port.into())),
        None => (scheme.into(), authority.into(), None),
    })
}

/// Origins built from both plans' literals and their near misses.
fn origins(plans: [&Plan; 2]) -> Vec<String> {
    let mut schemes: BTreeSet<String> = ["https", "http", "HTTPS"].map(String::from).into();
    let mut hosts = BTreeSet::new();
    let mut ports: BTreeSet<Option<String>> = [
        None,
        Some("443"),
        Some("80"),
        Some("8080"),
        Some("8443"),
        Some("1"),
    ]
    .into_iter()
    .map(|p| p.map(String::from))
    .collect();
    let mut verbatim = vec![
        "null".to_owned(),
        "https://example.net".to_owned(),
        String::new(),
    ];
    fn host(h: &str, hosts: &mut BTreeSet<String>) {
        hosts.insert(h.to_owned());
        hosts.insert(h.to_uppercase());
        for label in ["a", "zz", "a.b"] {
            hosts.insert(format!("{label}.{h}"));
        }
        hosts.insert(format!("x{h}"));
        if let Some((_, parent)) = h.split_once('.') {
            hosts.insert(parent.to_owned());
        }
        match h.strip_suffix('.') {
            Some(bare) => hosts.insert(bare.to_owned()),
            None => hosts.insert(format!("{h}.")),
        };
    }
    for plan in plans {
        let OriginsPlan::Listed(list) = &plan.origins else {
            continue;
        };
        for exact in &list.exact {
            verbatim.push(exact.clone());
            if let Some((scheme, h, port)) = parts(exact) {
                schemes.insert(scheme);
                host(&h, &mut hosts);
                ports.insert(port);
            }
        }
        for pattern in &list.patterns {
            verbatim.push(pattern.to_string());
            schemes.insert(pattern.scheme.clone());
            match &pattern.host {
                WildcardHost::Exact(h) | WildcardHost::Subdomains(h) => host(h, &mut hosts),
            }
            if let WildcardPort::Exact(port) = &pattern.port {
                ports.insert(Some(port.clone()));
            }
        }
    }
    let mut all = verbatim;
    for scheme in &schemes {
        for h in &hosts {
            for port in &ports {
                all.push(match port {
                    Some(port) => format!("{scheme}://{h}:{port}"),
                    None => format!("{scheme}://{h}"),
                });
            }
        }
    }
    all.sort();
    all.dedup();
    all
}

fn names_of(plans: [&Plan; 2]) -> (Vec<String>, Vec<String>) {
    let mut methods: BTreeSet<String> = [
        "GET", "PUT", "PATCH", "patch", "DELETE", "chicken", "CHICKEN", "X-FRESH",
    ]
    .map(String::from)
    .into();
    let mut headers: BTreeSet<String> = [
        "content-type",
        "Content-Type",
        "x-a",
        "authorization",
        "x-fresh",
        "content-type,x-a",
    ]
    .map(String::from)
    .into();
    for plan in plans {
        if let cors_core::plan::MethodsPlan::Listed(list) = &plan.methods {
            methods.extend(list.iter().cloned());
        }
        if let cors_core::plan::RequestHeadersPlan::Listed { names, .. } = &plan.request_headers {
            headers.extend(names.iter().cloned());
        }
    }
    (methods.into_iter().collect(), headers.into_iter().collect())
}

/// The origins whose full preflight product is tried, at most.
const DEEP_ORIGINS: usize = 8;

/// The first request of the universe the two plans treat differently.
pub fn brute_force(old: &Interpreted, new: &Interpreted) -> Option<Request> {
    let plans = [old.plan(), new.plan()];
    let differs = |r: &Request| seen(old, r) != seen(new, r);
    let mut allowed = Vec::new();
    for origin in origins(plans) {
        let probe = get(&origin);
        for request in [probe.clone(), preflight(&origin, "GET", None, false)] {
            if differs(&request) {
                return Some(request);
            }
        }
        if seen(old, &probe).acao && !origin.is_empty() {
            allowed.push(origin);
        }
    }
    // The origins decide alike on the whole universe: now every method,
    // header and private-network request from allowed origins.
    let no_origin = Request {
        method: "GET".into(),
        headers: Vec::new(),
    };
    if differs(&no_origin) {
        return Some(no_origin);
    }
    let (methods, headers) = names_of(plans);
    let step = allowed.len().div_ceil(DEEP_ORIGINS).max(1);
    for origin in allowed.iter().step_by(step) {
        for method in &methods {
            for pna in [false, true] {
                let request = preflight(origin, method, None, pna);
                if differs(&request) {
                    return Some(request);
                }
            }
            for acrh in &headers {
                let request = preflight(origin, method, Some(acrh), false);
                if differs(&request) {
                    return Some(request);
                }
            }
        }
    }
    None
}
