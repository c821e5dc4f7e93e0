use cors_runtime::cors_policy;

cors_policy! {
    policy Api {
        origins: "file:///home/me/index.html";
    }
}

fn main() {}
