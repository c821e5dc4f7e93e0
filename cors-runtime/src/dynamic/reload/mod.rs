//! [`ReloadablePolicy`]: a run-time policy that can be replaced while the
//! server runs, at once or after looking at what the new version changes
//! ([`StagedReload`]: refuse, or approve explicitly, a reload that widens
//! the policy).

use std::fmt;
use std::ops::Deref;
use std::path::Path;
use std::sync::Arc;

use arc_swap::{ArcSwap, Guard};
use cors_dsl::diff::Diff;

use super::error::DynamicError;
use super::policy::DynamicPolicy;
use crate::source::PolicySource;

/// A shared handle to a [`DynamicPolicy`] that can be swapped atomically
/// while requests are in flight. Clones share the same policy: keep one to
/// reload, give one to the middleware.
///
/// The adapters take one [`Snapshot`] per request (no allocation, no lock),
/// so a request is decided entirely by the old policy or entirely by the new
/// one. A failed reload keeps the current policy: a server never runs
/// without a valid one.
///
/// ```
/// use cors_runtime::dynamic::{DynamicPolicy, ReloadablePolicy};
/// use cors_runtime::{OriginMatch, Policy, PolicySource};
///
/// let dev = DynamicPolicy::parse(r#"policy Api { origins: "http://localhost:*"; }"#, "Api")?;
/// let policy = ReloadablePolicy::new(dev);
/// # #[cfg(feature = "tower")]
/// let layer = cors_runtime::tower::CorsLayer::new(policy.clone()); // same handle
///
/// assert!(matches!(policy.snapshot().match_origin(b"http://localhost:3000"), OriginMatch::Echo));
///
/// // An invalid new text is refused; the old policy stays.
/// let error = policy.reload_from_str(r#"policy Api { origins: "https://app.example/"; }"#);
/// assert!(error.is_err());
/// assert!(matches!(policy.snapshot().match_origin(b"http://localhost:3000"), OriginMatch::Echo));
///
/// // A valid one replaces it for every clone of the handle.
/// policy.reload_from_str(r#"policy Api { origins: "https://app.example"; }"#)?;
/// assert!(matches!(policy.snapshot().match_origin(b"http://localhost:3000"), OriginMatch::Refused));
/// # Ok::<(), cors_runtime::dynamic::DynamicError>(())
/// ```
#[derive(Clone)]
pub struct ReloadablePolicy {
    current: Arc<ArcSwap<DynamicPolicy>>,
}

impl ReloadablePolicy {
    /// A handle serving `policy` until the next [`store`](Self::store) or reload.
    ///
    /// ```
    /// let p = cors_runtime::dynamic::DynamicPolicy::parse("policy A { origins: *; }", "A").unwrap();
    /// let handle = cors_runtime::dynamic::ReloadablePolicy::new(p);
    /// assert_eq!(handle.load().name(), "A");
    /// ```
    pub fn new(policy: DynamicPolicy) -> Self {
        ReloadablePolicy {
            current: Arc::new(ArcSwap::from_pointee(policy)),
        }
    }

    /// Reads the policy `name` from the file at `path`
    /// ([`DynamicPolicy::from_file`]) and serves it.
    ///
    /// # Errors
    ///
    /// As [`DynamicPolicy::from_file`].
    ///
    /// ```no_run
    /// let handle = cors_runtime::dynamic::ReloadablePolicy::from_file("policies/prod.cors", "Api")?;
    /// # Ok::<(), cors_runtime::dynamic::DynamicError>(())
    /// ```
    pub fn from_file(path: impl AsRef<Path>, name: &str) -> Result<Self, DynamicError> {
        DynamicPolicy::from_file(path, name).map(Self::new)
    }

    /// Replaces the policy, for every clone of this handle. Requests already
    /// being decided finish with the policy they started with.
    ///
    /// ```
    /// use cors_runtime::dynamic::{DynamicPolicy, ReloadablePolicy};
    /// let handle = ReloadablePolicy::new(DynamicPolicy::parse("policy A { origins: *; }", "A").unwrap());
    /// handle.store(DynamicPolicy::parse("policy B { origins: *; }", "B").unwrap());
    /// assert_eq!(handle.load().name(), "B");
    /// ```
    pub fn store(&self, policy: DynamicPolicy) {
        self.current.store(Arc::new(policy));
    }

    /// The policy served now (a cheap clone).
    ///
    /// ```
    /// # let handle = cors_runtime::dynamic::ReloadablePolicy::new(
    /// #     cors_runtime::dynamic::DynamicPolicy::parse("policy A { origins: *; }", "A").unwrap());
    /// let name = handle.load().name().to_owned();
    /// ```
    pub fn load(&self) -> DynamicPolicy {
        DynamicPolicy::clone(&self.current.load())
    }

