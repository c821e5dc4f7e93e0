//! The example API with actix-web: `cargo run -p cors-examples --bin api-actix`.
//!
//! Same routes, page and policy (`examples/policies/api.cors`) as `api-axum`;
//! the policy is attached with `App::wrap(cors_runtime::actix::Cors::new(Api))`
//! (see `cors_examples::actix_app`).

use std::process::ExitCode;
use std::sync::Arc;

use cors_examples::actix_app::{api_server, page_server};
use cors_examples::api::Stats;
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
        // The policy is a unit struct generated at build time.
        let api = api_server(api_listener, Api, stats)?;
        let page = page_server(page_listener, html)?;
        print!("{}", banner("actix-web", api_port, page_port));
        let page = actix_web::rt::spawn(page);
        api.await?;
        page.abort();
        Ok(())
    })
}
