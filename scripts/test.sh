#!/usr/bin/env bash
# Runs every check and every test: formatting, the OpenAPI contract, then `swift test`.
# This is the project's one test command; .ci/run calls exactly it.
set -euo pipefail
cd "$(dirname "$0")/.."

echo "==> format (swift format lint --strict)"
swift format lint --strict --recursive --parallel Package.swift Sources Tests Benchmarks

echo "==> OpenAPI contract (openapi/openapi.yaml)"
python3 -m openapi_spec_validator openapi/openapi.yaml

echo "==> swift test"
swift test
