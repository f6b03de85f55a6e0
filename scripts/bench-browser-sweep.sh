#!/usr/bin/env bash
# The browser tests with the slow sweeps in full (not part of scripts/test.sh): axe on every page
# every visitor reaches in az, en and ru, and every value of the hostile-input sweep in two
# rounds. CI runs them on a sample of each kind of page. Usage: bash scripts/bench-browser-sweep.sh
set -euo pipefail
cd "$(dirname "$0")/.."
FULL=1 exec bash scripts/browser-tests.sh
