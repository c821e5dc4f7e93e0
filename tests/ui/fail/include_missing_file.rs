use cors_runtime::cors_policy;

cors_policy! {
    include "policies/does-not-exist.cors";
}

fn main() {}
