//! [`Interpreted`]: a [`Plan`] held as data and matched without allocating.
//!
//! This is the engine of run-time policies (`cors_runtime::dynamic`) and the
//! one the build side (policy tests, `cors diff`, `cors explain`) runs the
//! decision core with; the code `cors_policy!` generates is the compiled
//! engine of the same plan.

use crate::index::{arrange, find_exact, host_key, matches_any, EXACT_KIND};
use crate::plan::{MethodsPlan, OriginsPlan, Plan, RequestHeadersPlan};
use crate::policy::{OriginMatch, Policy, PolicyConfig};
use crate::value::ConstValue;
use crate::wildcard::WildcardPattern;
use crate::PlanError;

/// A policy interpreted from its [`Plan`].
///
/// ```
/// use cors_core::plan::{OriginsPlan, Plan};
/// use cors_core::{decide, Interpreted, Refusal};
///
/// let plan = Plan::new("Api", OriginsPlan::listed(vec!["https://app.example".into()], false, vec![]));
/// let api = Interpreted::new(plan)?;
/// let mut request = http::HeaderMap::new();
/// request.insert("origin", "https://app.example".parse().unwrap());
/// assert!(decide(&api, &http::Method::GET, &request).is_allowed());
/// request.insert("origin", "https://app.example.evil".parse().unwrap());
/// assert_eq!(decide(&api, &http::Method::GET, &request).refusal(), Some(Refusal::Origin));
/// # Ok::<(), cors_core::PlanError>(())
/// ```
#[derive(Clone, Debug)]
pub struct Interpreted {
    plan: Plan,
    config: PolicyConfig,
    /// Exact origins (`null` included), with the constant answered for
    /// each, [`arrange`]d in hash buckets.
    exact: Box<[ConstValue]>,
    /// The buckets of `exact` (empty: a short list, scanned).
    exact_starts: Box<[u32]>,
    /// Wildcard patterns, [`arrange`]d by [`host_key`].
    patterns: Box<[WildcardPattern<String>]>,
    /// The buckets of `patterns` (empty: a short list, scanned).
    pattern_starts: Box<[u32]>,
    /// Listed methods, sorted (empty for `methods: *`).
    methods: Box<[Box<[u8]>]>,
    /// Listed request header names, sorted (empty for `request-headers: *`).
    request_headers: Box<[Box<[u8]>]>,
}

impl Interpreted {
    /// Prepares `plan` for matching: its header values are built and its
    /// lists sorted, once.
    ///
    /// # Errors
    ///
    /// [`PlanError`] for a plan no validated policy lowers to (see
    /// [`PolicyConfig::from_plan`]).
    pub fn new(plan: Plan) -> Result<Interpreted, PlanError> {
        let config = PolicyConfig::from_plan(&plan)?;
        let mut exact: Vec<ConstValue> = Vec::new();
        if let OriginsPlan::Listed(list) = &plan.origins {
            for text in &list.exact {
                let value = ConstValue::from_str_ref(text)
                    .map_err(|_| PlanError::InvalidValue(text.clone()))?;
                exact.push(value);
            }
        }
        let exact_starts = arrange(&mut exact, |value| (value.as_str().as_bytes(), EXACT_KIND));
        let mut patterns = match &plan.origins {
            OriginsPlan::Listed(list) => list.patterns.clone(),
            OriginsPlan::Any => Vec::new(),
        };
        let pattern_starts = arrange(&mut patterns, host_key);
        let methods = match &plan.methods {
            MethodsPlan::Any => Vec::new(),
            MethodsPlan::Listed(list) => sorted(list),
        };
        let request_headers = match &plan.request_headers {
            RequestHeadersPlan::Any { .. } => Vec::new(),
            RequestHeadersPlan::Listed { names, .. } => sorted(names),
        };
        Ok(Interpreted {
            plan,
            config,
            exact: exact.into(),
            exact_starts: exact_starts.into(),
            patterns: patterns.into(),
            pattern_starts: pattern_starts.into(),
            methods: methods.into(),
            request_headers: request_headers.into(),
        })
    }

    /// The plan this policy interprets.
    #[inline]
    pub fn plan(&self) -> &Plan {
        &self.plan
    }

    /// Which entry of `origins:` allows `origin` (exact request bytes), in
    /// canonical form: `*`, an exact origin, `null`, or a wildcard pattern
    /// such as `https://*.example.com:*`; `None` when none does.
    ///
    /// For explanations: it allocates, and ignores the length bound the
    /// decision core checks first.
    ///
    /// ```
    /// use cors_core::plan::{OriginsPlan, Plan};
    /// let plan = Plan::new("A", OriginsPlan::listed(vec!["https://a.example".into()], false, vec![]));
    /// let a = cors_core::Interpreted::new(plan).unwrap();
    /// assert_eq!(a.origin_entry(b"https://a.example").as_deref(), Some("https://a.example"));
    /// assert_eq!(a.origin_entry(b"https://b.example"), None);
    /// ```
    pub fn origin_entry(&self, origin: &[u8]) -> Option<String> {
        let list = match &self.plan.origins {
            OriginsPlan::Any => return Some("*".to_owned()),
            OriginsPlan::Listed(list) => list,
        };
        if let Some(value) = find_exact(&self.exact, &self.exact_starts, origin) {
            return Some(value.as_str().to_owned());
        }
        list.patterns
            .iter()
            .find(|p| p.matches(origin))
            .map(WildcardPattern::to_string)
    }

    /// Every entry of `origins:` in canonical form (exact origins, `null`,
    /// then wildcard patterns), or `["*"]`.
    pub fn origin_entries(&self) -> Vec<String> {
        match &self.plan.origins {
            OriginsPlan::Any => vec!["*".to_owned()],
            OriginsPlan::Listed(list) => list
                .exact
                .iter()
                .cloned()
                .chain(list.patterns.iter().map(WildcardPattern::to_string))
                .collect(),
        }
    }
}

fn sorted(items: &[String]) -> Vec<Box<[u8]>> {
    let mut items: Vec<Box<[u8]>> = items.iter().map(|s| s.as_bytes().into()).collect();
    items.sort();
    items
}

#[inline]
fn contains(sorted: &[Box<[u8]>], item: &[u8]) -> bool {
    sorted.binary_search_by(|probe| (**probe).cmp(item)).is_ok()
}

impl Policy for Interpreted {
    #[inline]
    fn name(&self) -> &str {
        &self.plan.name
    }

    #[inline]
    fn config(&self) -> &PolicyConfig {
        &self.config
    }

    fn match_origin(&self, origin: &[u8]) -> OriginMatch<'_> {
        if let Some(value) = find_exact(&self.exact, &self.exact_starts, origin) {
            return OriginMatch::Constant(value);
        }
        if matches_any(&self.patterns, &self.pattern_starts, origin) {
            OriginMatch::Echo
        } else {
            OriginMatch::Refused
        }
    }

    #[inline]
    fn allows_method(&self, method: &[u8]) -> bool {
        contains(&self.methods, method)
    }

    #[inline]
    fn allows_request_header(&self, name: &[u8]) -> bool {
        contains(&self.request_headers, name)
    }
}
