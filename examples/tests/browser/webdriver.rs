//! A tiny blocking WebDriver client for chromedriver and geckodriver, over
//! `std::net` and `serde_json`: just what the end-to-end test needs (start
//! the driver, open a headless Chromium or Firefox session, navigate, run
//! scripts), every step bounded in time, every process killed on drop.

use std::io::{Read, Write};
use std::net::{Ipv4Addr, SocketAddr, TcpListener, TcpStream};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use serde_json::{json, Value};

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

/// Finds an executable: the environment variable `var` if set, else the
/// first of `names` found on `PATH` (or given as an absolute path).
fn find_executable(var: &str, names: &[&str]) -> Result<PathBuf, String> {
    if let Some(path) = std::env::var_os(var) {
        let path = PathBuf::from(path);
        return if path.is_file() {
            Ok(path)
        } else {
            Err(format!(
                "{var}={} is not a file; {INSTALL_HINT}",
                path.display()
            ))
        };
    }
    let dirs: Vec<PathBuf> = std::env::var_os("PATH")
        .map(|p| std::env::split_paths(&p).collect())
        .unwrap_or_default();
    for name in names {
        let name = Path::new(name);
        if name.is_absolute() {
            if name.is_file() {
                return Ok(name.to_owned());
            }
            continue;
        }
        if let Some(found) = dirs.iter().map(|d| d.join(name)).find(|p| p.is_file()) {
            return Ok(found);
        }
    }
    Err(format!("{} not found; {INSTALL_HINT}", names[0]))
}

/// A fresh directory under the system temp dir, removed on drop.
pub struct TempDir(PathBuf);

impl TempDir {
    /// Creates `cors-e2e-<pid>-<n>-<nanos>`.
    pub fn new(label: &str) -> std::io::Result<Self> {
        use std::sync::atomic::{AtomicU32, Ordering};
        static COUNTER: AtomicU32 = AtomicU32::new(0);
        let nanos = std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map(|d| d.subsec_nanos())
            .unwrap_or(0);
        let n = COUNTER.fetch_add(1, Ordering::Relaxed);
        let path = std::env::temp_dir().join(format!(
            "cors-e2e-{label}-{}-{n}-{nanos}",
            std::process::id()
        ));
        std::fs::create_dir_all(&path)?;
        Ok(TempDir(path))
    }

    /// The directory.
    pub fn path(&self) -> &Path {
        &self.0
    }
}

