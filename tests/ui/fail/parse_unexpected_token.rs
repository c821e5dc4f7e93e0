use cors_runtime::cors_policy;

cors_policy! {
    policy Api {
        origins: "https://a.example.com" "https://b.example.com";
    }
}

fn main() {}
