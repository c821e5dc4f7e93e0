use cors_runtime::cors_policy;

cors_policy! {
    policy Api {
        origins: null;
        dangerously-allow: null-origin;
        credentials: true;
    }
}

fn main() {}