impl Drop for TempDir {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

/// A free loopback port (bound, then released: the driver binds it next).
fn free_port() -> std::io::Result<u16> {
    let listener = TcpListener::bind((Ipv4Addr::LOCALHOST, 0))?;
    Ok(listener.local_addr()?.port())
}

/// One HTTP/1.1 exchange with the WebDriver server (`Connection: close`), bounded by
/// `timeout` overall. Returns the status and the JSON body.
fn http_json(
    addr: SocketAddr,
    method: &str,
    path: &str,
    body: Option<&Value>,
    timeout: Duration,
) -> Result<(u16, Value), String> {
    let deadline = Instant::now() + timeout;
    let mut stream = TcpStream::connect_timeout(&addr, timeout.min(Duration::from_secs(5)))
        .map_err(|e| format!("connecting to the driver at {addr}: {e}"))?;
    let body = body.map(Value::to_string).unwrap_or_default();
    let request = format!(
        "{method} {path} HTTP/1.1\r\nHost: {addr}\r\nContent-Type: application/json; charset=utf-8\r\n\
         Content-Length: {}\r\nConnection: close\r\n\r\n{body}",
        body.len()
    );
    stream
        .set_write_timeout(Some(timeout))
        .and_then(|()| stream.write_all(request.as_bytes()))
        .map_err(|e| format!("{method} {path}: sending: {e}"))?;

    let mut raw = Vec::new();
    let mut buf = [0u8; 16 * 1024];
    loop {
        let left = deadline.saturating_duration_since(Instant::now());
        if left.is_zero() {
            return Err(format!(
                "{method} {path}: no complete answer within {timeout:?}"
            ));
        }
        stream
            .set_read_timeout(Some(left))
            .map_err(|e| e.to_string())?;
        match stream.read(&mut buf) {
            Ok(0) => break,
            Ok(n) => {
                raw.extend_from_slice(&buf[..n]);
                if raw.len() > MAX_RESPONSE {
                    return Err(format!(
                        "{method} {path}: answer larger than {MAX_RESPONSE} bytes"
                    ));
                }
                // the driver may keep the connection open: stop at the end of
                // the message.
                if is_complete(&raw) {
                    break;
                }
            }
            Err(e) if e.kind() == std::io::ErrorKind::Interrupted => {}
            Err(e) => return Err(format!("{method} {path}: reading: {e}")),
        }
    }
    parse_response(&raw).map_err(|e| format!("{method} {path}: {e}"))
}

/// Whether `raw` holds a whole response: headers, then `Content-Length`
/// bytes or a last chunk.
fn is_complete(raw: &[u8]) -> bool {
    let Some(split) = raw.windows(4).position(|w| w == b"\r\n\r\n") else {
        return false;
    };
    let head = String::from_utf8_lossy(&raw[..split]).to_ascii_lowercase();
    let body = &raw[split + 4..];
    for line in head.split("\r\n") {
        if let Some(length) = line.strip_prefix("content-length:") {
            return length
                .trim()
                .parse::<usize>()
                .is_ok_and(|n| body.len() >= n);
        }
        if line.starts_with("transfer-encoding:") && line.contains("chunked") {
            return body.ends_with(b"0\r\n\r\n");
        }
    }
    false
}

fn parse_response(raw: &[u8]) -> Result<(u16, Value), String> {
    let split = raw
        .windows(4)
        .position(|w| w == b"\r\n\r\n")
        .ok_or("no header/body separator")?;
    let head = std::str::from_utf8(&raw[..split]).map_err(|_| "non-UTF-8 header")?;
    let mut lines = head.split("\r\n");
    let status: u16 = lines
        .next()
        .and_then(|line| line.split(' ').nth(1))
        .and_then(|s| s.parse().ok())
        .ok_or("bad status line")?;
    let chunked = lines.any(|line| {
        let lower = line.to_ascii_lowercase();
        lower.starts_with("transfer-encoding:") && lower.contains("chunked")
    });
    let mut body = raw[split + 4..].to_vec();
    let length = head.split("\r\n").find_map(|line| {
        let (name, value) = line.split_once(':')?;
        name.eq_ignore_ascii_case("content-length")
            .then(|| value.trim().parse::<usize>().ok())?
    });
    if let Some(length) = length {
        body.truncate(length);
    }
    if chunked {
        body = dechunk(&body)?;
    }
    if body.is_empty() {
        return Ok((status, Value::Null));
    }
    let value = serde_json::from_slice(&body).map_err(|e| format!("answer is not JSON: {e}"))?;
    Ok((status, value))
}

fn dechunk(mut data: &[u8]) -> Result<Vec<u8>, String> {
    let mut out = Vec::new();
    loop {
        let end = data
            .windows(2)
            .position(|w| w == b"\r\n")
            .ok_or("truncated chunk size")?;
        let size = std::str::from_utf8(&data[..end])
            .ok()
            .and_then(|s| usize::from_str_radix(s.split(';').next()?.trim(), 16).ok())
            .ok_or("bad chunk size")?;
        data = &data[end + 2..];
        if size == 0 {
            return Ok(out);
        }
        if data.len() < size + 2 {
            return Err("truncated chunk".into());
        }
        out.extend_from_slice(&data[..size]);
        data = &data[size + 2..];
    }
}

/// A child process in its own process group; the group is killed on drop.
struct Process(Child);

impl Drop for Process {
    fn drop(&mut self) {
        // The driver and the browser processes it started share its
        // process group (pgid = its pid, not reusable before it is reaped).
        let _ = Command::new("kill")
            .args(["-KILL", "--", &format!("-{}", self.0.id())])
            .stderr(Stdio::null())
            .status();
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

/// Waits until the WebDriver server at `addr` says it is ready.
fn wait_ready(child: &mut Child, addr: SocketAddr) -> Result<SocketAddr, String> {
    let deadline = Instant::now() + STARTUP_TIMEOUT;
    loop {
        if let Ok(Some(status)) = child.try_wait() {
            return Err(format!("the driver exited at start ({status})"));
        }
        if let Ok((200, value)) = http_json(addr, "GET", "/status", None, Duration::from_secs(2)) {
            if value["value"]["ready"] == json!(true) {
                return Ok(addr);
            }
        }
        if Instant::now() >= deadline {
            return Err(format!("not ready within {STARTUP_TIMEOUT:?}"));
        }
        std::thread::sleep(Duration::from_millis(100));
    }
}

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

    fn driver_name(self) -> &'static str {
        match self {
            Engine::Chromium => "chromedriver",
            Engine::Firefox => "geckodriver",
        }
    }

    /// The WebDriver server and the browser binary.
    fn executables(self) -> Result<(PathBuf, PathBuf), String> {
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
    fn driver_command(self, driver: &Path, port: u16, log: &Path) -> Result<Command, String> {
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
    fn capabilities(self, browser: &Path, profile: &Path) -> Value {
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

/// Sends a WebDriver command and returns its `value`, or the WebDriver
/// error as text.
fn command(
    addr: SocketAddr,
    method: &str,
    path: &str,
    body: Option<&Value>,
) -> Result<Value, String> {
    let (status, mut answer) = http_json(addr, method, path, body, COMMAND_TIMEOUT)?;
    let value = answer["value"].take();
    if status == 200 {
        Ok(value)
    } else {
        Err(format!(
            "{method} {path}: {status} {}: {}",
            value["error"].as_str().unwrap_or("?"),
            value["message"].as_str().unwrap_or("?")
        ))
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
