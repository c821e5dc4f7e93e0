//! [`DynamicPolicy`]: a validated policy model, interpreted.

use std::fmt;
use std::path::Path;
use std::sync::Arc;

use cors_dsl::model::{
    self, ExposeHeaders, HostPattern, Methods, Origins, PortPattern, RequestHeaders,
};

use super::error::DynamicError;
use crate::origin::{WildcardHost, WildcardPattern, WildcardPort};
use crate::policy::{
    MethodRule, OriginMatch, OriginRule, Policy, PolicyConfig, PreflightMode, RequestHeaderRule,
};
use crate::rules;
use crate::value::ConstValue;

/// The name policy text parsed by [`DynamicPolicy::parse`] has in diagnostics.
pub(super) const TEXT_SOURCE_NAME: &str = "<text>";

/// A policy parsed from text at run time, implementing [`Policy`] like the
/// unit structs `cors_policy!` generates.
///
/// Cloning is a reference-count increment (the adapters clone the policy per
/// service, and axum per request); it is `Send + Sync`.
///
/// ```
/// use cors_runtime::dynamic::DynamicPolicy;
///
/// let policy = DynamicPolicy::parse(
///     r#"policy Api { origins: "https://app.example.com"; methods: GET, PUT; }"#,
///     "Api",
/// )?;
/// assert_eq!(policy.name(), "Api");
///
/// # #[cfg(feature = "tower")]
/// let layer = cors_runtime::tower::CorsLayer::new(policy.clone());
/// # #[cfg(feature = "actix")]
/// let middleware = cors_runtime::actix::Cors::new(policy);
/// # Ok::<(), cors_runtime::dynamic::DynamicError>(())
/// ```
#[derive(Clone)]
pub struct DynamicPolicy {
    inner: Arc<Interpreted>,
}

/// The data a [`DynamicPolicy`] decides with.
struct Interpreted {
    model: model::Policy,
    config: PolicyConfig,
    /// Exact origins (`null` included), sorted by their bytes, with the
    /// value echoed for each.
    exact: Box<[(Box<[u8]>, ConstValue)]>,
    /// Wildcard origin patterns, in the order written.
    patterns: Box<[OwnedPattern]>,
    /// Listed methods, sorted (empty for `methods: *`).
    methods: Box<[Box<[u8]>]>,
    /// Listed request header names, sorted (empty for `request-headers: *`).
    request_headers: Box<[Box<[u8]>]>,
}

/// A [`WildcardPattern`] owning its text.
struct OwnedPattern {
    scheme: Box<str>,
    host: Box<str>,
    subdomains: bool,
    port: OwnedPort,
}

enum OwnedPort {
    Default,
    Exact(Box<str>),
    Any,
}

impl OwnedPattern {
    fn new(pattern: &model::OriginPattern) -> Self {
        let (host, subdomains) = match &pattern.host {
            HostPattern::Exact(host) => (host, false),
            HostPattern::Subdomains(suffix) => (suffix, true),
        };
        OwnedPattern {
            scheme: pattern.scheme.as_str().into(),
            host: host.as_str().into(),
            subdomains,
            port: match pattern.port {
                PortPattern::Default => OwnedPort::Default,
                PortPattern::Exact(port) => OwnedPort::Exact(port.to_string().into()),
                PortPattern::Any => OwnedPort::Any,
            },
        }
    }

    /// The pattern as written in canonical form, e.g. `https://*.example.com:*`.
    fn text(&self) -> String {
        let wildcard = if self.subdomains { "*." } else { "" };
        let port = match &self.port {
            OwnedPort::Default => String::new(),
            OwnedPort::Exact(port) => format!(":{port}"),
            OwnedPort::Any => ":*".to_owned(),
        };
        format!("{}://{wildcard}{}{port}", self.scheme, self.host)
    }

    #[inline]
    fn view(&self) -> WildcardPattern<'_> {
        WildcardPattern {
            scheme: &self.scheme,
            host: if self.subdomains {
                WildcardHost::Subdomains(&self.host)
            } else {
                WildcardHost::Exact(&self.host)
            },
            port: match &self.port {
                OwnedPort::Default => WildcardPort::Default,
                OwnedPort::Exact(port) => WildcardPort::Exact(port),
                OwnedPort::Any => WildcardPort::Any,
            },
        }
    }
}

