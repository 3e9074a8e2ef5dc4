#!/usr/bin/env bash
# Installs what a clean Debian machine lacks to build, run and test JHT Sync.
# Idempotent: packages already present are not fetched again. Run as root (CI does).
set -euo pipefail

APT_PACKAGES=(libsqlite3-dev sqlite3 curl python3-pip)
# The test command starts a throwaway PostgreSQL server for the PostgreSQL store's tests.
APT_PACKAGES+=(postgresql)
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

missing=()
for package in "${APT_PACKAGES[@]}"; do
    dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "install ok installed" || missing+=("$package")
done
if [ ${#missing[@]} -gt 0 ]; then
    echo "==> apt-get install ${missing[*]}"
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -qq
    apt-get install -y -qq --no-install-recommends "${missing[@]}"
fi

for requirement in "${PIP_PACKAGES[@]}"; do
    name=${requirement%%==*}
    if ! python3 -m pip show "$name" >/dev/null 2>&1; then
        echo "==> pip install $requirement"
        python3 -m pip install --quiet "$requirement"
    fi
done
echo "==> dependencies present"
