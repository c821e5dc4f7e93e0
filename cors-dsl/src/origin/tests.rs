//! Table-driven tests for origin canonicalization.

use super::*;

/// Accepted inputs and their canonical form (`Display`), with whether the
/// result is a pattern.
const ACCEPTED: &[(&str, &str, bool)] = &[
    // Plain domains.
    ("https://example.com", "https://example.com", false),
    ("http://example.com", "http://example.com", false),
    (
        "https://a.b.c.example.com",
        "https://a.b.c.example.com",
        false,
    ),
    ("https://example", "https://example", false),
    ("https://a-b.example", "https://a-b.example", false),
    ("https://a_b.example", "https://a_b.example", false),
    ("https://-a.example", "https://-a.example", false),
    ("https://1a.example", "https://1a.example", false),
    ("https://example.c0m", "https://example.c0m", false),
    ("wss://example.com", "wss://example.com", false),
    ("ws://localhost", "ws://localhost", false),
    ("ftp://files.example", "ftp://files.example", false),
    // Trailing dot: kept.
    ("https://example.com.", "https://example.com.", false),
    ("http://localhost.", "http://localhost.", false),
    // IDN.
    (
        "https://bücher.example",
        "https://xn--bcher-kva.example",
        false,
    ),
    (
        "https://élève.example",
        "https://xn--lve-6lad.example",
        false,
    ),
    (
        "https://xn--bcher-kva.example",
        "https://xn--bcher-kva.example",
        false,
    ),
    ("https://faß.de", "https://xn--fa-hia.de", false),
    // Decomposed accents are normalized (NFC) as browsers do.
    (
        "https://e\u{301}le\u{300}ve.example",
        "https://xn--lve-6lad.example",
        false,
    ),
    // Full-width forms are mapped by UTS #46.
    ("https://ｅｘａｍｐｌｅ.com", "https://example.com", false),
    ("https://☃.example", "https://xn--n3h.example", false),
    ("https://日本.jp", "https://xn--wgv71a.jp", false),
    (
        "https://bücher.example.",
        "https://xn--bcher-kva.example.",
        false,
    ),
    (
        "https://bücher。example",
        "https://xn--bcher-kva.example",
        false,
    ),
    (
        "https://*.bücher.example",
        "https://*.xn--bcher-kva.example",
        true,
    ),
    // Ports.
    (
        "https://example.com:8443",
        "https://example.com:8443",
        false,
    ),
    ("http://example.com:443", "http://example.com:443", false),
    ("https://example.com:80", "https://example.com:80", false),
    ("http://localhost:3000", "http://localhost:3000", false),
    ("http://localhost:1", "http://localhost:1", false),
    ("http://localhost:65535", "http://localhost:65535", false),
    ("ftp://example.com:22", "ftp://example.com:22", false),
    ("tauri://localhost:80", "tauri://localhost:80", false),
    // IPv4.
    ("http://127.0.0.1", "http://127.0.0.1", false),
    ("http://127.0.0.1:3000", "http://127.0.0.1:3000", false),
    ("http://0.0.0.0", "http://0.0.0.0", false),
    ("http://255.255.255.255", "http://255.255.255.255", false),
    ("http://10.0.0.1:8080", "http://10.0.0.1:8080", false),
    ("https://192.168.1.10", "https://192.168.1.10", false),
    // IPv6.
    ("http://[::1]", "http://[::1]", false),
    ("http://[::1]:3000", "http://[::1]:3000", false),
    ("http://[::]", "http://[::]", false),
    ("http://[2001:db8::1]", "http://[2001:db8::1]", false),
    (
        "http://[2001:db8::1:0:0:1]",
        "http://[2001:db8::1:0:0:1]",
        false,
    ),
    (
        "http://[2001:db8:0:1:1:1:1:1]",
        "http://[2001:db8:0:1:1:1:1:1]",
        false,
    ),
    ("http://[1:0:0:2::3]", "http://[1:0:0:2::3]", false),
    ("http://[fe80::1]:8080", "http://[fe80::1]:8080", false),
    ("http://[::ffff:7f00:1]", "http://[::ffff:7f00:1]", false),
    // Wildcards.
    ("https://*.example.com", "https://*.example.com", true),
    ("https://*.example.com.", "https://*.example.com.", true),
    ("https://*.com", "https://*.com", true),
    ("http://*.localhost", "http://*.localhost", true),
    ("http://localhost:*", "http://localhost:*", true),
    ("https://*.example.com:*", "https://*.example.com:*", true),
    (
        "https://*.example.com:8443",
        "https://*.example.com:8443",
        true,
    ),
    ("http://127.0.0.1:*", "http://127.0.0.1:*", true),
    ("http://[::1]:*", "http://[::1]:*", true),
    // Other schemes.
    (
        "chrome-extension://abcdef",
        "chrome-extension://abcdef",
        false,
    ),
    ("tauri://localhost", "tauri://localhost", false),
    (
        "moz-extension://a1b2c3d4-e5f6",
        "moz-extension://a1b2c3d4-e5f6",
        false,
    ),
    ("web+app://x.example", "web+app://x.example", false),
    ("a.b-c+d://x.example", "a.b-c+d://x.example", false),
];

