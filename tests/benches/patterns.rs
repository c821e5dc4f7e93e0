//! The wildcard-pattern index at scale: `patterns N CASE ITERATIONS` builds
//! an interpreted policy of `N` patterns `https://*.tenantI.example.com`
//! (from a plan: the validator's own cost is measured elsewhere) and decides
//! one actual request `ITERATIONS` times inside `measured_loop`, for
//! `tests/bench/patterns.sh` (callgrind, `--toggle-collect`). CASE is
//! `hit` (a subdomain of the last tenant) or `miss` (a host no pattern
//! covers). Run by `cargo bench` without arguments, it prints the usage.

use cors_core::plan::{OriginsPlan, Plan};
use cors_core::{decide, Interpreted, WildcardHost, WildcardPattern, WildcardPort};

#[inline(never)]
fn measured_loop(policy: &Interpreted, headers: &http::HeaderMap, n: u64) -> usize {
    let mut allowed = 0;
    for _ in 0..n {
        let decision = decide(policy, &http::Method::GET, std::hint::black_box(headers));
        allowed += usize::from(decision.is_allowed());
    }
    allowed
}

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let (Some(count), Some(case), Some(n)) = (
        args.first().and_then(|a| a.parse::<usize>().ok()),
        args.get(1).map(String::as_str),
        args.get(2).and_then(|a| a.parse::<u64>().ok()),
    ) else {
        eprintln!("usage: patterns N hit|miss ITERATIONS (see tests/bench/patterns.sh)");
        return;
    };
    let patterns = (0..count)
        .map(|i| WildcardPattern {
            scheme: "https".to_owned(),
            host: WildcardHost::Subdomains(format!("tenant{i}.example.com")),
            port: WildcardPort::Default,
        })
        .collect();
    let policy = Interpreted::new(Plan::new(
        "Tenants",
        OriginsPlan::listed(Vec::new(), false, patterns),
    ))
    .expect("a valid plan");
    let origin = match case {
        "hit" => format!("https://app.tenant{}.example.com", count - 1),
        _ => "https://app.other.example.com".to_owned(),
    };
    let mut headers = http::HeaderMap::new();
    headers.insert("origin", origin.parse().expect("an origin"));
    let expected = usize::from(case == "hit");
    assert_eq!(measured_loop(&policy, &headers, 1), expected);
    assert_eq!(measured_loop(&policy, &headers, n), expected * n as usize);
}
