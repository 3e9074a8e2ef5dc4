#!/usr/bin/env bash
# Fuzzes the parsers that read hostile input, with libFuzzer (swiftc -sanitize=fuzzer): the
# identity parsers (NIK, KPJ, phone, bank), the push body's decoding, the tus headers and the
# phone's SSE parser. Each target compiles only the pure sources it needs with its harness
# (Fuzz/Harnesses), then runs for a bounded time from a copy of its committed corpus
# (Fuzz/Corpus/<target>). A crash, a trap or a broken property fails the script and leaves the
# input in .build/fuzz/artifacts.
#
#   scripts/fuzz.sh                     every target, 20 s each (the test command)
#   scripts/fuzz.sh --seconds 600 tus-headers
#   JHT_FUZZ_SECONDS=3600 scripts/fuzz.sh   the long run (scripts/hostile.sh --long)
#   scripts/fuzz.sh --merge             also adds the new inputs that reach new code to the corpus
set -euo pipefail
cd "$(dirname "$0")/.."

seconds=${JHT_FUZZ_SECONDS:-20}
merge=0
targets=()
while [ $# -gt 0 ]; do
    case "$1" in
    --seconds) seconds=$2; shift 2 ;;
    --merge) merge=1; shift ;;
    *) targets+=("$1"); shift ;;
    esac
done
[ ${#targets[@]} -gt 0 ] || targets=(identifiers push-body tus-headers server-sent-events)

# What each target compiles: Models goes in as a module of its own (Sync's files import it).
sources() {
    case "$1" in
    identifiers) echo Fuzz/Harnesses/FuzzSupport.swift Fuzz/Harnesses/FuzzIdentifiers.swift ;;
    push-body)
        find Sources/Sync/Wire Sources/Sync/Mutations Sources/Sync/Records Sources/Sync/Values Sources/Sync/Clock Sources/Sync/Merge -name '*.swift' | sort
        echo Fuzz/Harnesses/FuzzSupport.swift Fuzz/Harnesses/FuzzPushBody.swift ;;
    tus-headers) echo Sources/Server/Uploads/TusHeaderSyntax.swift Fuzz/Harnesses/FuzzSupport.swift Fuzz/Harnesses/FuzzTusHeaders.swift ;;
    server-sent-events)
        echo Sources/PhoneSync/Client/Transport/ServerSentEventParser.swift Fuzz/Harnesses/FuzzSupport.swift Fuzz/Harnesses/FuzzServerSentEvents.swift ;;
    *) echo "scripts/fuzz.sh: no target $1 (identifiers, push-body, tus-headers, server-sent-events)" >&2; return 1 ;;
    esac
}

uses_models() { [ "$1" = identifiers ] || [ "$1" = push-body ]; }

out=.build/fuzz
mkdir -p "$out/artifacts" "$out/modules"
swiftc_fuzz=(swiftc -sanitize=fuzzer -parse-as-library -O -swift-version 6)

# Built again only when a source changed.
stale() { [ ! -e "$1" ] || [ -n "$(find "${@:2}" -newer "$1" 2>/dev/null | head -n 1)" ]; }

models=$(find Sources/Models -name '*.swift' | sort)
# shellcheck disable=SC2086
if stale "$out/libFuzzModels.a" $models; then
    echo "==> fuzz: building Models"
    # shellcheck disable=SC2086
    "${swiftc_fuzz[@]}" -module-name Models -emit-module -emit-module-path "$out/modules/Models.swiftmodule" \
        -emit-library -static -o "$out/libFuzzModels.a" $models
fi

failed=0
for target in "${targets[@]}"; do
    files=$(sources "$target")
    binary="$out/$target"
    linked=()
    uses_models "$target" && linked=(-I "$out/modules" "$out/libFuzzModels.a")
    # shellcheck disable=SC2086
    if stale "$binary" $files "$out/libFuzzModels.a"; then
        echo "==> fuzz: building $target"
        # shellcheck disable=SC2086
        "${swiftc_fuzz[@]}" -module-name "Fuzz_${target//-/_}" $files "${linked[@]}" -o "$binary"
    fi
    corpus=$(mktemp -d "${TMPDIR:-/tmp}/jht-fuzz-$target.XXXXXX")
    cp -r "Fuzz/Corpus/$target/." "$corpus/"
    log="$out/$target.log"
    dictionary=()
    [ -f "Fuzz/Dictionaries/$target.dict" ] && dictionary=(-dict="Fuzz/Dictionaries/$target.dict")
    echo "==> fuzz: $target for $seconds s ($(ls "Fuzz/Corpus/$target" | wc -l) seeds)"
    # The Swift runtime's own crash report would keep libFuzzer from saving the input.
    if SWIFT_BACKTRACE=enable=no "$binary" "$corpus" "${dictionary[@]}" -max_total_time="$seconds" -timeout=10 -rss_limit_mb=2048 -max_len=65536 -print_final_stats=1 \
        -artifact_prefix="$out/artifacts/$target-" >"$log" 2>&1; then
        runs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$log")
        coverage=$(grep -o 'cov: [0-9]*' "$log" | tail -n 1)
        echo "    $runs inputs, $coverage, corpus $(ls "$corpus" | wc -l)"
        if [ "$merge" = 1 ]; then
            "$binary" -merge=1 "Fuzz/Corpus/$target" "$corpus" >>"$log" 2>&1
            echo "    corpus now $(ls "Fuzz/Corpus/$target" | wc -l) inputs"
        fi
    else
        failed=1
        echo "scripts/fuzz.sh: $target failed; the end of its log ($log):" >&2
        grep -v -E '^(INFO|#[0-9]|\s+NEW_FUNC)' "$log" | grep -v -E '^(==|  [A-Z])' | tail -n 12 >&2
        input=$(ls -t "$out/artifacts/$target-"* 2>/dev/null | head -n 1)
        [ -n "$input" ] && echo "    input: $input (Base64 $(base64 -w0 "$input" | head -c 400))" >&2
        echo "    replay: $binary $input" >&2
    fi
    rm -rf "$corpus"
done
exit $failed