#[test]
fn accepted_inputs_canonicalize() {
    for &(input, canonical, pattern) in ACCEPTED {
        let parsed = parse_origin(input)
            .unwrap_or_else(|e| panic!("{input:?} was rejected: {} ({})", e.message, e.code));
        assert_eq!(parsed.to_string(), canonical, "{input:?}");
        assert_eq!(parsed.is_wildcard(), pattern, "{input:?}");
        // The canonical form is a fixed point.
        assert_eq!(
            parse_origin(canonical).as_ref(),
            Ok(&parsed),
            "{canonical:?}"
        );
    }
}

#[test]
fn model_values() {
    assert_eq!(
        parse_origin("https://*.example.com"),
        Ok(ParsedOrigin::Pattern(OriginPattern {
            scheme: "https".into(),
            host: HostPattern::Subdomains("example.com".into()),
            port: PortPattern::Default,
        }))
    );
    assert_eq!(
        parse_origin("http://localhost:*"),
        Ok(ParsedOrigin::Pattern(OriginPattern {
            scheme: "http".into(),
            host: HostPattern::Exact("localhost".into()),
            port: PortPattern::Any,
        }))
    );
    assert_eq!(
        parse_origin("https://*.a.example:8443"),
        Ok(ParsedOrigin::Pattern(OriginPattern {
            scheme: "https".into(),
            host: HostPattern::Subdomains("a.example".into()),
            port: PortPattern::Exact(8443),
        }))
    );
    assert_eq!(
        parse_origin("http://[::1]:*"),
        Ok(ParsedOrigin::Pattern(OriginPattern {
            scheme: "http".into(),
            host: HostPattern::Exact("[::1]".into()),
            port: PortPattern::Any,
        }))
    );
    assert_eq!(
        parse_origin("http://[::1]:3000"),
        Ok(ParsedOrigin::Exact(ExactOrigin {
            scheme: "http".into(),
            host: "[::1]".into(),
            port: Some(3000),
        }))
    );
}

#[test]
fn host_kinds() {
    let cases = [
        ("https://example.com", "domain"),
        ("http://127.0.0.1:1", "ipv4"),
        ("http://[::1]", "ipv6"),
        ("https://*.example.com", "domain"),
    ];
    for (input, kind) in cases {
        assert_eq!(host_kind_for_tests(input), Some(kind), "{input}");
    }
}

