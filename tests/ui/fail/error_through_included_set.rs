use cors_runtime::cors_policy;

cors_policy! {
    include "policies/shared-sets.cors";

    policy Api {
        origins: Frontends;
        methods: Verbs;
        credentials: true;
    }
}

fn main() {}
