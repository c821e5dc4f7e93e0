use cors_runtime::cors_policy;

cors_policy! {
    include "policies/base-policy.cors";

    policy Admin extends Base {
        credentials: true;
    }
}

fn main() {}
