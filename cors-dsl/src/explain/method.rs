//! Why the method a preflight requests (`Access-Control-Request-Method`) is
//! allowed or refused.

use std::fmt;

use cors_core::grammar::{is_safelisted_method, is_token, MAX_METHOD_LEN};
use cors_core::plan::MethodsPlan;
use cors_core::Interpreted;

/// How an allowed requested method is allowed.
///
/// `Display` gives the words `cors explain` prints after the method.
///
/// ```
/// use cors_core::plan::{OriginsPlan, Plan};
/// use cors_dsl::explain::{allowed_method, MethodAllowed};
///
/// let policy = cors_core::Interpreted::new(Plan::new("Api", OriginsPlan::Any)).unwrap();
/// assert_eq!(allowed_method(&policy, b"GET"), MethodAllowed::Safelisted);
/// assert_eq!(MethodAllowed::Safelisted.to_string(), "a CORS-safelisted method, always allowed");
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub enum MethodAllowed {
    /// `GET`, `HEAD` or `POST`.
    Safelisted,
    /// By `methods: *` (echoed).
    Any,
    /// Listed in `methods` (echoed).
    Listed,
}

impl fmt::Display for MethodAllowed {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            MethodAllowed::Safelisted => "a CORS-safelisted method, always allowed",
            MethodAllowed::Any => "allowed by `methods: *` (echoed)",
            MethodAllowed::Listed => "listed in `methods` (echoed)",
        })
    }
}

/// How `policy` allows `method` (a requested method the decision core allowed).
pub fn allowed_method(policy: &Interpreted, method: &[u8]) -> MethodAllowed {
    if is_safelisted_method(method) {
        MethodAllowed::Safelisted
    } else if matches!(policy.plan().methods, MethodsPlan::Any) {
        MethodAllowed::Any
    } else {
        MethodAllowed::Listed
    }
}

/// Why a requested method is refused.
///
/// `Display` gives the sentence `cors explain` prints;
/// [`reason`](MethodRefused::reason) and [`hint`](MethodRefused::hint)
/// split it for diagnostics.
#[derive(Clone, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub enum MethodRefused {
    /// `Access-Control-Request-Method` was sent this many times (0 or more
    /// than 1).
    Repeated(usize),
    /// Not an HTTP token.
    NotToken(String),
    /// Longer than the core accepts.
    TooLong(String),
    /// Listed in another case: methods are case-sensitive.
    Case {
        /// The method requested.
        method: String,
        /// The method the policy lists.
        listed: String,
    },
    /// Not listed.
    NotListed {
        /// The method requested.
        method: String,
        /// The methods the policy lists.
        listed: Vec<String>,
    },
}

impl MethodRefused {
    /// The reason in a few words.
    ///
    /// ```
    /// use cors_dsl::explain::MethodRefused;
    /// let why = MethodRefused::Case { method: "patch".into(), listed: "PATCH".into() };
    /// assert_eq!(why.reason(), "methods are case-sensitive and the policy lists PATCH");
    /// ```
    pub fn reason(&self) -> String {
        match self {
            MethodRefused::Repeated(n) => format!(
                "Access-Control-Request-Method sent {n} times: exactly one field is required"
            ),
            MethodRefused::NotToken(method) => format!("{method:?} is not a valid method token"),
            MethodRefused::TooLong(method) => format!(
                "{} is {} bytes long: a requested method longer than {MAX_METHOD_LEN} bytes is \
                 refused as malformed",
                shorten(method),
                method.len()
            ),
            MethodRefused::Case { listed, .. } => {
                format!("methods are case-sensitive and the policy lists {listed}")
            }
            MethodRefused::NotListed { listed, .. } => format!(
                "`methods` lists {} (GET, HEAD and POST are always allowed)",
                if listed.is_empty() {
                    "nothing else".to_owned()
                } else {
                    listed.join(", ")
                }
            ),
        }
    }

    /// More to say about the reason, if anything.
    pub fn hint(&self) -> Option<String> {
        match self {
            MethodRefused::Case { .. } => Some(
                "browsers upper-case DELETE, GET, HEAD, OPTIONS, POST and PUT, but send other \
                 methods, PATCH included, as the script wrote them"
                    .to_owned(),
            ),
            _ => None,
        }
    }
}

impl fmt::Display for MethodRefused {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            MethodRefused::Repeated(_) | MethodRefused::NotToken(_) | MethodRefused::TooLong(_) => {
                f.write_str(&self.reason())
            }
            MethodRefused::Case { method, .. } | MethodRefused::NotListed { method, .. } => {
                write!(f, "{method}: not allowed; {}", self.reason())?;
                match self.hint() {
                    Some(hint) => write!(f, " ({hint})"),
                    None => Ok(()),
                }
            }
        }
    }
}

/// Why `policy` refuses a preflight whose `Access-Control-Request-Method`
/// fields are `acrm` (the decision core refused it for its method, or as
/// malformed because of it).
///
/// ```
/// use cors_core::plan::{MethodsPlan, OriginsPlan, Plan};
/// use cors_dsl::explain::{refused_method, MethodRefused};
///
/// let mut plan = Plan::new("Api", OriginsPlan::Any);
/// plan.methods = MethodsPlan::Listed(vec!["PATCH".into()]);
/// let policy = cors_core::Interpreted::new(plan).unwrap();
/// assert_eq!(
///     refused_method(&policy, &[b"patch"]),
///     MethodRefused::Case { method: "patch".into(), listed: "PATCH".into() },
/// );
/// assert_eq!(refused_method(&policy, &[]), MethodRefused::Repeated(0));
/// ```
pub fn refused_method(policy: &Interpreted, acrm: &[&[u8]]) -> MethodRefused {
    let [bytes] = acrm else {
        return MethodRefused::Repeated(acrm.len());
    };
    let method = String::from_utf8_lossy(bytes).into_owned();
    if !is_token(bytes) {
        return MethodRefused::NotToken(method);
    }
    if bytes.len() > MAX_METHOD_LEN {
        return MethodRefused::TooLong(method);
    }
    let listed = match &policy.plan().methods {
        MethodsPlan::Listed(list) => list.clone(),
        MethodsPlan::Any => Vec::new(),
    };
    if let Some(close) = listed.iter().find(|m| m.eq_ignore_ascii_case(&method)) {
        return MethodRefused::Case {
            method,
            listed: close.clone(),
        };
    }
    MethodRefused::NotListed { method, listed }
}

/// A long method shown by its first bytes.
fn shorten(method: &str) -> String {
    match method.get(..24) {
        Some(start) if method.len() > 32 => format!("{start}…"),
        _ => method.to_owned(),
    }
}
