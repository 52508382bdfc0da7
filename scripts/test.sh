#!/usr/bin/env bash
# Runs the whole test suite of ssme. Installs what the tests need when it is missing, so it
# works on a fresh machine (Debian, root or sudo). CI (.ci/run) calls exactly this script.
set -euo pipefail
cd "$(dirname "$0")/.."

need_apt=()
command -v pdfinfo >/dev/null 2>&1 || need_apt+=(poppler-utils)
command -v chromium >/dev/null 2>&1 || need_apt+=(chromium)
if [ ${#need_apt[@]} -gt 0 ]; then
  echo "Instalando: ${need_apt[*]}"
  SUDO=""; [ "$(id -u)" -ne 0 ] && SUDO="sudo"
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq "${need_apt[@]}" >/dev/null
fi

cargo test --locked --all-targets "$@"