/// Rejected inputs and the expected error code.
const REJECTED: &[(&str, &str)] = &[
    // Keywords in quotes, empty, length.
    ("*", "origin-quoted-wildcard"),
    (" * ", "origin-quoted-wildcard"),
    ("null", "origin-quoted-null"),
    ("NULL", "origin-quoted-null"),
    ("", "origin-empty"),
    // Scheme.
    ("example.com", "origin-missing-scheme"),
    ("//example.com", "origin-missing-scheme"),
    ("://example.com", "origin-missing-scheme"),
    ("localhost:3000", "origin-missing-scheme"),
    ("example.com:*", "origin-missing-scheme"),
    ("example.com:8080/", "origin-missing-scheme"),
    ("a.b:c", "origin-missing-scheme"),
    ("https:example.com", "origin-missing-slashes"),
    ("https:/example.com", "origin-missing-slashes"),
    ("file:///home/me/index.html", "origin-file-scheme"),
    ("file://example.com", "origin-file-scheme"),
    ("FILE://x", "origin-file-scheme"),
    ("file:x", "origin-file-scheme"),
    ("data:text/html,hi", "origin-opaque-scheme"),
    ("blob:https://a.example/uuid", "origin-opaque-scheme"),
    ("HTTPS://example.com", "origin-uppercase-scheme"),
    ("Https://example.com", "origin-uppercase-scheme"),
    ("1http://example.com", "origin-invalid-scheme"),
    ("ht_tp://example.com", "origin-invalid-scheme"),
    ("-http://example.com", "origin-invalid-scheme"),
    ("htt€p://example.com", "origin-invalid-scheme"),
    // Shape.
    ("https://example.com/", "origin-trailing-slash"),
    ("https://a.com/api", "origin-path"),
    ("https://a.com//", "origin-path"),
    ("https://a.com\\", "origin-path"),
    ("https://a.com:443/", "origin-trailing-slash"),
    ("https://a.com?x=1", "origin-query"),
    ("https://a.com?", "origin-query"),
    ("https://a.com#top", "origin-fragment"),
    ("https://user@a.com", "origin-userinfo"),
    ("https://u:p@a.com", "origin-userinfo"),
    ("https://a.com@evil.com", "origin-userinfo"),
    (" https://a.com", "origin-whitespace"),
    ("https://a.com ", "origin-whitespace"),
    ("https://a .com", "origin-whitespace"),
    ("https://a.com\t", "origin-whitespace"),
    ("https://a.com\u{3000}", "origin-whitespace"),
    ("https://a\u{0}.com", "origin-control-character"),
    ("https://a\u{7f}.com", "origin-control-character"),
    ("https://", "origin-empty-host"),
    ("https:///a.com", "origin-empty-host"),
    ("https://:443", "origin-empty-host"),
    ("http://:*", "origin-empty-host"),
    ("https://a%2ecom", "origin-percent-encoding"),
    ("https://%61.com", "origin-percent-encoding"),
    // Host.
    ("https://EXAMPLE.com", "origin-uppercase-host"),
    ("http://exAmplE.coM", "origin-uppercase-host"),
    ("https://BÜCHER.example", "origin-uppercase-host"),
    ("https://Bücher.example", "origin-uppercase-host"),
    ("https://bÜcher.example", "origin-uppercase-host"),
    ("https://*.Example.com", "origin-uppercase-host"),
    ("http://a..com", "origin-empty-label"),
    ("http://.a.com", "origin-empty-label"),
    ("http://a.com..", "origin-empty-label"),
    ("http://.", "origin-empty-label"),
    ("https://*..com", "origin-empty-label"),
    ("https://a!b.com", "origin-invalid-host-character"),
    ("https://a$b.com", "origin-invalid-host-character"),
    ("https://a,b.com", "origin-invalid-host-character"),
    ("https://a+b.com", "origin-invalid-host-character"),
    ("https://a~b.com", "origin-invalid-host-character"),
    ("https://a;b.com", "origin-invalid-host-character"),
    ("https://a]b.com", "origin-ipv6-invalid"),
    ("http://xn--f", "origin-invalid-idna"),
    ("http://xn--bcher-kva.example.xn--", "origin-invalid-idna"),
    ("https://a\u{ff01}b.com", "origin-invalid-idna"),
    ("https://\u{ff0a}.example.com", "origin-invalid-idna"),
    ("https://a\u{ff1a}b.com", "origin-invalid-idna"),
    ("https://ＥＸＡＭＰＬＥ.com", "origin-uppercase-host"),
    ("https://\u{200e}a.com", "origin-invalid-idna"),
    ("http://foo.255", "origin-numeric-host"),
    ("http://foo.bar.255", "origin-numeric-host"),
    ("http://1.2.3.4.5", "origin-numeric-host"),
    ("http://256.0.0.1", "origin-numeric-host"),
    ("http://1.2.3.256", "origin-numeric-host"),
    ("http://foo.0x1", "origin-numeric-host"),
    ("http://a.1b", "origin-numeric-host"),
    ("http://127.1", "origin-ipv4-not-canonical"),
    ("http://0x7f.0.0.1", "origin-ipv4-not-canonical"),
    ("http://0xff000000", "origin-ipv4-not-canonical"),
    ("http://0xFF000000", "origin-uppercase-host"),
    ("http://2130706433", "origin-ipv4-not-canonical"),
    ("http://010.0.0.1", "origin-ipv4-not-canonical"),
    ("http://127.0.0.01", "origin-ipv4-not-canonical"),
    ("http://127.0.0.1.", "origin-ipv4-not-canonical"),
    ("http://１２７.０.０.１:3000", "origin-ipv4-not-canonical"),
    // Lengths.
    (
        "https://aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa.com",
        "origin-label-too-long",
    ),
    // IPv6.
    ("http://[0:0:0:0:0:0:0:1]", "origin-ipv6-not-canonical"),
    ("http://[::0001]", "origin-ipv6-not-canonical"),
    ("http://[2001:DB8::1]", "origin-ipv6-not-canonical"),
    ("http://[2001:db8:0:0:1:0:0:1]", "origin-ipv6-not-canonical"),
    ("http://[2001:db8::1:1:1:1:1]", "origin-ipv6-not-canonical"),
    ("http://[1:0:0:2:0:0:0:3]", "origin-ipv6-not-canonical"),
    ("http://[::ffff:1.2.3.4]", "origin-ipv6-embedded-ipv4"),
    (
        "http://[::ffff:7f7f:7f7f]",
        "origin-ipv6-not-canonical-or-ok",
    ),
    ("http://[::1%25eth0]", "origin-ipv6-zone-id"),
    ("http://[fe80::1%eth0]:80", "origin-ipv6-zone-id"),
    ("http://[::1", "origin-ipv6-invalid"),
    ("http://[::g]", "origin-ipv6-invalid"),
    ("http://[1:2:3:4:5:6:7:8:9]", "origin-ipv6-invalid"),
    ("http://[]", "origin-ipv6-invalid"),
    ("http://[::1]x", "origin-ipv6-invalid"),
    ("http://::1", "origin-ipv6-unbracketed"),
    ("http://::1:3000", "origin-ipv6-unbracketed"),
    ("http://2001:db8::1", "origin-ipv6-unbracketed"),
    // Ports.
    ("https://a.com:443", "origin-default-port"),
    ("http://a.com:80", "origin-default-port"),
    ("wss://a.com:443", "origin-default-port"),
    ("ws://a.com:80", "origin-default-port"),
    ("ftp://a.com:21", "origin-default-port"),
    ("https://*.a.com:443", "origin-default-port"),
    ("http://[::1]:80", "origin-default-port"),
    ("https://a.com:0", "origin-port-zero"),
    ("https://a.com:00", "origin-port-zero"),
    ("https://a.com:08080", "origin-port-leading-zero"),
    ("http://x:06060", "origin-port-leading-zero"),
    ("https://a.com:65536", "origin-port-out-of-range"),
    (
        "https://a.com:99999999999999999999",
        "origin-port-out-of-range",
    ),
    ("https://a.com:", "origin-port-empty"),
    ("https://a.com:abc", "origin-port-invalid"),
    ("https://a.com:-1", "origin-port-invalid"),
    ("https://a.com:+80", "origin-port-invalid"),
    ("https://a.com:80:80", "origin-port-invalid"),
    ("https://a.com:８０", "origin-port-invalid"),
    // Wildcards.
    ("https://*example.com", "origin-wildcard-partial-label"),
    ("https://a*.com", "origin-wildcard-partial-label"),
    ("https://**.example.com", "origin-wildcard-partial-label"),
    ("https://*a.example.com", "origin-wildcard-partial-label"),
    ("https://*.a*.example.com", "origin-wildcard-partial-label"),
    ("https://a.*.example.com", "origin-wildcard-not-leading"),
    ("https://*.*.example.com", "origin-wildcard-not-leading"),
    ("https://example.*", "origin-wildcard-not-leading"),
    ("https://*", "origin-wildcard-bare-host"),
    ("https://*.", "origin-wildcard-bare-host"),
    ("https://*:*", "origin-wildcard-bare-host"),
    ("https://*.127.0.0.1", "origin-wildcard-ip-host"),
    ("https://*.[::1]", "origin-wildcard-ip-host"),
    ("https://[*::1]", "origin-wildcard-ip-host"),
    ("https://*.1.2.3.4.5", "origin-numeric-host"),
    ("https://a.com:8*", "origin-wildcard-partial-port"),
    ("https://a.com:**", "origin-wildcard-partial-port"),
    ("https://a.com:*0", "origin-wildcard-partial-port"),
];

