use cors_runtime::cors_policy;

cors_policy! {
    include "policies/failing-tests.cors";
}

fn main() {}
