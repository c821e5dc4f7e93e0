//! Policies from text at run time (feature `dynamic`), and hot reload.
//!
//! The same language as `cors_policy!` and `cors check` — one grammar, one
//! validator, the same diagnostics (this module calls
//! [`cors_dsl::compile_str`] / [`cors_dsl::compile_file`]) — parsed when the
//! program runs, into a [`DynamicPolicy`] that implements
//! [`Policy`](crate::Policy) over data and goes wherever a compiled policy
//! goes:
//!
//! ```
//! use cors_runtime::dynamic::DynamicPolicy;
//! use cors_runtime::{OriginMatch, Policy};
//!
//! let text = r#"
//!     policy Api {
//!         origins: "https://app.example.com", "https://*.example.org";
//!         methods: GET, POST, PATCH;
//!         credentials: true;
//!     }
//!     policy Assets { origins: *; }
//! "#;
//! let api = DynamicPolicy::parse(text, "Api")?;
//! assert!(matches!(api.match_origin(b"https://app.example.com"), OriginMatch::Constant(_)));
//! assert!(matches!(api.match_origin(b"https://a.example.org"), OriginMatch::Echo));
//! assert!(api.allows_method(b"PATCH") && !api.allows_method(b"patch"));
//!
//! // The decision core and both adapters take it like a compiled policy:
//! // `CorsLayer::new(api.clone())`, `Cors::new(api.clone())`.
//! let mut headers = http::HeaderMap::new();
//! headers.insert("origin", "https://app.example.com".parse().unwrap());
//! let decision = cors_runtime::decide(&api, &http::Method::GET, &headers);
//! assert!(decision.is_allowed());
//!
//! // Errors are the diagnostics `cors check` prints, all of them.
//! let error = DynamicPolicy::parse("policy Api { origins: \"https://a.example/\"; }", "Api")
//!     .unwrap_err();
//! assert_eq!(error.diagnostics()[0].code, "origin-trailing-slash");
//! assert!(error.to_string().starts_with("<text>:1:23: error: the origin"));
//! # Ok::<(), cors_runtime::dynamic::DynamicError>(())
//! ```
//!
//! The text's `test` blocks run too, on the policy it builds: a text whose
//! tests fail is refused like any invalid text, so a reload that breaks a
//! test keeps the policy being served.
//!
//! ```
//! use cors_runtime::dynamic::DynamicPolicy;
//!
//! let text = r#"
//!     policy Api { origins: "https://app.example.org"; }
//!     test Api { allow GET from "https://app.example.com"; }
//! "#;
//! let error = DynamicPolicy::parse(text, "Api").unwrap_err();
//! assert_eq!(error.diagnostics()[0].code, "test-not-allowed");
//! ```
//!
//! Building a policy allocates; deciding on a request does not: exact
//! origins, methods and request header names are kept in sorted slices and
//! found by binary search over the request's own bytes, wildcard origins go
//! through the same wildcard matcher (`cors_core::WildcardPattern::matches`)
//! as compiled policies, and header values are [`ConstValue`](crate::ConstValue)s
//! whose clones are reference-count increments. The values derived from the
//! policy (the longest allowed origin, the joined header lists, the preflight
//! status) come from the same functions the generated code calls, so the two
//! engines answer alike (a differential test checks it on every corpus policy).
//!
//! [`ReloadablePolicy`] is a shared handle whose policy can be replaced
//! atomically while requests are in flight (e.g. on `SIGHUP`); the adapters
//! take one snapshot of it per request. A reload can be guarded: see what
//! the new version changes first ([`DynamicPolicy::diff`],
//! [`ReloadablePolicy::stage`]), and refuse or explicitly approve one that
//! widens the policy
//! ([`ReloadablePolicy::reload_from_file_unless_widening`]).

mod error;
mod policy;
mod reload;

/// What a policy change means ([`DynamicPolicy::diff`], [`StagedReload::diff`]):
/// the comparison of `cors diff`, re-exported from `cors_dsl`.
pub use cors_dsl::diff;
pub use error::DynamicError;
pub use policy::DynamicPolicy;
pub use reload::{ReloadablePolicy, Snapshot, StagedReload};
