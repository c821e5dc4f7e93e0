use cors_runtime::cors_policy;

cors_policy! {
    policy Api {
        origins: "https://app.example.com";
    }

    test Apo {
        allow GET from "https://app.example.com";
    }
}

fn main() {}
