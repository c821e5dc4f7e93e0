//! `cors explain FILE [--policy NAME] --method M [--header 'Name: value']... [--json]`.
//!
//! Every verdict comes from the real decision core (`cors_runtime::decide`)
//! running the policy through the run-time engine (`DynamicPolicy`): the
//! status and headers printed are exactly what the middleware sends. What
//! this module adds is the *why*: which check failed, and for a refused
//! origin the nearest allowed entry and what differs (trailing slash, upper
//! case, default port, apex vs `*.`, scheme, port…).

use std::io::Write;
use std::path::PathBuf;

use clap::Args;
use cors_dsl::model::{Methods, RequestHeaders};
use cors_dsl::{compile_file, LoadError};
use cors_runtime::dynamic::DynamicPolicy;
use cors_runtime::{
    decide, CorsHeader, OriginRule, Outcome, Policy, PreflightMode, Refusal, RequestHeaderRule,
    RequestKind,
};
use http::{HeaderMap, HeaderName, HeaderValue, Method};
use serde_json::json;

use crate::{EXIT_INVALID, EXIT_OK, EXIT_USAGE_OR_IO};

/// Arguments of `cors explain`.
#[derive(Debug, Args)]
pub(crate) struct ExplainArgs {
    /// The policy file.
    #[arg(value_name = "FILE")]
    file: PathBuf,
    /// The policy to apply (required when the file declares several).
    #[arg(long, value_name = "NAME")]
    policy: Option<String>,
    /// The request method, exactly as sent (e.g. OPTIONS for a preflight).
    #[arg(long, value_name = "METHOD")]
    method: String,
    /// A request header, `Name: value`. Repeat the option for several
    /// headers, or for several fields of one header.
    #[arg(long = "header", short = 'H', value_name = "NAME: VALUE")]
    headers: Vec<String>,
    /// Print the explanation as JSON.
    #[arg(long)]
    json: bool,
}

/// Explains one request; returns the exit status.
pub(crate) fn run(args: &ExplainArgs) -> u8 {
    let stdout = std::io::stdout();
    let mut out = stdout.lock();
    let compiled = match compile_file(&args.file) {
        Ok(compiled) => compiled,
        Err(LoadError::Invalid(report)) => {
            // The same output as `cors check`.
            let count = report.diagnostics.len();
            let noun = if count == 1 { "error" } else { "errors" };
            let _ = write!(out, "{report}");
            let _ = writeln!(out, "\n{}: {count} {noun}", args.file.display());
            return EXIT_INVALID;
        }
        Err(error @ LoadError::Io { .. }) => return usage(&error.to_string()),
    };
    let names: Vec<&str> = compiled.policies.iter().map(|p| p.name.as_str()).collect();
    let model = match (&args.policy, compiled.policies.as_slice()) {
        (None, [only]) => only,
        (None, _) => {
            return usage(&format!(
                "{}: error: the file declares {} policies; choose one with --policy ({})",
                args.file.display(),
                names.len(),
                names.join(", ")
            ))
        }
        (Some(name), policies) => match policies.iter().find(|p| &p.name == name) {
            Some(model) => model,
            None => {
                return usage(&format!(
                    "{}: error: no policy named `{name}` (available: {})",
                    args.file.display(),
                    names.join(", ")
                ))
            }
        },
    };
    let Ok(method) = Method::from_bytes(args.method.as_bytes()) else {
        return usage(&format!(
            "error: invalid method {:?}: a method is an HTTP token such as GET or OPTIONS",
            args.method
        ));
    };
    let mut headers = HeaderMap::new();
    for header in &args.headers {
        match parse_header(header) {
            Ok((name, value)) => {
                headers.append(name, value);
            }
            Err(message) => return usage(&message),
        }
    }

    let policy = DynamicPolicy::from_model(model.clone());
    let explanation = explain(&policy, &method, &headers);
    if args.json {
        let value =
            explanation.to_json(&args.file.display().to_string(), &policy, &method, &headers);
        let _ = writeln!(
            out,
            "{}",
            serde_json::to_string_pretty(&value).unwrap_or_default()
        );
    } else {
        let _ = write!(
            out,
            "{}",
            explanation.to_text(&args.file.display().to_string(), &policy, &method, &headers)
        );
    }
    let _ = out.flush();
    EXIT_OK
}