impl DynamicPolicy {
    /// Parses and validates `text` (the policy language, exactly as in a
    /// `.cors` file) and picks the policy called `name`.
    ///
    /// `name` must match even when the text declares a single policy, so
    /// that renaming a policy in a file cannot silently change which one a
    /// server applies. `include` lines are refused in text (there is no
    /// folder to resolve them against): use [`DynamicPolicy::from_file`].
    /// In diagnostics the text is called `<text>`.
    ///
    /// # Errors
    ///
    /// [`DynamicError`] with every diagnostic if the text is invalid, or
    /// naming the available policies if none is called `name`.
    ///
    /// ```
    /// use cors_runtime::dynamic::DynamicPolicy;
    /// let text = "policy Api { origins: \"https://a.example\"; } policy Assets { origins: *; }";
    /// assert!(DynamicPolicy::parse(text, "Assets").is_ok());
    /// let error = DynamicPolicy::parse(text, "Web").unwrap_err();
    /// assert_eq!(error.available_policies(), ["Api", "Assets"]);
    /// ```
    pub fn parse(text: &str, name: &str) -> Result<DynamicPolicy, DynamicError> {
        let compiled =
            cors_dsl::compile_str(TEXT_SOURCE_NAME, text, None).map_err(DynamicError::invalid)?;
        Self::pick(compiled, TEXT_SOURCE_NAME, name)
    }

    /// Reads, parses and validates the policy file at `path` (its `include`
    /// lines relative to its folder, as for `cors check`) and picks the
    /// policy called `name`.
    ///
    /// # Errors
    ///
    /// [`DynamicError`] if the file cannot be read, is invalid (every
    /// diagnostic, rendered as `cors check` prints them), or has no policy
    /// called `name`.
    ///
    /// ```no_run
    /// let policy = cors_runtime::dynamic::DynamicPolicy::from_file("policies/api.cors", "Api")?;
    /// # Ok::<(), cors_runtime::dynamic::DynamicError>(())
    /// ```
    pub fn from_file(path: impl AsRef<Path>, name: &str) -> Result<DynamicPolicy, DynamicError> {
        let path = path.as_ref();
        let compiled = cors_dsl::compile_file(path).map_err(DynamicError::load)?;
        Self::pick(compiled, &path.display().to_string(), name)
    }

    /// Builds the interpreted policy from an already validated model (what
    /// [`cors_dsl::compile_str`] returns).
    ///
    /// ```
    /// let compiled = cors_dsl::compile_str("api.cors", "policy Api { origins: *; }", None).unwrap();
    /// let policy = cors_runtime::dynamic::DynamicPolicy::from_model(compiled.policies[0].clone());
    /// assert_eq!(policy.name(), "Api");
    /// ```
    pub fn from_model(model: model::Policy) -> DynamicPolicy {
        DynamicPolicy {
            inner: Arc::new(Interpreted::new(model)),
        }
    }

    fn pick(
        compiled: cors_dsl::Compiled,
        source: &str,
        name: &str,
    ) -> Result<DynamicPolicy, DynamicError> {
        let available: Vec<String> = compiled.policies.iter().map(|p| p.name.clone()).collect();
        match compiled.policies.into_iter().find(|p| p.name == name) {
            Some(model) => Ok(Self::from_model(model)),
            None => Err(DynamicError::unknown_policy(source, name, available)),
        }
    }

    /// The policy's name, as written after `policy`.
    ///
    /// ```
    /// let p = cors_runtime::dynamic::DynamicPolicy::parse("policy Web { origins: *; }", "Web").unwrap();
    /// assert_eq!(p.name(), "Web");
    /// ```
    pub fn name(&self) -> &str {
        &self.inner.model.name
    }

    /// The validated model the policy was built from (canonical origins,
    /// lowercase header names, seconds).
    ///
    /// ```
    /// let p = cors_runtime::dynamic::DynamicPolicy::parse("policy Web { origins: *; max-age: 2m; }", "Web").unwrap();
    /// assert_eq!(p.model().max_age, Some(120));
    /// ```
    pub fn model(&self) -> &model::Policy {
        &self.inner.model
    }

