//! The example API with actix-web: `cargo run -p cors-examples --bin api-actix`.
//!
//! Same routes, page and policy (`examples/policies/api.cors`) as `api-axum`;
//! the policy is attached with `App::wrap(cors_runtime::actix::Cors::new(Api))`.

use std::process::ExitCode;
use std::sync::Arc;

use actix_web::dev::Service as _;
use actix_web::http::StatusCode;
use actix_web::{web, App, HttpRequest, HttpResponse, HttpServer};
use cors_examples::api::{self, ApiRequest, Stats};
use cors_examples::config::{api_base, banner, bind_loopback, main_with, Config};
use cors_examples::page::page_html;
use cors_examples::policy::Api;

fn main() -> ExitCode {
    main_with(run)
}

fn run(config: Config) -> std::io::Result<()> {
    let api_listener = bind_loopback(config.api_port)?;
    let page_listener = bind_loopback(config.page_port)?;
    let api_port = api_listener.local_addr()?.port();
    let page_port = page_listener.local_addr()?.port();
    let stats = Arc::new(Stats::default());
    let html = page_html(&api_base(api_port));

    actix_web::rt::System::new().block_on(async move {
        let api = HttpServer::new(move || {
            let counter = stats.clone();
            App::new()
                .app_data(web::Data::from(stats.clone()))
                .default_service(web::to(api_handler))
                // The policy is a unit struct generated at build time.
                .wrap(cors_runtime::actix::Cors::new(Api))
                // Outside the CORS middleware (the last `wrap` is the outermost):
                // counts the preflights it answers too.
                .wrap_fn(move |request, service| {
                    let headers = request.headers();
                    counter.record(
                        request.method().as_str(),
                        headers.contains_key("origin"),
                        headers.contains_key("access-control-request-method"),
                    );
                    service.call(request)
                })
        })
        .workers(1)
        .listen(api_listener)?
        .run();
        let page = HttpServer::new(move || {
            let html = html.clone();
            App::new().route(
                "/",
                web::get().to(move || {
                    let html = html.clone();
                    async move {
                        HttpResponse::Ok()
                            .content_type("text/html; charset=utf-8")
                            .insert_header(("cache-control", "no-store"))
                            .body(html)
                    }
                }),
            )
        })
        .workers(1)
        .listen(page_listener)?
        .run();
        print!("{}", banner("actix-web", api_port, page_port));
        let page = actix_web::rt::spawn(page);
        api.await?;
        page.abort();
        Ok(())
    })
}

async fn api_handler(
    request: HttpRequest,
    body: web::Bytes,
    stats: web::Data<Stats>,
) -> HttpResponse {
    let header = |name| request.headers().get(name).and_then(|v| v.to_str().ok());
    let api_request = ApiRequest {
        method: request.method().as_str(),
        path: request.path(),
        cookie: header("cookie"),
        request_id: header("x-request-id"),
        body: &body,
    };
    let answer = api::handle(&stats, &api_request);
    let status = StatusCode::from_u16(answer.status).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR);
    let mut response = HttpResponse::build(status);
    for (name, value) in answer.headers {
        response.append_header((name, value));
    }
    response.body(answer.body)
}