fn usage(message: &str) -> u8 {
    let _ = writeln!(std::io::stderr(), "{message}");
    EXIT_USAGE_OR_IO
}

/// `Name: value` → a header field (value trimmed of spaces and tabs).
fn parse_header(text: &str) -> Result<(HeaderName, HeaderValue), String> {
    let Some((name, value)) = text.split_once(':') else {
        return Err(format!(
            "error: invalid --header {text:?}: write it as 'Name: value'"
        ));
    };
    let name = HeaderName::from_bytes(name.trim().as_bytes())
        .map_err(|_| format!("error: invalid header name {:?}", name.trim()))?;
    let value = HeaderValue::from_bytes(value.trim_matches([' ', '\t']).as_bytes())
        .map_err(|_| format!("error: invalid value for header {name}: {value:?}"))?;
    Ok((name, value))
}

/// The result of one check of the protocol, in order.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Verdict {
    Pass,
    Fail,
    /// Not reached: an earlier check failed.
    NotChecked,
    /// Informational (never decides).
    Note,
}

impl Verdict {
    fn as_str(self) -> &'static str {
        match self {
            Verdict::Pass => "pass",
            Verdict::Fail => "fail",
            Verdict::NotChecked => "not checked",
            Verdict::Note => "note",
        }
    }
}

struct Check {
    name: &'static str,
    verdict: Verdict,
    detail: String,
}

/// Everything `cors explain` prints.
struct Explanation {
    kind: RequestKind,
    classification: String,
    checks: Vec<Check>,
    allowed: bool,
    /// Why it was refused, in the words of the tracing events.
    refusal: Option<Refusal>,
    calls_app: bool,
    /// The middleware's own status, when it answers.
    status: Option<http::StatusCode>,
    /// The headers the middleware sends (its answer), or writes into the
    /// application's response.
    response_headers: Vec<(String, String)>,
    browser: Vec<String>,
}

