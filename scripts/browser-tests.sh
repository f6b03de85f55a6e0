#!/usr/bin/env bash
# The portal's browser tests: Debian's Chromium driven by playwright-core, axe-core on every
# page, a screenshot of each main page in web/e2e/artifacts/. Installs Chromium (apt) and the
# test packages (npm, from web/package-lock.json) when missing. Usage: bash scripts/browser-tests.sh
set -euo pipefail
cd "$(dirname "$0")/.."
export CARGO_TARGET_DIR="${CARGO_TARGET_DIR:-$HOME/.cache/umis/target}"

as_root() { if [ "$(id -u)" = 0 ]; then "$@"; else sudo "$@"; fi; }

if [ ! -x /usr/bin/chromium ]; then
  echo "installing Chromium ..."
  as_root apt-get update -qq
  as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null
fi
if [ ! -d web/node_modules/playwright-core ] || [ ! -d web/node_modules/@axe-core/playwright ]; then
  echo "installing the browser-test packages ..."
  (cd web && npm ci --no-audit --no-fund --loglevel=error)
fi
echo "== building umis for the browser tests"
cargo build --locked -p umis
export UMIS_BIN="$CARGO_TARGET_DIR/debug/umis"

echo "== browser tests (headless Chromium, axe-core WCAG 2.2 A/AA)"
rm -rf web/e2e/artifacts
log="$(mktemp)"
status=0
(cd web && node --test --test-reporter=tap e2e/) | tee "$log" || status=$?
passed="$(grep -cE '^ok [0-9]+ ' "$log" || true)"
failed="$(grep -cE '^not ok [0-9]+ ' "$log" || true)"
echo "screenshots: $(ls web/e2e/artifacts 2>/dev/null | wc -l) in web/e2e/artifacts"
echo "browser tests:"
echo "${passed} passed, ${failed} failed"
rm -f "$log"
exit "$status"
