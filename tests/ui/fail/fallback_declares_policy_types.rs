// On errors, `cors_policy!` still declares each policy's unit struct
// (implementing `Policy`), so the only errors are the real ones: no
// "cannot find type `Api`" after them.
use cors_runtime::{cors_policy, Policy};

cors_policy! {
    /// Has an error.
    pub policy Api {
        origins: "https://app.example.com/";
    }
    /// Valid, but in the same block.
    policy Assets {
        origins: *;
    }
}

fn attach<P: Policy>(policy: P) -> &'static str {
    let _ = policy;
    "attached"
}

fn main() {
    let api: Api = Api;
    let _ = attach(api);
    let _ = attach(Assets::default());
    let _ = Api.name();
}