/// Runs the real decision and explains it.
fn explain(policy: &DynamicPolicy, method: &Method, headers: &HeaderMap) -> Explanation {
    let decision = decide(policy, method, headers);
    let kind = decision.kind();
    let allowed = decision.is_allowed();
    let refusal = decision.refusal();
    let outcome = decision.outcome();
    let (status, response) = match outcome {
        Outcome::Respond(_) => {
            let answer = decision
                .preflight_response::<()>()
                .expect("an answer when the outcome is Respond");
            (Some(answer.status()), answer.headers().clone())
        }
        Outcome::CallApp => {
            let mut response = HeaderMap::new();
            decision.apply_to(&mut response);
            (None, response)
        }
    };
    let response_headers = response
        .iter()
        .map(|(name, value)| {
            (
                name.as_str().to_owned(),
                String::from_utf8_lossy(value.as_bytes()).into_owned(),
            )
        })
        .collect();

    let config = policy.config();
    let origins: Vec<&HeaderValue> = headers.get_all(CorsHeader::Origin.http()).iter().collect();
    let classification = match kind {
        RequestKind::NotCors => "not CORS: the request has no Origin header (a same-origin \
            navigation or GET, or a client that is not a browser); it is passed to the \
            application untouched"
            .to_owned(),
        RequestKind::Preflight => {
            let who = match config.preflight() {
                PreflightMode::Respond => "the middleware answers it",
                PreflightMode::Forward => {
                    "the middleware decides, then passes it on to the application \
                    (`preflight: forward`) when it succeeds"
                }
            };
            format!("preflight: OPTIONS with Origin and Access-Control-Request-Method; {who}")
        }
        RequestKind::Actual if method == Method::OPTIONS => "actual CORS request: OPTIONS \
            with Origin but without Access-Control-Request-Method is not a preflight; the \
            application is always called"
            .to_owned(),
        RequestKind::Actual => format!(
            "actual CORS request: {method} with Origin; the application is always called \
            and the CORS headers are added to its response"
        ),
        RequestKind::WebSocket => "WebSocket handshake (Upgrade: websocket) under \
            `websocket: check-origin;`: only the origin is checked; an allowed origin is \
            passed to the application untouched, any other is answered 403; no CORS header \
            is written"
            .to_owned(),
    };

    let mut checks = Vec::new();
    let mut failed = false;
    if kind != RequestKind::NotCors {
        // 1. The origin, decided by the core on the origin alone.
        let mut origin_only = HeaderMap::new();
        for value in &origins {
            origin_only.append(CorsHeader::Origin.http(), (*value).clone());
        }
        let origin_ok = decide(policy, &Method::GET, &origin_only).is_allowed();
        checks.push(Check {
            name: "origin",
            verdict: if origin_ok {
                Verdict::Pass
            } else {
                Verdict::Fail
            },
            detail: explain_origin(policy, &origins, origin_ok),
        });
        failed = !origin_ok;
    }
    if kind == RequestKind::Preflight {
        // 2. The method: the core on the request without its ACRH.
        let mut without_acrh = headers.clone();
        without_acrh.remove(CorsHeader::RequestHeaders.http());
        let method_ok = decide(policy, &Method::OPTIONS, &without_acrh).is_allowed();
        let acrm: Vec<&HeaderValue> = headers
            .get_all(CorsHeader::RequestMethod.http())
            .iter()
            .collect();
        checks.push(if failed {
            not_checked("method")
        } else {
            Check {
                name: "method",
                verdict: if method_ok {
                    Verdict::Pass
                } else {
                    Verdict::Fail
                },
                detail: explain_method(policy, &acrm, method_ok),
            }
        });
        failed |= !method_ok;
        // 3. The request headers: the whole request.
        checks.push(if failed {
            not_checked("request headers")
        } else {
            Check {
                name: "request headers",
                verdict: if allowed {
                    Verdict::Pass
                } else {
                    Verdict::Fail
                },
                detail: explain_request_headers(policy, headers, allowed),
            }
        });
        // 4. Private Network Access (never refuses).
        let pna: Vec<&HeaderValue> = headers
            .get_all(CorsHeader::RequestPrivateNetwork.http())
            .iter()
            .collect();
        if !pna.is_empty() {
            let granted = response.contains_key(CorsHeader::AllowPrivateNetwork.http());
            let detail = if granted {
                "Access-Control-Request-Private-Network: true and `private-network: true`: \
                 Access-Control-Allow-Private-Network: true is sent"
                    .to_owned()
            } else if !allowed {
                "not reached".to_owned()
            } else if config.private_network() {
                "Access-Control-Request-Private-Network is not exactly one field `true`: \
                 no Access-Control-Allow-Private-Network"
                    .to_owned()
            } else {
                "private network access requested, but the policy does not say \
                 `private-network: true`: the preflight succeeds without \
                 Access-Control-Allow-Private-Network (the browser then blocks the request)"
                    .to_owned()
            };
            checks.push(Check {
                name: "private network",
                verdict: Verdict::Note,
                detail,
            });
        }
    }

    let browser = browser_conclusion(policy, kind, allowed, &response, headers);
    Explanation {
        kind,
        classification,
        checks,
        allowed,
        refusal,
        calls_app: outcome == Outcome::CallApp,
        status,
        response_headers,
        browser,
    }
}

fn not_checked(name: &'static str) -> Check {
    Check {
        name,
        verdict: Verdict::NotChecked,
        detail: "an earlier check failed".to_owned(),
    }
}

fn lossy(value: &HeaderValue) -> String {
    String::from_utf8_lossy(value.as_bytes()).into_owned()
}

