use cors_runtime::cors_policy;

cors_policy! {
    include "ui/policies/does-not-exist.cors";
}

fn main() {}
