//! The near miss of a refused origin: the first usual mistake that, fixed,
//! makes the origin allowed — the entry that would then allow it, and what
//! differs (a trailing slash, upper case, the default port, the apex of a
//! `*.` pattern, the scheme, the port…).

use std::fmt;

use cors_core::grammar::default_port;
use cors_core::Interpreted;

/// What differs between a refused origin and the entry that allows its
/// corrected form; [`Difference::what`] and [`Difference::why`] say it in
/// words (about the entry: "has no trailing slash", "is lowercase", …).
///
/// ```
/// use cors_dsl::explain::Difference;
///
/// assert_eq!(Difference::TrailingSlash.what(), "has no trailing slash");
/// assert_eq!(Difference::TrailingSlash.why().as_deref(), Some("browsers never send one in Origin"));
/// ```
#[derive(Clone, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub enum Difference {
    /// The request's value has spaces or tabs around it.
    Whitespace,
    /// The request's value ends with `/`.
    TrailingSlash,
    /// The request's value has a path.
    Path,
    /// The request's value has upper-case letters.
    Case,
    /// The request's value has the scheme's default port.
    DefaultPort {
        /// That port.
        port: u16,
    },
    /// The request's host ends with a dot.
    TrailingDot,
    /// The request's host is the apex of a `*.` pattern.
    Apex {
        /// The host (the pattern's suffix).
        host: String,
    },
    /// The scheme differs.
    Scheme {
        /// The scheme of the entry.
        entry: String,
        /// The scheme of the request.
        request: String,
    },
    /// The entry has the other scheme, on its default port.
    SchemeAndPort {
        /// The scheme of the entry.
        entry: String,
        /// The scheme of the request.
        request: String,
        /// The request's port.
        port: String,
    },
    /// The request has a port, the entry has none.
    PortNotAllowed {
        /// The request's port.
        port: String,
    },
    /// The request is on the default port, the entry has a port.
    NeedsPort {
        /// The entry's port.
        port: String,
    },
    /// Both have a port, and they differ.
    OtherPort {
        /// The entry's port.
        allowed: String,
        /// The request's port.
        requested: String,
    },
    /// The request's host is a subdomain of an exact entry.
    Subdomain {
        /// The request's scheme.
        scheme: String,
        /// The entry's host.
        parent: String,
    },
}

impl Difference {
    /// What the entry is or has that the request's value is not or has not.
    ///
    /// ```
    /// use cors_dsl::explain::Difference;
    /// let d = Difference::OtherPort { allowed: "8443".into(), requested: "9443".into() };
    /// assert_eq!(d.what(), "allows port 8443, not 9443");
    /// ```
    pub fn what(&self) -> String {
        match self {
            Difference::Whitespace => "matches without the surrounding whitespace".into(),
            Difference::TrailingSlash => "has no trailing slash".into(),
            Difference::Path => "has no path".into(),
            Difference::Case => "is lowercase".into(),
            Difference::DefaultPort { .. } | Difference::PortNotAllowed { .. } => {
                "has no port".into()
            }
            Difference::TrailingDot => "has no trailing dot".into(),
            Difference::Apex { .. } => "requires a subdomain".into(),
            Difference::Scheme { entry, request } => format!("is {entry}, not {request}"),
            Difference::SchemeAndPort {
                entry,
                request,
                port,
            } => format!("is {entry} on its default port, not {request} on port {port}"),
            Difference::NeedsPort { port } => format!("has port {port}"),
            Difference::OtherPort { allowed, requested } => {
                format!("allows port {allowed}, not {requested}")
            }
            Difference::Subdomain { .. } => "does not cover its subdomains".into(),
        }
    }

