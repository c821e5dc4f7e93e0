use cors_runtime::cors_policy;

cors_policy! {
    policy Api {
        origins: "https://app.example.com";
        methods: PUT;
    }

    test Api {
        deny preflight DELETE from "https://App.example.com" because method;
    }
}

fn main() {}
