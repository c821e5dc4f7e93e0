use cors_runtime::cors_policy;

cors_policy! {
    policy Api {
        origins: "http://127.1:3000";
    }
}

fn main() {}