/// Why the origin is (not) allowed.
fn explain_origin(policy: &DynamicPolicy, origins: &[&HeaderValue], allowed: bool) -> String {
    let config = policy.config();
    if allowed {
        let origin = origins[0].as_bytes();
        let shown = lossy(origins[0]);
        return match config.origins() {
            OriginRule::Any => format!("{shown}: allowed by `origins: *` (answered with `*`)"),
            OriginRule::Listed { .. } => match policy.origin_entry(origin) {
                Some(entry) if entry.as_bytes() == origin => {
                    format!("{shown}: allowed, listed exactly")
                }
                Some(entry) => format!(
                    "{shown}: allowed by the pattern \"{entry}\" (the request's value is echoed)"
                ),
                None => format!("{shown}: allowed"),
            },
        };
    }
    let OriginRule::Listed { max_len } = config.origins() else {
        return "refused".to_owned();
    };
    if origins.len() > 1 {
        return format!(
            "Origin sent {} times: exactly one field is required",
            origins.len()
        );
    }
    let bytes = origins[0].as_bytes();
    let shown = lossy(origins[0]);
    let prefix = format!("origin {shown}: not allowed;");
    if bytes.is_empty() {
        return "Origin is empty: not allowed".to_owned();
    }
    if bytes.len() > max_len {
        return format!(
            "{prefix} it is {} bytes long, longer than any allowed origin can be ({max_len})",
            bytes.len()
        );
    }
    if shown == "null" {
        return format!(
            "{prefix} `null` is the opaque origin of sandboxed iframes, file: pages, data: URLs \
             and redirected requests; the policy does not list it"
        );
    }
    if shown.contains(',') {
        return format!("{prefix} several origins joined by a comma are refused");
    }
    if let Some((entry, why)) = near_miss(policy, &shown) {
        let what = if entry.contains('*') {
            "pattern"
        } else {
            "entry"
        };
        return format!("{prefix} closest {what} \"{entry}\" {why}");
    }
    if let Err(error) = cors_dsl::origin::parse_origin(&shown) {
        return format!(
            "{prefix} {} (browsers send origins byte for byte)",
            error.message
        );
    }
    let entries = policy.origin_entries();
    match entries
        .iter()
        .min_by_key(|entry| edit_distance(entry, &shown))
    {
        Some(closest) => format!("{prefix} no entry matches (closest: \"{closest}\")"),
        None => format!("{prefix} no entry matches"),
    }
}

/// The first usual mistake that, fixed, makes the origin allowed: the entry
/// that would allow it, and what differs.
fn near_miss(policy: &DynamicPolicy, origin: &str) -> Option<(String, String)> {
    let allowed = |candidate: &str| policy.origin_entry(candidate.as_bytes());
    let (scheme, rest) = origin.split_once("://")?;
    let (authority, path) = match rest.find('/') {
        Some(i) => (&rest[..i], &rest[i..]),
        None => (rest, ""),
    };
    let (host, port) = split_port(authority);
    let mut candidates: Vec<(String, String)> = Vec::new();
    let trimmed = origin.trim_matches([' ', '\t']);
    if trimmed != origin {
        candidates.push((
            trimmed.to_owned(),
            "matches without the surrounding whitespace".to_owned(),
        ));
    }
    if path == "/" {
        candidates.push((
            format!("{scheme}://{authority}"),
            "has no trailing slash: browsers never send one in Origin".to_owned(),
        ));
    } else if !path.is_empty() {
        candidates.push((
            format!("{scheme}://{authority}"),
            "has no path: Origin is only scheme://host[:port]".to_owned(),
        ));
    }
    let lower = origin.to_ascii_lowercase();
    if lower != origin {
        candidates.push((
            lower,
            "is lowercase: browsers send the scheme and host in lower case, and origins \
             are compared byte for byte"
                .to_owned(),
        ));
    }
    let default = cors_dsl::origin::default_port(scheme).map(|p| p.to_string());
    if let (Some(port), Some(default)) = (port, &default) {
        if port == default {
            candidates.push((
                format!("{scheme}://{host}{path}"),
                format!("has no port: browsers leave out the default port :{default}"),
            ));
        }
    }
    if let Some(host) = host.strip_suffix('.') {
        candidates.push((
            format!("{scheme}://{host}{}", port_text(port)),
            "has no trailing dot: `example.com.` and `example.com` are different origins"
                .to_owned(),
        ));
    }
    candidates.push((
        format!("{scheme}://sub.{host}{}", port_text(port)),
        format!("requires a subdomain: it matches hosts under {host}, never {host} itself"),
    ));
    let other_scheme = match scheme {
        "http" => Some("https"),
        "https" => Some("http"),
        "ws" => Some("wss"),
        "wss" => Some("ws"),
        _ => None,
    };
    if let Some(other) = other_scheme {
        candidates.push((
            format!("{other}://{authority}"),
            format!("is {other}, not {scheme}: the scheme is part of the origin"),
        ));
        if let Some(port) = port {
            candidates.push((
                format!("{other}://{host}"),
                format!("is {other} on its default port, not {scheme} on port {port}"),
            ));
        }
    }
    match port {
        Some(port) => candidates.push((
            format!("{scheme}://{host}"),
            format!("has no port: port {port} is not allowed (the port is part of the origin)"),
        )),
        None => {
            for entry in policy.origin_entries() {
                if let Some(entry_port) = entry
                    .strip_prefix(&format!("{scheme}://{host}:"))
                    .filter(|p| !p.contains(['/', ':']))
                {
                    candidates.push((
                        entry.clone(),
                        format!(
                            "has port {entry_port}: the request is on the default port, and the \
                             port is part of the origin"
                        ),
                    ));
                }
            }
        }
    }
    if let Some(port) = port {
        for entry in policy.origin_entries() {
            if let Some(entry_port) = entry
                .strip_prefix(&format!("{scheme}://{host}:"))
                .filter(|p| *p != port && !p.contains(['/', ':']))
            {
                candidates.push((
                    entry.clone(),
                    format!("allows port {entry_port}, not {port}"),
                ));
            }
        }
    }
    if let Some((_, parent)) = host.split_once('.') {
        if parent.contains('.') {
            candidates.push((
                format!("{scheme}://{parent}{}", port_text(port)),
                format!(
                    "does not cover its subdomains: list \"{scheme}://*.{parent}\" to allow them"
                ),
            ));
        }
    }
    candidates
        .into_iter()
        .find_map(|(candidate, why)| allowed(&candidate).map(|entry| (entry, why)))
}

