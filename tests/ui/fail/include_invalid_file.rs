use cors_runtime::cors_policy;

cors_policy! {
    include "ui/policies/invalid.cors";
}

fn main() {}
