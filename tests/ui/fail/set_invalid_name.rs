use cors_runtime::cors_policy;

cors_policy! {
    set frontends = "https://app.example.com";

    policy Api {
        origins: "https://app.example.com";
    }
}

fn main() {}