#[test]
fn rejected_inputs_have_codes() {
    let mut failures = Vec::new();
    for &(input, code) in REJECTED {
        match parse_origin(input) {
            Ok(parsed) if code.ends_with("-or-ok") => {
                // An IPv4-mapped address written in hex is canonical.
                assert_eq!(parsed.to_string(), input);
            }
            Ok(parsed) => failures.push(format!("{input:?}: accepted as {parsed}, want {code}")),
            Err(e) => {
                if e.code != code {
                    failures.push(format!(
                        "{input:?}: got {} ({}), want {code}",
                        e.code, e.message
                    ));
                }
                assert!(!e.message.is_empty() && !e.hint.is_empty(), "{input:?}");
                assert!(e.code.starts_with("origin-"), "{input:?}");
            }
        }
    }
    assert!(failures.is_empty(), "\n{}", failures.join("\n"));
}

#[test]
fn long_inputs() {
    let label = "a".repeat(63);
    let host = [label.as_str(); 4].join(".");
    assert_eq!(host.len(), 255);
    assert_eq!(
        parse_origin(&format!("https://{host}")).map_err(|e| e.code),
        Err("origin-host-too-long")
    );
    let ok_host = format!("{}.{}", [label.as_str(); 3].join("."), "a".repeat(61));
    assert_eq!(ok_host.len(), 253);
    assert!(parse_origin(&format!("https://{ok_host}")).is_ok());
    assert!(parse_origin(&format!("https://{ok_host}.")).is_ok());
    assert_eq!(
        parse_origin(&format!("https://*.{ok_host}")).map_err(|e| e.code),
        Err("origin-host-too-long")
    );
    let long = format!("https://{}", "a".repeat(400));
    assert_eq!(
        parse_origin(&long).map_err(|e| e.code),
        Err("origin-too-long")
    );
    let scheme = format!("{}://a.com", "s".repeat(65));
    assert_eq!(
        parse_origin(&scheme).map_err(|e| e.code),
        Err("origin-scheme-too-long")
    );
    // A very long non-ASCII input never panics.
    let wide = format!("https://{}", "é".repeat(300));
    assert!(parse_origin(&wide).is_err());
}

