use cors_runtime::cors_policy;

cors_policy! {
    policy Api {
        origins: "https://a.example.com";
        expose-headers: *;
        credentials: true;
    }
}

fn main() {}
