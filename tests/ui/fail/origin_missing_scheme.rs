use cors_runtime::cors_policy;

cors_policy! {
    policy Api {
        origins: "a.example.com";
    }
}

fn main() {}