#[test]
fn hints() {
    let cases: &[(&str, &str)] = &[
        ("example.com", "write \"https://example.com\""),
        ("//example.com", "write \"https://example.com\""),
        ("localhost:3000", "write \"http://localhost:3000\""),
        ("localhost:3000/", "write \"http://localhost:3000\""),
        ("example.com/api", "write \"https://example.com\""),
        ("example.com:8080/x", "write \"https://example.com:8080\""),
        ("https:example.com/x", "write \"https://example.com\""),
        ("//example.com/", "write \"https://example.com\""),
        ("https://example.com/", "remove the trailing \"/\""),
        ("https://a.com/api", "write \"https://a.com\""),
        ("https://user@a.com", "write \"https://a.com\""),
        (
            "https://a.com:443",
            "remove \":443\": browsers never send the default port",
        ),
        (
            "http://a.com:80",
            "remove \":80\": browsers never send the default port",
        ),
        (
            "https://EXAMPLE.com:8443",
            "write \"https://example.com:8443\"",
        ),
        ("HTTPS://example.com", "write \"https://example.com\""),
        (
            "http://[0:0:0:0:0:0:0:1]:3000",
            "write \"http://[::1]:3000\"",
        ),
        (
            "http://[::ffff:1.2.3.4]",
            "write \"http://[::ffff:102:304]\"",
        ),
        ("http://::1", "write \"http://[::1]\""),
        ("https://a.com:08080", "write \":8080\""),
        ("https://a.com ", "write \"https://a.com\""),
        (
            "*",
            "write the bare keyword * without quotes to allow any origin",
        ),
    ];
    for (input, hint) in cases {
        let e = parse_origin(input).expect_err(input);
        assert_eq!(e.hint, *hint, "{input:?}");
    }
    let e = parse_origin("http://127.1").expect_err("127.1");
    assert!(
        e.hint.starts_with("write \"http://127.0.0.1\""),
        "{}",
        e.hint
    );
    let e = parse_origin("https://a.*.example.com").expect_err("a.*");
    assert!(
        e.hint.starts_with("write \"https://*.example.com\""),
        "{}",
        e.hint
    );
    let e = parse_origin("file:///x").expect_err("file");
    assert!(e.message.contains("null"), "{}", e.message);
    assert!(e.hint.contains("null"), "{}", e.hint);
    let e = parse_origin("null").expect_err("null");
    assert!(e.hint.contains("bare keyword null"), "{}", e.hint);
    let e = parse_origin("https://a.com/api").expect_err("path");
    assert!(e.message.contains("\"https://a.com/api\""), "{}", e.message);
}

