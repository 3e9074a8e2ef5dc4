#!/usr/bin/env bash
# The test suite under ThreadSanitizer, in a build folder of its own (.build-tsan: every
# package is built again with the sanitizer, so the first run takes a while). The seeded sync
# simulation runs JHT_SIM_SEEDS (20 here) seeds; a data race fails the run.
#
#   scripts/tsan.sh                   the whole suite
#   scripts/tsan.sh --filter Auth     a part of it
set -euo pipefail
cd "$(dirname "$0")/.."

# shellcheck source=scripts/lib/postgres.sh
source scripts/lib/postgres.sh
[ -n "${JHT_TEST_POSTGRES_URL:-}" ] || start_postgres

export JHT_SIM_SEEDS=${JHT_SIM_SEEDS:-20}
# Stop at the first race, with both stacks; the report goes to the log as it happens.
export TSAN_OPTIONS=${TSAN_OPTIONS:-halt_on_error=1:second_deadlock_stack=1}
echo "==> swift build --sanitize=thread (.build-tsan)"
swift build --build-tests --sanitize=thread --scratch-path .build-tsan
echo "==> swift test --sanitize=thread"
swift test --skip-build --sanitize=thread --scratch-path .build-tsan "$@"
