//! The example API with Rocket: `cargo run -p cors-examples --bin api-rocket`.
//!
//! Same routes, page and policy (`examples/policies/api.cors`) as `api-axum`;
//! the policy is attached with
//! `rocket::build().attach(cors_runtime::rocket::Cors::new(Api))`, a fairing
//! that answers preflights for every path, mounted or not.
//!
//! Rocket binds its ports itself: the ports are picked (port 0 = a free
//! one) by binding them first, then released and handed to Rocket; the
//! banner is printed once both instances have lifted off.

use std::net::Ipv4Addr;
use std::process::ExitCode;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Arc;

use cors_examples::api::{self, ApiRequest, Stats};
use cors_examples::config::{api_base, banner, bind_loopback, main_with, Config};
use cors_examples::page::page_html;
use cors_examples::policy::Api;
use rocket::config::LogLevel;
use rocket::data::ToByteUnit;
use rocket::fairing::{AdHoc, Fairing, Info, Kind};
use rocket::http::{Header, Method, Status};
use rocket::route::{self, Handler};
use rocket::{Build, Data, Request, Response, Rocket, Route};

/// The largest request body the API reads.
const MAX_BODY: usize = 64 * 1024;

fn main() -> ExitCode {
    main_with(run)
}

fn run(config: Config) -> std::io::Result<()> {
    let (api_port, page_port) = {
        let api = bind_loopback(config.api_port)?;
        let page = bind_loopback(config.page_port)?;
        (api.local_addr()?.port(), page.local_addr()?.port())
    };
    let html = page_html(&api_base(api_port));
    let stats = Arc::new(Stats::default());
    // Print the banner once both instances listen.
    let lifted = Arc::new(AtomicUsize::new(0));
    let liftoff = move || {
        let lifted = lifted.clone();
        AdHoc::on_liftoff("banner", move |_| {
            Box::pin(async move {
                if lifted.fetch_add(1, Ordering::SeqCst) == 1 {
                    print!("{}", banner("Rocket", api_port, page_port));
                }
            })
        })
    };

    let api_handler = ApiHandler {
        stats: stats.clone(),
    };
    let api = instance(api_port)
        .mount("/", every_method("/<path..>", api_handler))
        // Fairings run in the order attached: the counter sees the
        // preflights the CORS fairing answers too.
        .attach(Counter { stats })
        // The policy is a unit struct generated at build time.
        .attach(cors_runtime::rocket::Cors::new(Api))
        .attach(liftoff());
    let page = instance(page_port)
        .mount("/", [Route::new(Method::Get, "/", PageHandler { html })])
        .attach(liftoff());

    let runtime = tokio::runtime::Runtime::new()?;
    runtime.block_on(async {
        let (api, page) = tokio::join!(api.launch(), page.launch());
        api.and(page).map(|_| ()).map_err(std::io::Error::other)
    })
}

/// A Rocket instance on 127.0.0.1:`port`, quiet (errors only).
fn instance(port: u16) -> Rocket<Build> {
    rocket::custom(rocket::Config {
        address: Ipv4Addr::LOCALHOST.into(),
        port,
        log_level: LogLevel::Critical,
        ..rocket::Config::release_default()
    })
}

/// `handler` at `path` for each method Rocket knows.
fn every_method<H: Handler + Clone>(path: &str, handler: H) -> Vec<Route> {
    [
        Method::Get,
        Method::Head,
        Method::Post,
        Method::Put,
        Method::Delete,
        Method::Patch,
        Method::Options,
    ]
    .into_iter()
    .map(|method| Route::new(method, path, handler.clone()))
    .collect()
}

/// Counts every request as it arrives (`Stats::record`).
struct Counter {
    stats: Arc<Stats>,
}

#[rocket::async_trait]
impl Fairing for Counter {
    fn info(&self) -> Info {
        Info {
            name: "request counter",
            kind: Kind::Request,
        }
    }

    async fn on_request(&self, request: &mut Request<'_>, _data: &mut Data<'_>) {
        let headers = request.headers();
        self.stats.record(
            request.method().as_str(),
            headers.contains("origin"),
            headers.contains("access-control-request-method"),
        );
    }
}

/// Every path and method: `api::handle`.
#[derive(Clone)]
struct ApiHandler {
    stats: Arc<Stats>,
}

#[rocket::async_trait]
impl Handler for ApiHandler {
    async fn handle<'r>(&self, request: &'r Request<'_>, data: Data<'r>) -> route::Outcome<'r> {
        let body = match data.open(MAX_BODY.bytes()).into_bytes().await {
            Ok(body) if body.is_complete() => body.into_inner(),
            _ => return route::Outcome::Error(Status::PayloadTooLarge),
        };
        let headers = request.headers();
        let api_request = ApiRequest {
            method: request.method().as_str(),
            path: request.uri().path().as_str(),
            cookie: headers.get_one("cookie"),
            request_id: headers.get_one("x-request-id"),
            body: &body,
        };
        let answer = api::handle(&self.stats, &api_request);
        let mut response = Response::build()
            .status(Status::new(answer.status))
            .sized_body(answer.body.len(), std::io::Cursor::new(answer.body))
            .finalize();
        for (name, value) in answer.headers {
            response.adjoin_header(Header::new(name, value));
        }
        route::Outcome::Success(response)
    }
}

/// The demo page at `/`.
#[derive(Clone)]
struct PageHandler {
    html: String,
}

#[rocket::async_trait]
impl Handler for PageHandler {
    async fn handle<'r>(&self, _request: &'r Request<'_>, _data: Data<'r>) -> route::Outcome<'r> {
        let html = self.html.clone();
        let response = Response::build()
            .header(Header::new("content-type", "text/html; charset=utf-8"))
            .header(Header::new("cache-control", "no-store"))
            .sized_body(html.len(), std::io::Cursor::new(html))
            .finalize();
        route::Outcome::Success(response)
    }
}
