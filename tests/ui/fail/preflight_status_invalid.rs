use cors_runtime::cors_policy;

cors_policy! {
    policy Api {
        origins: "https://a.example.com";
        preflight-status: 201;
    }
}

fn main() {}
