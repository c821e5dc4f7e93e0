use cors_runtime::cors_policy;

cors_policy! {
    /// Every mistake is reported, not only the first.
    pub policy Api {
        origins: "https://app.example.com/", "HTTPS://b.example.com";
        methods: GET, patch, CONNECT;
        request-headers: cookie;
        max-age: 100000;
    }

    policy Other {
        origins: *;
        credentials: true;
    }
}

fn main() {}
