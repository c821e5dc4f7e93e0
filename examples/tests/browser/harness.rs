//! The fetch matrix: one `fetch()` per check, run in the page by the browser,
//! compared with what the policy means; and the example binaries as child
//! processes.

use std::io::{BufRead, BufReader};
use std::process::{Child, Command, Stdio};
use std::sync::mpsc;
use std::time::{Duration, Instant};

use serde_json::{json, Value};

use crate::webdriver::Session;

/// The longest one `fetch()` may take in the page before it counts as hung.
const FETCH_TIMEOUT_MS: u64 = 15_000;

/// Runs `fetch(url, init)` in the page and reports what the script sees:
/// `{outcome: "allowed", status, headers: {name: value|null}, body}` or
/// `{outcome: "blocked", error}` (the TypeError of a failed CORS check).
const FETCH_JS: &str = r#"
const [url, init, readable, timeoutMs] = arguments;
const done = arguments[arguments.length - 1];
const timer = setTimeout(() => done({ outcome: "timeout" }), timeoutMs);
fetch(url, init).then(async (response) => {
  const headers = {};
  for (const name of readable) headers[name] = response.headers.get(name);
  const body = await response.text();
  clearTimeout(timer);
  done({ outcome: "allowed", status: response.status, headers, body });
}, (error) => {
  clearTimeout(timer);
  done({ outcome: "blocked", error: `${error.name}: ${error.message}` });
});
"#;

/// What a script should be able to read of one response header.
#[derive(Clone, Copy, Debug)]
pub enum Read {
    /// Readable, with exactly this value.
    Value(&'static str),
    /// Readable, any value.
    Present,
    /// Not readable: `headers.get()` gives `null` (not exposed).
    Hidden,
}

/// What the browser should report.
#[derive(Clone, Debug)]
pub enum Expect {
    /// `fetch()` rejects with a `TypeError`.
    Blocked,
    /// `fetch()` resolves.
    Allowed {
        /// The status the script reads.
        status: u16,
        /// Response headers and their readability.
        headers: Vec<(&'static str, Read)>,
        /// A substring of the body.
        body: Option<&'static str>,
    },
}

impl Expect {
    /// Readable, with this status.
    pub fn allowed(status: u16) -> Expect {
        Expect::Allowed {
            status,
            headers: Vec::new(),
            body: None,
        }
    }

    /// And this header reads so.
    pub fn read(mut self, name: &'static str, read: Read) -> Expect {
        if let Expect::Allowed { headers, .. } = &mut self {
            headers.push((name, read));
        }
        self
    }

    /// And the body contains `text`.
    pub fn body(mut self, text: &'static str) -> Expect {
        if let Expect::Allowed { body, .. } = &mut self {
            *body = Some(text);
        }
        self
    }

    /// Every way `got` differs from this expectation.
    fn mismatches(&self, got: &Value) -> Vec<String> {
        let outcome = got["outcome"].as_str().unwrap_or("?");
        match self {
            Expect::Blocked if outcome == "blocked" => Vec::new(),
            Expect::Blocked => vec![format!("expected blocked, browser says {outcome}")],
            Expect::Allowed { .. } if outcome != "allowed" => vec![format!(
                "expected allowed, browser says {outcome} ({})",
                got["error"].as_str().unwrap_or("")
            )],
            Expect::Allowed {
                status,
                headers,
                body,
            } => {
                let mut out = Vec::new();
                if got["status"] != json!(status) {
                    out.push(format!("status {} instead of {status}", got["status"]));
                }
                for (name, read) in headers {
                    let value = &got["headers"][name];
                    let ok = match read {
                        Read::Value(v) => value == &json!(v),
                        Read::Present => value.is_string(),
                        Read::Hidden => value.is_null(),
                    };
                    if !ok {
                        out.push(format!("header {name}: read {value}, expected {read:?}"));
                    }
                }
                if let Some(text) = body {
                    let got_body = got["body"].as_str().unwrap_or("");
                    if !got_body.contains(text) {
                        out.push(format!("body {got_body:?} lacks {text:?}"));
                    }
                }
                out
            }
        }
    }

