#!/usr/bin/env bash
# The portal's browser tests: Debian's Chromium driven by playwright-core, axe-core on every
# page, a screenshot of each main page in web/e2e/artifacts/. Installs Chromium (apt) and the
# test packages (npm, from web/package-lock.json) when missing.
#
# One `umis demo --test-clock` server serves the whole run (every test file signs in to it; see
# web/e2e/harness.mjs), built once: $UMIS_BIN when set (scripts/test.sh passes the binary that
# `cargo test` built), else the debug build. The slow sweeps (hostile values in every form,
# axe on every page in three languages) run on a sample of each kind of page; FULL=1 runs them
# in full (scripts/bench-browser-sweep.sh). Usage: bash scripts/browser-tests.sh
set -euo pipefail
cd "$(dirname "$0")/.."
export CARGO_TARGET_DIR="${CARGO_TARGET_DIR:-$HOME/.cache/umis/target}"
started=$(date +%s)

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
if [ -z "${UMIS_BIN:-}" ]; then
  echo "== building umis for the browser tests"
  cargo build --locked -p umis
  UMIS_BIN="$CARGO_TARGET_DIR/debug/umis"
fi
export UMIS_BIN

echo "== starting one umis demo server for every test file"
work="$(mktemp -d)"
server=""
cleanup() {
  if [ -n "$server" ]; then
    kill "$server" 2>/dev/null || true
    wait "$server" 2>/dev/null || true
  fi
  rm -rf "$work"
}
trap cleanup EXIT
# The log exists before the server starts, so the wait below never reads a missing file.
: >"$work/server.log"
(cd "$work" && exec "$UMIS_BIN" demo --listen 127.0.0.1:0 --test-clock >"$work/server.log" 2>&1) &
server=$!
url=""
for _ in $(seq 1 1800); do
  url=$(sed -n 's|^listening on \(http://[0-9.:]*\)$|\1|p' "$work/server.log")
  [ -n "$url" ] && break
  kill -0 "$server" 2>/dev/null || { cat "$work/server.log"; exit 1; }
  sleep 0.1
done
[ -n "$url" ] || { echo "umis demo did not start"; cat "$work/server.log"; exit 1; }
export UMIS_E2E_URL="$url" UMIS_E2E_DIR="$work" UMIS_E2E_LOG="$work/server.log" UMIS_E2E_PID="$server"
echo "umis demo at $url (started in $(($(date +%s) - started)) s)"

echo "== browser tests (headless Chromium, axe-core WCAG 2.2 A/AA)"
rm -rf web/e2e/artifacts
# One file at a time (node sorts the files it is given, so one run each), in this order: the
# journeys first, then the crawls over every page, the hostile-input sweep last (it leaves the
# most behind).
files=()
for f in web/e2e/*.test.mjs; do
  case "$f" in */a11y.test.mjs | */sweep.test.mjs) ;; *) files+=("${f#web/}") ;; esac
done
files+=(e2e/a11y.test.mjs e2e/sweep.test.mjs)
log="$(mktemp)"
status=0
for f in "${files[@]}"; do
  (cd web && node --test --test-reporter=tap "$f") | tee -a "$log" || status=$?
done
passed="$(grep -cE '^ok [0-9]+ ' "$log" || true)"
failed="$(grep -cE '^not ok [0-9]+ ' "$log" || true)"
# What the server itself cost (user + system CPU): the bound on what a release build could save.
if [ -r "/proc/$server/stat" ]; then
  ticks=$(awk '{print $14 + $15}' "/proc/$server/stat")
  echo "server CPU time: $((ticks / $(getconf CLK_TCK))) s"
fi
echo "screenshots: $(ls web/e2e/artifacts 2>/dev/null | wc -l) in web/e2e/artifacts"
echo "browser tests took $(($(date +%s) - started)) s"
echo "browser tests:"
echo "${passed} passed, ${failed} failed"
rm -f "$log"
exit "$status"
