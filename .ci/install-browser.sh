#!/usr/bin/env bash
# Installs what the browser end-to-end tests (examples/tests/browser) need:
# headless Chromium with chromedriver, and Firefox ESR with geckodriver.
# Debian/Ubuntu; needs root (or sudo). Each piece is installed only if
# missing, so a machine that already has them (CI's cache) spends nothing.
set -euo pipefail

SUDO=""
if [ "$(id -u)" -ne 0 ]; then
    SUDO="sudo"
fi
export DEBIAN_FRONTEND=noninteractive

packages=()
command -v chromium >/dev/null 2>&1 || packages+=(chromium)
command -v chromedriver >/dev/null 2>&1 || packages+=(chromium-driver)
command -v firefox-esr >/dev/null 2>&1 || packages+=(firefox-esr)
if [ "${#packages[@]}" -gt 0 ]; then
    $SUDO apt-get update
    $SUDO apt-get install -y "${packages[@]}"
fi

# geckodriver is not packaged by Debian: built from crates.io once, then
# kept in ~/.cargo/bin.
export PATH="${CARGO_HOME:-$HOME/.cargo}/bin:$PATH"
if ! command -v geckodriver >/dev/null 2>&1; then
    cargo install geckodriver --locked
fi

chromium --version 2>/dev/null || true
chromedriver --version
firefox-esr --version
geckodriver --version | head -n 1
