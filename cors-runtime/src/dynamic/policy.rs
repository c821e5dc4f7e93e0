//! [`DynamicPolicy`]: a validated policy model, interpreted.

use std::fmt;
use std::path::Path;
use std::sync::Arc;

use cors_core::plan::Plan;
use cors_core::Interpreted;
use cors_dsl::diff::Diff;
use cors_dsl::model;

use super::error::DynamicError;
use crate::{OriginMatch, Policy, PolicyConfig};

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
    inner: Arc<Inner>,
}

/// The data a [`DynamicPolicy`] decides with: the validated model (for
/// explanations) and its plan, interpreted.
struct Inner {
    model: model::Policy,
    interpreted: Interpreted,
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
    /// [`DynamicError`] with every diagnostic if the text is invalid
    /// (including an expectation of its `test` blocks that fails), or
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
    /// diagnostic, rendered as `cors check` prints them; a failing `test`
    /// expectation included), or has no policy called `name`.
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
    ///
    /// # Panics
    ///
    /// Never for a model produced by `cors_dsl` validation (its plan always
    /// builds); a hand-assembled model combining `origins: *` with
    /// credentials, or holding a control character, panics.
    pub fn from_model(model: model::Policy) -> DynamicPolicy {
        Self::try_from_model(model).expect("a validated model lowers to a valid plan")
    }

    fn try_from_model(model: model::Policy) -> Result<DynamicPolicy, cors_core::PlanError> {
        let interpreted = Interpreted::new(cors_dsl::lower::plan(&model))?;
        Ok(DynamicPolicy {
            inner: Arc::new(Inner { model, interpreted }),
        })
    }

    fn pick(
        compiled: cors_dsl::Compiled,
        source: &str,
        name: &str,
    ) -> Result<DynamicPolicy, DynamicError> {
        let available: Vec<String> = compiled.policies.iter().map(|p| p.name.clone()).collect();
        match compiled.policies.into_iter().find(|p| p.name == name) {
            Some(model) => Self::try_from_model(model)
                .map_err(|error| DynamicError::invalid_plan(source, name, error)),
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

    /// The plan the policy interprets (what `cors_policy!` would compile).
    ///
    /// ```
    /// let p = cors_runtime::dynamic::DynamicPolicy::parse("policy Web { origins: *; max-age: 2m; }", "Web").unwrap();
    /// assert_eq!(p.plan().max_age.as_deref(), Some("120"));
    /// ```
    pub fn plan(&self) -> &Plan {
        self.inner.interpreted.plan()
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

    /// What changes in meaning from this policy to `new`: every request the
    /// two treat differently, by aspect, each with a witness request
    /// ([`cors_dsl::diff`], as `cors diff` prints it).
    ///
    /// ```
    /// use cors_runtime::dynamic::DynamicPolicy;
    /// let old = DynamicPolicy::parse(r#"policy Api { origins: "https://a.example"; max-age: 10m; }"#, "Api")?;
    /// let new = DynamicPolicy::parse(r#"policy Api { origins: "https://a.example"; max-age: 600; }"#, "Api")?;
    /// assert!(old.diff(&new).is_equivalent());
    /// let wider = DynamicPolicy::parse(r#"policy Api { origins: "https://*.a.example"; }"#, "Api")?;
    /// assert!(old.diff(&wider).widens());
    /// # Ok::<(), cors_runtime::dynamic::DynamicError>(())
    /// ```
    pub fn diff(&self, new: &DynamicPolicy) -> Diff {
        cors_dsl::diff::between(&self.inner.interpreted, &new.inner.interpreted)
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
        self.inner.interpreted.origin_entry(origin)
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
        self.inner.interpreted.origin_entries()
    }
}

impl Policy for DynamicPolicy {
    #[inline]
    fn name(&self) -> &str {
        &self.inner.model.name
    }

    #[inline]
    fn config(&self) -> &PolicyConfig {
        self.inner.interpreted.config()
    }

    #[inline]
    fn match_origin(&self, origin: &[u8]) -> OriginMatch<'_> {
        self.inner.interpreted.match_origin(origin)
    }

    #[inline]
    fn allows_method(&self, method: &[u8]) -> bool {
        self.inner.interpreted.allows_method(method)
    }

    #[inline]
    fn allows_request_header(&self, name: &[u8]) -> bool {
        self.inner.interpreted.allows_request_header(name)
    }
}

impl fmt::Debug for DynamicPolicy {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("DynamicPolicy")
            .field("name", &self.inner.model.name)
            .field("config", self.inner.interpreted.config())
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
        match p.config().request_headers() {
            crate::RequestHeaderRule::Listed {
                count,
                max_name_len,
                value: Some(value),
            } => {
                assert_eq!((*count, *max_name_len), (3, 12));
                assert_eq!(value.as_str(), "x-b,content-type,x-a");
            }
            other => panic!("{other:?}"),
        }
        let crate::OriginRule::Listed { max_len } = p.config().origins() else {
            panic!()
        };
        assert_eq!(max_len, "https://".len() + 253);
    }
}
