//! Choosing the policy, invalid policies, usage and I/O errors.

use super::*;

#[test]
fn a_single_policy_file_needs_no_policy_option() {
    let out = cors(&[
        "explain",
        &corpus("valid/expose-any.cors"),
        "--method",
        "GET",
        "-H",
        "Origin: https://x.example",
    ]);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    assert!(text(&out.stdout).contains("access-control-allow-origin: *"));
}

#[test]
fn invalid_policy_exits_1_with_the_same_output_as_check() {
    let file = corpus("invalid/trailing-slash.cors");
    let explained = cors(&["explain", &file, "--method", "GET"]);
    let checked = cors(&["check", &file]);
    assert_eq!(explained.status.code(), Some(1));
    assert_eq!(text(&explained.stdout), text(&checked.stdout));
}

#[test]
fn usage_and_io_errors_exit_2() {
    let file = api();
    let cases: &[(&[&str], &str)] = &[
        (
            &["explain", &file, "--method", "GET"],
            "choose one with --policy (Api, Open)",
        ),
        (
            &["explain", &file, "--policy", "Web", "--method", "GET"],
            "no policy named `Web` (available: Api, Open)",
        ),
        (
            &[
                "explain", &file, "--policy", "Api", "--method", "GET", "-H", "Origin",
            ],
            "write it as 'Name: value'",
        ),
        (
            &["explain", &file, "--policy", "Api", "--method", "G T"],
            "invalid method",
        ),
        (
            &[
                "explain",
                &file,
                "--policy",
                "Api",
                "--method",
                "GET",
                "-H",
                "Bad Name: x",
            ],
            "invalid header name",
        ),
        (
            &["explain", "/no/such/file.cors", "--method", "GET"],
            "no such file",
        ),
        (&["explain", &file, "--policy", "Api"], "--method"),
    ];
    for (args, expected) in cases {
        let out = cors(args);
        assert_eq!(out.status.code(), Some(2), "{args:?}");
        let stderr = text(&out.stderr);
        assert!(stderr.contains(expected), "{args:?}: {stderr}");
    }
}
