use cors_runtime::cors_policy;

cors_policy! {
    policy Api {
        origins: "https://app.example.com";
        request-headers: content-type;
    }

    test Api {
        allow POST from "https://app.example.com" with content-type, x-request-id;
    }
}

fn main() {}
