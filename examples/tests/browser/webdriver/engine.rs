//! The browser engines (Chromium, Firefox): their WebDriver server and
//! browser binaries, the server's command line, and the capabilities of a
//! new headless session (with Firefox's preferences).

use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

use serde_json::{json, Value};

use super::process::{find_executable, free_port};
use super::{PAGE_LOAD_TIMEOUT, SCRIPT_TIMEOUT};

/// A browser engine the tests run in, with its WebDriver server.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Engine {
    /// Debian's `chromium`, driven by `chromedriver`.
    Chromium,
    /// Debian's `firefox-esr`, driven by `geckodriver`.
    Firefox,
}

impl Engine {
    /// The engine's name in test output.
    pub fn name(self) -> &'static str {
        match self {
            Engine::Chromium => "Chromium",
            Engine::Firefox => "Firefox",
        }
    }

    pub(super) fn driver_name(self) -> &'static str {
        match self {
            Engine::Chromium => "chromedriver",
            Engine::Firefox => "geckodriver",
        }
    }

    /// The WebDriver server and the browser binary.
    pub(super) fn executables(self) -> Result<(PathBuf, PathBuf), String> {
        Ok(match self {
            Engine::Chromium => (
                find_executable(
                    "CHROMEDRIVER",
                    &["chromedriver", "/usr/lib/chromium/chromedriver"],
                )?,
                find_executable(
                    "CHROME_BIN",
                    &[
                        "chromium",
                        "chromium-browser",
                        "/usr/lib/chromium/chromium",
                        "google-chrome",
                    ],
                )?,
            ),
            Engine::Firefox => {
                let cargo_bin = std::env::var_os("CARGO_HOME")
                    .map(PathBuf::from)
                    .or_else(|| std::env::var_os("HOME").map(|h| PathBuf::from(h).join(".cargo")))
                    .map(|home| home.join("bin/geckodriver"))
                    .unwrap_or_default();
                (
                    find_executable(
                        "GECKODRIVER",
                        &["geckodriver", &cargo_bin.to_string_lossy()],
                    )?,
                    find_executable(
                        "FIREFOX_BIN",
                        &["firefox-esr", "firefox", "/usr/lib/firefox-esr/firefox-esr"],
                    )?,
                )
            }
        })
    }

    /// The command starting the WebDriver server on `port`, logging to
    /// `log`.
    pub(super) fn driver_command(
        self,
        driver: &Path,
        port: u16,
        log: &Path,
    ) -> Result<Command, String> {
        let mut command = Command::new(driver);
        match self {
            Engine::Chromium => {
                command
                    .arg(format!("--port={port}"))
                    .arg(format!("--log-path={}", log.display()))
                    .stdout(Stdio::null())
                    .stderr(Stdio::null());
            }
            Engine::Firefox => {
                // geckodriver logs to its standard streams. Its WebDriver
                // BiDi port defaults to 9222: a free one instead, so that
                // nothing else on the machine is in the way.
                let file = std::fs::File::create(log).map_err(|e| e.to_string())?;
                let err = file.try_clone().map_err(|e| e.to_string())?;
                command
                    .args(["--host", "127.0.0.1", "--port", &port.to_string()])
                    .args([
                        "--websocket-port",
                        &free_port().map_err(|e| e.to_string())?.to_string(),
                    ])
                    .args(["--log", "warn"])
                    .stdout(file)
                    .stderr(err);
            }
        }
        command.stdin(Stdio::null());
        Ok(command)
    }

    /// The capabilities of a new headless session with a fresh profile in
    /// `profile`: every host name resolves to 127.0.0.1, no proxy, no
    /// background traffic.
    pub(super) fn capabilities(self, browser: &Path, profile: &Path) -> Value {
        let timeouts = json!({
            "script": SCRIPT_TIMEOUT.as_millis() as u64,
            "pageLoad": PAGE_LOAD_TIMEOUT.as_millis() as u64,
            "implicit": 0,
        });
        match self {
            Engine::Chromium => {
                let mut args: Vec<String> = [
                    "--headless",
                    "--no-sandbox",
                    "--disable-gpu",
                    "--disable-quic",
                    "--disable-background-networking",
                    "--disable-component-update",
                    "--disable-sync",
                    "--no-first-run",
                    "--disable-dev-shm-usage",
                    // Never a proxy from the environment: every request stays on
                    // loopback.
                    "--no-proxy-server",
                    // Every host name resolves to loopback (so that
                    // `app.example.test` reaches our servers, nothing else).
                    "--host-resolver-rules=MAP * 127.0.0.1",
                ]
                .iter()
                .map(|s| s.to_string())
                .collect();
                args.push(format!("--user-data-dir={}", profile.display()));
                json!({ "capabilities": { "alwaysMatch": {
                    "browserName": "chrome",
                    "goog:chromeOptions": {
                        "binary": browser.to_string_lossy(),
                        "args": args,
                    },
                    "timeouts": timeouts,
                } } })
            }
            Engine::Firefox => json!({ "capabilities": { "alwaysMatch": {
                "browserName": "firefox",
                "moz:firefoxOptions": {
                    "binary": browser.to_string_lossy(),
                    "args": ["-headless", "-profile", profile.to_string_lossy(), "-no-remote"],
                    "prefs": FIREFOX_PREFS.iter().map(|(k, v)| (k.to_string(), v.clone())).collect::<serde_json::Map<_, _>>(),
                    // Firefox runs as root here: its sandboxes (user
                    // namespaces, seccomp) off, like Chromium's --no-sandbox.
                    "env": {
                        "MOZ_HEADLESS": "1",
                        "MOZ_DISABLE_CONTENT_SANDBOX": "1",
                        "MOZ_DISABLE_GMP_SANDBOX": "1",
                        "MOZ_DISABLE_RDD_SANDBOX": "1",
                        "MOZ_DISABLE_SOCKET_PROCESS_SANDBOX": "1",
                        "MOZ_DISABLE_UTILITY_SANDBOX": "1",
                        "MOZ_CRASHREPORTER_DISABLE": "1",
                    },
                },
                "timeouts": timeouts,
            } } }),
        }
    }
}

