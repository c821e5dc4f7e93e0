//! Why the `Origin` of a request is allowed or refused.

use std::fmt;

use cors_core::plan::OriginsPlan;
use cors_core::Interpreted;

use super::near_miss::{near_miss, NearMiss};
use crate::suggest::closest_within;

/// How an allowed `Origin` is allowed.
///
/// `Display` gives the words `cors explain` prints after the origin.
///
/// ```
/// use cors_core::plan::{OriginsPlan, Plan};
/// use cors_dsl::explain::{allowed_origin, OriginAllowed};
///
/// let plan = Plan::new("Api", OriginsPlan::listed(vec!["https://a.example".into()], false, vec![]));
/// let policy = cors_core::Interpreted::new(plan).unwrap();
/// let how = allowed_origin(&policy, b"https://a.example");
/// assert_eq!(how, OriginAllowed::Exact);
/// assert_eq!(how.to_string(), "allowed, listed exactly");
/// ```
#[derive(Clone, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub enum OriginAllowed {
    /// By `origins: *`.
    Any,
    /// Listed exactly (or `null`, listed).
    Exact,
    /// By this wildcard pattern (the request's value is echoed).
    Pattern(String),
    /// Allowed, by no entry the explanation can name.
    Other,
}

impl fmt::Display for OriginAllowed {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            OriginAllowed::Any => f.write_str("allowed by `origins: *` (answered with `*`)"),
            OriginAllowed::Exact => f.write_str("allowed, listed exactly"),
            OriginAllowed::Pattern(entry) => write!(
                f,
                "allowed by the pattern \"{entry}\" (the request's value is echoed)"
            ),
            OriginAllowed::Other => f.write_str("allowed"),
        }
    }
}

/// How `policy` allows `origin` (a request `Origin` the decision core allowed).
pub fn allowed_origin(policy: &Interpreted, origin: &[u8]) -> OriginAllowed {
    if matches!(policy.plan().origins, OriginsPlan::Any) {
        return OriginAllowed::Any;
    }
    match policy.origin_entry(origin) {
        Some(entry) if entry.as_bytes() == origin => OriginAllowed::Exact,
        Some(entry) => OriginAllowed::Pattern(entry),
        None => OriginAllowed::Other,
    }
}

/// Why a request's `Origin` is refused.
///
/// [`reason`](OriginRefused::reason) says it in a few words;
/// `Display` gives the whole sentence `cors explain` prints after `not
/// allowed;` (the reason and, for a near miss, why the difference matters).
#[derive(Clone, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub enum OriginRefused {
    /// `Origin` was sent this many times (exactly one field is required).
    Repeated(usize),
    /// `Origin` is empty.
    Empty,
    /// Longer than any allowed origin can be.
    TooLong {
        /// The value's length, in bytes.
        len: usize,
        /// The longest origin the policy's entries can match.
        max: usize,
    },
    /// `null`, and the policy does not list it.
    Null,
    /// Several origins joined by a comma.
    Joined,
    /// An entry would allow it after one usual fix.
    NearMiss(NearMiss),
    /// Not an origin a browser sends (the reason from the origin grammar).
    NotAnOrigin(String),
    /// No entry matches; the closest one by edit distance, if any.
    NoMatch {
        /// The closest entry.
        closest: Option<String>,
    },
}

impl OriginRefused {
    /// The reason in a few words: for a near miss, the closest entry and
    /// what differs (`closest entry "https://a.example" is lowercase`).
    pub fn reason(&self) -> String {
        match self {
            OriginRefused::NearMiss(miss) => miss.what(),
            other => other.to_string(),
        }
    }

    /// More to say about the reason (for a near miss: why the difference
    /// matters, or how to fix it).
    pub fn hint(&self) -> Option<String> {
        match self {
            OriginRefused::NearMiss(miss) => miss.difference.why(),
            _ => None,
        }
    }
}

impl fmt::Display for OriginRefused {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            OriginRefused::Repeated(n) => {
                write!(f, "Origin sent {n} times: exactly one field is required")
            }
            OriginRefused::Empty => f.write_str("Origin is empty"),
            OriginRefused::TooLong { len, max } => write!(
                f,
                "it is {len} bytes long, longer than any allowed origin can be ({max})"
            ),
            OriginRefused::Null => f.write_str(
                "`null` is the opaque origin of sandboxed iframes, file: pages, data: URLs \
                 and redirected requests; the policy does not list it",
            ),
            OriginRefused::Joined => f.write_str("several origins joined by a comma are refused"),
            OriginRefused::NearMiss(miss) => miss.fmt(f),
            OriginRefused::NotAnOrigin(message) => {
                write!(f, "{message} (browsers send origins byte for byte)")
            }
            OriginRefused::NoMatch {
                closest: Some(closest),
            } => write!(f, "no entry matches (closest: \"{closest}\")"),
            OriginRefused::NoMatch { closest: None } => f.write_str("no entry matches"),
        }
    }
}

