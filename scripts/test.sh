#!/usr/bin/env bash
# Runs the whole test suite of ssme. Installs what the tests need when it is missing, so it
# works on a fresh machine (Debian, root or sudo). CI (.ci/run) calls exactly this script.
set -euo pipefail
cd "$(dirname "$0")/.."

need_apt=()
command -v pdfinfo >/dev/null 2>&1 || need_apt+=(poppler-utils)
command -v chromium >/dev/null 2>&1 || need_apt+=(chromium)
# The end-to-end test (tests/e2e.rs): Node for the browser harness, Java for the Nu HTML Checker.
command -v node >/dev/null 2>&1 || need_apt+=(nodejs)
command -v npm >/dev/null 2>&1 || need_apt+=(npm)
command -v java >/dev/null 2>&1 || need_apt+=(default-jre-headless)
if [ ${#need_apt[@]} -gt 0 ]; then
  echo "Instalando: ${need_apt[*]}"
  SUDO=""; [ "$(id -u)" -ne 0 ] && SUDO="sudo"
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq "${need_apt[@]}" >/dev/null
fi

# The e-mail tests talk to a real SMTP server on 127.0.0.1 (Python's aiosmtpd).
if ! python3 -c "import aiosmtpd" >/dev/null 2>&1; then
  echo "Instalando: aiosmtpd (servidor SMTP de prueba)"
  python3 -m pip install -q -r tests/smtp/requirements.txt 2>/dev/null ||
    python3 -m pip install -q --break-system-packages -r tests/smtp/requirements.txt
fi

# The harness's npm packages, pinned by tests/e2e/package-lock.json. Install scripts are skipped:
# vnu-jar's would download a JDK, and the system Java is used instead.
e2e=tests/e2e
if [ ! -d "$e2e/node_modules" ] || [ "$e2e/package-lock.json" -nt "$e2e/node_modules/.package-lock.json" ]; then
  echo "Instalando los paquetes npm de $e2e"
  npm ci --prefix "$e2e" --ignore-scripts --no-audit --no-fund --loglevel=error >/dev/null
fi

log=$(mktemp)
trap 'rm -f "$log"' EXIT
set +e
cargo test --locked --no-fail-fast --workspace --lib --bins --tests "$@" 2>&1 | tee "$log"
status=${PIPESTATUS[0]}
set -e
# One closing line for the whole suite, summed over every test binary.
awk '/^test result:/ { for (i = 1; i <= NF; i++) { if ($(i+1) ~ /^passed/) p += $i; if ($(i+1) ~ /^failed/) f += $i } }
     END { printf "%d passed, %d failed\n", p, f }' "$log"
exit "$status"
