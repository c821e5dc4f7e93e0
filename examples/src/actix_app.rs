//! The example API and page with actix-web.
//!
//! [`api_server`] takes any policy, so the end-to-end tests run the same
//! `fetch()` matrix through the actix-web adapter as through the tower one;
//! the `api-actix` binary passes [`Api`](crate::policy::Api).
//! [`spawn`] runs a server on a thread of its own (actix-web's runtime is
//! single-threaded) until the returned handle is dropped.
//!
//! ```no_run
//! use std::sync::Arc;
//! use cors_examples::{actix_app, api::Stats, config::bind_loopback, policy::Api};
//!
//! let listener = bind_loopback(0)?;
//! let running = actix_app::spawn(move || actix_app::api_server(listener, Api, Arc::new(Stats::default())))?;
//! # drop(running);
//! # Ok::<(), std::io::Error>(())
//! ```

use std::net::TcpListener;
use std::sync::Arc;

use actix_web::dev::{Server, ServerHandle, Service as _};
use actix_web::http::StatusCode;
use actix_web::{web, App, HttpRequest, HttpResponse, HttpServer};
use cors_runtime::PolicySource;

use crate::api::{self, ApiRequest, Stats};

/// The API behind `cors_runtime::actix::Cors::new(policy)`, with the request
/// counter ([`Stats::record`]) outside it so that it sees preflights too; one
/// worker, on `listener`. Poll the server inside an actix-web runtime.
pub fn api_server<P: PolicySource>(
    listener: TcpListener,
    policy: P,
    stats: Arc<Stats>,
) -> std::io::Result<Server> {
    Ok(HttpServer::new(move || {
        let counter = stats.clone();
        App::new()
            .app_data(web::Data::from(stats.clone()))
            .default_service(web::to(api_handler))
            .wrap(cors_runtime::actix::Cors::new(policy.clone()))
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
    .disable_signals()
    .listen(listener)?
    .run())
}

/// The demo page `html` at `/` (`404` elsewhere); one worker, on `listener`.
pub fn page_server(listener: TcpListener, html: String) -> std::io::Result<Server> {
    Ok(HttpServer::new(move || {
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
    .disable_signals()
    .listen(listener)?
    .run())
}

/// A server running on its own thread; stopped (and the thread joined)
/// when dropped.
#[derive(Debug)]
pub struct Running {
    handle: ServerHandle,
    thread: Option<std::thread::JoinHandle<()>>,
}

/// Builds a server with `make` inside a new actix-web runtime on a new
/// thread and runs it there.
///
/// # Errors
///
/// What `make` returned, or a thread that could not start.
pub fn spawn(
    make: impl FnOnce() -> std::io::Result<Server> + Send + 'static,
) -> std::io::Result<Running> {
    let (tx, rx) = std::sync::mpsc::channel();
    let thread = std::thread::Builder::new()
        .name("actix-server".to_owned())
        .spawn(move || {
            actix_web::rt::System::new().block_on(async move {
                match make() {
                    Ok(server) => {
                        let _ = tx.send(Ok(server.handle()));
                        let _ = server.await;
                    }
                    Err(error) => {
                        let _ = tx.send(Err(error));
                    }
                }
            });
        })?;
    let handle = rx
        .recv()
        .map_err(|_| std::io::Error::other("the actix-web thread ended at start"))??;
    Ok(Running {
        handle,
        thread: Some(thread),
    })
}

impl Drop for Running {
    fn drop(&mut self) {
        // The command is sent when `stop` is called; the server thread
        // finishes by itself.
        drop(self.handle.stop(false));
        if let Some(thread) = self.thread.take() {
            let _ = thread.join();
        }
    }
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
