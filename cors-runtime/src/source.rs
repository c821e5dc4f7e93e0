//! Where the adapters get the policy for one request.

use std::ops::Deref;

use crate::Policy;

/// Something the adapters read one policy from per request: every
/// [`Policy`] (it is its own source), or a handle whose policy can change
/// while the server runs (`dynamic::ReloadablePolicy`, feature `dynamic`).
///
/// The adapters take **one snapshot per request** and decide on it, so a
/// request never sees half of one policy and half of another, and the
/// snapshot is released before the application runs.
/// [`CorsLayer::new`](crate#adapters) and `Cors::new` accept any source.
///
/// ```
/// use cors_runtime::{cors_policy, Policy, PolicySource};
///
/// cors_policy! { policy Api { origins: "https://app.example"; } }
///
/// fn origins_are_listed(source: &impl PolicySource) -> bool {
///     let snapshot = source.snapshot();
///     matches!(snapshot.config().origins(), cors_runtime::OriginRule::Listed { .. })
/// }
/// assert!(origins_are_listed(&Api));
/// ```
pub trait PolicySource: Clone + Send + Sync + 'static {
    /// The policy a snapshot holds.
    type Policy: Policy;
    /// A view of the current policy, held for the decision on one request.
    type Snapshot<'a>: Deref<Target = Self::Policy>
    where
        Self: 'a;

    /// The current policy. Must not allocate: it is called once per request.
    fn snapshot(&self) -> Self::Snapshot<'_>;
}

impl<P: Policy> PolicySource for P {
    type Policy = P;
    type Snapshot<'a> = &'a P;

    #[inline]
    fn snapshot(&self) -> &P {
        self
    }
}
