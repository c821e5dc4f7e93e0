//! The type every adapter hands to its framework: a policy source and a
//! shadow policy, built with `new(policy)` and `with_shadow(candidate)`.
//! Written once here, declared in each adapter module under its own name
//! (`tower::CorsLayer`, `actix::Cors`, `poem::Cors`, `salvo::Cors`,
//! `rocket::Cors`), which then implements its framework's trait.

/// Declares an adapter's factory type. `$what` names what `new` returns in
/// its documentation ("a layer", "a fairing", …); `$example` is one line
/// that uses `$name::new(Current).with_shadow(Candidate)`, shown in the
/// documentation of `with_shadow` (a doctest).
macro_rules! factory_type {
    (
        $(#[$attr:meta])*
        pub struct $name:ident;
        new: $what:literal;
        shadow example: $example:literal;
    ) => {
        $(#[$attr])*
        ///
        /// `P` is a compiled or run-time [`Policy`](crate::Policy), or a
        /// reloadable handle (any [`PolicySource`](crate::PolicySource));
        /// `Sh` is the shadow policy, none by default (see `with_shadow`,
        /// feature `tracing`).
        #[derive(Clone, Copy, Debug, Default)]
        pub struct $name<P, Sh = $crate::observe::NoShadow> {
            policy: P,
            shadow: Sh,
        }

        impl<P: $crate::PolicySource> $name<P> {
            #[doc = concat!($what, " applying `policy`.")]
            pub fn new(policy: P) -> Self {
                $name {
                    policy,
                    shadow: $crate::observe::NoShadow,
                }
            }

            /// Decides every request with `candidate` too, without applying
            /// it, and emits an `INFO` event at target
            /// `cors_runtime::shadow` whenever its verdict differs from the
            /// policy's (feature `tracing`; see
            /// [`record_shadow`](crate::observe::record_shadow) for what
            /// counts). The way to tighten a policy safely: run the
            /// candidate in the shadow until no event is unexpected, then
            /// make it the policy.
            ///
            /// ```
            /// cors_runtime::cors_policy! {
            ///     policy Current { origins: *; }
            ///     policy Candidate { origins: "https://app.example", "https://*.app.example"; }
            /// }
            #[doc = $example]
            /// ```
            #[cfg(feature = "tracing")]
            pub fn with_shadow<C: $crate::PolicySource>(
                self,
                candidate: C,
            ) -> $name<P, $crate::observe::ShadowPolicy<C>> {
                $name {
                    policy: self.policy,
                    shadow: $crate::observe::ShadowPolicy::new(candidate),
                }
            }
        }

        impl<P: $crate::PolicySource, Sh: $crate::observe::Shadow> $name<P, Sh> {
            /// The policy.
            pub fn policy(&self) -> &P {
                &self.policy
            }

            /// The shadow policy ([`NoShadow`](crate::observe::NoShadow)
            /// when there is none).
            pub fn shadow(&self) -> &Sh {
                &self.shadow
            }
        }
    };
}

pub(crate) use factory_type;
