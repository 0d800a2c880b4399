#!/bin/sh
# Fuzzes the ONNX importer with libFuzzer and AddressSanitizer (issue 11): builds
# convscope-fuzz-onnx on its own scratch path (.build-fuzz-onnx, so the normal build is untouched) and
# runs it for SECONDS (default 30, as CI runs it), seeded with the ONNX corpus. New inputs go to
# .build-fuzz-onnx/onnx-corpus; a crash is written as .build-fuzz-onnx/crash-* and reproduced with
# `swift run convscope-fuzz-onnx .build-fuzz-onnx/crash-...`. Linked with lld (gold fails on the ASan objects here).
# Usage: scripts/fuzz-onnx.sh [SECONDS] [extra libFuzzer options...]
set -eu
cd "$(dirname "$0")/.."
seconds="${1:-30}"
[ $# -gt 0 ] && shift
swift build --product convscope-fuzz-onnx --scratch-path .build-fuzz-onnx \
    -Xswiftc -sanitize=fuzzer,address -Xswiftc -DFUZZING -Xswiftc -use-ld=lld
mkdir -p .build-fuzz-onnx/onnx-corpus
.build-fuzz-onnx/debug/convscope-fuzz-onnx .build-fuzz-onnx/onnx-corpus Sources/ConvTestSupport/Fixtures/corpus/onnx Sources/ConvTestSupport/Fixtures/corpus/onnx-backend \
    -max_total_time="$seconds" -max_len=262144 -timeout=10 -rss_limit_mb=2048 -print_final_stats=1 \
    -artifact_prefix=.build-fuzz-onnx/ "$@"
