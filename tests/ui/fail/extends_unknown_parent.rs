use cors_runtime::cors_policy;

cors_policy! {
    policy Api {
        origins: "https://app.example.com";
    }

    policy Admin extends Apii {
        methods: GET, PATCH;
    }
}

fn main() {}
