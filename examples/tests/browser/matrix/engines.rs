//! Where the engines legitimately differ: what each one documents
//! ([`EngineFacts`]), and the checks of it — the default preflight cache,
//! and how the browser reads a hand-written `Access-Control-Allow-Headers: *`.

use serde_json::json;

use crate::harness::{Check, Expect, Matrix};
use crate::servers::Servers;
use crate::webdriver::Engine;

/// What each engine documents (and does, as checked here) where engines
/// may differ. Where both happen to agree today, each still says why.
///
/// | | Chromium | Firefox |
/// |---|---|---|
/// | preflight without `Access-Control-Max-Age` | cached 5 s (`kDefaultPreflightCacheTimeout`, the Fetch standard's default) | cached 5 s (`PREFLIGHT_DEFAULT_EXPIRY_SECONDS`) |
/// | `max-age` cap (not observable in a test's time) | 7,200 s | 86,400 s |
/// | `Access-Control-Allow-Headers: *` and `Authorization` | covered (the standard says it is not; Chromium only warns in the console, enforcement not shipped) | covered (preference `network.cors_preflight.authorization_covered_by_wildcard`, on by default; a console warning) |
///
/// A policy is stricter than both: `request-headers: *` refuses a preflight
/// asking for `authorization` unless the policy says `*, authorization`.
trait EngineFacts {
    fn default_preflight_cache_text(self) -> &'static str;
    fn preflights_for_two_puts_without_max_age(self) -> u64;
    fn star_authorization_text(self) -> &'static str;
    fn star_authorization(self) -> Expect;
}

impl EngineFacts for Engine {
    fn default_preflight_cache_text(self) -> &'static str {
        match self {
            Engine::Chromium => {
                "no max-age: Chromium caches the preflight 5 s, one preflight for two PUTs"
            }
            Engine::Firefox => {
                "no max-age: Firefox caches the preflight 5 s, one preflight for two PUTs"
            }
        }
    }

    fn preflights_for_two_puts_without_max_age(self) -> u64 {
        match self {
            Engine::Chromium | Engine::Firefox => 1,
        }
    }

    fn star_authorization_text(self) -> &'static str {
        match self {
            Engine::Chromium => {
                "raw answer `ACAH: *`: Chromium still lets `*` cover authorization (console warning only)"
            }
            Engine::Firefox => {
                "raw answer `ACAH: *`: Firefox still lets `*` cover authorization \
                 (network.cors_preflight.authorization_covered_by_wildcard)"
            }
        }
    }

    fn star_authorization(self) -> Expect {
        match self {
            Engine::Chromium | Engine::Firefox => Expect::allowed(200).body("raw"),
        }
    }
}

/// The checks where the engines may differ, each engine's documented
/// behaviour.
pub(super) fn rows(m: &mut Matrix<'_>, servers: &Servers, engine: Engine) {
    let wild_auth = format!("http://127.0.0.1:{}", servers.wild_auth.0);

    // ---- Where the engines differ, each one's documented behaviour.

    // No Access-Control-Max-Age (WildAuth sends none): the Fetch standard
    // says 5 s. Two PUTs in a row: how many preflights reach the server?
    let app = servers.page("app.example.test");
    let before = servers.wild_auth.1.preflights();
    for round in 0..2 {
        m.check(Check {
            name: if round == 0 {
                "no max-age: first PUT"
            } else {
                "no max-age: second PUT at once"
            },
            page: &app,
            url: format!("{wild_auth}/api/items/default-age"),
            init: json!({ "method": "PUT", "headers": { "authorization": "Bearer x" } }),
            expect: Expect::allowed(200),
        });
    }
    m.expect_eq(
        engine.default_preflight_cache_text(),
        servers.wild_auth.1.preflights() - before,
        engine.preflights_for_two_puts_without_max_age(),
    );

    // How the browser itself reads `Access-Control-Allow-Headers: *` (a
    // hand-written answer, not a policy's: a policy never sends a bare `*`
    // when `authorization` is requested, it refuses the preflight).
    let raw = format!("http://127.0.0.1:{}", servers.raw);
    m.check(Check {
        name: "raw answer `ACAH: *`: a custom header is covered",
        page: &app,
        url: format!("{raw}/star"),
        init: json!({ "method": "PUT", "headers": { "x-anything": "1" } }),
        expect: Expect::allowed(200),
    });
    m.check(Check {
        name: engine.star_authorization_text(),
        page: &app,
        url: format!("{raw}/star"),
        init: json!({ "method": "PUT", "headers": { "authorization": "Bearer x" } }),
        expect: engine.star_authorization(),
    });
    m.check(Check {
        name: "raw answer `ACAH: *` with credentials: `*` is a literal name, x-anything is refused",
        page: &app,
        url: format!("{raw}/star-credentials"),
        init: json!({ "method": "PUT", "credentials": "include", "headers": { "x-anything": "1" } }),
        expect: Expect::Blocked,
    });
}
