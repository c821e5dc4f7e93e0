//! Compile-fail tests of `cors_policy!`: every diagnostic's text and span are
//! pinned in `fail/*.stderr` (regenerate with `TRYBUILD=overwrite`
//! after an intended change, and review the diff).

use std::path::{Path, PathBuf};

/// trybuild compiles each case in its own project under
/// `<target>/tests/trybuild/cors-ui-tests/`, which is then the
/// `CARGO_MANIFEST_DIR` that `include "…"` paths are relative to: the policy
/// files the cases include are copied there first.
fn copy_policy_fixtures() {
    let exe = std::env::current_exe().expect("test executable path");
    // <target>/debug/deps/compile_fail-<hash>
    let target = exe
        .ancestors()
        .nth(3)
        .expect("the test executable lives in <target>/<profile>/deps");
    let project = target.join("tests/trybuild/cors-ui-tests");
    copy_dir(
        &Path::new(env!("CARGO_MANIFEST_DIR")).join("policies"),
        &project.join("policies"),
    );
}

fn copy_dir(from: &Path, to: &PathBuf) {
    std::fs::create_dir_all(to).expect("create the fixture folder");
    for entry in std::fs::read_dir(from).expect("read policies/") {
        let entry = entry.expect("directory entry");
        std::fs::copy(entry.path(), to.join(entry.file_name())).expect("copy a policy fixture");
    }
}

#[test]
fn compile_fail() {
    copy_policy_fixtures();
    let t = trybuild::TestCases::new();
    t.compile_fail("fail/*.rs");
}
