use cors_runtime::cors_policy;

cors_policy! {
    policy Api {
        origins: "https://app.example.com", "https://*.example.org";
    }

    test Api {
        allow GET from "https://app.example.com";
        allow GET from "https://example.org";
    }
}

fn main() {}
