use cors_runtime::cors_policy;

cors_policy! {
    policy Api {
        origins: "https://a.example.com";
        max-age: 2d;
    }
}

fn main() {}
