use cors_runtime::cors_policy;

cors_policy! {
    policy Api {
        origins: "https://bücher.example", "https://xn--bcher-kva.example";
    }
}

fn main() {}
