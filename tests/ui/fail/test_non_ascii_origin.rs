use cors_runtime::cors_policy;

cors_policy! {
    policy Api {
        origins: "https://bücher.example";
    }

    test Api {
        allow GET from "https://bücher.example";
    }
}

fn main() {}