/// `host:port` → (`host`, `Some(port)`); IPv6 brackets kept.
fn split_port(authority: &str) -> (&str, Option<&str>) {
    let host_end = if authority.starts_with('[') {
        authority.find(']').map_or(authority.len(), |i| i + 1)
    } else {
        authority.find(':').unwrap_or(authority.len())
    };
    let (host, port) = authority.split_at(host_end);
    (host, port.strip_prefix(':'))
}

fn port_text(port: Option<&str>) -> String {
    port.map(|p| format!(":{p}")).unwrap_or_default()
}

/// Levenshtein distance (small strings only).
fn edit_distance(a: &str, b: &str) -> usize {
    let b: Vec<char> = b.chars().collect();
    let mut row: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.chars().enumerate() {
        let mut previous = row[0];
        row[0] = i + 1;
        for (j, cb) in b.iter().enumerate() {
            let current = row[j + 1];
            row[j + 1] = if ca == *cb {
                previous
            } else {
                1 + previous.min(row[j]).min(row[j + 1])
            };
            previous = current;
        }
    }
    row[b.len()]
}

/// Why `Access-Control-Request-Method` is (not) allowed.
fn explain_method(policy: &DynamicPolicy, acrm: &[&HeaderValue], allowed: bool) -> String {
    let model = policy.model();
    if acrm.len() != 1 {
        return format!(
            "Access-Control-Request-Method sent {} times: exactly one field is required",
            acrm.len()
        );
    }
    let method = lossy(acrm[0]);
    if allowed {
        return match (method.as_str(), &model.methods) {
            ("GET" | "HEAD" | "POST", _) => {
                format!("{method}: a CORS-safelisted method, always allowed")
            }
            (_, Methods::Any) => format!("{method}: allowed by `methods: *` (echoed)"),
            (_, Methods::List(_)) => format!("{method}: listed in `methods` (echoed)"),
        };
    }
    if !is_token(acrm[0].as_bytes()) {
        return format!("{method:?} is not a valid method token");
    }
    let listed = match &model.methods {
        Methods::List(list) => list.clone(),
        Methods::Any => Vec::new(),
    };
    if let Some(close) = listed.iter().find(|m| m.eq_ignore_ascii_case(&method)) {
        return format!(
            "{method}: not allowed; methods are case-sensitive and the policy lists {close} \
             (browsers upper-case DELETE, GET, HEAD, OPTIONS, POST and PUT, but send other \
             methods, PATCH included, as the script wrote them)"
        );
    }
    format!(
        "{method}: not allowed; `methods` lists {} (GET, HEAD and POST are always allowed)",
        if listed.is_empty() {
            "nothing else".to_owned()
        } else {
            listed.join(", ")
        }
    )
}

/// Whether `bytes` is an RFC 9110 token (for explanations only).
fn is_token(bytes: &[u8]) -> bool {
    !bytes.is_empty()
        && bytes
            .iter()
            .all(|&b| b.is_ascii_alphanumeric() || b"!#$%&'*+-.^_`|~".contains(&b))
}