    /// Re-reads the policy with the current policy's name from the file at
    /// `path` and serves it.
    ///
    /// # Errors
    ///
    /// As [`DynamicPolicy::from_file`]; the current policy is then kept.
    ///
    /// ```no_run
    /// # let handle = cors_runtime::dynamic::ReloadablePolicy::from_file("policies/prod.cors", "Api")?;
    /// if let Err(error) = handle.reload_from_file("policies/prod.cors") {
    ///     eprintln!("keeping the current CORS policy:\n{error}");
    /// }
    /// # Ok::<(), cors_runtime::dynamic::DynamicError>(())
    /// ```
    pub fn reload_from_file(&self, path: impl AsRef<Path>) -> Result<(), DynamicError> {
        let policy = DynamicPolicy::from_file(path, self.current.load().name())?;
        self.store(policy);
        Ok(())
    }

    /// Parses `text` ([`DynamicPolicy::parse`]) for the policy with the
    /// current policy's name and serves it.
    ///
    /// # Errors
    ///
    /// As [`DynamicPolicy::parse`]; the current policy is then kept.
    ///
    /// ```
    /// # let handle = cors_runtime::dynamic::ReloadablePolicy::new(
    /// #     cors_runtime::dynamic::DynamicPolicy::parse("policy A { origins: *; }", "A").unwrap());
    /// assert!(handle.reload_from_str("policy A { origins: \"https://a.example\"; }").is_ok());
    /// assert!(handle.reload_from_str("policy B { origins: *; }").is_err()); // no policy `A`
    /// ```
    pub fn reload_from_str(&self, text: &str) -> Result<(), DynamicError> {
        let policy = DynamicPolicy::parse(text, self.current.load().name())?;
        self.store(policy);
        Ok(())
    }
}

/// Guarded reloads: see what a new version changes before it is served.
///
/// A reload in two steps: [`stage`](Self::stage) (or
/// [`stage_from_file`](Self::stage_from_file),
/// [`stage_from_str`](Self::stage_from_str)) builds the new policy and
/// compares it with the one served (the [`Diff`] `cors diff` prints);
/// [`apply`](Self::apply) serves it once approved. Or in one step,
/// [`reload_from_file_unless_widening`](Self::reload_from_file_unless_widening):
/// a new version that allows or exposes anything the current one does not
/// is refused, and the current policy stays.
///
/// ```
/// use cors_runtime::dynamic::{DynamicPolicy, ReloadablePolicy};
/// let handle = ReloadablePolicy::new(DynamicPolicy::parse(
///     r#"policy Api { origins: "https://app.example"; credentials: true; }"#, "Api")?);
///
/// // Narrowing or equivalent: applied at once.
/// let diff = handle.reload_from_str_unless_widening(
///     r#"policy Api { credentials: true; origins: "https://app.example"; }"#)?;
/// assert!(diff.is_equivalent());
///
/// // Widening: refused, unless approved explicitly.
/// let wider = r#"policy Api { origins: "https://app.example", "https://*.partners.example"; credentials: true; }"#;
/// assert!(handle.reload_from_str_unless_widening(wider).is_err());
/// let staged = handle.stage_from_str(wider)?;
/// for change in staged.diff().changes() {
///     println!("{change}"); // + allows credentialed requests from https://*.partners.example, e.g. …
/// }
/// let approved = true; // e.g. an operator's decision
/// if approved {
///     handle.apply(staged).expect("no other reload in between");
/// }
/// assert_eq!(handle.load().origin_entries(), ["https://app.example", "https://*.partners.example"]);
/// # Ok::<(), cors_runtime::dynamic::DynamicError>(())
/// ```
impl ReloadablePolicy {
    /// Prepares serving `policy` instead of the current policy: what it
    /// changes is in [`StagedReload::diff`]. Nothing is served until
    /// [`apply`](Self::apply).
    pub fn stage(&self, policy: DynamicPolicy) -> StagedReload {
        let base = self.current.load_full();
        let diff = base.diff(&policy);
        StagedReload { base, policy, diff }
    }

    /// [`stage`](Self::stage) the policy with the current policy's name
    /// from the file at `path`.
    ///
    /// # Errors
    ///
    /// As [`DynamicPolicy::from_file`].
    pub fn stage_from_file(&self, path: impl AsRef<Path>) -> Result<StagedReload, DynamicError> {
        let policy = DynamicPolicy::from_file(path, self.current.load().name())?;
        Ok(self.stage(policy))
    }

    /// [`stage`](Self::stage) the policy with the current policy's name
    /// from `text`.
    ///
    /// # Errors
    ///
    /// As [`DynamicPolicy::parse`].
    pub fn stage_from_str(&self, text: &str) -> Result<StagedReload, DynamicError> {
        let policy = DynamicPolicy::parse(text, self.current.load().name())?;
        Ok(self.stage(policy))
    }

    /// Serves a staged policy, if the policy served is still the one it
    /// was compared with; returns what changed.
    ///
    /// # Errors
    ///
    /// The staged reload itself, unchanged and not applied, when another
    /// reload happened since it was staged (its diff would no longer say
    /// what changes): stage it again (`handle.stage(staged.policy().clone())`)
    /// and look at the new diff.
    pub fn apply(&self, staged: StagedReload) -> Result<Diff, StagedReload> {
        let new = Arc::new(staged.policy.clone());
        let previous = self.current.compare_and_swap(&staged.base, new);
        if Arc::ptr_eq(&previous, &staged.base) {
            Ok(staged.diff)
        } else {
            Err(staged)
        }
    }

