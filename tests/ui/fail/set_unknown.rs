use cors_runtime::cors_policy;

cors_policy! {
    set Frontends = "https://app.example.com";

    policy Api {
        origins: Frontend;
    }
}

fn main() {}
