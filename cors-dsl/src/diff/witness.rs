//! [`Witness`]: the concrete request that shows a change, and how the two
//! versions of a policy are run on it.
//!
//! A witness is replayed through the real decision core
//! ([`cors_core::decide`], then [`Decision::apply_to`](cors_core::Decision::apply_to))
//! on both plans, interpreted. What is compared is what a browser (or a
//! cache in front of the server) can tell apart, as an [`Observation`]:
//! whether the application is called, the middleware's own status,
//! whether `Access-Control-Allow-Origin` is sent, credentials, the exposed
//! response headers (as a set, without the CORS-safelisted ones, which are
//! always readable), the max-age, private network access, and the `Vary`
//! tokens.
//!
//! `Access-Control-Allow-Methods` and `-Allow-Headers` are not compared as
//! text: on an allowed preflight they always cover what was requested
//! (the method is echoed; the header list is the policy's list, `*`, or an
//! echo), and the other names a list may carry only say what the policy
//! answers to other requests — which are compared on those requests. So a
//! reordered `request-headers:` list is equivalent, as it should be.

use std::fmt;

use cors_core::grammar::SAFELISTED_RESPONSE_HEADERS;
use cors_core::{decide, Interpreted, Outcome};

/// `Origin`, as a witness writes it.
pub(super) const ORIGIN: &str = "Origin";
/// `Access-Control-Request-Method`.
pub(super) const REQUEST_METHOD: &str = "Access-Control-Request-Method";
/// `Access-Control-Request-Headers`.
pub(super) const REQUEST_HEADERS: &str = "Access-Control-Request-Headers";
/// `Access-Control-Request-Private-Network`.
pub(super) const REQUEST_PRIVATE_NETWORK: &str = "Access-Control-Request-Private-Network";

/// A request that the old and the new version of a policy treat
/// differently: its method and its header lines, in order.
///
/// ```
/// use cors_dsl::diff::Witness;
/// let get = Witness::get("https://a.example");
/// assert_eq!(get.to_string(), "Origin: https://a.example");
/// let preflight = Witness::preflight("https://a.example", "PUT");
/// assert_eq!(preflight.method, "OPTIONS");
/// assert_eq!(
///     preflight.to_string(),
///     "OPTIONS with Origin: https://a.example, Access-Control-Request-Method: PUT"
/// );
/// ```
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct Witness {
    /// The request method, e.g. `GET` or `OPTIONS`.
    pub method: String,
    /// The header lines, `(name, value)`, in order.
    pub headers: Vec<(String, String)>,
}

impl Witness {
    /// `GET` with `Origin: origin`: an actual CORS request.
    pub fn get(origin: &str) -> Witness {
        Witness {
            method: "GET".to_owned(),
            headers: vec![(ORIGIN.to_owned(), origin.to_owned())],
        }
    }

    /// A preflight from `origin` for `method`: `OPTIONS` with `Origin` and
    /// `Access-Control-Request-Method`.
    pub fn preflight(origin: &str, method: &str) -> Witness {
        Witness {
            method: "OPTIONS".to_owned(),
            headers: vec![
                (ORIGIN.to_owned(), origin.to_owned()),
                (REQUEST_METHOD.to_owned(), method.to_owned()),
            ],
        }
    }

    /// This request with one more header line.
    ///
    /// ```
    /// use cors_dsl::diff::Witness;
    /// let w = Witness::preflight("https://a.example", "GET")
    ///     .with_header("Access-Control-Request-Headers", "x-debug");
    /// assert_eq!(w.headers.len(), 3);
    /// ```
    pub fn with_header(mut self, name: &str, value: &str) -> Witness {
        self.headers.push((name.to_owned(), value.to_owned()));
        self
    }

    /// The value of the first `Origin` line, if any.
    pub fn origin(&self) -> Option<&str> {
        self.headers
            .iter()
            .find(|(name, _)| name.eq_ignore_ascii_case(ORIGIN))
            .map(|(_, value)| value.as_str())
    }

