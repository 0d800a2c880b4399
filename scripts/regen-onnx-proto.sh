#!/bin/sh
# Regenerates Sources/ConvONNX/Proto/onnx.pb.swift from Sources/ConvONNX/Proto/onnx.proto.
# Needs Debian's protoc (apt-get install -y protobuf-compiler) and protoc-gen-swift from
# apple/swift-protobuf 1.39.0, e.g.:
#   git clone https://github.com/apple/swift-protobuf /tmp/swift-protobuf
#   (cd /tmp/swift-protobuf && git checkout 1.39.0 && swift build -c release --product protoc-gen-swift)
# Usage: scripts/regen-onnx-proto.sh [PATH_TO_protoc-gen-swift]
set -eu
cd "$(dirname "$0")/.."
plugin="${1:-/tmp/swift-protobuf/.build/release/protoc-gen-swift}"
[ -x "$plugin" ] || { echo "protoc-gen-swift not found at $plugin" >&2; exit 1; }
command -v protoc >/dev/null || { echo "protoc not found (apt-get install -y protobuf-compiler)" >&2; exit 1; }
protoc --plugin=protoc-gen-swift="$plugin" \
    --proto_path=Sources/ConvONNX/Proto \
    --swift_opt=Visibility=Internal \
    --swift_out=Sources/ConvONNX/Proto \
    Sources/ConvONNX/Proto/onnx.proto
echo "wrote Sources/ConvONNX/Proto/onnx.pb.swift"
