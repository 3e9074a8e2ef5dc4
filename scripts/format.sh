#!/usr/bin/env bash
# Applies the committed .swift-format configuration to every Swift file.
set -euo pipefail
cd "$(dirname "$0")/.."
swift format format --in-place --recursive --parallel Package.swift Sources Tests Benchmarks Fuzz