#[test]
fn insecure_table() {
    let cases: &[(&str, bool)] = &[
        ("http://example.com", true),
        ("http://example.com:8080", true),
        ("http://*.example.com", true),
        ("http://*.example.com:*", true),
        ("http://10.0.0.1", true),
        ("http://[::2]", true),
        ("http://[::ffff:7f00:1]", true),
        ("http://localhost.example", true),
        ("http://notlocalhost", true),
        ("http://128.0.0.1", true),
        ("http://localhost", false),
        ("http://localhost.", false),
        ("http://localhost:3000", false),
        ("http://localhost:*", false),
        ("http://app.localhost", false),
        ("http://app.localhost.:8080", false),
        ("http://*.localhost", false),
        ("http://*.localhost.", false),
        ("http://*.app.localhost:*", false),
        ("http://127.0.0.1", false),
        ("http://127.255.255.254:8080", false),
        ("http://127.0.0.1:*", false),
        ("http://[::1]", false),
        ("http://[::1]:3000", false),
        ("http://[::1]:*", false),
        ("https://example.com", false),
        ("https://*.example.com", false),
        ("wss://example.com", false),
        ("ws://example.com", false),
        ("chrome-extension://abcdef", false),
        ("tauri://localhost", false),
    ];
    for (input, insecure) in cases {
        let parsed = parse_origin(input).expect(input);
        assert_eq!(parsed.is_insecure(), *insecure, "{input}");
    }
}

