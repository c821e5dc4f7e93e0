//! Environment-specific CORS policies, read at run time and reloaded without
//! a restart.
//!
//! ```text
//! cargo run -p cors-examples --bin env-policy                        # examples/policies/dev.cors
//! CORS_POLICY_FILE=examples/policies/prod.cors cargo run -p cors-examples --bin env-policy
//! ```
//!
//! The policy file is the same language as `cors_policy!` and `cors check`
//! (check it in CI with `cors check examples/policies/*.cors`); here it is
//! parsed when the server starts, so one binary serves every environment.
//!
//! Environment:
//!
//! | variable | default | meaning |
//! |---|---|---|
//! | `CORS_POLICY_FILE` | `examples/policies/dev.cors` | the policy file |
//! | `CORS_POLICY_NAME` | `Api` | which `policy` of the file to apply |
//! | `CORS_POLICY_POLL_SECS` | `2` | how often to check whether the file changed, in seconds (fractions allowed; `0`: never) |
//! | `CORS_POLICY_REFUSE_WIDENING` | unset | `1`: refuse a reload that widens the policy (allows or exposes anything the current one does not) |
//! | `ADDR` | `127.0.0.1:3000` | where to listen (port `0`: any free port, printed at start) |
//!
//! **Reloading.** The server reloads the file on `SIGHUP`
//! (`kill -HUP <pid>`, Unix) and whenever it changes (checked every
//! `CORS_POLICY_POLL_SECS` seconds): its modification time, its size, or
//! the file it resolves to. The last one is how a Kubernetes ConfigMap (or
//! Secret) volume updates: the policy path is a symbolic link through the
//! volume's `..data` link, which the kubelet swaps atomically to a new
//! directory, so the file seen through the path is a new file (a new
//! inode), whatever its modification time. The new policy is
//! swapped in atomically (`ReloadablePolicy`): a request in flight finishes
//! with the policy it started with, the next one gets the new policy. An
//! invalid file is refused with the same diagnostics `cors check` prints,
//! and the server keeps serving the last valid policy — it never runs
//! without one. An invalid file at start-up is fatal (exit status 1).
//!
//! Every reload applied is logged with what it changes, one line per
//! change with a witness request, as `cors diff` prints it:
//!
//! ```text
//! env-policy: reloaded examples/policies/dev.cors: 1 change, widens
//!   + allows requests from https://staging.example.com, e.g. Origin: https://staging.example.com
//! ```
//!
//! With `CORS_POLICY_REFUSE_WIDENING=1`, a new version that widens the
//! policy is refused like an invalid one (the changes are logged), and
//! narrowing or equivalent edits are applied.
//!
//! Try it:
//!
//! ```text
//! curl -i http://127.0.0.1:3000/api/items -H 'Origin: http://localhost:5173'
//! curl -i -X OPTIONS http://127.0.0.1:3000/api/items -H 'Origin: http://localhost:5173' \
//!      -H 'Access-Control-Request-Method: PUT' -H 'Access-Control-Request-Headers: content-type'
//! ```

use std::path::{Path, PathBuf};
use std::time::{Duration, SystemTime};

use axum::routing::get;
use axum::Router;
use cors_runtime::dynamic::{DynamicError, ReloadablePolicy, StagedReload};
use cors_runtime::tower::CorsLayer;

/// The policy file when `CORS_POLICY_FILE` is not set.
const DEFAULT_FILE: &str = "examples/policies/dev.cors";

