#!/usr/bin/env bash
# Runs every check and every test: formatting, the OpenAPI contract, then `swift test`.
# This is the project's one test command; .ci/run calls exactly it.
set -euo pipefail
cd "$(dirname "$0")/.."

echo "==> format (swift format lint --strict)"
swift format lint --strict --recursive --parallel Package.swift Sources Tests Benchmarks

echo "==> OpenAPI contract (openapi/openapi.yaml)"
python3 -m openapi_spec_validator openapi/openapi.yaml

echo "==> swift test (everything but the scenarios and the seeded sync simulation)"
swift test --skip replicasConverge --skip ScenarioIntegrationTests

# jht-sim's smoke and flaky-network scenarios against a real jht-server process: each runs
# dozens of phones and officers, so they get the machine to themselves.
echo "==> swift test: jht-sim scenarios against a real server process"
swift test --skip-build --filter ScenarioIntegrationTests

# The 1,000-seed simulation saturates both cores; run it on its own so timing-sensitive
# integration tests (live servers, headless Chromium) do not starve beside it.
echo "==> swift test: deterministic sync simulation (JHT_SIM_SEEDS, default 1,000 seeds)"
swift test --skip-build --filter replicasConverge
