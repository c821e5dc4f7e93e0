//! Tests of the env-policy server: reloads on change, ConfigMap-style
//! swaps, guarded reloads.

use super::*;
use tower::ServiceExt;

fn temp_policy(name: &str, text: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("env-policy-{}-{name}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("temp dir");
    let path = dir.join("api.cors");
    std::fs::write(&path, text).expect("write policy");
    path
}

fn block_on<F: std::future::Future>(future: F) -> F::Output {
    tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .expect("runtime")
        .block_on(future)
}

/// The ACAO the app answers a GET from `origin` with.
fn allow_origin(policy: &ReloadablePolicy, origin: &str) -> Option<String> {
    let request = axum::http::Request::get("/api/items")
        .header("origin", origin)
        .body(axum::body::Body::empty())
        .expect("request");
    let response = block_on(app(policy.clone()).oneshot(request)).expect("infallible");
    assert_eq!(response.status(), 200);
    response
        .headers()
        .get("access-control-allow-origin")
        .map(|v| v.to_str().expect("ascii").to_owned())
}

fn policies() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("policies")
}

#[test]
fn dev_and_prod_policies_are_valid_and_differ() {
    let dev = ReloadablePolicy::from_file(policies().join("dev.cors"), "Api").expect("dev");
    let prod = ReloadablePolicy::from_file(policies().join("prod.cors"), "Api").expect("prod");
    let local = "http://localhost:5173";
    let app = "https://app.example.com";
    assert_eq!(allow_origin(&dev, local).as_deref(), Some(local));
    assert_eq!(allow_origin(&dev, app), None);
    assert_eq!(allow_origin(&prod, local), None);
    assert_eq!(allow_origin(&prod, app).as_deref(), Some(app));
    let preview = "https://pr-12.preview.example.com";
    assert_eq!(allow_origin(&prod, preview).as_deref(), Some(preview));
}

#[test]
fn the_file_changing_reloads_and_an_invalid_file_keeps_the_policy() {
    let path = temp_policy("watch", r#"policy Api { origins: "https://one.example"; }"#);
    let policy = ReloadablePolicy::from_file(&path, "Api").expect("valid");
    let mut watcher = Watcher::new(path.clone(), policy.clone(), Guard::None);
    assert!(watcher.check().is_none(), "unchanged file");
    assert!(allow_origin(&policy, "https://one.example").is_some());

    // A valid edit: picked up by the watcher, served at once.
    std::fs::write(&path, r#"policy Api { origins: "https://two.example"; }"#).expect("write");
    watcher.seen = None; // file systems with a coarse mtime
    assert!(matches!(watcher.check(), Some(Ok(()))));
    assert!(allow_origin(&policy, "https://one.example").is_none());
    assert!(allow_origin(&policy, "https://two.example").is_some());

    // An invalid edit: refused with the `cors check` diagnostics; the
    // previous policy stays in force.
    std::fs::write(
        &path,
        r#"policy Api { origins: "https://three.example/"; }"#,
    )
    .expect("write");
    watcher.seen = None;
    let error = watcher.check().expect("changed").expect_err("invalid");
    assert_eq!(error.diagnostics()[0].code, "origin-trailing-slash");
    assert!(allow_origin(&policy, "https://two.example").is_some());

    // The file removed: also an error, the policy stays.
    std::fs::remove_file(&path).expect("remove");
    assert!(matches!(watcher.check(), Some(Err(_))));
    assert!(allow_origin(&policy, "https://two.example").is_some());
}

/// A Kubernetes ConfigMap volume: `api.cors -> ..data/api.cors`,
/// `..data -> ..<timestamp>/`, and an update writes a new timestamped
/// directory, points `..data_tmp` at it, renames `..data_tmp` over
/// `..data` (one atomic step) and removes the old directory.
#[cfg(unix)]
struct ConfigMap {
    dir: PathBuf,
    version: u32,
}

#[cfg(unix)]
impl ConfigMap {
    fn new(name: &str, text: &str) -> ConfigMap {
        let dir = std::env::temp_dir().join(format!(
            "env-policy-configmap-{}-{name}",
            std::process::id()
        ));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(&dir).expect("temp dir");
        let mut map = ConfigMap { dir, version: 0 };
        map.update(text, None);
        std::os::unix::fs::symlink("..data/api.cors", map.dir.join("api.cors"))
            .expect("symlink api.cors");
        map
    }

    /// The path a pod reads (`<volume>/api.cors`).
    fn path(&self) -> PathBuf {
        self.dir.join("api.cors")
    }

    /// Publishes `text` the kubelet's way; `modified` sets the new file's
    /// modification time (e.g. the old one's, as a copy that keeps
    /// timestamps would).
    fn update(&mut self, text: &str, modified: Option<SystemTime>) {
        let old = format!("..v{}", self.version);
        self.version += 1;
        let new = format!("..v{}", self.version);
        std::fs::create_dir(self.dir.join(&new)).expect("new version dir");
        let file = self.dir.join(&new).join("api.cors");
        std::fs::write(&file, text).expect("write policy");
        if let Some(time) = modified {
            std::fs::File::options()
                .write(true)
                .open(&file)
                .and_then(|f| f.set_modified(time))
                .expect("set mtime");
        }
        let tmp = self.dir.join("..data_tmp");
        std::os::unix::fs::symlink(&new, &tmp).expect("..data_tmp");
        std::fs::rename(&tmp, self.dir.join("..data")).expect("swap ..data");
        let _ = std::fs::remove_dir_all(self.dir.join(old));
    }
}

#[cfg(unix)]
impl Drop for ConfigMap {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.dir);
    }
}

