#!/usr/bin/env bash
# The hostile suite on its own: real jht-server processes attacked over loopback (oversized,
# endless and slow bodies, idle clients, kill -9 under concurrent pushes on SQLite and
# PostgreSQL), the authorization matrix with its log scan, the tests of limits, sessions,
# lock-outs, keys and file permissions, then libFuzzer on the parsers. scripts/test.sh runs the
# same with 3 kills per store and 20 s of fuzzing per target.
#
#   scripts/hostile.sh            as in the test command
#   scripts/hostile.sh --long     50 kills per store, 10 minutes of fuzzing per target
#                                 (JHT_HOSTILE_KILLS and JHT_FUZZ_SECONDS set other amounts)
set -euo pipefail
cd "$(dirname "$0")/.."

if [ "${1:-}" = "--long" ]; then
    export JHT_HOSTILE_KILLS=${JHT_HOSTILE_KILLS:-50}
    export JHT_FUZZ_SECONDS=${JHT_FUZZ_SECONDS:-600}
fi

# shellcheck source=scripts/lib/postgres.sh
source scripts/lib/postgres.sh
[ -n "${JHT_TEST_POSTGRES_URL:-}" ] || start_postgres

swift build --build-tests
echo "==> hostile suite (${JHT_HOSTILE_KILLS:-3} kills per store)"
swift test --skip-build --filter \
    'HostileTests|AuthorizationMatrix|PersonalDataScan|NoCaching|RequestGuard|BodyLimits|SessionEnd|Lockout|SigningKey|PrivateFiles|TusHeaderSyntax'
scripts/fuzz.sh
