//! The demo page: served from another origin than the API, its buttons call
//! the API with `fetch()` and show what the browser reports.
//!
//! Each scenario states what the policy (`policies/api.cors`) says should
//! happen, and the page marks whether the browser agreed. A call the policy
//! refuses ends in a `TypeError` ("Failed to fetch"): the browser hides the
//! reason from scripts and prints it in the developer console.
//!
//! For automation, `window.runScenario(name)` returns a promise of the
//! outcome, and each result element (`#out-NAME`) gets
//! `data-outcome="allowed"` or `"blocked"` once its call has finished.

use crate::policy::API_POLICY_TEXT;

/// The scenarios on the page: `(name, what the policy says)`, in order.
///
/// ```
/// let names: Vec<_> = cors_examples::page::SCENARIOS.iter().map(|s| s.0).collect();
/// assert!(names.contains(&"simple") && names.contains(&"refused-header"));
/// ```
pub const SCENARIOS: &[(&str, Expected)] = &[
    ("simple", Expected::Allowed),
    ("credentialed", Expected::Allowed),
    ("preflighted", Expected::Allowed),
    ("delete", Expected::Allowed),
    ("refused-header", Expected::Blocked),
    ("refused-method", Expected::Blocked),
    ("error", Expected::Allowed),
    ("stats", Expected::Allowed),
];

/// What a scenario's call should end in.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Expected {
    /// The script can read the response.
    Allowed,
    /// The browser rejects the `fetch()` with a `TypeError`.
    Blocked,
}

impl Expected {
    /// `"allowed"` or `"blocked"`, as in the page's `data-outcome`.
    pub fn as_str(self) -> &'static str {
        match self {
            Expected::Allowed => "allowed",
            Expected::Blocked => "blocked",
        }
    }
}

/// The page, calling the API at `api_base` (e.g. `http://localhost:8080`).
///
/// ```
/// let html = cors_examples::page::page_html("http://localhost:8080");
/// assert!(html.contains(r#"const API = "http://localhost:8080";"#));
/// assert!(html.contains("pub policy Api"));
/// ```
pub fn page_html(api_base: &str) -> String {
    // A JSON string is a valid JavaScript string literal; `</` is escaped so
    // that the value cannot close the <script> element.
    let api = serde_json::Value::from(api_base)
        .to_string()
        .replace("</", "<\\/");
    TEMPLATE
        .replace("__API_BASE__", &api)
        .replace("__POLICY__", &escape_html(API_POLICY_TEXT))
}

fn escape_html(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            c => out.push(c),
        }
    }
    out
}

