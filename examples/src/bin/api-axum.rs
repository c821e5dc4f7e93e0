//! The example API with axum: `cargo run -p cors-examples --bin api-axum`.
//!
//! The API (`127.0.0.1:8080`) is guarded by the policy compiled from
//! `examples/policies/api.cors`; the page (`localhost:3000`) calls it from
//! another origin. `--api-port`/`--page-port` (or `API_PORT`/`PAGE_PORT`)
//! change the ports.
//!
//! Every request CORS refuses is logged on stderr, with the reason
//! (cors-runtime feature `tracing`, `tracing-subscriber`'s `fmt`):
//! `RUST_LOG=cors_runtime=debug`, the default here; `cors_runtime=trace`
//! logs allowed requests too, `RUST_LOG=off` nothing.

use std::process::ExitCode;
use std::sync::Arc;

use cors_examples::api::Stats;
use cors_examples::axum_app::{api_router, page_router, serve};
use cors_examples::config::{api_base, banner, bind_loopback, main_with, Config};
use cors_examples::policy::Api;

fn main() -> ExitCode {
    let filter = tracing_subscriber::EnvFilter::try_from_default_env()
        .unwrap_or_else(|_| tracing_subscriber::EnvFilter::new("cors_runtime=debug"));
    tracing_subscriber::fmt()
        .with_env_filter(filter)
        .with_writer(std::io::stderr)
        .init();
    main_with(run)
}

fn run(config: Config) -> std::io::Result<()> {
    let api_listener = bind_loopback(config.api_port)?;
    let page_listener = bind_loopback(config.page_port)?;
    let api_port = api_listener.local_addr()?.port();
    let page_port = page_listener.local_addr()?.port();

    let runtime = tokio::runtime::Runtime::new()?;
    runtime.block_on(async {
        // The policy is a unit struct generated at build time: attaching it
        // is one layer.
        let api = api_router(Api, Arc::new(Stats::default()));
        let page = page_router(&api_base(api_port));
        let api = tokio::spawn(serve(api_listener, api));
        let page = tokio::spawn(serve(page_listener, page));
        print!("{}", banner("axum", api_port, page_port));
        // Both run until Ctrl-C; the first to stop (with an error) ends the process.
        tokio::select! {
            result = api => result?,
            result = page => result?,
        }
    })
}
