//! Our policies. Interim: hand-written `cors_runtime::Policy` impls, to be
//! replaced by `cors_policy!` (the product) when the macro lands.

use cors_runtime::origin::{WildcardHost, WildcardPattern, WildcardPort};
use cors_runtime::{
    ConstValue, MethodRule, OriginMatch, OriginRule, Policy, PolicyConfig, PreflightMode,
    PreflightStatus, RequestHeaderRule,
};

use super::generated::{index_1000, index_22, ORIGINS_1000, ORIGINS_22};
use super::max_len;

const fn config(max_len: usize) -> PolicyConfig {
    PolicyConfig {
        origins: OriginRule::Listed { max_len },
        credentials: true,
        methods: MethodRule::Listed,
        request_headers: RequestHeaderRule::Listed {
            count: 3,
            max_name_len: 12,
            value: Some(ConstValue::from_static(
                "content-type,x-api-key,x-request-id",
            )),
        },
        expose_headers: None,
        max_age: Some(ConstValue::from_static("600")),
        private_network: false,
        preflight_status: PreflightStatus::NoContent,
        preflight: PreflightMode::Respond,
    }
}

static CONFIG_22: PolicyConfig = config(max_len(&ORIGINS_22));
static CONFIG_1000: PolicyConfig = config(max_len(&ORIGINS_1000));
static WILDCARD: WildcardPattern<'static> = WildcardPattern {
    scheme: "https",
    host: WildcardHost::Subdomains("example.com"),
    port: WildcardPort::Default,
};
static CONFIG_WILDCARD: PolicyConfig = config(WILDCARD.max_len());

fn allows_method(method: &[u8]) -> bool {
    matches!(method, b"GET" | b"POST" | b"PUT" | b"DELETE")
}

fn allows_request_header(name: &[u8]) -> bool {
    matches!(name, b"content-type" | b"x-api-key" | b"x-request-id")
}

/// 22 exact origins.
#[derive(Clone, Copy, Debug, Default)]
pub struct Origins22;

impl Policy for Origins22 {
    fn config(&self) -> &PolicyConfig {
        &CONFIG_22
    }
    fn match_origin(&self, origin: &[u8]) -> OriginMatch<'_> {
        match index_22(origin) {
            Some(_) => OriginMatch::Echo,
            None => OriginMatch::Refused,
        }
    }
    fn allows_method(&self, method: &[u8]) -> bool {
        allows_method(method)
    }
    fn allows_request_header(&self, name: &[u8]) -> bool {
        allows_request_header(name)
    }
}

/// 1,000 exact origins.
#[derive(Clone, Copy, Debug, Default)]
pub struct Origins1000;

impl Policy for Origins1000 {
    fn config(&self) -> &PolicyConfig {
        &CONFIG_1000
    }
    fn match_origin(&self, origin: &[u8]) -> OriginMatch<'_> {
        match index_1000(origin) {
            Some(_) => OriginMatch::Echo,
            None => OriginMatch::Refused,
        }
    }
    fn allows_method(&self, method: &[u8]) -> bool {
        allows_method(method)
    }
    fn allows_request_header(&self, name: &[u8]) -> bool {
        allows_request_header(name)
    }
}

/// `https://*.example.com`.
#[derive(Clone, Copy, Debug, Default)]
pub struct Wildcard;

impl Policy for Wildcard {
    fn config(&self) -> &PolicyConfig {
        &CONFIG_WILDCARD
    }
    fn match_origin(&self, origin: &[u8]) -> OriginMatch<'_> {
        if WILDCARD.matches(origin) {
            OriginMatch::Echo
        } else {
            OriginMatch::Refused
        }
    }
    fn allows_method(&self, method: &[u8]) -> bool {
        allows_method(method)
    }
    fn allows_request_header(&self, name: &[u8]) -> bool {
        allows_request_header(name)
    }
}
