//! The running WebDriver server and its browser sessions: start the
//! driver, open a session, navigate and run scripts in it.

use std::net::{Ipv4Addr, SocketAddr};
use std::path::PathBuf;
use std::time::Duration;

use serde_json::{json, Value};

use super::engine::Engine;
use super::process::{free_port, wait_ready, Process, TempDir};
use super::transport::{command, http_json};
use super::INSTALL_HINT;

/// A running WebDriver server (chromedriver or geckodriver), killed on drop
/// with the browsers it started.
pub struct Driver {
    _process: Process,
    addr: SocketAddr,
    engine: Engine,
    browser: PathBuf,
    _dir: TempDir,
}

impl Driver {
    /// Finds the engine's WebDriver server and browser (or fails with
    /// [`INSTALL_HINT`]), starts the server on a free loopback port and
    /// waits until it is ready.
    pub fn start(engine: Engine) -> Result<Self, String> {
        let (driver, browser) = engine.executables()?;
        let dir = TempDir::new(engine.driver_name()).map_err(|e| e.to_string())?;
        let log = dir.path().join("driver.log");
        let mut last_error = String::new();
        // The port is released before the driver binds it: retry on a race.
        for _attempt in 0..3 {
            let port = free_port().map_err(|e| e.to_string())?;
            let mut command = engine.driver_command(&driver, port, &log)?;
            // Its own process group, so that the browsers it starts can be
            // ended with it.
            std::os::unix::process::CommandExt::process_group(&mut command, 0);
            let child = command
                .spawn()
                .map_err(|e| format!("starting {}: {e}; {INSTALL_HINT}", driver.display()))?;
            let mut process = Process(child);
            match wait_ready(
                &mut process.0,
                SocketAddr::from((Ipv4Addr::LOCALHOST, port)),
            ) {
                Ok(addr) => {
                    return Ok(Driver {
                        _process: process,
                        addr,
                        engine,
                        browser,
                        _dir: dir,
                    })
                }
                Err(e) => last_error = e,
            }
        }
        let log = std::fs::read(&log).unwrap_or_default();
        let tail = String::from_utf8_lossy(&log[log.len().saturating_sub(2000)..]);
        Err(format!(
            "{} did not start: {last_error}; its log ends with:\n{tail}",
            engine.driver_name()
        ))
    }

    /// Opens a headless browser session with a fresh profile.
    pub fn session(&self) -> Result<Session<'_>, String> {
        let profile = TempDir::new("profile").map_err(|e| e.to_string())?;
        let capabilities = self.engine.capabilities(&self.browser, profile.path());
        let value = command(self.addr, "POST", "/session", Some(&capabilities))?;
        let id = value["sessionId"]
            .as_str()
            .ok_or_else(|| format!("no session id in {value}"))?
            .to_owned();
        let version = value["capabilities"]["browserVersion"]
            .as_str()
            .unwrap_or("?")
            .to_owned();
        Ok(Session {
            driver: self,
            id,
            version,
            _profile: profile,
        })
    }
}

/// A browser session; deleted (browser closed) on drop.
pub struct Session<'d> {
    driver: &'d Driver,
    id: String,
    version: String,
    _profile: TempDir,
}

impl Session<'_> {
    /// The browser's version, as it reports it (`browserVersion`).
    pub fn version(&self) -> &str {
        &self.version
    }

    fn path(&self, rest: &str) -> String {
        format!("/session/{}{rest}", self.id)
    }

    /// Navigates to `url` and waits for the page to load.
    pub fn goto(&self, url: &str) -> Result<(), String> {
        command(
            self.driver.addr,
            "POST",
            &self.path("/url"),
            Some(&json!({ "url": url })),
        )
        .map(drop)
    }

    /// Runs `script` (a function body; `arguments` holds `args`) and
    /// returns what it returned.
    pub fn execute(&self, script: &str, args: &[Value]) -> Result<Value, String> {
        let body = json!({ "script": script, "args": args });
        command(
            self.driver.addr,
            "POST",
            &self.path("/execute/sync"),
            Some(&body),
        )
    }

    /// Runs `script` asynchronously: it calls its last argument with the
    /// result, within [`SCRIPT_TIMEOUT`].
    pub fn execute_async(&self, script: &str, args: &[Value]) -> Result<Value, String> {
        let body = json!({ "script": script, "args": args });
        command(
            self.driver.addr,
            "POST",
            &self.path("/execute/async"),
            Some(&body),
        )
    }
}

impl Drop for Session<'_> {
    fn drop(&mut self) {
        let _ = http_json(
            self.driver.addr,
            "DELETE",
            &self.path(""),
            None,
            Duration::from_secs(10),
        );
    }
}
