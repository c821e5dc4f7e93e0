use cors_runtime::cors_policy;

cors_policy! {
    policy Api {
        origins: "http://a.example.com";
        credentials: true;
    }
}

fn main() {}
