//! Why the request headers a preflight asks for
//! (`Access-Control-Request-Headers`) are allowed or refused.

use std::fmt;

use cors_core::grammar::is_token;
use cors_core::plan::RequestHeadersPlan;
use cors_core::{Interpreted, Policy, RequestHeaderRule};

/// How the request headers of an allowed preflight are allowed.
///
/// `Display` gives the sentence `cors explain` prints.
///
/// ```
/// use cors_core::plan::{OriginsPlan, Plan, RequestHeadersPlan};
/// use cors_dsl::explain::{allowed_request_headers, HeadersAllowed};
///
/// let mut plan = Plan::new("Api", OriginsPlan::Any);
/// plan.request_headers = RequestHeadersPlan::listed(vec!["x-a".into()]);
/// let policy = cors_core::Interpreted::new(plan).unwrap();
/// let how = allowed_request_headers(&policy, &[b"X-A"]);
/// assert_eq!(how.to_string(), "x-a: listed in `request-headers` (compared case-insensitively)");
/// assert_eq!(allowed_request_headers(&policy, &[]), HeadersAllowed::Absent);
/// ```
#[derive(Clone, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub enum HeadersAllowed {
    /// No `Access-Control-Request-Headers`.
    Absent,
    /// Present, but without a name.
    Empty,
    /// These names (lowercase), by `request-headers: *`.
    Any(Vec<String>),
    /// These names (lowercase), listed in `request-headers`.
    Listed(Vec<String>),
}

impl fmt::Display for HeadersAllowed {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            HeadersAllowed::Absent => f.write_str(
                "no Access-Control-Request-Headers: nothing beyond the CORS-safelisted \
                 request headers is requested",
            ),
            HeadersAllowed::Empty => {
                f.write_str("Access-Control-Request-Headers is empty: no header requested")
            }
            HeadersAllowed::Any(names) => write!(
                f,
                "{}: allowed by `request-headers: *` (compared case-insensitively)",
                names.join(", ")
            ),
            HeadersAllowed::Listed(names) => write!(
                f,
                "{}: listed in `request-headers` (compared case-insensitively)",
                names.join(", ")
            ),
        }
    }
}

/// How `policy` allows the request header names of the ACRH fields `acrh`
/// (a preflight the decision core allowed).
pub fn allowed_request_headers(policy: &Interpreted, acrh: &[&[u8]]) -> HeadersAllowed {
    if acrh.is_empty() {
        return HeadersAllowed::Absent;
    }
    let names = names(acrh);
    if names.is_empty() {
        return HeadersAllowed::Empty;
    }
    match policy.plan().request_headers {
        RequestHeadersPlan::Any { .. } => HeadersAllowed::Any(names),
        RequestHeadersPlan::Listed { .. } => HeadersAllowed::Listed(names),
    }
}

/// One refused request header name.
#[derive(Clone, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub enum RefusedName {
    /// Not an HTTP token.
    NotToken(String),
    /// `authorization` under `request-headers: *`.
    Authorization,
    /// Not listed.
    NotListed {
        /// The name, lowercase.
        name: String,
        /// The names the policy lists.
        listed: Vec<String>,
    },
}

impl RefusedName {
    /// The reason in a few words.
    ///
    /// ```
    /// use cors_dsl::explain::RefusedName;
    /// let why = RefusedName::NotListed { name: "x-b".into(), listed: vec!["x-a".into()] };
    /// assert_eq!(why.reason(), "x-b: not listed in `request-headers` (allowed: x-a)");
    /// ```
    pub fn reason(&self) -> String {
        match self {
            RefusedName::NotToken(name) => format!("{name:?} is not a valid header name"),
            RefusedName::Authorization => {
                "authorization: `request-headers: *` never covers authorization".to_owned()
            }
            RefusedName::NotListed { name, listed } => format!(
                "{name}: not listed in `request-headers` ({})",
                if listed.is_empty() {
                    "the policy lists none".to_owned()
                } else {
                    format!("allowed: {}", listed.join(", "))
                }
            ),
        }
    }

    /// How to fix it, when there is one fix.
    pub fn hint(&self) -> Option<String> {
        match self {
            RefusedName::Authorization => {
                Some("write `request-headers: *, authorization;`".to_owned())
            }
            _ => None,
        }
    }
}

