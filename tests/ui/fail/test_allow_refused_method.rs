use cors_runtime::cors_policy;

cors_policy! {
    policy Api {
        origins: "https://app.example.com";
        methods: GET, PUT, PATCH;
    }

    test Api {
        allow PUT from "https://app.example.com";
        allow patch from "https://app.example.com";
    }
}

fn main() {}
