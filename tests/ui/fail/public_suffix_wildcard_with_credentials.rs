use cors_runtime::cors_policy;

cors_policy! {
    policy Api {
        origins: "https://*.co.uk";
        credentials: true;
    }
}

fn main() {}
