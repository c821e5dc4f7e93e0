//! The actix-web runner: `cors_runtime::actix::Cors` wrapping an actix-web
//! application, through actix-web's test service.

use std::sync::atomic::Ordering;

use cors_runtime::observe::Shadow;
use cors_runtime::PolicySource;

use super::{counter, Fields, Raw};
use crate::support::harness::{App, APP_BODY};

/// `cors_runtime::actix::Cors`, with `init_service` + `call_service`.
pub(super) fn via_actix<P: PolicySource, Sh: Shadow>(
    cors: cors_runtime::actix::Cors<P, Sh>,
    method: &[u8],
    headers: &Fields,
    app: &App,
) -> Raw {
    use actix_web::http::header::{HeaderName, HeaderValue};
    use actix_web::{test, web, HttpResponse};

    let (calls, counter) = counter();
    let answer = app.clone();
    let method = actix_web::http::Method::from_bytes(method).unwrap();
    let headers: Vec<(HeaderName, HeaderValue)> = headers
        .iter()
        .map(|(name, value)| {
            (
                HeaderName::from_static(name),
                HeaderValue::from_bytes(value).unwrap(),
            )
        })
        .collect();
    let (status, fields, body) = actix_web::rt::System::new().block_on(async move {
        let service = test::init_service(actix_web::App::new().wrap(cors).default_service(
            web::to(move || {
                counter.fetch_add(1, Ordering::SeqCst);
                let status = actix_web::http::StatusCode::from_u16(answer.status).unwrap();
                let mut response = HttpResponse::build(status);
                for (name, value) in &answer.headers {
                    response.append_header((*name, *value));
                }
                let response = response.body(APP_BODY);
                async move { response }
            }),
        ))
        .await;
        let mut request = test::TestRequest::default().method(method);
        for header in headers {
            request = request.append_header(header);
        }
        let response = test::call_service(&service, request.to_request()).await;
        let status = response.status().as_u16();
        let fields: Vec<(String, Vec<u8>)> = response
            .headers()
            .iter()
            .map(|(name, value)| (name.as_str().to_owned(), value.as_bytes().to_vec()))
            .collect();
        let body = test::read_body(response).await;
        (status, fields, body.to_vec())
    });
    Raw {
        status,
        fields,
        app_calls: calls.load(Ordering::SeqCst),
        body,
    }
}
