// convscope-fuzz-onnx: the ONNX importer under libFuzzer (issue 11, "Bad files").
//
// Built for fuzzing by scripts/fuzz-onnx.sh (`-sanitize=fuzzer,address -DFUZZING`, scratch path
// .build-fuzz-onnx): libFuzzer's driver feeds ONNXImporter.report(data:) mutated bytes, seeded with the
// corpus; a trap, a sanitizer report, a timeout or an RSS beyond the limit is a finding. Built
// normally (`swift build`), the same executable replays files: `convscope-fuzz-onnx FILE...` imports
// each and prints its one-line answer, which is how a finding is reproduced without sanitizers.
import Foundation
import ConvONNX

/// Imports one input; every error is an expected answer, only a crash is a finding.
func importOnce(_ data: UnsafePointer<UInt8>?, _ size: Int) -> Int32 {
    let bytes = data.map { Data(bytes: $0, count: size) } ?? Data()
    _ = try? ONNXImporter.report(data: bytes, model: "fuzz.onnx", file: "fuzz.onnx")
    return 0
}

#if FUZZING
/// libFuzzer's per-input entry (compiler-rt FuzzerMain.cpp references it).
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzerTestOneInput(_ data: UnsafePointer<UInt8>?, _ size: Int) -> Int32 {
    importOnce(data, size)
}

/// libFuzzer's driver for programs with their own main (compiler-rt FuzzerDriver.cpp):
/// `int LLVMFuzzerRunDriver(int *argc, char ***argv, int (*callback)(const uint8_t *, size_t))`.
/// SwiftPM makes `main` an alias of this module's entry point, so the driver is started here.
@_silgen_name("LLVMFuzzerRunDriver")
func runDriver(_ argc: UnsafeMutablePointer<Int32>,
               _ argv: UnsafeMutablePointer<UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?>,
               _ callback: @convention(c) (UnsafePointer<UInt8>?, Int) -> Int32) -> Int32

var argc = CommandLine.argc
var argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>? = CommandLine.unsafeArgv
exit(runDriver(&argc, &argv) { data, size in importOnce(data, size) })
#else
var failures = 0
for path in CommandLine.arguments.dropFirst() {
    do {
        let report = try ONNXImporter.report(path: path, model: path, file: path)
        print("\(path): ok, \(report.summary.layers.count) rows, \(report.initializerElements) initializer elements")
    } catch {
        print("\(path): \(error)")
        failures += 1
    }
}
exit(failures == 0 ? 0 : 1)
#endif
