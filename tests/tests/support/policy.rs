//! The test policies are written with `cors_policy!`, the product itself;
//! each compiled policy is a distinct unit struct, so tables hold them as a
//! [`TestPolicy`]: one `Copy` handle type delegating to any `Policy`.

#![allow(dead_code)]

use cors_runtime::{OriginMatch, Policy, PolicyConfig};

/// The object-safe part of [`Policy`], so that policies of different types
/// fit in one table.
trait Erased: Send + Sync {
    fn name(&self) -> &str;
    fn config(&self) -> &PolicyConfig;
    fn match_origin(&self, origin: &[u8]) -> OriginMatch<'_>;
    fn allows_method(&self, method: &[u8]) -> bool;
    fn allows_request_header(&self, name: &[u8]) -> bool;
}

impl<P: Policy> Erased for P {
    fn name(&self) -> &str {
        Policy::name(self)
    }
    fn config(&self) -> &PolicyConfig {
        Policy::config(self)
    }
    fn match_origin(&self, origin: &[u8]) -> OriginMatch<'_> {
        Policy::match_origin(self, origin)
    }
    fn allows_method(&self, method: &[u8]) -> bool {
        Policy::allows_method(self, method)
    }
    fn allows_request_header(&self, name: &[u8]) -> bool {
        Policy::allows_request_header(self, name)
    }
}

/// Any policy, behind a `Copy` handle (see the module docs).
#[derive(Clone, Copy)]
pub struct TestPolicy(&'static dyn Erased);

impl std::fmt::Debug for TestPolicy {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_tuple("TestPolicy").field(self.0.config()).finish()
    }
}

impl Policy for TestPolicy {
    fn name(&self) -> &str {
        self.0.name()
    }
    fn config(&self) -> &PolicyConfig {
        self.0.config()
    }
    fn match_origin(&self, origin: &[u8]) -> OriginMatch<'_> {
        self.0.match_origin(origin)
    }
    fn allows_method(&self, method: &[u8]) -> bool {
        self.0.allows_method(method)
    }
    fn allows_request_header(&self, name: &[u8]) -> bool {
        self.0.allows_request_header(name)
    }
}

/// Wraps a policy (usually a `cors_policy!` unit struct) for a table. The
/// handle is leaked once per call: tests build a handful.
pub fn erase<P: Policy>(policy: P) -> TestPolicy {
    TestPolicy(Box::leak(Box::new(policy)))
}
