//! Where a package of this build's lock file lives (`cargo metadata`): the
//! tests that regenerate checked-in tables read their data from there.

use std::path::{Path, PathBuf};
use std::process::Command;

/// `name`'s version and folder in the lock file of cors-dsl's workspace.
pub fn package(name: &str) -> (String, PathBuf) {
    let output = Command::new(env!("CARGO"))
        .args(["metadata", "--format-version", "1", "--manifest-path"])
        .arg(Path::new(env!("CARGO_MANIFEST_DIR")).join("Cargo.toml"))
        .output()
        .expect("run cargo metadata");
    assert!(
        output.status.success(),
        "cargo metadata failed: {}",
        String::from_utf8_lossy(&output.stderr)
    );
    let metadata: serde_json::Value =
        serde_json::from_slice(&output.stdout).expect("cargo metadata prints JSON");
    let found = metadata["packages"]
        .as_array()
        .expect("a package list")
        .iter()
        .find(|p| p["name"] == name)
        .unwrap_or_else(|| panic!("{name} is not in the lock file (a dev-dependency of cors-dsl)"));
    let manifest = Path::new(found["manifest_path"].as_str().expect("a manifest path"));
    let version = found["version"].as_str().expect("a version").to_string();
    (version, manifest.parent().expect("a folder").to_path_buf())
}
