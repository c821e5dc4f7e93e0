//! The example API with Salvo: `cargo run -p cors-examples --bin api-salvo`.
//!
//! Same routes, page and policy (`examples/policies/api.cors`) as `api-axum`;
//! the policy is attached with
//! `Service::new(router).hoop(cors_runtime::salvo::Cors::new(Api))`, so that
//! preflights to every path are answered (a `Router::hoop` would see only
//! the requests its routes match).

use std::process::ExitCode;
use std::sync::Arc;

use cors_examples::api::{self, ApiRequest, Stats};
use cors_examples::config::{api_base, banner, bind_loopback, main_with, Config};
use cors_examples::page::page_html;
use cors_examples::policy::Api;
use salvo_core::conn::tcp::TcpAcceptor;
use salvo_core::{
    async_trait, Depot, FlowCtrl, Handler, Request, Response, Router, Server, Service,
};

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
        let api = Service::new(Router::with_path("{**rest}").goal(ApiHandler {
            stats: stats.clone(),
        }))
        // Hoops run in the order added: the counter sees the preflights the
        // CORS handler answers too.
        .hoop(Counter { stats })
        // The policy is a unit struct generated at build time.
        .hoop(cors_runtime::salvo::Cors::new(Api));
        let page = Service::new(Router::new().get(Page { html }));
        let acceptor = |listener: std::net::TcpListener| {
            listener.set_nonblocking(true)?;
            TcpAcceptor::try_from(tokio::net::TcpListener::from_std(listener)?)
        };
        let api = Server::new(acceptor(api_listener)?).serve(api);
        let page = Server::new(acceptor(page_listener)?).serve(page);
        print!("{}", banner("Salvo", api_port, page_port));
        tokio::join!(api, page);
        Ok(())
    })
}

/// Counts every request as it arrives (`Stats::record`).
struct Counter {
    stats: Arc<Stats>,
}

#[async_trait]
impl Handler for Counter {
    async fn handle(
        &self,
        request: &mut Request,
        depot: &mut Depot,
        response: &mut Response,
        ctrl: &mut FlowCtrl,
    ) {
        let headers = request.headers();
        self.stats.record(
            request.method().as_str(),
            headers.contains_key("origin"),
            headers.contains_key("access-control-request-method"),
        );
        ctrl.call_next(request, depot, response).await;
    }
}

/// Every path and method: `api::handle`.
struct ApiHandler {
    stats: Arc<Stats>,
}

#[async_trait]
impl Handler for ApiHandler {
    async fn handle(
        &self,
        request: &mut Request,
        _depot: &mut Depot,
        response: &mut Response,
        _ctrl: &mut FlowCtrl,
    ) {
        let body = match request.payload_with_max_size(MAX_BODY).await {
            Ok(body) => body.clone(),
            Err(_) => {
                response.status_code(http::StatusCode::PAYLOAD_TOO_LARGE);
                response.body("body too large");
                return;
            }
        };
        let header = |name| request.headers().get(name).and_then(|v| v.to_str().ok());
        let api_request = ApiRequest {
            method: request.method().as_str(),
            path: request.uri().path(),
            cookie: header("cookie"),
            request_id: header("x-request-id"),
            body: &body,
        };
        let answer = api::handle(&self.stats, &api_request);
        response.status_code(
            http::StatusCode::from_u16(answer.status)
                .unwrap_or(http::StatusCode::INTERNAL_SERVER_ERROR),
        );
        for (name, value) in answer.headers {
            if let Ok(value) = http::HeaderValue::try_from(value) {
                response
                    .headers_mut()
                    .append(http::HeaderName::from_static(name), value);
            }
        }
        response.body(answer.body);
    }
}

/// The demo page at `/`.
struct Page {
    html: String,
}

#[async_trait]
impl Handler for Page {
    async fn handle(
        &self,
        _request: &mut Request,
        _depot: &mut Depot,
        response: &mut Response,
        _ctrl: &mut FlowCtrl,
    ) {
        response.headers_mut().insert(
            http::header::CONTENT_TYPE,
            http::HeaderValue::from_static("text/html; charset=utf-8"),
        );
        response.headers_mut().insert(
            http::header::CACHE_CONTROL,
            http::HeaderValue::from_static("no-store"),
        );
        response.body(self.html.clone());
    }
}
