#!/usr/bin/env bash
# Packages the published crates and builds each from its packaged sources
# (intra-workspace dependencies resolved from the packages just made), so
# that publishing never breaks unnoticed. See RELEASING.md for the order.
set -euo pipefail
cd "$(dirname "$0")/.."

# `cargo package` verifies each crate against the others' fresh packages
# through a local overlay registry, which it unpacks under
# $CARGO_HOME/registry/src/-<hash>/ (the hash is of the target folder) and
# never unpacks again while that folder exists: a second run from the same
# checkout path would verify against the sources of the first run. Remove
# those unpacked copies of our own crates first (only overlay folders, whose
# names start with '-'; nothing from crates.io).
cargo_home="${CARGO_HOME:-$HOME/.cargo}"
version=$(sed -n 's/^version = "\(.*\)"$/\1/p' Cargo.toml | head -n 1)
crates=(cors-dsl-core cors-dsl cors-macros cors-runtime cors-cli)
for crate in "${crates[@]}"; do
    rm -rf "$cargo_home"/registry/src/-*/"$crate-$version"
done
# Likewise, cargo takes a registry crate's build as fresh by its version
# alone: remove the earlier builds of these crates (workspace builds too;
# the next `cargo test` rebuilds them).
cargo clean --quiet "${crates[@]/#/-p=}"

cargo package --locked "${crates[@]/#/-p=}" "$@"
