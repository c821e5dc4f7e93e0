use cors_runtime::cors_policy;

cors_policy! {
    policy Api {
        origins: "https://a.example.com";
        methods: GET, TRACE;
    }
}

fn main() {}