    fn readable(&self) -> Vec<&'static str> {
        match self {
            Expect::Blocked => Vec::new(),
            Expect::Allowed { headers, .. } => headers.iter().map(|(name, _)| *name).collect(),
        }
    }
}

/// One row of the matrix.
pub struct Check<'a> {
    /// What the row shows (printed).
    pub name: &'static str,
    /// The page origin the call is made from (`http://host:port`).
    pub page: &'a str,
    /// The URL fetched.
    pub url: String,
    /// `fetch`'s `init` object.
    pub init: Value,
    /// What the browser should report.
    pub expect: Expect,
}

/// Runs checks in one browser session, navigating when the page origin
/// changes, and collects the failures.
pub struct Matrix<'s> {
    session: &'s Session<'s>,
    current_page: Option<String>,
    passed: usize,
    failures: Vec<String>,
}

impl<'s> Matrix<'s> {
    /// A matrix over `session`.
    pub fn new(session: &'s Session<'s>) -> Self {
        Matrix {
            session,
            current_page: None,
            passed: 0,
            failures: Vec::new(),
        }
    }

    /// Runs one `fetch()` from `check.page` and compares.
    pub fn check(&mut self, check: Check<'_>) {
        if self.current_page.as_deref() != Some(check.page) {
            let url = format!("{}/", check.page);
            // A page that failed to load would be an error page with an
            // opaque origin, where every fetch is "blocked": check the origin.
            let loaded = self
                .session
                .goto(&url)
                .and_then(|()| self.session.execute("return location.origin", &[]));
            if loaded != Ok(json!(check.page)) {
                self.fail(check.name, format!("loading the page {url}: {loaded:?}"));
                self.current_page = None;
                return;
            }
            self.current_page = Some(check.page.to_owned());
        }
        let args = [
            json!(check.url),
            check.init.clone(),
            json!(check.expect.readable()),
            json!(FETCH_TIMEOUT_MS),
        ];
        let got = match self.session.execute_async(FETCH_JS, &args) {
            Ok(got) => got,
            Err(e) => {
                self.fail(check.name, format!("script error: {e}"));
                return;
            }
        };
        let problems = check.expect.mismatches(&got);
        let what = format!(
            "from {} {} {}",
            check.page,
            check.init["method"].as_str().unwrap_or("GET"),
            check.url
        );
        if problems.is_empty() {
            self.pass(check.name, &what, &got);
        } else {
            self.fail(
                check.name,
                format!("{what}: {}; browser gave {got}", problems.join("; ")),
            );
        }
    }

    /// A count observed on the server side.
    pub fn expect_eq(&mut self, name: &'static str, got: u64, expected: u64) {
        if got == expected {
            self.passed += 1;
            println!("PASS {name} ({got})");
        } else {
            self.fail(name, format!("got {got}, expected {expected}"));
        }
    }

    fn pass(&mut self, name: &str, what: &str, got: &Value) {
        self.passed += 1;
        let detail = match got["outcome"].as_str() {
            Some("allowed") => format!("allowed, status {}", got["status"]),
            _ => format!("blocked ({})", got["error"].as_str().unwrap_or("")),
        };
        println!("PASS {name}: {detail} [{what}]");
    }

    fn fail(&mut self, name: &str, detail: String) {
        println!("FAIL {name}: {detail}");
        self.failures.push(format!("{name}: {detail}"));
    }

    /// Panics with every failure, if any.
    pub fn finish(self) {
        println!(
            "{} passed, {} failed (browser matrix)",
            self.passed,
            self.failures.len()
        );
        assert!(
            self.failures.is_empty(),
            "{} of {} browser checks failed:\n{}",
            self.failures.len(),
            self.passed + self.failures.len(),
            self.failures.join("\n")
        );
    }
}

