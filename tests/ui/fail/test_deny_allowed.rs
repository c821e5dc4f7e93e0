use cors_runtime::cors_policy;

cors_policy! {
    policy Api {
        origins: "https://*.example.com";
    }

    test Api {
        deny GET from "https://evil.example.com";
    }
}

fn main() {}
