//! The example API with Poem: `cargo run -p cors-examples --bin api-poem`.
//!
//! Same routes, page and policy (`examples/policies/api.cors`) as `api-axum`;
//! the policy is attached with
//! `endpoint.with(cors_runtime::poem::Cors::new(Api))`.

use std::process::ExitCode;
use std::sync::Arc;

use cors_examples::api::{self, ApiRequest, ApiResponse, Stats};
use cors_examples::config::{api_base, banner, bind_loopback, main_with, Config};
use cors_examples::page::page_html;
use cors_examples::policy::Api;
use poem::listener::TcpAcceptor;
use poem::{Endpoint, EndpointExt, Request, Response, Server};

/// The largest request body the API reads.
const MAX_BODY: usize = 64 * 1024;

fn main() -> ExitCode {
    main_with(run)
}

fn run(config: Config) -> std::io::Result<()> {
    let api_listener = bind_loopback(config.api_port)?;
    let page_listener = bind_loopback(config.page_port)?;
    let api_port = api_listener.local_addr()?.port();
    let page_port = page_listener.local_addr()?.port();
    let html = page_html(&api_base(api_port));
    let stats = Arc::new(Stats::default());

    let runtime = tokio::runtime::Runtime::new()?;
    runtime.block_on(async move {
        let counter = stats.clone();
        let api = ApiEndpoint { stats }
            // The policy is a unit struct generated at build time.
            .with(cors_runtime::poem::Cors::new(Api))
            // Outside the CORS middleware: counts the preflights it answers too.
            .before(move |request: Request| {
                let headers = request.headers();
                counter.record(
                    request.method().as_str(),
                    headers.contains_key("origin"),
                    headers.contains_key("access-control-request-method"),
                );
                async move { Ok(request) }
            });
        let page = poem::Route::new().at(
            "/",
            poem::get(poem::endpoint::make_sync(move |_| {
                Response::builder()
                    .content_type("text/html; charset=utf-8")
                    .header("cache-control", "no-store")
                    .body(html.clone())
            })),
        );
        let api = Server::new_with_acceptor(TcpAcceptor::from_std(api_listener)?).run(api);
        let page = Server::new_with_acceptor(TcpAcceptor::from_std(page_listener)?).run(page);
        print!("{}", banner("Poem", api_port, page_port));
        tokio::try_join!(api, page).map(|_| ())
    })
}

/// Every path and method: `api::handle`.
struct ApiEndpoint {
    stats: Arc<Stats>,
}

impl Endpoint for ApiEndpoint {
    type Output = Response;

    async fn call(&self, mut request: Request) -> poem::Result<Response> {
        let Ok(body) = request.take_body().into_bytes_limit(MAX_BODY).await else {
            return Ok(Response::builder()
                .status(http::StatusCode::PAYLOAD_TOO_LARGE)
                .body("body too large"));
        };
        let header = |name| request.headers().get(name).and_then(|v| v.to_str().ok());
        let api_request = ApiRequest {
            method: request.method().as_str(),
            path: request.uri().path(),
            cookie: header("cookie"),
            request_id: header("x-request-id"),
            body: &body,
        };
        Ok(into_response(api::handle(&self.stats, &api_request)))
    }
}

fn into_response(answer: ApiResponse) -> Response {
    let status = http::StatusCode::from_u16(answer.status)
        .unwrap_or(http::StatusCode::INTERNAL_SERVER_ERROR);
    let mut response = Response::builder().status(status).body(answer.body);
    for (name, value) in answer.headers {
        if let Ok(value) = http::HeaderValue::try_from(value) {
            response
                .headers_mut()
                .append(http::HeaderName::from_static(name), value);
        }
    }
    response
}
