//! The plan: plain data of what a matcher needs to know about one policy.
//!
//! `cors-dsl` lowers every validated policy into a [`Plan`] exactly once;
//! `cors-macros` quotes it into statics and `match` arms, and the
//! interpreter ([`Interpreted`](crate::Interpreted)) holds it as data. Every
//! rule of that translation (how `null` is answered, the longest origin a
//! list can match, the joined header lists, `expose-headers: *`, the
//! max-age text) is a constructor here, so it is written once.
//!
//! ```
//! use cors_core::plan::{MethodsPlan, OriginsPlan, Plan, RequestHeadersPlan};
//! use cors_core::{WildcardHost, WildcardPattern, WildcardPort};
//!
//! let origins = OriginsPlan::listed(
//!     vec!["https://app.example".into()],
//!     false,
//!     vec![WildcardPattern {
//!         scheme: "https".into(),
//!         host: WildcardHost::Subdomains("example.org".into()),
//!         port: WildcardPort::Default,
//!     }],
//! );
//! let mut plan = Plan::new("Api", origins);
//! plan.methods = MethodsPlan::Listed(vec!["PUT".into()]);
//! plan.request_headers = RequestHeadersPlan::listed(vec!["content-type".into(), "x-api-key".into()]);
//! plan.max_age = Plan::max_age_text(Some(600));
//! assert_eq!(plan.max_age.as_deref(), Some("600"));
//! let RequestHeadersPlan::Listed { joined, max_name_len, .. } = &plan.request_headers else { panic!() };
//! assert_eq!((joined.as_deref(), *max_name_len), (Some("content-type,x-api-key"), 12));
//! ```

use crate::grammar::MAX_HOST_LEN;
use crate::wildcard::{WildcardHost, WildcardPattern, WildcardPort};

/// `Access-Control-Expose-Headers` of `expose-headers: *`.
pub const EXPOSE_ANY: &str = "*";

/// The separator of the header lists the middleware sends (`ACAH`, `ACEH`):
/// a comma without spaces, as browsers write `Access-Control-Request-Headers`.
pub const LIST_SEPARATOR: &str = ",";

/// What a matcher needs to know about one policy.
#[derive(Clone, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub struct Plan {
    /// The policy's name, as written after `policy`.
    pub name: String,
    /// Which origins are allowed.
    pub origins: OriginsPlan,
    /// `credentials: true` (never with [`OriginsPlan::Any`]).
    pub credentials: bool,
    /// Which non-safelisted methods are allowed.
    pub methods: MethodsPlan,
    /// Which request headers are allowed.
    pub request_headers: RequestHeadersPlan,
    /// `Access-Control-Expose-Headers` of allowed actual responses, if any.
    pub expose_headers: Option<String>,
    /// `Access-Control-Max-Age` of allowed preflights (decimal seconds), if any.
    pub max_age: Option<String>,
    /// `private-network: true`.
    pub private_network: bool,
    /// The status of a successful preflight answered by the middleware.
    pub preflight_status: PreflightStatus,
    /// Whether successful preflights are answered or forwarded.
    pub preflight: PreflightMode,
    /// Whether WebSocket handshakes have their `Origin` checked.
    pub websocket: WebSocketMode,
}

impl Plan {
    /// A plan with the language's defaults for everything but the origins:
    /// methods `GET, HEAD, POST`, no request or exposed headers, no
    /// credentials, no max-age, no private network, `204`, `respond`, no
    /// WebSocket origin check.
    pub fn new(name: impl Into<String>, origins: OriginsPlan) -> Plan {
        Plan {
            name: name.into(),
            origins,
            credentials: false,
            methods: MethodsPlan::Listed(
                crate::grammar::SAFELISTED_METHODS
                    .iter()
                    .map(|m| (*m).to_owned())
                    .collect(),
            ),
            request_headers: RequestHeadersPlan::listed(Vec::new()),
            expose_headers: None,
            max_age: None,
            private_network: false,
            preflight_status: PreflightStatus::NoContent,
            preflight: PreflightMode::Respond,
            websocket: WebSocketMode::Unchecked,
        }
    }

    /// `Access-Control-Expose-Headers` of `expose-headers:`: `*`, or the
    /// names joined by `,`; `None` for an empty list (nothing is sent).
    ///
    /// ```
    /// use cors_core::plan::Plan;
    /// assert_eq!(Plan::expose_headers_text(true, &[]).as_deref(), Some("*"));
    /// assert_eq!(Plan::expose_headers_text(false, &["x-a".into(), "x-b".into()]).as_deref(), Some("x-a,x-b"));
    /// assert_eq!(Plan::expose_headers_text(false, &[]), None);
    /// ```
    pub fn expose_headers_text(any: bool, names: &[String]) -> Option<String> {
        if any {
            Some(EXPOSE_ANY.to_owned())
        } else {
            joined(names)
        }
    }

    /// `Access-Control-Max-Age` of `max-age:` in seconds: the decimal text.
    pub fn max_age_text(seconds: Option<u32>) -> Option<String> {
        seconds.map(|seconds| seconds.to_string())
    }
}

/// `names` joined by [`LIST_SEPARATOR`]; `None` for an empty list.
fn joined(names: &[String]) -> Option<String> {
    (!names.is_empty()).then(|| names.join(LIST_SEPARATOR))
}