const TEMPLATE: &str = r##"<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>cors-dsl example</title>
<style>
  body { font: 15px/1.45 system-ui, sans-serif; max-width: 60rem; margin: 2rem auto; padding: 0 1rem; color: #222; }
  code, pre { font: 13px/1.4 ui-monospace, monospace; }
  pre { background: #f5f5f5; padding: .6rem .8rem; overflow-x: auto; }
  table { border-collapse: collapse; width: 100%; }
  td { border-top: 1px solid #ddd; padding: .5rem .4rem; vertical-align: top; }
  td:first-child { white-space: nowrap; }
  button { font: inherit; padding: .2rem .7rem; }
  .ok { color: #176117; } .bad { color: #a11515; }
  output pre { margin: .3rem 0 0; white-space: pre-wrap; }
</style>
</head>
<body>
<h1>cors-dsl example</h1>
<p>This page's origin is <code id="origin"></code>. It calls the API at <code id="api"></code>,
another origin, so the browser asks the API's CORS policy what this page may do.</p>
<p><button id="run-all">Run every scenario</button></p>
<table id="scenarios"></table>
<h2>The API's policy (<code>examples/policies/api.cors</code>)</h2>
<pre>__POLICY__</pre>
<p>Open this page from <a id="other-origin" href="#">an origin the policy does not list</a>
and every call is blocked: the server still answers, but the browser hides the answer from the page.</p>
<script>
"use strict";
const API = __API_BASE__;

// One fetch(): "allowed" with what the script can read, or "blocked" with
// the error the browser gave (a TypeError that deliberately hides why).
async function attempt(path, init, readable) {
  try {
    const response = await fetch(API + path, init);
    const headers = {};
    for (const name of readable) headers[name] = response.headers.get(name);
    const body = await response.text();
    return { outcome: "allowed", status: response.status, headers, body };
  } catch (error) {
    return { outcome: "blocked", error: String(error) };
  }
}

const scenarios = [
  { name: "simple", expected: "allowed", title: "Simple GET",
    explain: "GET /api/hello, no custom header: no preflight. x-request-id is exposed by the policy, x-internal is not (the script reads null).",
    run: () => attempt("/api/hello", {}, ["content-type", "x-request-id", "x-internal"]) },
  { name: "credentialed", expected: "allowed", title: "Credentialed request (cookie)",
    explain: "POST /api/login sets a session cookie, then GET /api/me with credentials: \"include\" sends it back. Needs credentials: true and an exact origin.",
    run: async () => {
      const login = await attempt("/api/login", { method: "POST", credentials: "include" }, []);
      if (login.outcome !== "allowed") return login;
      return attempt("/api/me", { credentials: "include" }, ["x-request-id"]);
    } },
  { name: "preflighted", expected: "allowed", title: "PUT with a JSON body and a custom header",
    explain: "PUT /api/items/42 with content-type: application/json and x-request-id: the browser sends a preflight (OPTIONS) first; the policy lists PUT and both headers.",
    run: () => attempt("/api/items/42", { method: "PUT",
      headers: { "content-type": "application/json", "x-request-id": "demo-put-42" },
      body: JSON.stringify({ name: "teapot", size: 3 }) }, ["x-request-id"]) },
  { name: "delete", expected: "allowed", title: "DELETE (preflighted)",
    explain: "DELETE /api/items/42: not a CORS-safelisted method, so preflighted; the policy lists DELETE.",
    run: () => attempt("/api/items/42", { method: "DELETE" }, ["x-request-id"]) },
  { name: "refused-header", expected: "blocked", title: "Refused: a header the policy does not list",
    explain: "PUT /api/items/43 with x-debug: 1. The preflight asks for x-debug, the policy does not list it, the server answers 403 and the browser never sends the PUT.",
    run: () => attempt("/api/items/43", { method: "PUT", headers: { "x-debug": "1" } }, []) },
  { name: "refused-method", expected: "blocked", title: "Refused: method \"patch\" in lower case",
    explain: "PATCH /api/items/43 written as patch: browsers upper-case DELETE, GET, HEAD, OPTIONS, POST and PUT, but send patch as written; the policy lists PATCH, and methods are case-sensitive.",
    run: () => attempt("/api/items/43", { method: "patch" }, []) },
  { name: "error", expected: "allowed", title: "An error response (500)",
    explain: "GET /api/error answers 500: the CORS headers are on errors too, so the page can read the status and the error body.",
    run: () => attempt("/api/error", {}, ["x-request-id"]) },
  { name: "stats", expected: "allowed", title: "How many preflights reached the server",
    explain: "GET /api/stats. Press the PUT button twice in a row, then this one: with max-age: 10m the second PUT reuses the first one's preflight, so the count grows by one (a refused call to the same URL, or a preflight for another method, replaces Chromium's cached result).",
    run: () => attempt("/api/stats", {}, []) },
];

function show(name, result) {
  const scenario = scenarios.find((s) => s.name === name);
  const out = document.getElementById("out-" + name);
  const agreed = result.outcome === scenario.expected;
  const text = result.outcome === "allowed"
    ? `allowed: status ${result.status}\n` +
      Object.entries(result.headers).map(([k, v]) => `${k}: ${v === null ? "(not readable)" : v}`).join("\n") +
      (Object.keys(result.headers).length ? "\n" : "") + result.body
    : `blocked by the browser: ${result.error} (the console says why)`;
  out.innerHTML = "";
  const pre = document.createElement("pre");
  pre.className = agreed ? "ok" : "bad";
  pre.textContent = (agreed ? "\u2713 as the policy says, " : "\u2717 NOT what the policy says, ") + text;
  out.appendChild(pre);
  out.dataset.outcome = result.outcome;
}

async function runScenario(name) {
  const scenario = scenarios.find((s) => s.name === name);
  if (!scenario) throw new Error("no scenario " + name);
  const out = document.getElementById("out-" + name);
  delete out.dataset.outcome;
  out.textContent = "\u2026";
  const result = await scenario.run();
  show(name, result);
  return result;
}
window.runScenario = runScenario;

const table = document.getElementById("scenarios");
for (const s of scenarios) {
  const row = table.insertRow();
  const button = document.createElement("button");
  button.id = "btn-" + s.name;
  button.textContent = s.title;
  button.addEventListener("click", () => runScenario(s.name));
  row.insertCell().appendChild(button);
  const cell = row.insertCell();
  const explain = document.createElement("div");
  explain.textContent = s.explain + " Expected: " + s.expected + ".";
  const out = document.createElement("output");
  out.id = "out-" + s.name;
  cell.append(explain, out);
}
document.getElementById("run-all").addEventListener("click", async () => {
  for (const s of scenarios) await runScenario(s.name);
});
document.getElementById("origin").textContent = location.origin;
document.getElementById("api").textContent = API;
const other = location.hostname === "localhost" ? "127.0.0.1" : "localhost";
const link = document.getElementById("other-origin");
link.href = `${location.protocol}//${other}:${location.port}/`;
link.textContent = link.href;
</script>
</body>
</html>
"##;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_api_base_cannot_break_out_of_the_script() {
        let html = page_html("x\"</script><b>");
        assert!(html.contains(r#"const API = "x\"<\/script><b>";"#));
    }

    #[test]
    fn every_scenario_is_on_the_page() {
        let html = page_html("http://localhost:8080");
        for (name, expected) in SCENARIOS {
            let needle = format!(r#"name: "{name}", expected: "{}""#, expected.as_str());
            assert!(html.contains(&needle), "{needle}");
        }
    }

    #[test]
    fn html_is_escaped() {
        assert_eq!(
            escape_html(r#"<a href="x">&</a>"#),
            "&lt;a href=&quot;x&quot;&gt;&amp;&lt;/a&gt;"
        );
    }
}