#[test]
fn public_suffix_table() {
    let cases: &[(&str, Option<&str>)] = &[
        ("https://*.com", Some("com")),
        ("https://*.co.uk", Some("co.uk")),
        ("https://*.github.io", Some("github.io")),
        ("https://*.com.", Some("com.")),
        ("https://*.com:*", Some("com")),
        ("http://*.herokuapp.com", Some("herokuapp.com")),
        ("https://*.xn--p1ai", Some("xn--p1ai")),
        ("https://*.рф", Some("xn--p1ai")),
        ("https://*.example.com", None),
        ("https://*.user.github.io", None),
        ("https://*.bbc.co.uk", None),
        ("https://*.example", None),
        ("http://*.localhost", None),
        ("https://*.notarealtld", None),
        ("https://com", None),
        ("https://github.io", None),
        ("https://example.com:*", None),
    ];
    for (input, want) in cases {
        let parsed = parse_origin(input).expect(input);
        assert_eq!(parsed.public_suffix_wildcard(), *want, "{input}");
    }
}

#[test]
fn covers_table() {
    let cases: &[(&str, &str, bool)] = &[
        ("https://*.example.com", "https://a.example.com", true),
        ("https://*.example.com", "https://a.b.example.com", true),
        ("https://*.example.com", "https://*.a.example.com", true),
        ("https://*.example.com", "https://example.com", false),
        ("https://*.example.com", "https://*.example.com", false),
        ("https://*.example.com", "https://aexample.com", false),
        ("https://*.example.com", "https://a.example.com.", false),
        ("https://*.example.com", "http://a.example.com", false),
        ("https://*.example.com", "https://a.example.com:8443", false),
        ("https://*.example.com", "https://a.example.com:*", false),
        ("https://*.example.com", "https://*.example.com:*", false),
        ("https://*.example.com:*", "https://*.example.com", true),
        (
            "https://*.example.com:*",
            "https://a.example.com:8443",
            true,
        ),
        ("https://*.example.com:*", "https://a.example.com", true),
        ("https://*.example.com:*", "https://*.a.example.com:9", true),
        ("https://*.example.com:*", "https://example.com:8443", false),
        (
            "https://*.example.com:8443",
            "https://a.example.com:8443",
            true,
        ),
        ("https://*.example.com:8443", "https://a.example.com", false),
        ("http://localhost:*", "http://localhost:3000", true),
        ("http://localhost:*", "http://localhost", true),
        ("http://localhost:*", "http://localhost:*", false),
        ("http://localhost:*", "http://a.localhost:3000", false),
        ("http://localhost:*", "https://localhost:3000", false),
        ("http://localhost:*", "http://localhost.:3000", false),
        ("http://*.localhost", "http://localhost", false),
        ("http://[::1]:*", "http://[::1]:3000", true),
        ("http://[::1]:*", "http://[::1]", true),
        ("http://127.0.0.1:*", "http://127.0.0.1:8080", true),
        ("http://127.0.0.1:*", "http://127.0.0.2:8080", false),
        ("https://*.com", "https://example.com", true),
        ("https://*.com", "https://*.example.com", true),
        ("https://*.com", "https://*.com", false),
        ("https://a.example.com", "https://a.example.com", false),
        ("https://a.example.com", "https://*.example.com", false),
        ("http://localhost:3000", "http://localhost:*", false),
    ];
    for (general, specific, want) in cases {
        let g = parse_origin(general).expect(general);
        let s = parse_origin(specific).expect(specific);
        assert_eq!(covers(&g, &s), *want, "{general} covers {specific}");
    }
    // Hand-built values that parse_origin never produces do not panic.
    let odd = ParsedOrigin::Exact(ExactOrigin {
        scheme: "garbage".into(),
        host: String::new(),
        port: None,
    });
    let g = parse_origin("https://*.example.com").expect("pattern");
    assert!(!covers(&g, &odd));
    assert!(!covers(&odd, &g));
    assert!(!odd.is_insecure());
}

