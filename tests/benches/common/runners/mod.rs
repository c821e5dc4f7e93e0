//! One closure per (implementation, policy variant, request): each call
//! builds the request (a clone for tower, a rebuild for actix-web), runs it
//! through the service without sockets (the futures are ready at once and
//! are polled with a no-op waker), and drops the response. The bare inner
//! service runs the same closure, so `implementation − bare` is the
//! middleware's own cost.
//!
//! `services` holds the inner applications and the closures that drive a
//! service; `others` the other implementations configured with the same
//! policy.

mod others;
mod services;

use cors_runtime::Policy;
use http::{Request, Response};
use tower::{Layer, Service};

use super::cases::{spec, ActixTemplate, Case, Variant};
use super::hand::{Hand1000, Hand22, HandCors, HandOrigins, HandWildcard};
use super::ours;
use others::{actix_cors_for, dynamic_policy, tower_http_layer};
use services::{
    actix_runner, actix_transform_runner, poll_now, tower_runner, ActixInner, TowerInner,
};

/// Runs one request through one implementation.
pub type Runner = Box<dyn FnMut()>;

/// The implementations compared.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Imp {
    /// The tower inner service alone.
    Bare,
    /// `cors_runtime::tower::CorsLayer`.
    Ours,
    /// `cors_runtime::tower::CorsLayer` with the same policy parsed at run
    /// time (`cors_runtime::dynamic::DynamicPolicy`, the interpreted engine).
    OursDynamic,
    /// `tower_http::cors::CorsLayer`.
    TowerHttp,
    /// The hand-written baseline (tower).
    Hand,
    /// The actix-web inner service alone.
    ActixBare,
    /// `cors_runtime::actix::Cors`.
    ActixOurs,
    /// `actix_cors::Cors`.
    ActixCors,
    /// `cors_runtime::tower::CorsLayer` with a shadow policy that agrees
    /// (feature `tracing`), and a subscriber listening to shadow events.
    OursShadow,
    /// `cors_runtime::actix::Cors`, the same way.
    ActixOursShadow,
}

impl Imp {
    pub const ALL: [Imp; 8] = [
        Imp::Bare,
        Imp::Ours,
        Imp::OursDynamic,
        Imp::TowerHttp,
        Imp::Hand,
        Imp::ActixBare,
        Imp::ActixOurs,
        Imp::ActixCors,
    ];

    /// The shadow-policy runs of the `tracing` rows (instructions only:
    /// they install a global subscriber).
    pub const SHADOW: [Imp; 2] = [Imp::OursShadow, Imp::ActixOursShadow];

    pub fn name(self) -> &'static str {
        match self {
            Imp::Bare => "bare",
            Imp::Ours => "ours",
            Imp::OursDynamic => "ours-dynamic",
            Imp::TowerHttp => "tower-http",
            Imp::Hand => "hand",
            Imp::ActixBare => "actix-bare",
            Imp::ActixOurs => "actix-ours",
            Imp::ActixCors => "actix-cors",
            Imp::OursShadow => "ours-shadow",
            Imp::ActixOursShadow => "actix-ours-shadow",
        }
    }

    pub fn parse(text: &str) -> Option<Self> {
        Self::ALL
            .into_iter()
            .chain(Self::SHADOW)
            .find(|i| i.name() == text)
    }

    /// The bare service to subtract from this implementation.
    pub fn bare(self) -> Imp {
        match self {
            Imp::Bare
            | Imp::Ours
            | Imp::OursDynamic
            | Imp::TowerHttp
            | Imp::Hand
            | Imp::OursShadow => Imp::Bare,
            _ => Imp::ActixBare,
        }
    }
}

/// The inner tower service's response headers: `Empty` (`HeaderMap::new()`,
/// no storage yet) or `Roomy` (room for 16 fields, `content-type` set).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum InnerHeaders {
    Empty,
    Roomy,
}

