use cors_runtime::cors_policy;

cors_policy! {
    include "policies/invalid-tests.cors";
}

fn main() {}
