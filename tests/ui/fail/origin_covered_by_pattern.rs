use cors_runtime::cors_policy;

cors_policy! {
    policy Api {
        origins: "https://*.example.com", "https://a.example.com";
    }
}

fn main() {}