impl fmt::Display for RefusedName {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.reason())?;
        match self.hint() {
            Some(hint) => write!(f, "; {hint}"),
            None => Ok(()),
        }
    }
}

/// Why the request headers of a preflight are refused.
///
/// `Display` gives the sentence `cors explain` prints.
#[derive(Clone, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub enum HeadersRefused {
    /// These names are refused (in the order requested; never empty).
    Names(Vec<RefusedName>),
    /// Every name is allowed, but the request exceeds the bounds of the
    /// ACRH scanner (too many names, empty elements or fields, a name
    /// longer than any allowed one).
    Bounds {
        /// How many names were requested.
        names: usize,
        /// In how many ACRH fields.
        fields: usize,
    },
}

impl HeadersRefused {
    /// The reason in a few words (the first refused name's).
    pub fn reason(&self) -> String {
        match self {
            HeadersRefused::Names(names) => {
                names.first().map(RefusedName::reason).unwrap_or_default()
            }
            bounds => bounds.to_string(),
        }
    }

    /// How to fix it, when there is one fix.
    pub fn hint(&self) -> Option<String> {
        match self {
            HeadersRefused::Names(names) => names.first().and_then(RefusedName::hint),
            HeadersRefused::Bounds { .. } => None,
        }
    }
}

impl fmt::Display for HeadersRefused {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            HeadersRefused::Names(names) => {
                for (i, name) in names.iter().enumerate() {
                    if i > 0 {
                        f.write_str("; ")?;
                    }
                    name.fmt(f)?;
                }
                Ok(())
            }
            HeadersRefused::Bounds { names, fields } => write!(
                f,
                "refused by the bounds of the Access-Control-Request-Headers scanner: {names} \
                 names in {fields} field(s), too many names, empty elements or fields, or a \
                 name too long for any allowed one"
            ),
        }
    }
}

/// Why `policy` refuses the request header names of the ACRH fields
/// `acrh` (the decision core refused the preflight for its request
/// headers, or as malformed because of them).
///
/// ```
/// use cors_core::plan::{OriginsPlan, Plan, RequestHeadersPlan};
/// use cors_dsl::explain::{refused_request_headers, HeadersRefused, RefusedName};
///
/// let mut plan = Plan::new("Api", OriginsPlan::Any);
/// plan.request_headers = RequestHeadersPlan::Any { authorization: false };
/// let policy = cors_core::Interpreted::new(plan).unwrap();
/// assert_eq!(
///     refused_request_headers(&policy, &[b"x-a,Authorization"]),
///     HeadersRefused::Names(vec![RefusedName::Authorization]),
/// );
/// ```
pub fn refused_request_headers(policy: &Interpreted, acrh: &[&[u8]]) -> HeadersRefused {
    let names = names(acrh);
    let listed = match &policy.plan().request_headers {
        RequestHeadersPlan::Listed { names, .. } => names.clone(),
        RequestHeadersPlan::Any { .. } => Vec::new(),
    };
    let mut refused = Vec::new();
    for name in &names {
        if !is_token(name.as_bytes()) {
            refused.push(RefusedName::NotToken(name.clone()));
            continue;
        }
        match policy.config().request_headers() {
            RequestHeaderRule::Any { authorization } => {
                if name == "authorization" && !authorization {
                    refused.push(RefusedName::Authorization);
                }
            }
            RequestHeaderRule::Listed { .. } => {
                if !policy.allows_request_header(name.as_bytes()) {
                    refused.push(RefusedName::NotListed {
                        name: name.clone(),
                        listed: listed.clone(),
                    });
                }
            }
        }
    }
    if refused.is_empty() {
        HeadersRefused::Bounds {
            names: names.len(),
            fields: acrh.len(),
        }
    } else {
        HeadersRefused::Names(refused)
    }
}

/// The names of ACRH fields, lowercase, without empty elements.
fn names(acrh: &[&[u8]]) -> Vec<String> {
    acrh.iter()
        .flat_map(|field| field.split(|&b| b == b','))
        .map(|name| String::from_utf8_lossy(name.trim_ascii()).to_ascii_lowercase())
        .filter(|name| !name.is_empty())
        .collect()
}