/// The API, behind the CORS middleware. Every request is decided by the
/// policy `policy` holds at that moment.
fn app(policy: ReloadablePolicy) -> Router {
    Router::new()
        .route(
            "/api/items",
            get(|| async { ([("x-request-id", "1")], r#"[{"id":1,"name":"tea"}]"#) })
                .put(|| async { "updated" }),
        )
        .route("/health", get(|| async { "ok" }))
        .layer(CorsLayer::new(policy))
}

/// Reloads the policy when the file seen through its path changes.
struct Watcher {
    path: PathBuf,
    policy: ReloadablePolicy,
    seen: Option<Fingerprint>,
    guard: Guard,
}

/// What identifies one version of the policy file: the file the path
/// resolves to (through every symbolic link, such as a ConfigMap volume's
/// `..data`), that file's identity (device and inode on Unix), its size and
/// its modification time. Any difference means a new version.
#[derive(Clone, Debug, PartialEq, Eq)]
struct Fingerprint {
    target: PathBuf,
    identity: (u64, u64),
    len: u64,
    modified: Option<SystemTime>,
}

impl Fingerprint {
    /// The file at `path` now; `None` when it cannot be read.
    fn of(path: &Path) -> Option<Fingerprint> {
        let target = std::fs::canonicalize(path).ok()?;
        let metadata = std::fs::metadata(&target).ok()?;
        #[cfg(unix)]
        let identity = {
            use std::os::unix::fs::MetadataExt;
            (metadata.dev(), metadata.ino())
        };
        #[cfg(not(unix))]
        let identity = (0, 0);
        Some(Fingerprint {
            target,
            identity,
            len: metadata.len(),
            modified: metadata.modified().ok(),
        })
    }
}

impl Watcher {
    fn new(path: PathBuf, policy: ReloadablePolicy, guard: Guard) -> Self {
        let seen = Fingerprint::of(&path);
        Watcher {
            path,
            policy,
            seen,
            guard,
        }
    }

    /// Reloads if the file changed since the last check; `None` when it did
    /// not. The fingerprint is taken before the file is read: a change
    /// racing with the read is seen again at the next check.
    fn check(&mut self) -> Option<Result<(), DynamicError>> {
        let now = Fingerprint::of(&self.path);
        if now == self.seen {
            return None;
        }
        self.seen = now;
        Some(reload(&self.policy, &self.path, self.guard))
    }
}

/// Which reloads are applied.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Guard {
    /// Every valid new version.
    None,
    /// Only those that do not widen the policy (`CORS_POLICY_REFUSE_WIDENING=1`).
    RefuseWidening,
}

/// Re-reads the file and serves it, logging what changes; on error (or a
/// widening refused by `guard`), keeps the current policy and says why.
fn reload(policy: &ReloadablePolicy, path: &Path, guard: Guard) -> Result<(), DynamicError> {
    let result = match guard {
        Guard::RefuseWidening => policy.reload_from_file_unless_widening(path),
        Guard::None => policy
            .stage_from_file(path)
            .map(|staged| apply(policy, staged)),
    };
    match result {
        Ok(diff) => {
            eprint!(
                "env-policy: reloaded {}: {}",
                path.display(),
                summary(&diff)
            );
            Ok(())
        }
        Err(error) if error.widening().is_some() => {
            eprintln!("env-policy: {error}");
            Err(error)
        }
        Err(error) => {
            eprintln!(
                "env-policy: {} is invalid, keeping the current policy:\n{error}",
                path.display()
            );
            Err(error)
        }
    }
}

/// Serves a staged policy; staged again if another reload came first.
fn apply(policy: &ReloadablePolicy, mut staged: StagedReload) -> cors_runtime::dynamic::diff::Diff {
    loop {
        match policy.apply(staged) {
            Ok(diff) => return diff,
            Err(stale) => staged = policy.stage(stale.policy().clone()),
        }
    }
}

/// `equivalent`, or `N changes, widens` and one indented line per change.
fn summary(diff: &cors_runtime::dynamic::diff::Diff) -> String {
    let count = diff.changes().len();
    if count == 0 {
        return "equivalent\n".to_owned();
    }
    let noun = if count == 1 { "change" } else { "changes" };
    let widens = if diff.widens() {
        "widens"
    } else {
        "does not widen"
    };
    let mut text = format!("{count} {noun}, {widens}\n");
    for change in diff.changes() {
        text += &format!("  {change}\n");
    }
    text
}

/// `examples/policies/dev.cors` from the workspace root, or from this
/// package's folder when run elsewhere.
fn default_file() -> PathBuf {
    let path = PathBuf::from(DEFAULT_FILE);
    if path.exists() {
        path
    } else {
        Path::new(env!("CARGO_MANIFEST_DIR")).join("policies/dev.cors")
    }
}

fn main() -> std::process::ExitCode {
    let path = std::env::var_os("CORS_POLICY_FILE")
        .map(PathBuf::from)
        .unwrap_or_else(default_file);
    let name = std::env::var("CORS_POLICY_NAME").unwrap_or_else(|_| "Api".to_owned());
    let poll = std::env::var("CORS_POLICY_POLL_SECS")
        .ok()
        .and_then(|s| s.trim().parse::<f64>().ok())
        .filter(|secs| secs.is_finite() && *secs >= 0.0)
        .map_or(Duration::from_secs(2), Duration::from_secs_f64);
    let addr = std::env::var("ADDR").unwrap_or_else(|_| "127.0.0.1:3000".to_owned());
    let guard = match std::env::var("CORS_POLICY_REFUSE_WIDENING").as_deref() {
        Ok("1" | "true") => Guard::RefuseWidening,
        _ => Guard::None,
    };

    let policy = match ReloadablePolicy::from_file(&path, &name) {
        Ok(policy) => policy,
        Err(error) => {
            eprintln!("{error}");
            return std::process::ExitCode::from(1);
        }
    };
    eprintln!(
        "env-policy: policy {name} from {} (reload: SIGHUP{})",
        path.display(),
        if !poll.is_zero() {
            format!(
                ", or the file changing (checked every {} s)",
                poll.as_secs_f64()
            )
        } else {
            String::new()
        }
    );

    let runtime = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
        .expect("tokio runtime");
    runtime.block_on(async move {
        if !poll.is_zero() {
            let mut watcher = Watcher::new(path.clone(), policy.clone(), guard);
            tokio::spawn(async move {
                let mut interval = tokio::time::interval(poll);
                loop {
                    interval.tick().await;
                    let _ = watcher.check();
                }
            });
        }
        #[cfg(unix)]
        {
            use tokio::signal::unix::{signal, SignalKind};
            let (policy, path) = (policy.clone(), path.clone());
            let mut hangups = signal(SignalKind::hangup()).expect("SIGHUP handler");
            tokio::spawn(async move {
                while hangups.recv().await.is_some() {
                    let _ = reload(&policy, &path, guard);
                }
            });
        }
        let listener = tokio::net::TcpListener::bind(&addr)
            .await
            .unwrap_or_else(|error| panic!("cannot listen on {addr}: {error}"));
        let local = listener.local_addr().expect("local address");
        eprintln!("env-policy: listening on http://{local}");
        axum::serve(listener, app(policy)).await.expect("server");
    });
    std::process::ExitCode::SUCCESS
}

#[cfg(test)]
mod tests;
