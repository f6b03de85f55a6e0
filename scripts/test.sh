#!/usr/bin/env bash
# Runs every check and test of umis: formatting, lints, and the whole test suite on SQLite and
# PostgreSQL. Installs and starts what the tests need first. Usage: bash scripts/test.sh
set -euo pipefail
cd "$(dirname "$0")/.."

# Compiled dependencies are reused between runs from a cache outside the work tree.
export CARGO_TARGET_DIR="${CARGO_TARGET_DIR:-$HOME/.cache/umis/target}"
export CARGO_TERM_COLOR="${CARGO_TERM_COLOR:-never}"

as_root() { if [ "$(id -u)" = 0 ]; then "$@"; else sudo "$@"; fi; }

# PostgreSQL: every storage test also runs against it.
if ! command -v pg_ctlcluster >/dev/null 2>&1; then
  echo "installing PostgreSQL ..."
  as_root apt-get update -qq
  as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql >/dev/null
fi
if ! pg_isready -h 127.0.0.1 -p 5432 -q; then
  echo "starting PostgreSQL ..."
  as_root pg_ctlcluster --skip-systemctl-redirect "$(ls /etc/postgresql | head -n 1)" main start || true
  for _ in $(seq 1 30); do pg_isready -h 127.0.0.1 -p 5432 -q && break; sleep 1; done
fi
# The document tests read issued PDFs back (pdftotext, pdftoppm) and scan their QR codes (zbarimg).
if ! command -v pdftotext >/dev/null 2>&1 || ! command -v zbarimg >/dev/null 2>&1; then
  echo "installing poppler-utils and zbar-tools ..."
  as_root apt-get update -qq
  as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq poppler-utils zbar-tools >/dev/null
fi

export UMIS_TEST_POSTGRES_URL="${UMIS_TEST_POSTGRES_URL:-postgres://postgres@127.0.0.1:5432/postgres}"

# A run without PostgreSQL must not pass: the tests ignore UMIS_TEST_POSTGRES=skip here.
export UMIS_TEST_REQUIRE_POSTGRES=1

# step NAME COMMAND...: runs one step and notes how long it took, for the summary at the end.
times=()
step() {
  local name=$1 began
  shift
  echo "== $name"
  began=$(date +%s)
  "$@"
  times+=("$(printf '%-28s %5d s' "$name" $(($(date +%s) - began)))")
}
began_all=$(date +%s)
step "cargo fmt --check" cargo fmt --all -- --check
step "cargo clippy -D warnings" cargo clippy --workspace --all-targets --locked -- -D warnings
step "cargo test (SQLite, PostgreSQL)" cargo test --workspace --locked
# The API fuzzing and the browser tests run the binary `cargo test` just built and tested.
export UMIS_BIN="$CARGO_TARGET_DIR/debug/umis"
step "fuzz-api.sh" bash scripts/fuzz-api.sh
step "browser-tests.sh" bash scripts/browser-tests.sh
printf '%s\n' "== time per step" "${times[@]}"
echo "whole suite: $(($(date +%s) - began_all)) s"
