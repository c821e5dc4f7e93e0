use cors_runtime::cors_policy;

cors_policy! {
    policy Api extends Admin {
        origins: "https://app.example.com";
    }

    policy Admin extends Api {
        methods: GET, PATCH;
    }
}

fn main() {}