#[cfg(unix)]
#[test]
fn a_configmap_style_swap_reloads_even_with_the_same_mtime_and_size() {
    let one = r#"policy Api { origins: "https://one.example"; }"#;
    let two = r#"policy Api { origins: "https://two.example"; }"#;
    assert_eq!(one.len(), two.len());
    let mut map = ConfigMap::new("swap", one);
    let policy = ReloadablePolicy::from_file(map.path(), "Api").expect("valid");
    let mut watcher = Watcher::new(map.path(), policy.clone(), Guard::None);
    assert!(watcher.check().is_none(), "unchanged volume");
    let first_mtime = std::fs::metadata(map.path())
        .and_then(|m| m.modified())
        .expect("mtime");

    // Same size, same modification time: only the file behind `..data`
    // is new.
    map.update(two, Some(first_mtime));
    assert_eq!(
        std::fs::metadata(map.path())
            .and_then(|m| m.modified())
            .ok(),
        Some(first_mtime)
    );
    assert!(matches!(watcher.check(), Some(Ok(()))), "swap not seen");
    assert!(watcher.check().is_none(), "reloaded twice");
    assert!(allow_origin(&policy, "https://one.example").is_none());
    assert!(allow_origin(&policy, "https://two.example").is_some());

    // An invalid version behind `..data`: refused, the policy stays.
    map.update(r#"policy Api { origins: "https://three.example/"; }"#, None);
    assert!(matches!(watcher.check(), Some(Err(_))));
    assert!(allow_origin(&policy, "https://two.example").is_some());

    // The next valid version is served.
    map.update(r#"policy Api { origins: "https://four.example"; }"#, None);
    assert!(matches!(watcher.check(), Some(Ok(()))));
    assert!(allow_origin(&policy, "https://four.example").is_some());
    assert!(allow_origin(&policy, "https://two.example").is_none());
}

#[test]
fn a_guarded_watcher_refuses_a_widening_edit() {
    let path = temp_policy(
        "guard",
        r#"policy Api { origins: "https://one.example", "https://two.example"; }"#,
    );
    let policy = ReloadablePolicy::from_file(&path, "Api").expect("valid");
    let mut watcher = Watcher::new(path.clone(), policy.clone(), Guard::RefuseWidening);

    // Narrowing: applied.
    std::fs::write(&path, r#"policy Api { origins: "https://one.example"; }"#).expect("write");
    watcher.seen = None;
    assert!(matches!(watcher.check(), Some(Ok(()))));
    assert!(allow_origin(&policy, "https://two.example").is_none());

    // Widening: refused with the diff, the policy stays.
    std::fs::write(&path, r#"policy Api { origins: "https://*.example"; }"#).expect("write");
    watcher.seen = None;
    let error = watcher.check().expect("changed").expect_err("widens");
    assert!(error.widening().is_some_and(|diff| diff.widens()));
    assert!(error
        .to_string()
        .contains("+ allows requests from more origins of https://*.example"));
    assert!(allow_origin(&policy, "https://a.example").is_none());
    assert!(allow_origin(&policy, "https://one.example").is_some());
}

#[test]
fn the_summary_lists_every_change() {
    let old = cors_runtime::dynamic::DynamicPolicy::parse(
        r#"policy Api { origins: "https://one.example"; max-age: 10m; }"#,
        "Api",
    )
    .unwrap();
    let new = cors_runtime::dynamic::DynamicPolicy::parse(
        r#"policy Api { origins: "https://one.example"; max-age: 600; methods: PUT; }"#,
        "Api",
    )
    .unwrap();
    assert_eq!(
        summary(&old.diff(&new)),
        "1 change, widens\n  + allows method PUT, e.g. OPTIONS with Origin: \
             https://one.example, Access-Control-Request-Method: PUT\n"
    );
    assert_eq!(summary(&old.diff(&old)), "equivalent\n");
}

#[test]
fn the_default_file_is_found() {
    assert!(default_file().exists());
}
