use cors_runtime::cors_policy;

cors_policy! {
    policy Api {
        origins: "https://app.example.com";
    }

    test Api {
        allow G@T from "https://app.example.com";
        allow GET from "https://app.example.com" with x@y, cookie;
    }
}

fn main() {}