/// Firefox preferences of every session (beyond those geckodriver sets for
/// automation): names resolve to loopback, no DNS over HTTPS, no proxy, no
/// HTTPS upgrade of the `http://` test origins, and none of the services
/// that would call out (updates, telemetry, safe browsing, captive portal
/// and connectivity checks, region lookup, remote settings, prefetching).
static FIREFOX_PREFS: std::sync::LazyLock<Vec<(&'static str, Value)>> =
    std::sync::LazyLock::new(|| {
        vec![
            ("network.dns.forceResolve", json!("127.0.0.1")),
            ("network.dns.disableIPv6", json!(true)),
            ("network.trr.mode", json!(5)),
            ("network.proxy.type", json!(0)),
            ("network.http.http3.enable", json!(false)),
            ("network.dns.disablePrefetch", json!(true)),
            ("network.prefetch-next", json!(false)),
            ("network.predictor.enabled", json!(false)),
            ("network.http.speculative-parallel-limit", json!(0)),
            ("network.captive-portal-service.enabled", json!(false)),
            ("network.connectivity-service.enabled", json!(false)),
            ("dom.security.https_first", json!(false)),
            ("dom.security.https_first_schemeless", json!(false)),
            ("dom.security.https_only_mode", json!(false)),
            ("app.update.disabledForTesting", json!(true)),
            ("app.normandy.enabled", json!(false)),
            ("browser.safebrowsing.malware.enabled", json!(false)),
            ("browser.safebrowsing.phishing.enabled", json!(false)),
            ("browser.safebrowsing.downloads.enabled", json!(false)),
            ("browser.safebrowsing.blockedURIs.enabled", json!(false)),
            ("browser.region.network.url", json!("")),
            ("browser.region.update.enabled", json!(false)),
            ("browser.newtabpage.enabled", json!(false)),
            ("browser.startup.page", json!(0)),
            ("datareporting.policy.dataSubmissionEnabled", json!(false)),
            ("datareporting.healthreport.uploadEnabled", json!(false)),
            ("toolkit.telemetry.enabled", json!(false)),
            ("extensions.update.enabled", json!(false)),
            ("extensions.getAddons.cache.enabled", json!(false)),
            ("services.settings.server", json!("http://127.0.0.1:9/")),
            ("browser.ping-centre.telemetry", json!(false)),
            ("media.gmp-manager.updateEnabled", json!(false)),
            ("security.OCSP.enabled", json!(0)),
            (
                "security.remote_settings.crlite_filters.enabled",
                json!(false),
            ),
        ]
    });