/// The runner of `imp` on `case` under `variant`.
pub fn runner(imp: Imp, variant: Variant, case: Case, inner: InnerHeaders) -> Runner {
    let spec = spec(variant, case);
    let tower_request = spec.tower();
    let actix_request = spec.actix();
    match variant {
        Variant::O22 => build::<_, _, Hand22>(
            imp,
            variant,
            ours::Origins22,
            ours::Origins22Candidate,
            tower_request,
            actix_request,
            inner,
        ),
        Variant::O1000 => build::<_, _, Hand1000>(
            imp,
            variant,
            ours::Origins1000,
            ours::Origins1000Candidate,
            tower_request,
            actix_request,
            inner,
        ),
        Variant::Wildcard => build::<_, _, HandWildcard>(
            imp,
            variant,
            ours::Wildcard,
            ours::WildcardCandidate,
            tower_request,
            actix_request,
            inner,
        ),
    }
}

fn build<P: Policy, C: Policy, H: HandOrigins>(
    imp: Imp,
    variant: Variant,
    policy: P,
    candidate: C,
    tower_request: Request<()>,
    actix_request: ActixTemplate,
    inner: InnerHeaders,
) -> Runner {
    let inner = TowerInner { inner };
    match imp {
        Imp::Bare => tower_runner(inner, tower_request),
        Imp::Ours => tower_runner(
            cors_runtime::tower::CorsLayer::new(policy).layer(inner),
            tower_request,
        ),
        Imp::OursDynamic => tower_runner(
            cors_runtime::tower::CorsLayer::new(dynamic_policy(variant)).layer(inner),
            tower_request,
        ),
        Imp::TowerHttp => tower_runner(tower_http_layer(variant).layer(inner), tower_request),
        Imp::Hand => tower_runner(HandCors::<_, H>::new(inner), tower_request),
        Imp::ActixBare => actix_runner(ActixInner, actix_request),
        Imp::ActixOurs => {
            actix_transform_runner(cors_runtime::actix::Cors::new(policy), actix_request)
        }
        Imp::ActixCors => actix_transform_runner(actix_cors_for(variant), actix_request),
        Imp::OursShadow | Imp::ActixOursShadow => {
            shadow_runner(imp, policy, candidate, inner, tower_request, actix_request)
        }
    }
}

/// The shadow-policy runners (feature `tracing`): the subscriber listens to
/// `cors_runtime::shadow` at `INFO` only, as `RUST_LOG=cors_runtime::shadow=info`
/// would, so that the candidate decides every request.
#[cfg(feature = "tracing")]
fn shadow_runner<P: Policy, C: Policy>(
    imp: Imp,
    policy: P,
    candidate: C,
    inner: TowerInner,
    tower_request: Request<()>,
    actix_request: ActixTemplate,
) -> Runner {
    // Once per process; a second runner keeps the first subscriber.
    let _ = tracing::subscriber::set_global_default(super::listen::ShadowListener);
    if imp == Imp::OursShadow {
        let layer = cors_runtime::tower::CorsLayer::new(policy).with_shadow(candidate);
        tower_runner(layer.layer(inner), tower_request)
    } else {
        let cors = cors_runtime::actix::Cors::new(policy).with_shadow(candidate);
        actix_transform_runner(cors, actix_request)
    }
}

#[cfg(not(feature = "tracing"))]
fn shadow_runner<P: Policy, C: Policy>(
    imp: Imp,
    _: P,
    _: C,
    _: TowerInner,
    _: Request<()>,
    _: ActixTemplate,
) -> Runner {
    panic!("{}: needs the feature `tracing` of cors-tests", imp.name())
}

/// The responses of `cors_runtime` and of the hand-written baseline to the
/// same request, to check that the baseline is a fair one (same output).
pub fn ours_and_hand(variant: Variant, case: Case) -> [Response<()>; 2] {
    fn both<P: Policy, H: HandOrigins>(policy: P, request: &Request<()>) -> [Response<()>; 2] {
        let inner = TowerInner {
            inner: InnerHeaders::Empty,
        };
        let mut ours = cors_runtime::tower::CorsLayer::new(policy).layer(inner);
        let mut hand = HandCors::<_, H>::new(inner);
        [
            poll_now(ours.call(request.clone())).expect("infallible"),
            poll_now(hand.call(request.clone())).expect("infallible"),
        ]
    }
    let request = spec(variant, case).tower();
    match variant {
        Variant::O22 => both::<_, Hand22>(ours::Origins22, &request),
        Variant::O1000 => both::<_, Hand1000>(ours::Origins1000, &request),
        Variant::Wildcard => both::<_, HandWildcard>(ours::Wildcard, &request),
    }
}
