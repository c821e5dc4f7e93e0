use std::future::{ready, Ready};

use actix_web::body::{EitherBody, MessageBody};
use actix_web::dev::{Service, ServiceRequest, ServiceResponse, Transform};
use actix_web::http::StatusCode;
use actix_web::{Error, HttpResponse};

use super::{ActixRequestView, ActixResponseHeaders, CorsFuture};
use actix_web::http::header::HeaderValue;

use crate::observe::{NoShadow, Shadow};
use crate::{decide_with, Decision, Outcome, PolicySource};

crate::factory::factory_type! {
    /// The actix-web CORS middleware factory: `App::new().wrap(Cors::new(policy))`.
    ///
    /// ```
    /// cors_runtime::cors_policy! { policy Api { origins: *; methods: *; request-headers: *; } }
    /// use actix_web::{test, web, App};
    /// # actix_web::rt::System::new().block_on(async {
    /// let app = test::init_service(
    ///     App::new()
    ///         .wrap(cors_runtime::actix::Cors::new(Api))
    ///         .route("/", web::get().to(|| async { "hi" })),
    /// )
    /// .await;
    /// let request = test::TestRequest::get().insert_header(("origin", "https://a.example")).to_request();
    /// let response = test::call_service(&app, request).await;
    /// assert_eq!(response.headers().get("access-control-allow-origin").unwrap(), "*");
    /// # });
    /// ```
    pub struct Cors;
    new: "A middleware factory";
    shadow example: "let cors = cors_runtime::actix::Cors::new(Current).with_shadow(Candidate);\nlet app = actix_web::App::new().wrap(cors);\n# let _ = app;";
}

impl<S, B, P, Sh> Transform<S, ServiceRequest> for Cors<P, Sh>
where
    S: Service<ServiceRequest, Response = ServiceResponse<B>, Error = Error>,
    B: MessageBody + 'static,
    P: PolicySource,
    Sh: Shadow,
{
    type Response = ServiceResponse<EitherBody<B>>;
    type Error = Error;
    type Transform = CorsMiddleware<S, P, Sh>;
    type InitError = ();
    type Future = Ready<Result<Self::Transform, Self::InitError>>;

    fn new_transform(&self, service: S) -> Self::Future {
        ready(Ok(CorsMiddleware {
            service,
            policy: self.policy.clone(),
            shadow: self.shadow.clone(),
        }))
    }
}

/// The service built by [`Cors`] around the application.
#[derive(Debug)]
pub struct CorsMiddleware<S, P, Sh = NoShadow> {
    service: S,
    policy: P,
    shadow: Sh,
}

/// The middleware's own answer to a preflight: `status`, an empty body and
/// the decision's headers.
fn answer(status: http::StatusCode, decision: &Decision<'_, HeaderValue>) -> HttpResponse {
    let status = StatusCode::from_u16(status.as_u16()).unwrap_or(StatusCode::FORBIDDEN);
    let mut response = HttpResponse::new(status);
    decision.apply(&mut ActixResponseHeaders::new(response.headers_mut()));
    response
}

/// The future of a request answered by the middleware itself: `response`
/// as the service's response type. Kept out of `call`, and built straight
/// into the future, so that actix-web's body mapping is inlined here and
/// the response is not copied once more (measured with callgrind).
#[inline(never)]
fn finish<F, B: MessageBody + 'static>(
    request: ServiceRequest,
    response: HttpResponse,
) -> CorsFuture<F, B> {
    CorsFuture::ready(request.into_response(response).map_into_right_body())
}

impl<S, B, P, Sh> Service<ServiceRequest> for CorsMiddleware<S, P, Sh>
where
    S: Service<ServiceRequest, Response = ServiceResponse<B>, Error = Error>,
    B: MessageBody + 'static,
    P: PolicySource,
    Sh: Shadow,
{
    type Response = ServiceResponse<EitherBody<B>>;
    type Error = Error;
    type Future = CorsFuture<S::Future, B>;

    actix_web::dev::forward_ready!(service);

    fn call(&self, request: ServiceRequest) -> Self::Future {
        let view = ActixRequestView::new(request.method(), request.headers());
        // One snapshot per request, released before the application runs.
        let policy = self.policy.snapshot();
        let shadow = self.shadow.hold();
        let decision = decide_with(&*policy, &view);
        Sh::observe(&shadow, &*policy, &view, &decision);
        match decision.outcome() {
            Outcome::Respond(status) => {
                let response = answer(status, &decision);
                finish(request, response)
            }
            Outcome::CallApp => {
                let deferred = decision.defer();
                drop(shadow);
                drop(policy);
                CorsFuture::inner(self.service.call(request), deferred)
            }
        }
    }
}
