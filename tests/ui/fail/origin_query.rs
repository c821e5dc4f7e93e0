use cors_runtime::cors_policy;

cors_policy! {
    policy Api {
        origins: "https://a.example.com?x=1";
    }
}

fn main() {}