    /// Which entry of `origins:` allows the request `Origin` value `origin`,
    /// in canonical form: `*`, an exact origin, `null`, or a wildcard
    /// pattern such as `https://*.example.com:*`; `None` when refused.
    ///
    /// This is for explanations (`cors explain`): it allocates, and ignores
    /// the length bound the decision core checks first. Deciding uses
    /// [`Policy::match_origin`].
    ///
    /// ```
    /// let p = cors_runtime::dynamic::DynamicPolicy::parse(
    ///     r#"policy A { origins: "https://a.example", "https://*.example.com:*"; }"#, "A").unwrap();
    /// assert_eq!(p.origin_entry(b"https://x.example.com:8443").as_deref(), Some("https://*.example.com:*"));
    /// assert_eq!(p.origin_entry(b"https://a.example").as_deref(), Some("https://a.example"));
    /// assert_eq!(p.origin_entry(b"https://example.com"), None);
    /// ```
    pub fn origin_entry(&self, origin: &[u8]) -> Option<String> {
        let inner = &*self.inner;
        if matches!(inner.config.origins, OriginRule::Any) {
            return Some("*".to_owned());
        }
        if let Ok(i) = inner
            .exact
            .binary_search_by(|(probe, _)| (**probe).cmp(origin))
        {
            return Some(inner.exact[i].1.as_str().to_owned());
        }
        inner
            .patterns
            .iter()
            .find(|p| p.view().matches(origin))
            .map(OwnedPattern::text)
    }

    /// Every entry of `origins:` in canonical form (exact origins, `null`,
    /// then wildcard patterns), or `["*"]`.
    ///
    /// ```
    /// let p = cors_runtime::dynamic::DynamicPolicy::parse(
    ///     r#"policy A { origins: "https://*.example.com", "https://b.example"; }"#, "A").unwrap();
    /// assert_eq!(p.origin_entries(), ["https://b.example", "https://*.example.com"]);
    /// ```
    pub fn origin_entries(&self) -> Vec<String> {
        let inner = &*self.inner;
        if matches!(inner.config.origins, OriginRule::Any) {
            return vec!["*".to_owned()];
        }
        let exact = inner.exact.iter().map(|(_, v)| v.as_str().to_owned());
        exact
            .chain(inner.patterns.iter().map(OwnedPattern::text))
            .collect()
    }
}

impl Interpreted {
    fn new(model: model::Policy) -> Self {
        let mut exact: Vec<(Box<[u8]>, ConstValue)> = Vec::new();
        let mut patterns = Vec::new();
        let origins = match &model.origins {
            Origins::Any => OriginRule::Any,
            Origins::List(list) => {
                let texts = list.exact.iter().map(String::as_str);
                let texts: Vec<&str> = texts.chain(list.null.then_some("null")).collect();
                patterns = list.patterns.iter().map(OwnedPattern::new).collect();
                let views: Vec<WildcardPattern<'_>> =
                    patterns.iter().map(OwnedPattern::view).collect();
                let views: Vec<&WildcardPattern<'_>> = views.iter().collect();
                let max_len = rules::origin_max_len(&texts, &views);
                for text in texts {
                    exact.push((text.as_bytes().into(), value(text.to_owned())));
                }
                exact.sort_by(|a, b| a.0.cmp(&b.0));
                OriginRule::Listed { max_len }
            }
        };
        let (methods, method_rule) = match &model.methods {
            Methods::Any => (Vec::new(), MethodRule::Any),
            Methods::List(list) => (sorted(list), MethodRule::Listed),
        };
        let (request_headers, request_header_rule) = match &model.request_headers {
            RequestHeaders::Any { authorization } => (
                Vec::new(),
                RequestHeaderRule::Any {
                    authorization: *authorization,
                },
            ),
            RequestHeaders::List(names) => {
                let names: Vec<&str> = names.iter().map(String::as_str).collect();
                let joined = value(rules::header_list(&names));
                (sorted(&names), rules::request_header_rule(&names, joined))
            }
        };
        let expose_headers = match &model.expose_headers {
            ExposeHeaders::Any => Some(ConstValue::from_static(rules::EXPOSE_ANY)),
            ExposeHeaders::List(names) => {
                let names: Vec<&str> = names.iter().map(String::as_str).collect();
                rules::expose_headers_value(&names, value(rules::header_list(&names)))
            }
        };
        let config = PolicyConfig {
            origins,
            credentials: model.credentials,
            methods: method_rule,
            request_headers: request_header_rule,
            expose_headers,
            max_age: model.max_age.map(|seconds| value(seconds.to_string())),
            private_network: model.private_network,
            preflight_status: rules::preflight_status(model.preflight_status),
            preflight: match model.preflight {
                model::PreflightMode::Respond => PreflightMode::Respond,
                model::PreflightMode::Forward => PreflightMode::Forward,
            },
        };
        Interpreted {
            config,
            exact: exact.into(),
            patterns: patterns.into(),
            methods: methods.into(),
            request_headers: request_headers.into(),
            model,
        }
    }
}

