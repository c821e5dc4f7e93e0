use cors_runtime::cors_policy;

cors_policy! {
    policy Api {
        origins: *;
        methods: GET, POST;
    }

    /// The admin API sends cookies: `*` cannot stay.
    policy Admin extends Api {
        credentials: true;
    }
}

fn main() {}