/// Why `Access-Control-Request-Headers` is (not) allowed.
fn explain_request_headers(policy: &DynamicPolicy, headers: &HeaderMap, allowed: bool) -> String {
    let fields: Vec<&HeaderValue> = headers
        .get_all(CorsHeader::RequestHeaders.http())
        .iter()
        .collect();
    if fields.is_empty() {
        return "no Access-Control-Request-Headers: nothing beyond the CORS-safelisted \
                request headers is requested"
            .to_owned();
    }
    let names: Vec<String> = fields
        .iter()
        .flat_map(|field| field.as_bytes().split(|&b| b == b','))
        .map(|name| String::from_utf8_lossy(name.trim_ascii()).to_ascii_lowercase())
        .filter(|name| !name.is_empty())
        .collect();
    if names.is_empty() {
        return "Access-Control-Request-Headers is empty: no header requested".to_owned();
    }
    let model = policy.model();
    let listed = match &model.request_headers {
        RequestHeaders::List(list) => list.join(", "),
        RequestHeaders::Any { .. } => String::new(),
    };
    if allowed {
        let how = match (policy.config().request_headers(), &model.request_headers) {
            (RequestHeaderRule::Any { .. }, _) => "allowed by `request-headers: *`",
            _ => "listed in `request-headers`",
        };
        return format!("{}: {how} (compared case-insensitively)", names.join(", "));
    }
    let mut refused = Vec::new();
    for name in &names {
        if !is_token(name.as_bytes()) {
            refused.push(format!("{name:?} is not a valid header name"));
            continue;
        }
        match policy.config().request_headers() {
            RequestHeaderRule::Any { authorization } => {
                if name == "authorization" && !authorization {
                    refused.push(
                        "authorization: `request-headers: *` never covers authorization; \
                         write `request-headers: *, authorization;`"
                            .to_owned(),
                    );
                }
            }
            RequestHeaderRule::Listed { .. } => {
                if !policy.allows_request_header(name.as_bytes()) {
                    refused.push(format!(
                        "{name}: not listed in `request-headers` ({})",
                        if listed.is_empty() {
                            "the policy lists none".to_owned()
                        } else {
                            format!("allowed: {listed}")
                        }
                    ));
                }
            }
        }
    }
    if refused.is_empty() {
        return format!(
            "refused by the bounds of the Access-Control-Request-Headers scanner: {} names in \
             {} field(s), too many names, empty elements or fields, or a name too long for any \
             allowed one",
            names.len(),
            fields.len()
        );
    }
    refused.join("; ")
}