/// Which origins a plan allows.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum OriginsPlan {
    /// `origins: *`: every request gets `Access-Control-Allow-Origin: *`.
    Any,
    /// A list.
    Listed(OriginListPlan),
}

impl OriginsPlan {
    /// The plan of a list: `exact` origins in canonical form (as written,
    /// without duplicates), whether the bare keyword `null` was listed, and
    /// the wildcard `patterns`.
    ///
    /// `null` is answered like an exact origin (the constant `null`); the
    /// longest value any entry can match is computed here.
    ///
    /// ```
    /// use cors_core::plan::OriginsPlan;
    /// let OriginsPlan::Listed(list) = OriginsPlan::listed(vec!["https://a.example".into()], true, vec![]) else { panic!() };
    /// assert_eq!(list.exact, ["https://a.example", "null"]);
    /// assert_eq!(list.max_len, "https://a.example".len());
    /// ```
    pub fn listed(
        mut exact: Vec<String>,
        null: bool,
        patterns: Vec<WildcardPattern<String>>,
    ) -> OriginsPlan {
        if null {
            exact.push("null".to_owned());
        }
        let exact_max = exact.iter().map(String::len).max().unwrap_or(0);
        let pattern_max = patterns.iter().map(|p| p.max_len()).max().unwrap_or(0);
        OriginsPlan::Listed(OriginListPlan {
            exact,
            patterns,
            max_len: exact_max.max(pattern_max),
        })
    }
}

/// The origins of a listed plan.
#[derive(Clone, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub struct OriginListPlan {
    /// Origins answered with a constant (their own bytes): the exact
    /// entries in the order written, then `null` when listed.
    pub exact: Vec<String>,
    /// Wildcard patterns, answered by echoing the request's `Origin`.
    pub patterns: Vec<WildcardPattern<String>>,
    /// The longest `Origin` any entry could match; longer values are
    /// refused before any matching.
    pub max_len: usize,
}

/// Which non-safelisted methods a plan allows.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum MethodsPlan {
    /// `methods: *`.
    Any,
    /// Method tokens matched byte-exactly, in the order written.
    Listed(Vec<String>),
}

/// Which request headers a plan allows.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum RequestHeadersPlan {
    /// `request-headers: *` (never covers `authorization` unless listed).
    Any {
        /// `request-headers: *, authorization`.
        authorization: bool,
    },
    /// A list of lowercase names, possibly empty.
    Listed {
        /// The names, in the order written.
        names: Vec<String>,
        /// The longest name, in bytes.
        max_name_len: usize,
        /// `Access-Control-Allow-Headers`: the names joined by `,`; `None`
        /// for an empty list.
        joined: Option<String>,
    },
}

impl RequestHeadersPlan {
    /// The plan of a listed `request-headers:`.
    pub fn listed(names: Vec<String>) -> RequestHeadersPlan {
        RequestHeadersPlan::Listed {
            max_name_len: names.iter().map(String::len).max().unwrap_or(0),
            joined: joined(&names),
            names,
        }
    }
}

impl<S: AsRef<str>> WildcardPattern<S> {
    /// The longest origin this pattern can match, in bytes (used to refuse
    /// longer request values before any matching).
    ///
    /// ```
    /// use cors_core::{WildcardHost, WildcardPattern, WildcardPort};
    /// let p = WildcardPattern { scheme: "http", host: WildcardHost::Exact("localhost"), port: WildcardPort::Any };
    /// assert_eq!(p.max_len(), "http://localhost:65535".len());
    /// ```
    pub fn max_len(&self) -> usize {
        let host = match &self.host {
            WildcardHost::Exact(host) => host.as_ref().len(),
            WildcardHost::Subdomains(suffix) if suffix.as_ref().ends_with('.') => MAX_HOST_LEN + 1,
            WildcardHost::Subdomains(_) => MAX_HOST_LEN,
        };
        let port = match &self.port {
            WildcardPort::Default => 0,
            WildcardPort::Exact(port) => 1 + port.as_ref().len(),
            WildcardPort::Any => 6,
        };
        self.scheme.as_ref().len() + 3 + host + port
    }
}

/// The status of a successful preflight.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum PreflightStatus {
    /// `200 OK`.
    Ok,
    /// `204 No Content` (the default).
    #[default]
    NoContent,
}

/// What happens to a successful preflight.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum PreflightMode {
    /// The middleware answers it (the default).
    #[default]
    Respond,
    /// The middleware writes the headers and passes it on to the application.
    Forward,
}

/// What happens to WebSocket handshakes (`Upgrade: websocket`).
///
/// Browsers apply no CORS to WebSocket handshakes: any page may open a
/// socket to any server, with the user's cookies. `websocket: check-origin;`
/// makes the middleware check the handshake's `Origin` itself.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum WebSocketMode {
    /// Handshakes are decided like any other request (the default).
    #[default]
    Unchecked,
    /// `websocket: check-origin;`: a handshake whose `Origin` is present and
    /// not allowed is answered `403` without calling the application; an
    /// allowed or absent `Origin` passes untouched, with no CORS headers.
    CheckOrigin,
}
