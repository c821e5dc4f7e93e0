use cors_runtime::cors_policy;

cors_policy! {
    policy Api {
        origins: "https://*.127.0.0.1";
    }
}

fn main() {}
