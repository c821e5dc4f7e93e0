//! `cors check` on sets and `extends`: every new diagnostic, errors that
//! arrive through a set or a parent (in the same file and through
//! `include`), and the unused-set warning.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

fn cors(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_cors"))
        .args(args)
        .output()
        .expect("run cors")
}

fn text(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}

/// A fresh folder holding `files` (name, content).
fn folder(name: &str, files: &[(&str, &str)]) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("cors-cli-reuse-{name}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).expect("temp dir");
    for (file, content) in files {
        std::fs::write(dir.join(file), content).expect("write");
    }
    dir
}

fn check(dir: &Path, file: &str) -> (Option<i32>, String) {
    let path = dir.join(file).display().to_string();
    let out = cors(&["check", &path]);
    (
        out.status.code(),
        text(&out.stdout).replace(&format!("{}/", dir.display()), ""),
    )
}

const SHARED: &str = "// Shared lists.\nset Frontends = \"https://app.example.com\", \"http://admin.example.com\";\nset Verbs = GET, PUT;\n";

/// (name, files, file to check, exit status, expected fragments of the output)
#[allow(clippy::type_complexity)]
const CASES: &[(&str, &[(&str, &str)], &str, i32, &[&str])] = &[
    (
        "invalid-set-name",
        &[("a.cors", "set frontends = \"https://a.example\";\npolicy A { origins: *; }\n")],
        "a.cors",
        1,
        &["a.cors:1:5: error: `frontends` cannot name a set", "a.cors: 1 error\n"],
    ),
    (
        "duplicate-set",
        &[("a.cors", "set Web = *;\nset Web = *;\npolicy A { origins: Web; }\n")],
        "a.cors",
        1,
        &["a.cors:2:5: error: a set named `Web` is already defined (at "],
    ),
    (
        "unknown-set",
        &[("a.cors", "set Frontends = *;\npolicy A { origins: Frontend; }\n")],
        "a.cors",
        1,
        &["a.cors:2:21: error: no set is named `Frontend`", "= help: did you mean `Frontends`?"],
    ),
    (
        "set-cycle",
        &[("a.cors", "set Aa = Bb;\nset Bb = Aa;\npolicy A { origins: *; methods: Aa; }\n")],
        "a.cors",
        1,
        &["a.cors:2:10: error: set `Aa` contains itself through `Bb`"],
    ),
    (
        "set-mismatch",
        &[("a.cors", "set Web = \"https://a.example\";\npolicy A { origins: *; methods: Web; }\n")],
        "a.cors",
        1,
        &[
            "a.cors:2:33: error: set `Web` cannot be used in `methods`",
            "= note: the origin \"https://a.example\" is written at ",
        ],
    ),
    (
        "unknown-parent",
        &[("a.cors", "policy Api { origins: *; }\npolicy Admin extends Apii { methods: GET; }\n")],
        "a.cors",
        1,
        &["a.cors:2:22: error: policy `Admin` extends `Apii`, but no policy has that name", "did you mean `Api`?"],
    ),
    (
        "extends-cycle",
        &[("a.cors", "policy A extends B { origins: *; }\npolicy B extends A { origins: *; }\n")],
        "a.cors",
        1,
        &["a.cors:2:18: error: policy `A` extends itself through `B`"],
    ),
    // Through a set, in the same file.
    (
        "through-set",
        &[("a.cors", "set Web = \"https://a.example/\";\n\npolicy A {\n    origins: Web;\n}\n")],
        "a.cors",
        1,
        &[
            "a.cors:1:11: error: the origin \"https://a.example/\" ends with",
            "1 | set Web = \"https://a.example/\";\n  |           ^^^^^^^^^^^^^^^^^^^^",
            "= note: arrived in policy `A` through set `Web` (named at ",
        ],
    ),
    // Through `extends`, in the same file.
    (
        "through-extends",
        &[("a.cors", "policy Api { origins: *; }\npolicy Admin extends Api { credentials: true; }\n")],
        "a.cors",
        1,
        &[
            "a.cors:1:23: error: `origins: *` cannot be combined with `credentials: true`",
            "= note: arrived in policy `Admin` from policy `Api`\n",
        ],
    ),
    // Through an included set: at the value in the included file, with both notes.
    (
        "through-included-set",
        &[
            ("shared.cors", SHARED),
            ("api.cors", "include \"shared.cors\";\n\npolicy Api {\n    origins: Frontends;\n    credentials: true;\n}\n"),
        ],
        "api.cors",
        1,
        &[
            "shared.cors:2:44: error: origin \"http://admin.example.com\" uses plain `http://`",
            "= note: arrived in policy `Api` through set `Frontends` (named at ",
            "api.cors:4:14)",
            "= note: included from ",
        ],
    ),
    // Through an included parent and a set.
    (
        "through-included-parent",
        &[
            ("shared.cors", SHARED),
            ("base.cors", "include \"shared.cors\";\npolicy Base { origins: Frontends; methods: Verbs; }\n"),
            ("admin.cors", "include \"base.cors\";\npolicy Admin extends Base { credentials: true; }\n"),
        ],
        "admin.cors",
        1,
        &[
            "shared.cors:2:44: error: origin \"http://admin.example.com\" uses plain `http://`",
            "= note: arrived in policy `Admin` from policy `Base`, through set `Frontends` (named at ",
            "base.cors:2:24)",
        ],
    ),
    // An unused set: a warning, the file is valid.
    (
        "unused-set",
        &[("a.cors", "set Web = \"https://a.example\";\nset Legacy = \"https://old.example\";\npolicy A { origins: Web; }\n")],
        "a.cors",
        0,
        &[
            "a.cors:2:5: warning: set `Legacy` is never used\n  |\n2 | set Legacy",
            "= help: use it in a policy's list, or remove it\n\n",
            "a.cors: ok (1 policy: A), 1 warning\n",
        ],
    ),
    // An unused set beside an error.
    (
        "unused-set-and-error",
        &[("a.cors", "set Legacy = GET;\npolicy A { methods: GET; }\n")],
        "a.cors",
        1,
        &["warning: set `Legacy` is never used", "a.cors: 1 error, 1 warning\n"],
    ),
    // A file of sets alone is valid and warns of nothing.
    (
        "sets-only",
        &[("shared.cors", SHARED)],
        "shared.cors",
        0,
        &["shared.cors: ok (no policy, only sets)\n"],
    ),
];

#[test]
fn every_case() {
    let mut failures = Vec::new();
    for (name, files, file, status, fragments) in CASES {
        let dir = folder(name, files);
        let (code, stdout) = check(&dir, file);
        if code != Some(*status) {
            failures.push(format!(
                "{name}: exit {code:?}, expected {status}:\n{stdout}"
            ));
        }
        for fragment in *fragments {
            if !stdout.contains(fragment) {
                failures.push(format!("{name}: no {fragment:?} in\n{stdout}"));
            }
        }
        let _ = std::fs::remove_dir_all(dir);
    }
    assert!(failures.is_empty(), "{}", failures.join("\n---\n"));
}

#[test]
fn files_without_sets_print_what_they_always_did() {
    let corpus = Path::new(env!("CARGO_MANIFEST_DIR")).join("../tests/corpus");
    let file = corpus.join("valid/api.cors").display().to_string();
    let out = cors(&["check", &file]);
    assert_eq!(
        text(&out.stdout),
        format!("{file}: ok (2 policies: Api, Assets)\n")
    );
}
