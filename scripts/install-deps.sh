#!/usr/bin/env bash
# Installs what a clean Debian machine lacks to build, run and test JHT Sync.
# Idempotent and quick when everything is present (one dpkg query, one Python check); only
# what is missing is fetched. scripts/test.sh calls it first, so the test command works on a
# clean machine by itself. Installing needs root (or password-less sudo).
set -euo pipefail

APT_PACKAGES=(libsqlite3-dev sqlite3 curl python3-pip)
# The test command starts a throwaway PostgreSQL server for the PostgreSQL store's tests; its
# contrib modules bring amcheck, which the crash test's pg_amcheck uses.
APT_PACKAGES+=(postgresql postgresql-contrib)
# The phone SDK's URLSession transport: FoundationNetworking runs on libcurl on Linux.
APT_PACKAGES+=(libcurl4-openssl-dev)
# The staff page's integration test opens it in headless Chromium.
APT_PACKAGES+=(chromium)
PIP_PACKAGES=(openapi-spec-validator==0.9.0)
# A third-party tus client the upload integration test drives (scripts/tus_upload_check.py).
PIP_PACKAGES+=(tuspy==1.1.0)
# The contract against outside tools (scripts/contract-check.sh): a client generated from
# openapi/openapi.yaml, and a fuzzer.
PIP_PACKAGES+=(openapi-python-client==0.29.1 schemathesis==4.32.5)

as_root() {
    if [ "$(id -u)" = "0" ]; then
        "$@"
    elif command -v sudo >/dev/null 2>&1 && sudo -n true 2>/dev/null; then
        sudo -n "$@"
    else
        echo "scripts/install-deps.sh: missing packages need root to install: $*" >&2
        echo "  run 'sudo scripts/install-deps.sh' once, then the test command again" >&2
        exit 1
    fi
}

# One dpkg query for every package: the ones not reported as installed are missing.
installed=$(dpkg-query -W -f='${Package} ${Status}\n' "${APT_PACKAGES[@]}" 2>/dev/null | awk '/install ok installed/ {print $1}' || true)
missing=()
for package in "${APT_PACKAGES[@]}"; do
    grep -qx "$package" <<<"$installed" || missing+=("$package")
done
if [ ${#missing[@]} -gt 0 ]; then
    echo "==> apt-get install ${missing[*]}"
    export DEBIAN_FRONTEND=noninteractive
    as_root apt-get update -qq
    as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}"
fi

# One Python process checks every pinned version.
missing_pip=$(python3 - "${PIP_PACKAGES[@]}" <<'EOF'
import sys
from importlib import metadata
for requirement in sys.argv[1:]:
    name, _, version = requirement.partition("==")
    try:
        if metadata.version(name) != version:
            print(requirement)
    except metadata.PackageNotFoundError:
        print(requirement)
EOF
)
for requirement in $missing_pip; do
    echo "==> pip install $requirement"
    python3 -m pip install --quiet "$requirement"
done
echo "==> dependencies present"