    /// Re-reads the policy with the current policy's name from the file at
    /// `path` and serves it, unless it widens the policy (allows or exposes
    /// anything the current one does not: [`Diff::widens`]). Returns what
    /// changed.
    ///
    /// # Errors
    ///
    /// As [`DynamicPolicy::from_file`], and a widening new version
    /// ([`DynamicError::widening`] holds its diff); the current policy is
    /// then kept.
    ///
    /// ```no_run
    /// # let handle = cors_runtime::dynamic::ReloadablePolicy::from_file("policies/prod.cors", "Api")?;
    /// match handle.reload_from_file_unless_widening("policies/prod.cors") {
    ///     Ok(diff) => eprint!("reloaded:\n{diff}"),
    ///     Err(error) => eprintln!("keeping the current CORS policy:\n{error}"),
    /// }
    /// # Ok::<(), cors_runtime::dynamic::DynamicError>(())
    /// ```
    pub fn reload_from_file_unless_widening(
        &self,
        path: impl AsRef<Path>,
    ) -> Result<Diff, DynamicError> {
        let path = path.as_ref();
        let staged = self.stage_from_file(path)?;
        self.apply_unless_widening(staged, &path.display().to_string())
    }

    /// [`reload_from_file_unless_widening`](Self::reload_from_file_unless_widening)
    /// from `text` ([`DynamicPolicy::parse`]).
    ///
    /// # Errors
    ///
    /// As [`DynamicPolicy::parse`], and a widening new version.
    pub fn reload_from_str_unless_widening(&self, text: &str) -> Result<Diff, DynamicError> {
        let staged = self.stage_from_str(text)?;
        self.apply_unless_widening(staged, super::policy::TEXT_SOURCE_NAME)
    }

    fn apply_unless_widening(
        &self,
        mut staged: StagedReload,
        source: &str,
    ) -> Result<Diff, DynamicError> {
        loop {
            if staged.widens() {
                let name = staged.policy.name().to_owned();
                return Err(DynamicError::widens(source, &name, staged.diff));
            }
            match self.apply(staged) {
                Ok(diff) => return Ok(diff),
                // Another reload won the race: compare with what it serves.
                Err(stale) => staged = self.stage(stale.policy),
            }
        }
    }
}

/// A new policy compared with the one a [`ReloadablePolicy`] served when it
/// was staged, not served yet: look at [`diff`](Self::diff), then
/// [`ReloadablePolicy::apply`] it (or drop it).
#[derive(Debug)]
pub struct StagedReload {
    base: Arc<DynamicPolicy>,
    policy: DynamicPolicy,
    diff: Diff,
}

impl StagedReload {
    /// What the new policy changes, compared with the one served when it
    /// was staged.
    pub fn diff(&self) -> &Diff {
        &self.diff
    }

    /// The new policy allows or exposes something the served one did not.
    pub fn widens(&self) -> bool {
        self.diff.widens()
    }

    /// The new policy.
    pub fn policy(&self) -> &DynamicPolicy {
        &self.policy
    }
}

impl From<DynamicPolicy> for ReloadablePolicy {
    fn from(policy: DynamicPolicy) -> Self {
        ReloadablePolicy::new(policy)
    }
}

impl fmt::Debug for ReloadablePolicy {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_tuple("ReloadablePolicy")
            .field(&**self.current.load())
            .finish()
    }
}

/// The policy a [`ReloadablePolicy`] served when the snapshot was taken;
/// it stays valid (and unchanged) while held, even across a reload. Hold it
/// briefly: the adapters keep one for the decision on one request only.
///
/// ```
/// use cors_runtime::dynamic::{DynamicPolicy, ReloadablePolicy};
/// use cors_runtime::{Policy, PolicySource};
/// let handle = ReloadablePolicy::new(DynamicPolicy::parse("policy A { origins: *; }", "A").unwrap());
/// let snapshot = handle.snapshot();
/// handle.reload_from_str("policy A { origins: \"https://a.example\"; }").unwrap();
/// assert!(matches!(snapshot.config().origins(), cors_runtime::OriginRule::Any)); // still the old one
/// ```
pub struct Snapshot(Guard<Arc<DynamicPolicy>>);

impl Deref for Snapshot {
    type Target = DynamicPolicy;

    #[inline]
    fn deref(&self) -> &DynamicPolicy {
        &self.0
    }
}

impl fmt::Debug for Snapshot {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_tuple("Snapshot").field(&**self).finish()
    }
}

impl PolicySource for ReloadablePolicy {
    type Policy = DynamicPolicy;
    type Snapshot<'a> = Snapshot;

    #[inline]
    fn snapshot(&self) -> Snapshot {
        Snapshot(self.current.load())
    }
}

#[cfg(test)]
mod tests;
