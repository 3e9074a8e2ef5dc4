#!/usr/bin/env bash
# Runs every check and every test: formatting, the OpenAPI contract, then `swift test`.
# This is the project's one test command; .ci/run calls exactly it. On a clean Debian machine it
# first installs what it lacks (scripts/install-deps.sh: quick when everything is present).
#
# The store contract tests and the cross-process push test need PostgreSQL: this script starts
# a throwaway server of its own on 127.0.0.1:${JHT_TEST_POSTGRES_PORT:-54329} (trust for the
# test role, loopback only), points the tests at it with JHT_TEST_POSTGRES_URL, and stops it on
# exit. A server that does not start fails the script.
set -euo pipefail
cd "$(dirname "$0")/.."

bash scripts/install-deps.sh

echo "==> format (swift format lint --strict)"
swift format lint --strict --recursive --parallel Package.swift Sources Tests Benchmarks

echo "==> OpenAPI contract (openapi/openapi.yaml)"
python3 -m openapi_spec_validator openapi/openapi.yaml

PG_PORT=${JHT_TEST_POSTGRES_PORT:-54329}
PG_ROOT=""
PG_AS=()

pg_bindir() {
    local dir
    dir=$(pg_config --bindir 2>/dev/null || true)
    if [ -n "$dir" ] && [ -x "$dir/initdb" ] && [ -x "$dir/pg_ctl" ]; then
        echo "$dir"
        return
    fi
    # Debian keeps the server binaries per major version, off the PATH.
    dir=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1 || true)
    if [ -n "$dir" ] && [ -x "$dir/initdb" ]; then
        echo "$dir"
        return
    fi
    echo "scripts/test.sh: no PostgreSQL server binaries (initdb, pg_ctl) found; run scripts/install-deps.sh" >&2
    return 1
}

stop_postgres() {
    if [ -n "$PG_ROOT" ] && [ -d "$PG_ROOT" ]; then
        if [ -f "$PG_ROOT/data/postmaster.pid" ]; then
            echo "==> stopping the test PostgreSQL"
            "${PG_AS[@]}" "$PG_BIN/pg_ctl" -D "$PG_ROOT/data" -m immediate -w stop >/dev/null 2>&1 || true
        fi
        rm -rf "$PG_ROOT"
    fi
}

start_postgres() {
    PG_BIN=$(pg_bindir)
    PG_ROOT=$(mktemp -d "${TMPDIR:-/tmp}/jht-postgres.XXXXXX")
    trap stop_postgres EXIT
    if [ "$(id -u)" = "0" ]; then
        # PostgreSQL refuses to run as root: its folder (data, socket, log) belongs to `postgres`.
        chown postgres:postgres "$PG_ROOT"
        PG_AS=(runuser -u postgres --)
    fi
    echo "==> starting a test PostgreSQL ($PG_BIN) on 127.0.0.1:$PG_PORT"
    if ! "${PG_AS[@]}" "$PG_BIN/initdb" -D "$PG_ROOT/data" -U jht --auth-local=trust --auth-host=trust -E UTF8 --no-locale \
        >"$PG_ROOT/initdb.log" 2>&1; then
        cat "$PG_ROOT/initdb.log" >&2
        echo "scripts/test.sh: initdb failed" >&2
        return 1
    fi
    # A throwaway server: no fsync; enough connections for the tests' parallel pools.
    if ! "${PG_AS[@]}" "$PG_BIN/pg_ctl" -D "$PG_ROOT/data" -l "$PG_ROOT/server.log" -w -t 60 \
        -o "-c listen_addresses=127.0.0.1 -p $PG_PORT -k $PG_ROOT -c max_connections=300 -c fsync=off" start >/dev/null; then
        cat "$PG_ROOT/server.log" >&2 || true
        echo "scripts/test.sh: the test PostgreSQL did not start on 127.0.0.1:$PG_PORT" >&2
        return 1
    fi
    export JHT_TEST_POSTGRES_URL="postgres://jht@127.0.0.1:$PG_PORT/postgres?sslmode=disable"
}

start_postgres

echo "==> swift test (everything but the scenarios, the hostile suite and the seeded sync simulation; stores on SQLite and PostgreSQL)"
swift test --skip replicasConverge --skip ScenarioIntegrationTests --skip BranchWeekTests --skip HostileTests

# Real jht-server processes attacked over loopback (oversized, endless and slow bodies, ...):
# timing matters, so they run on their own.
echo "==> swift test: hostile suite against real server processes"
swift test --skip-build --filter HostileTests

# The contract held against outside tools on a jht-server process: a Python client generated
# from openapi/openapi.yaml takes a claim from draft to paid; schemathesis fuzzes every operation.
scripts/contract-check.sh

# The app-facing targets' documentation: every public symbol has a doc comment (swift-format's
# AllPublicDeclarationsHaveDocumentation, on for these folders only) and DocC builds the
# catalogs without a warning.
echo "==> documentation of the app-facing targets (PhoneSync, Sync, Models)"
DOCS_CONFIG=$(mktemp "${TMPDIR:-/tmp}/jht-docs.XXXXXX.swift-format")
python3 - "$DOCS_CONFIG" <<'PY'
import json, sys
config = json.load(open(".swift-format"))
config["rules"]["AllPublicDeclarationsHaveDocumentation"] = True
json.dump(config, open(sys.argv[1], "w"))
PY
swift format lint --strict --configuration "$DOCS_CONFIG" --recursive Sources/PhoneSync Sources/Sync Sources/Models
rm -f "$DOCS_CONFIG"
swift package generate-documentation --target PhoneSync --target Sync --target Models --warnings-as-errors

# jht-sim's smoke and flaky-network scenarios against a real jht-server process, and a small
# branch week on the simulated clock: each runs dozens of phones and officers, so they get the
# machine to themselves.
echo "==> swift test: jht-sim scenarios against a real server process, a branch week on a simulated clock"
swift test --skip-build --filter "ScenarioIntegrationTests|BranchWeekTests"

# The 1,000-seed simulation saturates both cores; run it on its own so timing-sensitive
# integration tests (live servers, headless Chromium) do not starve beside it.
echo "==> swift test: deterministic sync simulation (JHT_SIM_SEEDS, default 1,000 seeds)"
swift test --skip-build --filter replicasConverge