/// What a page scenario ended in.
#[derive(Debug)]
pub struct ScenarioResult {
    /// `allowed`, `blocked` or `timeout`.
    pub outcome: String,
    /// The text the page shows.
    pub text: String,
}

/// Clicks the page's button for `scenario` and waits (bounded) for its
/// result element to get `data-outcome`.
pub fn click_scenario(session: &Session<'_>, scenario: &str) -> ScenarioResult {
    const JS: &str = r#"
const [name, timeoutMs] = arguments;
const done = arguments[arguments.length - 1];
const out = document.getElementById("out-" + name);
const button = document.getElementById("btn-" + name);
if (!out || !button) { done({ outcome: "missing", text: "no button for " + name }); return; }
delete out.dataset.outcome;
button.click();
const start = Date.now();
(function poll() {
  if (out.dataset.outcome) done({ outcome: out.dataset.outcome, text: out.textContent });
  else if (Date.now() - start > timeoutMs) done({ outcome: "timeout", text: out.textContent });
  else setTimeout(poll, 25);
})();
"#;
    match session.execute_async(JS, &[json!(scenario), json!(FETCH_TIMEOUT_MS)]) {
        Ok(value) => ScenarioResult {
            outcome: value["outcome"].as_str().unwrap_or("?").to_owned(),
            text: value["text"].as_str().unwrap_or("").to_owned(),
        },
        Err(e) => ScenarioResult {
            outcome: "error".to_owned(),
            text: e,
        },
    }
}

/// The server's preflight counter, read through the page's stats button.
pub fn preflights_seen(session: &Session<'_>) -> Option<u64> {
    let result = click_scenario(session, "stats");
    let start = result.text.find("{")?;
    let body: Value = serde_json::from_str(result.text[start..].trim()).ok()?;
    body["preflights"].as_u64()
}

/// An example binary started with `--api-port 0 --page-port 0`; killed on
/// drop.
pub struct Example {
    child: Child,
    /// The port the API listens on.
    pub api_port: u16,
    /// The port the page listens on.
    pub page_port: u16,
}

impl Example {
    /// Starts `binary` and reads the two ports from its banner (bounded).
    pub fn start(binary: &str) -> Example {
        let mut child = Command::new(binary)
            .args(["--api-port", "0", "--page-port", "0"])
            .stdin(Stdio::null())
            .stdout(Stdio::piped())
            .stderr(Stdio::inherit())
            .spawn()
            .unwrap_or_else(|e| panic!("starting {binary}: {e}"));
        let stdout = child.stdout.take().expect("piped stdout");
        let (tx, rx) = mpsc::channel();
        // Reads (and drains) the banner until the process ends.
        std::thread::spawn(move || {
            for line in BufReader::new(stdout).lines() {
                let Ok(line) = line else { break };
                // Once nobody listens any more, keep draining.
                let _ = tx.send(line);
            }
        });
        let mut example = Example {
            child,
            api_port: 0,
            page_port: 0,
        };
        let deadline = Instant::now() + Duration::from_secs(30);
        let port = |line: &str, prefix: &str| {
            line.strip_prefix(prefix)
                .and_then(|rest| rest.trim().parse::<u16>().ok())
        };
        while example.api_port == 0 || example.page_port == 0 {
            let left = deadline.saturating_duration_since(Instant::now());
            let line = match rx.recv_timeout(left) {
                Ok(line) => line,
                Err(e) => panic!("{binary} did not print its ports within 30 s ({e})"),
            };
            if let Some(p) = port(&line, "API listening on http://127.0.0.1:") {
                example.api_port = p;
            }
            if let Some(p) = port(&line, "page listening on http://127.0.0.1:") {
                example.page_port = p;
            }
        }
        example
    }
}

impl Drop for Example {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}
