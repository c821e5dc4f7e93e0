use cors_runtime::cors_policy;

cors_policy! {
    set Frontends = "https://app.example.com";
    set Frontends = "https://admin.example.com";

    policy Api {
        origins: Frontends;
    }
}

fn main() {}