#[test]
fn no_panic_on_odd_inputs() {
    // A small deterministic fuzz: splice awkward pieces together.
    let pieces = [
        "",
        "https",
        "http",
        "://",
        ":",
        "/",
        "//",
        "[",
        "]",
        "::",
        "*",
        "*.",
        ".",
        "..",
        "é",
        "ü",
        "Ä",
        "%",
        "@",
        "?",
        "#",
        "\\",
        "0",
        "127",
        "255",
        "0x",
        "1",
        "65535",
        "65536",
        "xn--",
        "a",
        "-",
        "_",
        "localhost",
        "example.com",
        "\u{0}",
        " ",
        "。",
        "ß",
        "İ",
        "\u{200d}",
        "日本",
        "1.2.3.4",
        "ffff",
        "%25",
        "file",
        "null",
    ];
    let mut next = crate::test_rng::xorshift(0x9e37_79b9_7f4a_7c15);
    for _ in 0..20_000 {
        let n = (next() % 8) as usize;
        let mut s = String::new();
        for _ in 0..n {
            s.push_str(pieces[(next() % pieces.len() as u64) as usize]);
        }
        if let Ok(parsed) = parse_origin(&s) {
            // Whatever is accepted is canonical and round-trips.
            let text = parsed.to_string();
            assert!(text.is_ascii(), "{s:?} -> {text:?}");
            assert_eq!(
                parse_origin(&text).as_ref(),
                Ok(&parsed),
                "{s:?} -> {text:?}"
            );
            let _ = parsed.is_insecure();
            let _ = parsed.public_suffix_wildcard();
            assert!(!covers(&parsed, &parsed));
        }
    }
}

#[test]
fn error_code_catalogue() {
    use std::collections::BTreeSet;
    let listed: BTreeSet<&str> = ERROR_CODES.iter().map(|(code, _, _)| *code).collect();
    assert_eq!(listed.len(), ERROR_CODES.len(), "a code is listed twice");
    for (code, example, summary) in ERROR_CODES {
        assert!(!summary.is_empty());
        if example.starts_with('<') {
            continue;
        }
        assert_eq!(
            parse_origin(example).map_err(|e| e.code),
            Err(*code),
            "example {example:?}"
        );
    }
    for (input, code) in REJECTED {
        if !code.ends_with("-or-ok") {
            assert!(
                listed.contains(code),
                "{code} (from {input:?}) is not in ERROR_CODES"
            );
        }
    }
    // Every code the source can return is listed.
    let sources = [
        include_str!("mod.rs"),
        include_str!("input.rs"),
        include_str!("scheme.rs"),
        include_str!("authority.rs"),
        include_str!("host.rs"),
        include_str!("port.rs"),
    ];
    for source in sources {
        for piece in source.split("Code::").skip(1) {
            let variant: String = piece
                .chars()
                .take_while(char::is_ascii_alphanumeric)
                .collect();
            if !variant.starts_with(|c: char| c.is_ascii_uppercase()) {
                continue; // a method in a doc link, e.g. `Code::as_str`
            }
            let code = crate::codes::Code::ALL
                .iter()
                .find(|code| format!("{code:?}") == variant)
                .unwrap_or_else(|| panic!("no code `{variant}`"));
            assert!(
                listed.contains(code.as_str()),
                "{variant} is returned but not listed"
            );
        }
    }
    for source in sources {
        for piece in source.split('"').filter(|p| p.starts_with("origin-")) {
            if piece
                .chars()
                .all(|c| c.is_ascii_lowercase() || c == '-' || c.is_ascii_digit())
            {
                assert!(listed.contains(piece), "{piece} is returned but not listed");
            }
        }
    }
}
