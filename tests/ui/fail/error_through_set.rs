use cors_runtime::cors_policy;

cors_policy! {
    set Frontends = "https://app.example.com", "http://admin.example.com";

    policy Api {
        origins: Frontends;
        credentials: true;
    }
}

fn main() {}
