#!/usr/bin/env bash
# Builds the libFuzzer targets of Fuzz/ (address sanitizer, libFuzzer coverage) and runs each for
# SECONDS (default 30) seeded with the corpus fixtures; new inputs go to a scratch corpus, never
# into the repository. Exit status non-zero when a target crashes (the crashing input is kept in
# .build-fuzz/findings/). FuzzONNX runs scripts/fuzz-onnx.sh (scratch .build-fuzz-onnx).
# Usage: scripts/fuzz.sh [SECONDS] [FuzzDarknet|FuzzCaffe|FuzzONNX...] (default: all three)
set -euo pipefail
cd "$(dirname "$0")/.."
seconds="${1:-30}"; shift || true
targets=("$@"); [ ${#targets[@]} -gt 0 ] || targets=(FuzzDarknet FuzzCaffe FuzzONNX)
# The ONNX target lives in the main package (convscope-fuzz-onnx): its own script and scratch path.
onnx=0
rest=()
for t in "${targets[@]}"; do if [ "$t" = FuzzONNX ]; then onnx=1; else rest+=("$t"); fi; done
if [ $onnx -eq 1 ]; then ./scripts/fuzz-onnx.sh "$seconds"; fi
[ ${#rest[@]} -gt 0 ] || exit 0
targets=("${rest[@]}")
root="$PWD"
scratch="$root/.build-fuzz"
(cd Fuzz && swift build -c release --scratch-path "$scratch" \
    -Xswiftc -sanitize=fuzzer,address -Xswiftc -parse-as-library)
fixtures="$root/Sources/ConvTestSupport/Fixtures/corpus"
mkdir -p "$scratch/findings"
status=0
for target in "${targets[@]}"; do
    case "$target" in
        FuzzDarknet) seeds=$(find "$fixtures/darknet" -name '*.cfg') ;;
        FuzzCaffe) seeds=$(find "$fixtures/caffe" -name '*.prototxt') ;;
        *) echo "unknown target $target; allowed: FuzzDarknet FuzzCaffe FuzzONNX" >&2; exit 64 ;;
    esac
    corpus="$scratch/corpus/$target"
    mkdir -p "$corpus"
    for f in $seeds; do cp -n "$f" "$corpus/" 2>/dev/null || true; done
    echo "== $target: ${seconds} s, seeds $(ls "$corpus" | wc -l)"
    if ! "$scratch/release/$target" "$corpus" -max_total_time="$seconds" -max_len=262144 -timeout=25 \
            -rss_limit_mb=2048 -artifact_prefix="$scratch/findings/$target-" -print_final_stats=1 2>&1 \
            | grep -E "^#[0-9]+.*DONE|^stat::number_of_executed_units|^stat::peak_rss_mb|ERROR|SUMMARY|Test unit written|==[0-9]+=="; then
        :
    fi
    if ls "$scratch/findings/$target-"* >/dev/null 2>&1; then
        echo "$target: findings in $scratch/findings" >&2
        status=1
    fi
done
exit $status
