use cors_runtime::cors_policy;

cors_policy! {
    policy Api {
        origins: "https://a.example.com";
        max_age: 600;
    }
}

fn main() {}