/// What a browser concludes.
fn browser_conclusion(
    policy: &DynamicPolicy,
    kind: RequestKind,
    allowed: bool,
    response: &HeaderMap,
    headers: &HeaderMap,
) -> Vec<String> {
    let config = policy.config();
    let credentials = response.contains_key(CorsHeader::AllowCredentials.http());
    let credentials_note = if credentials {
        "credentialed requests (cookies, `credentials: 'include'`) are allowed".to_owned()
    } else {
        "only without credentials: a request with cookies (`credentials: 'include'`) would \
         fail, because Access-Control-Allow-Credentials: true is not sent"
            .to_owned()
    };
    let mut lines = Vec::new();
    match (kind, allowed) {
        (RequestKind::NotCors, _) => lines.push(
            "CORS does not apply: without Origin the browser (if it is one) is not making a \
             cross-origin request, and nothing is checked"
                .to_owned(),
        ),
        (RequestKind::Preflight, true) => {
            let method = headers
                .get(CorsHeader::RequestMethod.http())
                .map(lossy)
                .unwrap_or_default();
            lines.push(format!(
                "the preflight succeeds: the browser goes on and sends the actual {method} request"
            ));
            lines.push(credentials_note);
            match response.get(CorsHeader::MaxAge.http()) {
                Some(seconds) => lines.push(format!(
                    "the browser may cache this answer for {} s (Chromium caps at 7200 s, \
                     WebKit at 600 s)",
                    lossy(seconds)
                )),
                None => lines.push(
                    "no Access-Control-Max-Age: browsers cache this answer for 5 s".to_owned(),
                ),
            }
            if config.preflight() == PreflightMode::Forward {
                lines.push(
                    "`preflight: forward`: the application also receives this OPTIONS request \
                     and its status is kept"
                        .to_owned(),
                );
            }
        }
        (RequestKind::Preflight, false) => lines.push(
            "the preflight fails (403, no Access-Control-* header): the browser reports a CORS \
             error and never sends the actual request; the script sees a network error \
             (TypeError: Failed to fetch)"
                .to_owned(),
        ),
        (RequestKind::Actual, true) => {
            lines.push("the browser lets the script read the response".to_owned());
            lines.push(credentials_note);
            match response.get(CorsHeader::ExposeHeaders.http()) {
                Some(exposed) => lines.push(format!(
                    "besides the CORS-safelisted response headers, the script can read: {}",
                    lossy(exposed)
                )),
                None => lines.push(
                    "the script can read only the CORS-safelisted response headers \
                     (cache-control, content-language, content-length, content-type, expires, \
                     last-modified, pragma)"
                        .to_owned(),
                ),
            }
        }
        (RequestKind::Actual, false) => lines.push(
            "the application ran (CORS is not access control), but the browser hides the \
             response from the script: a CORS error (no Access-Control-Allow-Origin header)"
                .to_owned(),
        ),
        (RequestKind::WebSocket, true) => lines.push(
            "browsers apply no CORS to WebSockets: the socket opens if the application \
             accepts the handshake"
                .to_owned(),
        ),
        (RequestKind::WebSocket, false) => lines.push(
            "the handshake fails (403): the page's WebSocket gets an error event, then a close \
             event (code 1006); the application never sees the request nor its cookies"
                .to_owned(),
        ),
    }
    if kind == RequestKind::Actual && is_websocket_upgrade(headers) {
        lines.push(
            "browsers apply no CORS to WebSocket handshakes: the socket opens whatever these \
             headers say, and any page can open one with the user's cookies; \
             `websocket: check-origin;` makes the middleware refuse origins the policy does not \
             allow"
                .to_owned(),
        );
    }
    lines
}

fn kind_name(kind: RequestKind) -> &'static str {
    match kind {
        RequestKind::NotCors => "not-cors",
        RequestKind::Preflight => "preflight",
        RequestKind::Actual => "actual",
        RequestKind::WebSocket => "websocket",
    }
}

/// Whether the request asks for `Upgrade: websocket` (any case).
fn is_websocket_upgrade(headers: &HeaderMap) -> bool {
    headers.get_all(http::header::UPGRADE).iter().any(|value| {
        value
            .as_bytes()
            .split(|&b| b == b',')
            .any(|protocol| protocol.trim_ascii().eq_ignore_ascii_case(b"websocket"))
    })
}

fn request_lines(headers: &HeaderMap) -> Vec<(String, String)> {
    headers
        .iter()
        .map(|(name, value)| (name.as_str().to_owned(), lossy(value)))
        .collect()
}

impl Explanation {
    fn to_text(
        &self,
        file: &str,
        policy: &DynamicPolicy,
        method: &Method,
        headers: &HeaderMap,
    ) -> String {
        let mut out = String::new();
        let mut line = |text: String| {
            out.push_str(&text);
            out.push('\n');
        };
        line(format!("policy {} ({file})", policy.name()));
        line(format!("request: {method}"));
        for (name, value) in request_lines(headers) {
            line(format!("  {name}: {value}"));
        }
        line(String::new());
        line(format!("classification: {}", self.classification));
        if !self.checks.is_empty() {
            line(String::new());
            line("checks, in order:".to_owned());
            for (i, check) in self.checks.iter().enumerate() {
                line(format!(
                    "  {}. {:<16} {:<11} {}",
                    i + 1,
                    check.name,
                    check.verdict.as_str(),
                    check.detail
                ));
            }
            match self.refusal {
                Some(reason) => line(format!("  => refused (reason: {reason})")),
                None if self.allowed => line("  => allowed".to_owned()),
                None => line("  => refused".to_owned()),
            }
        }
        line(String::new());
        match self.status {
            Some(status) => {
                let app = if self.calls_app {
                    "also calls the application"
                } else {
                    "does not call the application"
                };
                line(format!(
                    "response: the middleware answers {} {}, empty body; it {app}",
                    status.as_u16(),
                    status.canonical_reason().unwrap_or("")
                ));
            }
            None => line(
                "response: the application is called; its status and body are kept, and the \
                 middleware sets these headers on it:"
                    .to_owned(),
            ),
        }
        if self.response_headers.is_empty() {
            line("  (no header)".to_owned());
        }
        for (name, value) in &self.response_headers {
            line(format!("  {name}: {value}"));
        }
        if !self
            .response_headers
            .iter()
            .any(|(name, _)| name.starts_with("access-control-"))
            && self.kind != RequestKind::NotCors
        {
            line("  (no Access-Control-* header)".to_owned());
        }
        line(String::new());
        line("browser:".to_owned());
        for text in &self.browser {
            line(format!("  {text}"));
        }
        out
    }