    /// Why that matters, or how to fix it, when there is more to say.
    pub fn why(&self) -> Option<String> {
        Some(match self {
            Difference::Whitespace
            | Difference::SchemeAndPort { .. }
            | Difference::OtherPort { .. } => return None,
            Difference::TrailingSlash => "browsers never send one in Origin".into(),
            Difference::Path => "Origin is only scheme://host[:port]".into(),
            Difference::Case => "browsers send the scheme and host in lower case, and origins \
                                 are compared byte for byte"
                .into(),
            Difference::DefaultPort { port } => {
                format!("browsers leave out the default port :{port}")
            }
            Difference::TrailingDot => {
                "`example.com.` and `example.com` are different origins".into()
            }
            Difference::Apex { host } => {
                format!("it matches hosts under {host}, never {host} itself")
            }
            Difference::Scheme { .. } => "the scheme is part of the origin".into(),
            Difference::PortNotAllowed { port } => {
                format!("port {port} is not allowed (the port is part of the origin)")
            }
            Difference::NeedsPort { .. } => {
                "the request is on the default port, and the port is part of the origin".into()
            }
            Difference::Subdomain { scheme, parent } => {
                format!("list \"{scheme}://*.{parent}\" to allow them")
            }
        })
    }
}

/// The entry of `origins:` closest to a refused origin, and what differs.
///
/// `Display` gives the sentence `cors explain` prints, e.g.
/// `closest entry "https://app.example.com" has no trailing slash: browsers
/// never send one in Origin`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct NearMiss {
    /// The entry, in canonical form (`https://app.example.com`,
    /// `https://*.example.org:*`).
    pub entry: String,
    /// What differs.
    pub difference: Difference,
}

impl NearMiss {
    /// Whether the entry is a wildcard pattern.
    pub fn is_pattern(&self) -> bool {
        self.entry.contains('*')
    }

    /// `closest entry "…" has no trailing slash` (without the why).
    pub fn what(&self) -> String {
        let kind = if self.is_pattern() {
            "pattern"
        } else {
            "entry"
        };
        format!(
            "closest {kind} \"{}\" {}",
            self.entry,
            self.difference.what()
        )
    }
}

impl fmt::Display for NearMiss {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.what())?;
        match self.difference.why() {
            Some(why) => write!(f, ": {why}"),
            None => Ok(()),
        }
    }
}

