//! End-to-end tests in headless browsers — Chromium and Firefox ESR: what
//! the **browser** allows, for policies compiled by `cors_policy!` and
//! applied by the real adapters (tower and actix-web).
//!
//! The servers listen on 127.0.0.1 only; each browser maps every host name
//! to 127.0.0.1 (Chromium: `--host-resolver-rules`, Firefox: the preference
//! `network.dns.forceResolve`), so pages can live on origins such as
//! `http://app.example.test:PORT`. chromedriver and geckodriver are driven
//! over their WebDriver HTTP API by the small client in `webdriver/`.
//!
//! Where the two engines legitimately differ, the matrix says what each
//! one does ([`Engine`]); nothing is skipped.
//!
//! Needs the Debian packages `chromium`, `chromium-driver` and
//! `firefox-esr`, and `geckodriver` (`bash .ci/install-browser.sh`);
//! without them the tests fail and say so.
//!
//! `servers` starts the API servers and the page; `matrix` holds the checks
//! of the `fetch()` matrix, by policy, and where the engines differ;
//! `examples` drives the example binaries; `harness` runs one check in the
//! page; `websocket` holds the WebSocket handshake test. This file holds the
//! matrix's policies and the tests.

mod examples;
mod harness;
mod matrix;
mod servers;
mod webdriver;
mod websocket;

use std::sync::{Mutex, MutexGuard};

use webdriver::{Driver, Engine, Session};

use examples::example_binaries;
use matrix::fetch_matrix;
use servers::Adapter;

cors_runtime::cors_policy! {
    /// Any subdomain of example.test on any port, without credentials; any
    /// request header but `authorization`; every response header exposed;
    /// preflights not cached.
    policy Wild {
        origins: "http://*.example.test:*";
        methods: GET, PUT, DELETE;
        request-headers: *;
        expose-headers: *;
        max-age: 0;
    }

    /// As `Wild`, with `authorization` listed beside `*`.
    policy WildAuth {
        origins: "http://*.example.test:*";
        methods: PUT;
        request-headers: *, authorization;
    }
}

/// One browser at a time: the machine is small, and timings stay sane.
fn browser_lock() -> MutexGuard<'static, ()> {
    static LOCK: Mutex<()> = Mutex::new(());
    LOCK.lock().unwrap_or_else(|poisoned| poisoned.into_inner())
}

fn start_driver(engine: Engine) -> Driver {
    Driver::start(engine)
        .unwrap_or_else(|e| panic!("cannot run the browser tests in {}: {e}", engine.name()))
}

fn open_session(driver: &Driver, engine: Engine) -> Session<'_> {
    let session = driver
        .session()
        .unwrap_or_else(|e| panic!("cannot start headless {}: {e}", engine.name()));
    println!("browser: {} {}", engine.name(), session.version());
    session
}

#[test]
fn fetch_matrix_chromium_tower() {
    fetch_matrix(Engine::Chromium, Adapter::Tower);
}

#[test]
fn fetch_matrix_chromium_actix() {
    fetch_matrix(Engine::Chromium, Adapter::Actix);
}

#[test]
fn fetch_matrix_firefox_tower() {
    fetch_matrix(Engine::Firefox, Adapter::Tower);
}

#[test]
fn fetch_matrix_firefox_actix() {
    fetch_matrix(Engine::Firefox, Adapter::Actix);
}

#[test]
fn example_binaries_in_chromium() {
    example_binaries(Engine::Chromium);
}

#[test]
fn example_binaries_in_firefox() {
    example_binaries(Engine::Firefox);
}
