use cors_runtime::cors_policy;

cors_policy! {
    policy Api {
        origins: "https://a.example.com";
        request-headers: access-control-allow-origin;
    }
}

fn main() {}
