#!/usr/bin/env bash
# Fuzzes the running HTTP API against its own OpenAPI document with schemathesis, once per
# caller: anonymous, a signed-in applicant, and an officer signed in with their TOTP code.
# Every answer must be documented (status, content type, body schema), no answer may be a
# server error, invalid input must be refused, and no response body may carry a panic, a
# database error or a file path. Ends with "N passed, N failed" (one per caller).
# Usage: bash scripts/fuzz-api.sh   (FUZZ_EXAMPLES=n to change the examples per operation;
# UMIS_BIN=path to test that binary instead of building the debug one)
set -euo pipefail
cd "$(dirname "$0")/.."
root="$PWD"

export CARGO_TARGET_DIR="${CARGO_TARGET_DIR:-$HOME/.cache/umis/target}"
venv="${UMIS_VENV:-$HOME/.cache/umis/venv}"
schemathesis_version="4.32.5"
examples="${FUZZ_EXAMPLES:-50}"
seed=20260101
checks="not_a_server_error,status_code_conformance,content_type_conformance,response_schema_conformance,negative_data_rejection"
password="fuzzing the umis api with a long passphrase"
started=$(date +%s)

if ! "$venv/bin/st" --version 2>/dev/null | grep -q "$schemathesis_version"; then
  echo "installing schemathesis $schemathesis_version into $venv ..."
  if ! python3 -m venv --help >/dev/null 2>&1 || ! python3 -c "import ensurepip" 2>/dev/null; then
    as_root() { if [ "$(id -u)" = 0 ]; then "$@"; else sudo "$@"; fi; }
    as_root apt-get update -qq
    as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq python3-venv >/dev/null
  fi
  python3 -m venv --clear "$venv"
  "$venv/bin/pip" install --quiet --disable-pip-version-check "schemathesis==$schemathesis_version"
fi

# scripts/test.sh passes the binary `cargo test` built; alone, this script builds it.
umis="${UMIS_BIN:-}"
if [ -z "$umis" ]; then
  echo "== building umis"
  cargo build --quiet --locked -p umis
  umis="$CARGO_TARGET_DIR/debug/umis"
fi

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

export UMIS_DATABASE_URL="sqlite://$work/umis.db" UMIS_KEYS_DIR="$work/keys"
"$umis" admin office create --code BAK1 --name "Baku" >/dev/null
echo "$password" | "$umis" admin user create --username fuzz-applicant --role applicant \
  --display-name "Fuzz Applicant" >/dev/null
totp_secret=$(echo "$password" | "$umis" admin user create --username fuzz-officer --role officer \
  --office BAK1 --display-name "Fuzz Officer" | sed -n 's/^TOTP secret.*: //p')

# The calculator and status limits are raised so that the fuzzer reaches the handlers; the
# limits on sign-in and on refused requests stay as deployed (their 429 is documented). Each
# caller gets a fresh server (same database, so sessions live on): the throttle of refused
# requests is per client address, and every caller here is 127.0.0.1.
# start_server NAME: serves in the background, its log in $work/NAME.log, its address in $base.
start_server() {
  "$umis" serve --listen 127.0.0.1:0 --calc-rate 10000 --calc-burst 10000 >"$work/$1.out" 2>"$work/$1.log" &
  server=$!
  base=""
  for _ in $(seq 1 100); do
    base=$(sed -n 's|^umis is listening on \(http://[^/]*\)/.*|\1|p' "$work/$1.out")
    [ -n "$base" ] && return 0
    kill -0 "$server" 2>/dev/null || { cat "$work/$1.log"; exit 1; }
    sleep 0.1
  done
  echo "the server did not start"
  exit 1
}
stop_server() {
  kill "$server" 2>/dev/null || true
  wait "$server" 2>/dev/null || true
  server=""
}

helper="$root/scripts/fuzz_api_setup.py"
start_server setup
mapfile -t applicant < <(echo "$password" | python3 "$helper" session "$base" fuzz-applicant)
mapfile -t officer < <(echo "$password" | python3 "$helper" session "$base" fuzz-officer "$totp_secret")
stop_server

passed=0
failed=0
# run ROLE [schemathesis options...]: one schemathesis run against a fresh server, then the
# leak scan of its answers and of the server's log (an internal error is logged, a panic too).
run() {
  local role=$1
  shift
  echo "== $role"
  start_server "$role"
  local ok=1
  (cd "$work" && "$venv/bin/st" run "$root/crates/umis-web/openapi.json" --url "$base" \
    --checks "$checks" --workers 1 --seed "$seed" --max-examples "$examples" \
    --phases examples,coverage,fuzzing --generation-database none --request-timeout 30 \
    --report har --report-har-path "$work/$role.har" --no-color "$@") || ok=0
  if ! kill -0 "$server" 2>/dev/null; then
    local status=0
    wait "$server" || status=$?
    echo "the server died during the run (exit status $status)"
    server=""
    ok=0
  fi
  stop_server
  python3 "$helper" scan "$work/$role.har" || ok=0
  if grep -E "panicked|internal error" "$work/$role.log"; then
    echo "the server failed internally"
    ok=0
  fi
  if [ "$ok" = 1 ]; then passed=$((passed + 1)); else failed=$((failed + 1)); fi
}

run anonymous
# Signed-in callers leave out signing out (it would end the session being fuzzed); the
# officer also leaves out the second factor, as five wrong codes end a session by design.
run applicant --exclude-operation-id signOut --generation-with-security-parameters false \
  -H "Cookie: __Host-umis_session=${applicant[0]}" -H "X-CSRF-Token: ${applicant[1]}"
run officer --exclude-operation-id signOut --exclude-operation-id secondFactor \
  --generation-with-security-parameters false \
  -H "Cookie: __Host-umis_session=${officer[0]}" -H "X-CSRF-Token: ${officer[1]}"

echo "fuzzing took $(($(date +%s) - started)) s"
echo "$passed passed, $failed failed"
[ "$failed" = 0 ]
