#!/usr/bin/env bash
# The test suite under ThreadSanitizer, in a build folder of its own (.build-tsan: every
# package is built again with the sanitizer, so the first run takes a while). The seeded sync
# simulation runs JHT_SIM_SEEDS (20 here) seeds.
#
#   scripts/tsan.sh                   the whole suite
#   scripts/tsan.sh --filter Auth     a part of it
#
# Every report is kept (halt_on_error=0) and the distinct places raced on are listed at the
# end. On Linux, ThreadSanitizer does not see the standard library's `Mutex` (Synchronization)
# lock and unlock, so two threads taking turns through one `Mutex` are reported as a race (a
# 15-line program using `Mutex` correctly reproduces it): read a report whose accesses are both
# inside `withLock` as that, and look for reports where one side is not.
set -uo pipefail
cd "$(dirname "$0")/.."

# shellcheck source=scripts/lib/postgres.sh
source scripts/lib/postgres.sh
[ -n "${JHT_TEST_POSTGRES_URL:-}" ] || start_postgres || exit 1

export JHT_SIM_SEEDS=${JHT_SIM_SEEDS:-20}
log=.build-tsan/tsan.log
mkdir -p .build-tsan
export TSAN_OPTIONS=${TSAN_OPTIONS:-halt_on_error=0:second_deadlock_stack=1:log_path=$PWD/.build-tsan/tsan-report}
rm -f .build-tsan/tsan-report.*
echo "==> swift build --sanitize=thread (.build-tsan)"
swift build --build-tests --sanitize=thread --scratch-path .build-tsan || exit 1
echo "==> swift test --sanitize=thread"
swift test --skip-build --sanitize=thread --scratch-path .build-tsan "$@" 2>&1 | tee "$log"
status=${PIPESTATUS[0]}
reports=$(cat .build-tsan/tsan-report.* 2>/dev/null | grep -c '^WARNING: ThreadSanitizer' || true)
echo "==> ThreadSanitizer: $reports reports (in .build-tsan/tsan-report.*), at these places:"
cat .build-tsan/tsan-report.* 2>/dev/null | grep '^SUMMARY: ThreadSanitizer' | sed 's/ in .*//' | sort | uniq -c | sort -rn | head -n 40
exit "$status"
