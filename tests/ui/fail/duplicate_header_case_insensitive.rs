use cors_runtime::cors_policy;

cors_policy! {
    policy Api {
        origins: "https://a.example.com";
        request-headers: X-Request-Id, x-request-id;
    }
}

fn main() {}