/// Why `policy` refuses a request whose `Origin` fields are `origins` (the
/// decision core refused it: [`Refusal::Origin`](cors_core::Refusal::Origin)).
///
/// ```
/// use cors_core::plan::{OriginsPlan, Plan};
/// use cors_dsl::explain::{refused_origin, OriginRefused};
///
/// let plan = Plan::new("Api", OriginsPlan::listed(vec!["https://app.example.com".into()], false, vec![]));
/// let policy = cors_core::Interpreted::new(plan).unwrap();
/// let why = refused_origin(&policy, &[b"https://app.example.com/"]);
/// assert!(matches!(why, OriginRefused::NearMiss(_)));
/// assert_eq!(why.reason(), "closest entry \"https://app.example.com\" has no trailing slash");
/// assert_eq!(why.hint().as_deref(), Some("browsers never send one in Origin"));
/// assert_eq!(
///     refused_origin(&policy, &[b"https://evil.example"]),
///     OriginRefused::NoMatch { closest: Some("https://app.example.com".into()) },
/// );
/// ```
pub fn refused_origin(policy: &Interpreted, origins: &[&[u8]]) -> OriginRefused {
    let [origin] = origins else {
        return OriginRefused::Repeated(origins.len());
    };
    let OriginsPlan::Listed(list) = &policy.plan().origins else {
        // `origins: *` refuses nothing but a repeated Origin.
        return OriginRefused::NoMatch { closest: None };
    };
    if origin.is_empty() {
        return OriginRefused::Empty;
    }
    let shown = String::from_utf8_lossy(origin);
    if shown == "null" {
        return OriginRefused::Null;
    }
    if shown.contains(',') {
        return OriginRefused::Joined;
    }
    // A near miss first: `https://a.example/` is one byte longer than the
    // only entry `https://a.example`, and the trailing slash is the news.
    if let Some(miss) = near_miss(policy, &shown) {
        return OriginRefused::NearMiss(miss);
    }
    if origin.len() > list.max_len {
        return OriginRefused::TooLong {
            len: origin.len(),
            max: list.max_len,
        };
    }
    if let Err(error) = crate::origin::parse_origin(&shown) {
        return OriginRefused::NotAnOrigin(error.message);
    }
    let entries = policy.origin_entries();
    OriginRefused::NoMatch {
        closest: closest_within(&shown, entries.iter().map(String::as_str), usize::MAX)
            .map(str::to_owned),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn policy(text: &str) -> Interpreted {
        let compiled = crate::compile_str("a.cors", text, None).unwrap();
        Interpreted::new(crate::lower::plan(&compiled.policies[0])).unwrap()
    }

    #[test]
    fn near_misses() {
        let p = policy(
            r#"policy A { origins: "https://app.example.com", "https://*.example.org",
                "https://admin.example.net:8443", "http://localhost:3000", "https://sub.example.io"; }"#,
        );
        let cases = [
            ("https://app.example.com/", "closest entry \"https://app.example.com\" has no trailing slash: browsers never send one in Origin"),
            ("https://app.example.com/api", "closest entry \"https://app.example.com\" has no path"),
            ("https://APP.example.com", "closest entry \"https://app.example.com\" is lowercase"),
            (" https://app.example.com", "closest entry \"https://app.example.com\" matches without the surrounding whitespace"),
            ("https://app.example.com:443", "closest entry \"https://app.example.com\" has no port: browsers leave out the default port :443"),
            ("https://example.org", "closest pattern \"https://*.example.org\" requires a subdomain: it matches hosts under example.org, never example.org itself"),
            ("http://app.example.com", "closest entry \"https://app.example.com\" is https, not http: the scheme is part of the origin"),
            ("http://app.example.com:8080", "closest entry \"https://app.example.com\" is https on its default port, not http on port 8080"),
            ("https://admin.example.net:9443", "closest entry \"https://admin.example.net:8443\" allows port 8443, not 9443"),
            ("https://admin.example.net", "closest entry \"https://admin.example.net:8443\" has port 8443"),
            ("http://localhost:3001", "closest entry \"http://localhost:3000\" allows port 3000, not 3001"),
            ("https://app.example.com:8443", "closest entry \"https://app.example.com\" has no port: port 8443 is not allowed"),
            ("https://www.app.example.com", "closest entry \"https://app.example.com\" does not cover its subdomains: list \"https://*.app.example.com\" to allow them"),
            ("https://app.example.com.", "closest entry \"https://app.example.com\" has no trailing dot"),
            ("https://evil.example", "no entry matches (closest: "),
            ("null", "`null` is the opaque origin"),
            ("https://a.example,https://b.example", "several origins joined by a comma"),
            ("app.example.com", "(browsers send origins byte for byte)"),
        ];
        for (origin, expected) in cases {
            let detail = refused_origin(&p, &[origin.as_bytes()]).to_string();
            assert!(detail.contains(expected), "{origin}: {detail}");
        }
        // The apex of an exact entry `sub.<host>` is no "requires a subdomain".
        let detail = refused_origin(&p, &[b"https://example.io"]).to_string();
        assert!(!detail.contains("requires a subdomain"), "{detail}");
        assert_eq!(
            refused_origin(&p, &[b"https://a.example", b"https://b.example"]),
            OriginRefused::Repeated(2)
        );
        assert_eq!(refused_origin(&p, &[b""]), OriginRefused::Empty);
        let long = vec![b'a'; 400];
        assert!(matches!(
            refused_origin(&p, &[&long]),
            OriginRefused::TooLong { len: 400, .. }
        ));
    }

    #[test]
    fn allowed_origins_name_their_entry() {
        let p = policy(r#"policy A { origins: "https://a.example", "https://*.example.org"; }"#);
        assert_eq!(
            allowed_origin(&p, b"https://a.example"),
            OriginAllowed::Exact
        );
        assert_eq!(
            allowed_origin(&p, b"https://x.example.org"),
            OriginAllowed::Pattern("https://*.example.org".into())
        );
        assert_eq!(
            allowed_origin(&policy("policy A { origins: *; }"), b"https://x"),
            OriginAllowed::Any
        );
    }
}
