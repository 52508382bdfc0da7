#!/usr/bin/env bash
# Builds the Debian package of ssme with cargo-deb: the release binary, its man page and shell
# completions (written by the hidden `ssme manual`), the README; Chromium as a recommendation.
# The package lands in target/debian/. Install it with `sudo apt install ./target/debian/ssme_*.deb`.
set -euo pipefail
cd "$(dirname "$0")/.."
command -v cargo-deb >/dev/null 2>&1 || cargo install cargo-deb --locked
target="${CARGO_TARGET_DIR:-target}"
cargo build --release --locked
"$target/release/ssme" manual --out "$target/release/manual"
cargo deb -p ssme --no-build --locked "$@"