/// The first usual mistake that, fixed, makes `origin` (a refused request
/// `Origin`, as sent) allowed by `policy`: the entry that would allow it,
/// and what differs. `None` when no single fix helps.
///
/// ```
/// use cors_core::plan::{OriginsPlan, Plan};
/// use cors_dsl::explain::{near_miss, Difference};
///
/// let plan = Plan::new("Api", OriginsPlan::listed(vec!["https://app.example.com".into()], false, vec![]));
/// let policy = cors_core::Interpreted::new(plan).unwrap();
/// let miss = near_miss(&policy, "https://APP.example.com").unwrap();
/// assert_eq!(miss.entry, "https://app.example.com");
/// assert_eq!(miss.difference, Difference::Case);
/// assert_eq!(near_miss(&policy, "https://evil.example"), None);
/// ```
pub fn near_miss(policy: &Interpreted, origin: &str) -> Option<NearMiss> {
    let (scheme, rest) = origin.split_once("://")?;
    let (authority, path) = match rest.find('/') {
        Some(i) => (&rest[..i], &rest[i..]),
        None => (rest, ""),
    };
    let (host, port) = split_port(authority);
    let entries = policy.origin_entries();
    let mut candidates: Vec<(String, Difference)> = Vec::new();
    let trimmed = origin.trim_matches([' ', '\t']);
    if trimmed != origin {
        candidates.push((trimmed.to_owned(), Difference::Whitespace));
    }
    if path == "/" {
        candidates.push((format!("{scheme}://{authority}"), Difference::TrailingSlash));
    } else if !path.is_empty() {
        candidates.push((format!("{scheme}://{authority}"), Difference::Path));
    }
    let lower = origin.to_ascii_lowercase();
    if lower != origin {
        candidates.push((lower, Difference::Case));
    }
    if let (Some(port), Some(default)) = (port, default_port(scheme)) {
        if port == default.to_string() {
            candidates.push((
                format!("{scheme}://{host}{path}"),
                Difference::DefaultPort { port: default },
            ));
        }
    }
    if let Some(host) = host.strip_suffix('.') {
        candidates.push((
            format!("{scheme}://{host}{}", port_text(port)),
            Difference::TrailingDot,
        ));
    }
    candidates.push((
        format!("{scheme}://sub.{host}{}", port_text(port)),
        Difference::Apex {
            host: host.to_owned(),
        },
    ));
    if let Some(other) = other_scheme(scheme) {
        candidates.push((
            format!("{other}://{authority}"),
            Difference::Scheme {
                entry: other.to_owned(),
                request: scheme.to_owned(),
            },
        ));
        if let Some(port) = port {
            candidates.push((
                format!("{other}://{host}"),
                Difference::SchemeAndPort {
                    entry: other.to_owned(),
                    request: scheme.to_owned(),
                    port: port.to_owned(),
                },
            ));
        }
    }
    let same_host = format!("{scheme}://{host}:");
    let entry_ports = entries.iter().filter_map(|entry| {
        entry
            .strip_prefix(&same_host)
            .filter(|p| !p.contains(['/', ':']))
            .map(|p| (entry, p))
    });
    match port {
        Some(port) => {
            candidates.push((
                format!("{scheme}://{host}"),
                Difference::PortNotAllowed {
                    port: port.to_owned(),
                },
            ));
            for (entry, entry_port) in entry_ports {
                if entry_port != port {
                    candidates.push((
                        entry.clone(),
                        Difference::OtherPort {
                            allowed: entry_port.to_owned(),
                            requested: port.to_owned(),
                        },
                    ));
                }
            }
        }
        None => {
            for (entry, entry_port) in entry_ports {
                candidates.push((
                    entry.clone(),
                    Difference::NeedsPort {
                        port: entry_port.to_owned(),
                    },
                ));
            }
        }
    }
    if let Some((_, parent)) = host.split_once('.') {
        if parent.contains('.') {
            candidates.push((
                format!("{scheme}://{parent}{}", port_text(port)),
                Difference::Subdomain {
                    scheme: scheme.to_owned(),
                    parent: parent.to_owned(),
                },
            ));
        }
    }
    candidates.into_iter().find_map(|(candidate, difference)| {
        let entry = policy.origin_entry(candidate.as_bytes())?;
        // "Requires a subdomain" speaks of a `*.` pattern, never of an exact
        // entry that happens to be `sub.<host>`.
        if matches!(difference, Difference::Apex { .. }) && !entry.contains("*.") {
            return None;
        }
        Some(NearMiss { entry, difference })
    })
}

/// The scheme whose origins are most often confused with `scheme`'s.
fn other_scheme(scheme: &str) -> Option<&'static str> {
    match scheme {
        "http" => Some("https"),
        "https" => Some("http"),
        "ws" => Some("wss"),
        "wss" => Some("ws"),
        _ => None,
    }
}

/// `host:port` → (`host`, `Some(port)`); IPv6 brackets kept.
fn split_port(authority: &str) -> (&str, Option<&str>) {
    let host_end = if authority.starts_with('[') {
        authority.find(']').map_or(authority.len(), |i| i + 1)
    } else {
        authority.find(':').unwrap_or(authority.len())
    };
    let (host, port) = authority.split_at(host_end);
    (host, port.strip_prefix(':'))
}

fn port_text(port: Option<&str>) -> String {
    port.map(|p| format!(":{p}")).unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn split_port_handles_ipv6() {
        assert_eq!(split_port("[::1]:3000"), ("[::1]", Some("3000")));
        assert_eq!(split_port("[::1]"), ("[::1]", None));
        assert_eq!(split_port("a.example:80"), ("a.example", Some("80")));
    }
}
