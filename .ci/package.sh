#!/usr/bin/env bash
# Packages the published crates and builds each from its packaged sources
# (intra-workspace dependencies resolved from the packages just made), so
# that publishing never breaks unnoticed. See RELEASING.md for the order.
set -euo pipefail
cd "$(dirname "$0")/.."
cargo package --locked -p cors-dsl-core -p cors-dsl -p cors-macros -p cors-runtime -p cors-cli "$@"
