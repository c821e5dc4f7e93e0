use cors_runtime::cors_policy;

cors_policy! {
    policy Api {
        origins: "https://App.Example.com";
    }
}

fn main() {}
