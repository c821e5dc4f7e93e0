//! One closure per (implementation, policy variant, request): each call
//! builds the request (a clone for tower, a rebuild for actix-web), runs it
//! through the service without sockets (the futures are ready at once and
//! are polled with a no-op waker), and drops the response. The bare inner
//! service runs the same closure, so `implementation − bare` is the
//! middleware's own cost.

use std::convert::Infallible;
use std::future::{ready, Future, Ready};
use std::hint::black_box;
use std::pin::pin;
use std::task::{Context, Poll, Waker};
use std::time::Duration;

use actix_web::dev::{Service as ActixService, ServiceRequest, ServiceResponse, Transform};
use actix_web::HttpResponse;
use cors_runtime::Policy;
use http::{HeaderMap, HeaderName, HeaderValue, Method, Request, Response};
use tower::{Layer, Service};

use super::cases::{spec, ActixTemplate, Case, Variant};
use super::generated::{ORIGINS_1000, ORIGINS_22};
use super::hand::{Hand1000, Hand22, HandCors, HandOrigins, HandWildcard};
use super::{ours, wildcard_matches};

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

/// The same policy as `ours`, parsed at run time from the same file.
pub fn dynamic_policy(variant: Variant) -> cors_runtime::dynamic::DynamicPolicy {
    let (file, name) = match variant {
        Variant::O22 => ("origins22.cors", "Origins22"),
        Variant::O1000 => ("origins1000.cors", "Origins1000"),
        Variant::Wildcard => ("wildcard.cors", "Wildcard"),
    };
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("bench")
        .join(file);
    cors_runtime::dynamic::DynamicPolicy::from_file(path, name)
        .unwrap_or_else(|error| panic!("bench policy {file}: {error}"))
}

/// tower-http configured with the same policy.
pub fn tower_http_layer(variant: Variant) -> tower_http::cors::CorsLayer {
    use tower_http::cors::{AllowOrigin, CorsLayer};
    let origins = match variant {
        Variant::O22 => AllowOrigin::list(ORIGINS_22.iter().map(|o| HeaderValue::from_static(o))),
        Variant::O1000 => {
            AllowOrigin::list(ORIGINS_1000.iter().map(|o| HeaderValue::from_static(o)))
        }
        Variant::Wildcard => {
            AllowOrigin::predicate(|origin, _| wildcard_matches(origin.as_bytes()))
        }
    };
    CorsLayer::new()
        .allow_origin(origins)
        .allow_methods([Method::GET, Method::POST, Method::PUT, Method::DELETE])
        .allow_headers([
            HeaderName::from_static("content-type"),
            HeaderName::from_static("x-api-key"),
            HeaderName::from_static("x-request-id"),
        ])
        .allow_credentials(true)
        .max_age(Duration::from_secs(600))
}

/// actix-cors configured with the same policy.
pub fn actix_cors_for(variant: Variant) -> actix_cors::Cors {
    let mut cors = actix_cors::Cors::default();
    match variant {
        Variant::O22 => {
            for origin in ORIGINS_22 {
                cors = cors.allowed_origin(origin);
            }
        }
        Variant::O1000 => {
            for origin in ORIGINS_1000 {
                cors = cors.allowed_origin(origin);
            }
        }
        Variant::Wildcard => {
            cors = cors.allowed_origin_fn(|origin, _| wildcard_matches(origin.as_bytes()));
        }
    }
    cors.allowed_methods(["GET", "POST", "PUT", "DELETE"])
        .allowed_headers(["content-type", "x-api-key", "x-request-id"])
        .supports_credentials()
        .max_age(600)
}

/// Polls a future that must be ready at once.
fn poll_now<F: Future>(future: F) -> F::Output {
    let mut future = pin!(future);
    let mut cx = Context::from_waker(Waker::noop());
    match future.as_mut().poll(&mut cx) {
        Poll::Ready(output) => output,
        Poll::Pending => panic!("the benchmarked future must be ready at once"),
    }
}

/// The tower application: answers `200` with an empty body.
#[derive(Clone, Copy, Debug)]
pub struct TowerInner {
    inner: InnerHeaders,
}

static TEXT_PLAIN: HeaderValue = HeaderValue::from_static("text/plain");

impl<B> Service<Request<B>> for TowerInner {
    type Response = Response<()>;
    type Error = Infallible;
    type Future = Ready<Result<Response<()>, Infallible>>;

    fn poll_ready(&mut self, _: &mut Context<'_>) -> Poll<Result<(), Infallible>> {
        Poll::Ready(Ok(()))
    }

    fn call(&mut self, request: Request<B>) -> Self::Future {
        drop(request);
        let mut response = Response::new(());
        if self.inner == InnerHeaders::Roomy {
            let headers = response.headers_mut();
            *headers = HeaderMap::with_capacity(16);
            headers.insert(http::header::CONTENT_TYPE, TEXT_PLAIN.clone());
        }
        ready(Ok(response))
    }
}

fn tower_runner<S>(mut service: S, request: Request<()>) -> Runner
where
    S: Service<Request<()>, Response = Response<()>> + 'static,
    S::Error: std::fmt::Debug,
{
    Box::new(move || {
        let mut cx = Context::from_waker(Waker::noop());
        match service.poll_ready(&mut cx) {
            Poll::Ready(Ok(())) => {}
            _ => panic!("the benchmarked service must be ready"),
        }
        let response = poll_now(service.call(request.clone())).expect("infallible");
        drop(black_box(response));
    })
}

/// The actix-web application: answers `200` with an empty body.
#[derive(Clone, Copy, Debug)]
pub struct ActixInner;

impl ActixService<ServiceRequest> for ActixInner {
    type Response = ServiceResponse;
    type Error = actix_web::Error;
    type Future = Ready<Result<ServiceResponse, actix_web::Error>>;

    fn poll_ready(&self, _: &mut Context<'_>) -> Poll<Result<(), actix_web::Error>> {
        Poll::Ready(Ok(()))
    }

    fn call(&self, request: ServiceRequest) -> Self::Future {
        ready(Ok(request.into_response(HttpResponse::new(http_02_ok()))))
    }
}

fn http_02_ok() -> actix_web::http::StatusCode {
    actix_web::http::StatusCode::OK
}

fn actix_transform_runner<T>(transform: T, template: ActixTemplate) -> Runner
where
    T: Transform<ActixInner, ServiceRequest, Error = actix_web::Error>,
    T::Transform: 'static,
{
    match poll_now(transform.new_transform(ActixInner)) {
        Ok(service) => actix_runner(service, template),
        Err(_) => panic!("the middleware could not be built"),
    }
}

fn actix_runner<S>(service: S, template: ActixTemplate) -> Runner
where
    S: ActixService<ServiceRequest, Error = actix_web::Error> + 'static,
{
    Box::new(move || {
        let mut cx = Context::from_waker(Waker::noop());
        match service.poll_ready(&mut cx) {
            Poll::Ready(Ok(())) => {}
            _ => panic!("the benchmarked service must be ready"),
        }
        match poll_now(service.call(template.build())) {
            Ok(response) => drop(black_box(response)),
            Err(error) => panic!("the benchmarked service failed: {error}"),
        }
    })
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
