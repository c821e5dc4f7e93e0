use cors_runtime::cors_policy;

cors_policy! {
    set Methods = GET, patch;

    policy Api {
        origins: "https://app.example.com";
        methods: Methods;
    }

    policy Admin extends Api {
        credentials: true;
    }
}

fn main() {}
