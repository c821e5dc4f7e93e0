//! Lowering: the validated [`model::Policy`] becomes a [`Plan`], the plain
//! data both engines read (the code `cors_policy!` generates quotes it; the
//! interpreter holds it). This is the only translation of the model: every
//! rule it applies is a constructor of [`cors_core::plan`].

use cors_core::plan::{MethodsPlan, OriginsPlan, Plan, RequestHeadersPlan};
use cors_core::{
    PreflightMode, PreflightStatus, WebSocketMode, WildcardHost, WildcardPattern, WildcardPort,
};

use crate::model::{
    self, ExposeHeaders, HostPattern, Methods, Origins, PortPattern, RequestHeaders,
};

/// Lowers one validated policy into its plan.
///
/// ```
/// let compiled = cors_dsl::compile_str("api.cors", r#"policy Api {
///     origins: "https://app.example", null; dangerously-allow: null-origin; max-age: 10m;
/// }"#, None).unwrap();
/// let plan = cors_dsl::lower::plan(&compiled.policies[0]);
/// assert_eq!(plan.max_age.as_deref(), Some("600"));
/// let cors_core::plan::OriginsPlan::Listed(list) = &plan.origins else { panic!() };
/// assert_eq!(list.exact, ["https://app.example", "null"]);
/// ```
pub fn plan(policy: &model::Policy) -> Plan {
    let mut plan = Plan::new(policy.name.clone(), origins(&policy.origins));
    plan.credentials = policy.credentials;
    plan.methods = match &policy.methods {
        Methods::Any => MethodsPlan::Any,
        Methods::List(list) => MethodsPlan::Listed(list.clone()),
    };
    plan.request_headers = match &policy.request_headers {
        RequestHeaders::Any { authorization } => RequestHeadersPlan::Any {
            authorization: *authorization,
        },
        RequestHeaders::List(names) => RequestHeadersPlan::listed(names.clone()),
    };
    plan.expose_headers = match &policy.expose_headers {
        ExposeHeaders::Any => Plan::expose_headers_text(true, &[]),
        ExposeHeaders::List(names) => Plan::expose_headers_text(false, names),
    };
    plan.max_age = Plan::max_age_text(policy.max_age);
    plan.private_network = policy.private_network;
    plan.preflight_status = match policy.preflight_status {
        200 => PreflightStatus::Ok,
        _ => PreflightStatus::NoContent,
    };
    plan.preflight = match policy.preflight {
        model::PreflightMode::Respond => PreflightMode::Respond,
        model::PreflightMode::Forward => PreflightMode::Forward,
    };
    plan.websocket = match policy.websocket {
        model::WebSocket::Unchecked => WebSocketMode::Unchecked,
        model::WebSocket::CheckOrigin => WebSocketMode::CheckOrigin,
    };
    plan
}

fn origins(origins: &Origins) -> OriginsPlan {
    match origins {
        Origins::Any => OriginsPlan::Any,
        Origins::List(list) => OriginsPlan::listed(
            list.exact.clone(),
            list.null,
            list.patterns.iter().map(pattern).collect(),
        ),
    }
}

fn pattern(pattern: &model::OriginPattern) -> WildcardPattern<String> {
    WildcardPattern {
        scheme: pattern.scheme.clone(),
        host: match &pattern.host {
            HostPattern::Exact(host) => WildcardHost::Exact(host.clone()),
            HostPattern::Subdomains(suffix) => WildcardHost::Subdomains(suffix.clone()),
        },
        port: match pattern.port {
            PortPattern::Default => WildcardPort::Default,
            PortPattern::Exact(port) => WildcardPort::Exact(port.to_string()),
            PortPattern::Any => WildcardPort::Any,
        },
    }
}
