use cors_runtime::cors_policy;

cors_policy! {
    policy Api {
        origins: *;
        credentials: true;
    }
}

fn main() {}
