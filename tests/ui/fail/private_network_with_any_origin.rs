use cors_runtime::cors_policy;

cors_policy! {
    policy Api {
        origins: *;
        private-network: true;
    }
}

fn main() {}
