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

# Versions for the log. Each is captured whole before printing: a reader
# that stops early (`| head`) makes geckodriver panic on the closed pipe,
# which `pipefail` turns into a failed run.
for tool in chromium chromedriver firefox-esr geckodriver; do
    version=$("$tool" --version 2>/dev/null)
    printf '%s\n' "${version%%$'\n'*}"
done