    fn to_json(
        &self,
        file: &str,
        policy: &DynamicPolicy,
        method: &Method,
        headers: &HeaderMap,
    ) -> serde_json::Value {
        let pairs = |list: Vec<(String, String)>| -> Vec<serde_json::Value> {
            list.into_iter()
                .map(|(name, value)| json!({ "name": name, "value": value }))
                .collect()
        };
        json!({
            "file": file,
            "policy": policy.name(),
            "request": {
                "method": method.as_str(),
                "headers": pairs(request_lines(headers)),
            },
            "kind": kind_name(self.kind),
            "classification": self.classification,
            "checks": self.checks.iter().map(|check| json!({
                "check": check.name,
                "result": check.verdict.as_str(),
                "detail": check.detail,
            })).collect::<Vec<_>>(),
            "allowed": self.allowed,
            "reason": self.refusal.map(Refusal::as_str),
            "response": {
                "calls_application": self.calls_app,
                "status": self.status.map(|s| s.as_u16()),
                "headers": pairs(self.response_headers.clone()),
            },
            "browser": self.browser,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn policy(text: &str) -> DynamicPolicy {
        DynamicPolicy::parse(text, "A").unwrap()
    }

    fn origin_detail(policy: &DynamicPolicy, origin: &str) -> String {
        let value = HeaderValue::from_str(origin).unwrap();
        explain_origin(policy, &[&value], false)
    }

    #[test]
    fn near_misses() {
        let p = policy(
            r#"policy A { origins: "https://app.example.com", "https://*.example.org",
                "https://admin.example.net:8443", "http://localhost:3000"; }"#,
        );
        let cases = [
            ("https://app.example.com/", "closest entry \"https://app.example.com\" has no trailing slash"),
            ("https://APP.example.com", "closest entry \"https://app.example.com\" is lowercase"),
            ("https://app.example.com:443", "closest entry \"https://app.example.com\" has no port: browsers leave out the default port :443"),
            ("https://example.org", "closest pattern \"https://*.example.org\" requires a subdomain"),
            ("http://app.example.com", "closest entry \"https://app.example.com\" is https, not http"),
            ("https://admin.example.net:9443", "closest entry \"https://admin.example.net:8443\" allows port 8443, not 9443"),
            ("https://admin.example.net", "closest entry \"https://admin.example.net:8443\" has port 8443"),
            ("http://localhost:3001", "closest entry \"http://localhost:3000\" allows port 3000, not 3001"),
            ("https://www.app.example.com", "closest entry \"https://app.example.com\" does not cover its subdomains"),
            ("https://app.example.com.", "closest entry \"https://app.example.com\" has no trailing dot"),
            ("https://evil.example", "no entry matches"),
            ("null", "`null` is the opaque origin"),
        ];
        for (origin, expected) in cases {
            let detail = origin_detail(&p, origin);
            assert!(detail.contains(expected), "{origin}: {detail}");
        }
    }

    #[test]
    fn split_port_handles_ipv6() {
        assert_eq!(split_port("[::1]:3000"), ("[::1]", Some("3000")));
        assert_eq!(split_port("[::1]"), ("[::1]", None));
        assert_eq!(split_port("a.example:80"), ("a.example", Some("80")));
    }

    #[test]
    fn edit_distance_works() {
        assert_eq!(edit_distance("kitten", "sitting"), 3);
        assert_eq!(edit_distance("", "abc"), 3);
    }
}
