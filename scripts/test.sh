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
swift format lint --strict --recursive --parallel Package.swift Sources Tests Benchmarks Fuzz

echo "==> OpenAPI contract (openapi/openapi.yaml)"
python3 -m openapi_spec_validator openapi/openapi.yaml

# shellcheck source=scripts/lib/postgres.sh
source scripts/lib/postgres.sh
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

# libFuzzer on the parsers of hostile input, 20 s a target (JHT_FUZZ_SECONDS).
echo "==> fuzzing (scripts/fuzz.sh)"
scripts/fuzz.sh

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
