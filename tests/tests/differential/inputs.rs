//! The inputs drawn from one policy: its own origins and instances of its
//! patterns, near misses of them, and methods and header names, listed and
//! not.

use cors_dsl::model::{self, HostPattern, Methods, Origins, PortPattern, RequestHeaders};

/// Inputs derived from one policy: what it allows, and near misses of it.
pub struct Inputs {
    /// The policy's own origins and instances of its patterns.
    pub allowed_origins: Vec<Vec<u8>>,
    /// Everything else: near misses and oddities.
    pub origins: Vec<Vec<u8>>,
    pub methods: Vec<Vec<u8>>,
    pub header_names: Vec<Vec<u8>>,
}

impl Inputs {
    pub fn new(policy: &model::Policy) -> Self {
        let mut seeds: Vec<String> = vec![
            "https://app.example.com".into(),
            "http://localhost:3000".into(),
            "https://evil.example".into(),
        ];
        if let Origins::List(list) = &policy.origins {
            seeds.extend(list.exact.iter().cloned());
            for pattern in &list.patterns {
                let hosts: Vec<String> = match &pattern.host {
                    HostPattern::Exact(host) => vec![host.clone()],
                    HostPattern::Subdomains(suffix) => vec![
                        format!("a.{suffix}"),
                        format!("a.b-c.{suffix}"),
                        suffix.clone(),
                        format!("evil{suffix}"),
                        format!("{}.{suffix}", "x".repeat(63)),
                        format!("{}.{suffix}", "x".repeat(64)),
                        format!("{}{suffix}", "abcdefghi.".repeat(25)),
                    ],
                };
                let ports: Vec<String> = match pattern.port {
                    PortPattern::Default => vec![String::new()],
                    PortPattern::Exact(port) => vec![format!(":{port}")],
                    PortPattern::Any => {
                        vec![String::new(), ":8080".into(), ":1".into(), ":65535".into()]
                    }
                };
                for host in &hosts {
                    for port in &ports {
                        seeds.push(format!("{}://{host}{port}", pattern.scheme));
                    }
                }
            }
        }
        let mut origins: Vec<Vec<u8>> = Vec::new();
        let allowed_origins = seeds.iter().map(|s| s.clone().into_bytes()).collect();
        for seed in &seeds {
            for near in near_misses(seed) {
                origins.push(near.into_bytes());
            }
        }
        for fixed in ["null", "", "*", "https://", "file://", "null, null"] {
            origins.push(fixed.as_bytes().to_vec());
        }

        let mut methods: Vec<Vec<u8>> = [
            "GET",
            "HEAD",
            "POST",
            "PUT",
            "DELETE",
            "PATCH",
            "OPTIONS",
            "patch",
            "Put",
            "get",
            "post",
            "PROPFIND",
            "propfind",
            "chicken",
            "CHICKEN",
            "CONNECT",
            "",
            "GE T",
            "G\u{e9}T",
            "PUT,DELETE",
            "x-custom",
        ]
        .iter()
        .map(|m| m.as_bytes().to_vec())
        .collect();
        if let Methods::List(list) = &policy.methods {
            for method in list {
                methods.push(method.clone().into_bytes());
                methods.push(method.to_lowercase().into_bytes());
                methods.push(method.to_uppercase().into_bytes());
            }
        }

        let mut header_names: Vec<Vec<u8>> = [
            "authorization",
            "Authorization",
            "content-type",
            "Content-Type",
            "x-request-id",
            "x-unknown",
            "accept",
            "x a",
            "x@y",
            "",
            "ü",
            "x-csrf-token",
        ]
        .iter()
        .map(|h| h.as_bytes().to_vec())
        .collect();
        header_names.push("x".repeat(129).into_bytes());
        header_names.push("y".repeat(128).into_bytes());
        if let RequestHeaders::List(list) = &policy.request_headers {
            for name in list {
                header_names.push(name.clone().into_bytes());
                header_names.push(name.to_uppercase().into_bytes());
                let mut longer = name.clone();
                longer.push('s');
                header_names.push(longer.into_bytes());
            }
        }
        Inputs {
            allowed_origins,
            origins,
            methods,
            header_names,
        }
    }
}

/// The usual ways an `Origin` differs from an allowed one.
fn near_misses(origin: &str) -> Vec<String> {
    let mut out = vec![
        format!("{origin}/"),
        format!("{origin}."),
        format!("{origin}:443"),
        format!("{origin}:80"),
        format!("{origin}:0"),
        format!("{origin}:08080"),
        format!("{origin}:65536"),
        format!("{origin}.evil.net"),
        format!(" {origin}"),
        format!("{origin} "),
        format!("{origin}, https://evil.example"),
        origin.to_uppercase(),
        origin[..origin.len().saturating_sub(1)].to_owned(),
    ];
    if let Some(rest) = origin.strip_prefix("https://") {
        out.push(format!("http://{rest}"));
        out.push(format!("https://evil.{rest}"));
        out.push(format!("HTTPS://{rest}"));
        out.push(format!("https://{}", capitalize(rest)));
    } else if let Some(rest) = origin.strip_prefix("http://") {
        out.push(format!("https://{rest}"));
        out.push(format!("http://{}", capitalize(rest)));
    }
    out
}

fn capitalize(text: &str) -> String {
    let mut chars = text.chars();
    chars
        .next()
        .map(|c| c.to_ascii_uppercase().to_string() + chars.as_str())
        .unwrap_or_default()
}
