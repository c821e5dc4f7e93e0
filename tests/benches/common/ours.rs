//! Our policies, compiled by `cors_policy!` (the product) from the same
//! `tests/bench/*.cors` files whose origin lists the other implementations
//! use (`generated.rs`, by `tests/bench/gen_policies.py`), and the shadow
//! candidates of the `tracing` rows (`tests/bench/candidates.cors`).

cors_runtime::cors_policy! {
    include "bench/origins22.cors";
    include "bench/origins1000.cors";
    include "bench/wildcard.cors";
    include "bench/candidates.cors";
}
