use cors_runtime::cors_policy;

cors_policy! {
    policy Api {
        methods: GET, PUT;
    }
}

fn main() {}
