use cors_runtime::cors_policy;

cors_policy! {
    include "policies/shared-sets.cors";

    policy Api {
        origins: Frontendz;
        methods: Verbs;
    }
}

fn main() {}
