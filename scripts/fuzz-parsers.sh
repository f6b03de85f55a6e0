#!/usr/bin/env bash
# Coverage-guided fuzzing of umis's parsers of untrusted input (cargo fuzz / libFuzzer), each
# target for a bounded time. A bench script, not part of the test suite: CI runs the parsers'
# property tests instead. Installs cargo-fuzz when missing. The machine's toolchain is stable;
# cargo fuzz's sanitizer flags are unlocked with RUSTC_BOOTSTRAP for this build only.
# Usage: bash scripts/fuzz-parsers.sh [SECONDS_PER_TARGET]   (default 60)
set -euo pipefail
cd "$(dirname "$0")/../fuzz"
seconds="${1:-60}"
if ! cargo fuzz --version >/dev/null 2>&1; then
  echo "installing cargo-fuzz ..."
  cargo install --locked cargo-fuzz
fi
export RUSTC_BOOTSTRAP=1
export CARGO_TARGET_DIR="${UMIS_FUZZ_TARGET_DIR:-$HOME/.cache/umis/fuzz-target}"
passed=0
failed=0
for target in $(cargo fuzz list); do
  echo "== $target (${seconds} s)"
  mkdir -p "corpus/$target"
  if cargo fuzz run "$target" "corpus/$target" -- -max_total_time="$seconds" -max_len=262144 -rss_limit_mb=2048 2>&1 | tail -n 3; then
    passed=$((passed + 1))
  else
    failed=$((failed + 1))
  fi
done
echo "$passed passed, $failed failed"
[ "$failed" = 0 ]
