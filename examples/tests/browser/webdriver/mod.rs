//! A tiny blocking WebDriver client for chromedriver and geckodriver, over
//! `std::net` and `serde_json`: just what the end-to-end test needs (start
//! the driver, open a headless Chromium or Firefox session, navigate, run
//! scripts), every step bounded in time, every process killed on drop.
//!
//! The folder holds one concept a file: `transport.rs` (HTTP/JSON
//! exchanges and WebDriver commands), `process.rs` (executables, temporary
//! directories, ports, the driver's process group), `engine.rs` (each
//! browser engine: its binaries, driver command line and session
//! capabilities) and `driver.rs` (the running driver and its sessions).

mod driver;
mod engine;
mod process;
mod transport;

use std::time::Duration;

pub use driver::{Driver, Session};
pub use engine::Engine;

/// How to install what the test needs; printed whenever it is missing.
pub const INSTALL_HINT: &str = "the browser end-to-end tests need headless Chromium with chromedriver \
     and Firefox ESR with geckodriver: on Debian/Ubuntu run `bash .ci/install-browser.sh` \
     (apt-get install -y chromium chromium-driver firefox-esr; cargo install geckodriver --locked); \
     or point CHROME_BIN, CHROMEDRIVER, FIREFOX_BIN and GECKODRIVER at the binaries";

/// The longest a script may run in the page.
pub const SCRIPT_TIMEOUT: Duration = Duration::from_secs(30);
/// The longest a navigation may take.
const PAGE_LOAD_TIMEOUT: Duration = Duration::from_secs(30);
/// The longest the driver may take to answer any command (beyond the
/// script and page-load timeouts it enforces itself).
const COMMAND_TIMEOUT: Duration = Duration::from_secs(60);
/// The longest the driver may take to start listening.
const STARTUP_TIMEOUT: Duration = Duration::from_secs(20);
/// The largest answer read from the driver.
const MAX_RESPONSE: usize = 16 * 1024 * 1024;