/// A header value from validated text (origins, tokens, digits: always valid).
///
/// Empty text is the static empty value: `rules::non_empty` forgets the value
/// of an empty list, which must therefore own nothing.
fn value(text: String) -> ConstValue {
    if text.is_empty() {
        return ConstValue::from_static("");
    }
    ConstValue::from_string(text).unwrap_or_else(|_| ConstValue::from_static(""))
}

fn sorted(items: &[impl AsRef<str>]) -> Vec<Box<[u8]>> {
    let mut items: Vec<Box<[u8]>> = items.iter().map(|s| s.as_ref().as_bytes().into()).collect();
    items.sort();
    items
}

#[inline]
fn contains(sorted: &[Box<[u8]>], item: &[u8]) -> bool {
    sorted.binary_search_by(|probe| (**probe).cmp(item)).is_ok()
}

impl Policy for DynamicPolicy {
    #[inline]
    fn config(&self) -> &PolicyConfig {
        &self.inner.config
    }

    fn match_origin(&self, origin: &[u8]) -> OriginMatch<'_> {
        let inner = &*self.inner;
        if let Ok(i) = inner
            .exact
            .binary_search_by(|(probe, _)| (**probe).cmp(origin))
        {
            return OriginMatch::Constant(&inner.exact[i].1);
        }
        if inner.patterns.iter().any(|p| p.view().matches(origin)) {
            OriginMatch::Echo
        } else {
            OriginMatch::Refused
        }
    }

    #[inline]
    fn allows_method(&self, method: &[u8]) -> bool {
        contains(&self.inner.methods, method)
    }

    #[inline]
    fn allows_request_header(&self, name: &[u8]) -> bool {
        contains(&self.inner.request_headers, name)
    }
}

impl fmt::Debug for DynamicPolicy {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("DynamicPolicy")
            .field("name", &self.inner.model.name)
            .field("config", &self.inner.config)
            .finish_non_exhaustive()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn clone_shares_the_data() {
        let a = DynamicPolicy::parse("policy A { origins: *; }", "A").unwrap();
        let b = a.clone();
        assert!(Arc::ptr_eq(&a.inner, &b.inner));
        fn traits<T: Clone + Send + Sync + fmt::Debug + 'static>() {}
        traits::<DynamicPolicy>();
    }

    #[test]
    fn matches_like_the_language_says() {
        let p = DynamicPolicy::parse(
            r#"policy A {
                origins: "https://b.example", "https://a.example", "https://*.example.org",
                         "http://localhost:*", null;
                methods: PUT, DELETE, PROPFIND;
                request-headers: x-b, content-type, x-a;
                dangerously-allow: null-origin;
            }"#,
            "A",
        )
        .unwrap();
        for (origin, expected) in [
            ("https://a.example", Some("https://a.example")),
            ("https://b.example", Some("https://b.example")),
            ("null", Some("null")),
            ("https://c.example", None),
            ("https://a.example/", None),
        ] {
            match (p.match_origin(origin.as_bytes()), expected) {
                (OriginMatch::Constant(v), Some(e)) => assert_eq!(v.as_str(), e),
                (OriginMatch::Refused, None) => {}
                (other, _) => panic!("{origin}: {other:?}"),
            }
        }
        assert!(matches!(
            p.match_origin(b"https://x.example.org"),
            OriginMatch::Echo
        ));
        assert!(matches!(
            p.match_origin(b"http://localhost:3000"),
            OriginMatch::Echo
        ));
        assert!(matches!(
            p.match_origin(b"https://example.org"),
            OriginMatch::Refused
        ));
        for m in ["PUT", "DELETE", "PROPFIND"] {
            assert!(p.allows_method(m.as_bytes()), "{m}");
        }
        assert!(!p.allows_method(b"put") && !p.allows_method(b"PATCH"));
        for h in ["x-a", "x-b", "content-type"] {
            assert!(p.allows_request_header(h.as_bytes()), "{h}");
        }
        assert!(!p.allows_request_header(b"x-c"));
        match &p.config().request_headers {
            RequestHeaderRule::Listed {
                count,
                max_name_len,
                value: Some(value),
            } => {
                assert_eq!((*count, *max_name_len), (3, 12));
                assert_eq!(value.as_str(), "x-b,content-type,x-a");
            }
            other => panic!("{other:?}"),
        }
        let OriginRule::Listed { max_len } = p.config().origins else {
            panic!()
        };
        assert_eq!(max_len, "https://".len() + 253);
    }
}
