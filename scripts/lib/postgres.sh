# A throwaway PostgreSQL server for the tests, sourced by scripts/test.sh, scripts/hostile.sh and
# scripts/tsan.sh: `start_postgres` starts one on 127.0.0.1:${JHT_TEST_POSTGRES_PORT:-54329}
# (trust for the test role, loopback only, no fsync), exports JHT_TEST_POSTGRES_URL, and stops
# and removes it when the script exits. A server that does not start fails the script.

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
    echo "scripts/lib/postgres.sh: no PostgreSQL server binaries (initdb, pg_ctl) found; run scripts/install-deps.sh" >&2
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
        echo "scripts/lib/postgres.sh: initdb failed" >&2
        return 1
    fi
    # A throwaway server: no fsync; enough connections for the tests' parallel pools.
    if ! "${PG_AS[@]}" "$PG_BIN/pg_ctl" -D "$PG_ROOT/data" -l "$PG_ROOT/server.log" -w -t 60 \
        -o "-c listen_addresses=127.0.0.1 -p $PG_PORT -k $PG_ROOT -c max_connections=300 -c fsync=off" start >/dev/null; then
        cat "$PG_ROOT/server.log" >&2 || true
        echo "scripts/lib/postgres.sh: the test PostgreSQL did not start on 127.0.0.1:$PG_PORT" >&2
        return 1
    fi
    export JHT_TEST_POSTGRES_URL="postgres://jht@127.0.0.1:$PG_PORT/postgres?sslmode=disable"
}

