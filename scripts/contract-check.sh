#!/usr/bin/env bash
# The contract held against outside tools, on real jht-server processes on loopback (demo data,
# a fresh SQLite file each):
# - a Python client generated from openapi/openapi.yaml by openapi-python-client takes two
#   claims from draft to paid, each with the identity step its channel needs
#   (scripts/contract_client_check.py; the server runs on a simulated clock officers move);
# - schemathesis fuzzes every operation with a participant's and an officer's token, all checks
#   on (scripts/schemathesis.toml), against a server on the real clock.
# Needs a built jht-server (scripts/test.sh runs this after `swift test`) and the pip packages of
# scripts/install-deps.sh. Prints how long each part took.
#
# usage: scripts/contract-check.sh [client|fuzz|all]   (all by default)
# JHT_FUZZ_EXAMPLES sets schemathesis' examples per operation (default 25); JHT_SERVER_BIN the binary.
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$PWD
PART=${1:-all}
EXAMPLES=${JHT_FUZZ_EXAMPLES:-25}

BIN=${JHT_SERVER_BIN:-$(swift build --show-bin-path)/jht-server}
[ -x "$BIN" ] || { echo "scripts/contract-check.sh: $BIN is not built (swift build --product jht-server)" >&2; exit 1; }
WORK=$(mktemp -d "${TMPDIR:-/tmp}/jht-contract.XXXXXX")
SERVER_PID=""
stop_server() {
    if [ -n "$SERVER_PID" ]; then kill "$SERVER_PID" 2>/dev/null || true; wait "$SERVER_PID" 2>/dev/null || true; fi
    SERVER_PID=""
}
trap 'stop_server; rm -rf "$WORK"' EXIT

# start_server NAME [jht-server options...]: a fresh server in $WORK/NAME; sets BASE.
start_server() {
    local name=$1
    shift
    mkdir -p "$WORK/$name"
    "$BIN" --port 0 --database "$WORK/$name/jht.sqlite" --blobs "$WORK/$name/blobs" --log-level error "$@" \
        >"$WORK/$name/server.out" 2>"$WORK/$name/server.err" &
    SERVER_PID=$!
    BASE=""
    for _ in $(seq 1 600); do
        BASE=$(grep -o 'http://127\.0\.0\.1:[0-9]*' "$WORK/$name/server.out" | head -n 1 || true)
        [ -n "$BASE" ] && return 0
        kill -0 "$SERVER_PID" 2>/dev/null || break
        sleep 0.1
    done
    cat "$WORK/$name/server.err" >&2
    echo "scripts/contract-check.sh: jht-server did not start" >&2
    exit 1
}

# check_server NAME: the server is still up (no request crashed it).
check_server() {
    kill -0 "$SERVER_PID" 2>/dev/null || { cat "$WORK/$1/server.err" >&2; echo "scripts/contract-check.sh: jht-server died" >&2; exit 1; }
    stop_server
}

seconds() { date +%s.%N; }
elapsed() { python3 -c "import sys; print(f'{float(sys.argv[2]) - float(sys.argv[1]):.1f}')" "$1" "$(seconds)"; }

if [ "$PART" = all ] || [ "$PART" = client ]; then
    echo "==> contract: a Python client generated from openapi/openapi.yaml takes two claims to paid"
    START=$(seconds)
    openapi-python-client generate --path openapi/openapi.yaml --meta none --output-path "$WORK/client/jht_sync_client" \
        >"$WORK/generate.log" 2>&1 || { cat "$WORK/generate.log" >&2; exit 1; }
    GENERATED=$(elapsed "$START")
    # A Monday, so the video interview books into the working week.
    start_server client --simulated-clock 2026-12-07
    python3 scripts/contract_client_check.py "$BASE" --client "$WORK/client"
    check_server client
    echo "contract client: generated in ${GENERATED} s; $(elapsed "$START") s in all"
fi

if [ "$PART" = all ] || [ "$PART" = fuzz ]; then
    start_server fuzz
    token() {  # token participant NIK KPJ | token officer EMPLOYEE
        python3 - "$BASE" "$@" <<'PY'
import json, sys, urllib.request
base, kind = sys.argv[1], sys.argv[2]
def post(path, body):
    request = urllib.request.Request(base + path, json.dumps(body).encode(), {"content-type": "application/json"})
    return json.load(urllib.request.urlopen(request))
device = "fuzz-" + kind + "-device"
if kind == "participant":
    challenge = post("/v1/auth/participant/code", {"nik": sys.argv[3], "kpj": sys.argv[4], "deviceId": device})
else:
    challenge = post("/v1/auth/officer/code", {"employeeNumber": sys.argv[3], "deviceId": device})
print(post("/v1/auth/token", {"challengeId": challenge["challengeId"], "code": "123456", "deviceId": device})["accessToken"])
PY
    }
    # Budi Santoso; Wawan Setiawan (CSO and head of service at Bandung Suci); Lestari Ningsih (finance).
    JHT_PARTICIPANT_TOKEN=$(token participant 3273010302880002 12345678902)
    JHT_OFFICER_TOKEN=$(token officer 1005)
    JHT_FINANCE_TOKEN=$(token officer 1004)
    export JHT_PARTICIPANT_TOKEN JHT_OFFICER_TOKEN JHT_FINANCE_TOKEN
    echo "==> contract: schemathesis against jht-server (--checks all, $EXAMPLES examples per operation)"
    START=$(seconds)
    # The live stream never ends by design (server-sent events): it is left out. schemathesis
    # keeps its cache in the folder it runs in: the throwaway one.
    (cd "$WORK" && SCHEMATHESIS_HOOKS=schemathesis_hooks PYTHONPATH="$ROOT/scripts" \
        schemathesis --config-file "$ROOT/scripts/schemathesis.toml" run "$ROOT/openapi/openapi.yaml" --url "$BASE" \
        --checks all --max-examples "$EXAMPLES" --exclude-operation-id liveUpdates \
        --seed 20261203 --workers 2 --request-timeout 10 --no-color) >"$WORK/schemathesis.log" 2>&1 \
        || { cat "$WORK/schemathesis.log"; echo "scripts/contract-check.sh: schemathesis found problems" >&2; exit 1; }
    sed -n '/SUMMARY/,$p' "$WORK/schemathesis.log"
    check_server fuzz
    echo "schemathesis: $(elapsed "$START") s"
fi