    /// Whether `old` and `new` treat this request differently: run through
    /// the decision core, they answer something a browser (or a cache) can
    /// tell apart. A request `http` cannot represent is treated alike.
    ///
    /// ```
    /// use cors_core::plan::{OriginsPlan, Plan};
    /// use cors_core::Interpreted;
    /// use cors_dsl::diff::Witness;
    /// let one = |o: &str| Interpreted::new(Plan::new("A", OriginsPlan::listed(vec![o.into()], false, vec![]))).unwrap();
    /// let (old, new) = (one("https://a.example"), one("https://b.example"));
    /// assert!(Witness::get("https://b.example").distinguishes(&old, &new));
    /// assert!(!Witness::get("https://c.example").distinguishes(&old, &new));
    /// ```
    pub fn distinguishes(&self, old: &Interpreted, new: &Interpreted) -> bool {
        match (self.observe(old), self.observe(new)) {
            (Some(old), Some(new)) => old != new,
            _ => false,
        }
    }

    /// What `policy` answers to this request, reduced to what can be told
    /// apart; `None` when `http` cannot represent the request.
    fn observe(&self, policy: &Interpreted) -> Option<Observation> {
        let method = http::Method::from_bytes(self.method.as_bytes()).ok()?;
        let mut headers = http::HeaderMap::new();
        for (name, value) in &self.headers {
            let name = http::HeaderName::from_bytes(name.as_bytes()).ok()?;
            let value = http::HeaderValue::from_str(value).ok()?;
            headers.append(name, value);
        }
        let decision = decide(policy, &method, &headers);
        let (app_called, status) = match decision.outcome() {
            Outcome::CallApp => (true, None),
            Outcome::Respond(status) => (false, Some(status.as_u16())),
        };
        let mut response = http::HeaderMap::new();
        decision.apply_to(&mut response);
        Some(Observation::of(app_called, status, &response))
    }
}

impl fmt::Display for Witness {
    /// `Origin: https://a.example` for a plain `GET` from an origin;
    /// otherwise `METHOD with Name: value, Name: value`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.method == "GET" {
            if let [(name, value)] = self.headers.as_slice() {
                return write!(f, "{name}: {value}");
            }
        }
        write!(f, "{}", self.method)?;
        for (i, (name, value)) in self.headers.iter().enumerate() {
            let lead = if i == 0 { " with " } else { ", " };
            write!(f, "{lead}{name}: {value}")?;
        }
        Ok(())
    }
}

/// What a response lets a browser or a cache tell apart (see the
/// [module docs](self)).
#[derive(Clone, Debug, PartialEq, Eq)]
struct Observation {
    app_called: bool,
    status: Option<u16>,
    allow_origin: bool,
    allow_credentials: bool,
    /// Lowercase, sorted, without the safelisted names; `["*"]` for `*`.
    expose_headers: Vec<String>,
    max_age: Option<String>,
    allow_private_network: bool,
    /// Lowercase, sorted.
    vary: Vec<String>,
}

impl Observation {
    fn of(app_called: bool, status: Option<u16>, response: &http::HeaderMap) -> Observation {
        let text = |name: &str| {
            response
                .get(name)
                .and_then(|v| v.to_str().ok())
                .map(str::to_owned)
        };
        let mut expose_headers: Vec<String> = tokens(response, "access-control-expose-headers")
            .filter(|name| !SAFELISTED_RESPONSE_HEADERS.contains(&name.as_str()))
            .collect();
        expose_headers.sort();
        expose_headers.dedup();
        let mut vary: Vec<String> = tokens(response, "vary").collect();
        vary.sort();
        vary.dedup();
        Observation {
            app_called,
            status,
            allow_origin: response.contains_key("access-control-allow-origin"),
            allow_credentials: text("access-control-allow-credentials").as_deref() == Some("true"),
            expose_headers,
            max_age: text("access-control-max-age"),
            allow_private_network: text("access-control-allow-private-network").as_deref()
                == Some("true"),
            vary,
        }
    }
}

/// The comma-separated elements of every `name` field, trimmed and
/// lowercased, without empty ones.
fn tokens<'a>(response: &'a http::HeaderMap, name: &str) -> impl Iterator<Item = String> + 'a {
    response
        .get_all(name)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(','))
        .map(|t| t.trim().to_ascii_lowercase())
        .filter(|t| !t.is_empty())
}
