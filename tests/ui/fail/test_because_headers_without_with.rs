use cors_runtime::cors_policy;

cors_policy! {
    policy Api {
        origins: "https://app.example.com";
        methods: PUT;
    }

    test Api {
        deny PUT from "https://app.example.com" because request-headers;
    }
}

fn main() {}
