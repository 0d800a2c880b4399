// `convscope-bench onnx`: opening ONNX files whose weights are inside the file (issue 11,
// "Performance"). The benchmark writes two files with ONNXModelWriter: torchvision's VGG16
// (138,357,544 FLOAT parameters: 553,430,176 bytes of raw_data) and ResNet-50 with BatchNorm folded
// (25,530,472 numbers: 102 MB), both as PyTorch's exporter lays them out (Conv/Gemm initializers
// with raw_data), with zeros for weights. Then, per file: the import in this process (map, wire
// slim, decode, shape inference; median of N), and the whole `convscope arch FILE --format json`
// process of the release binary next to this one: median wall time and peak resident memory
// (through GNU time, as `convscope-bench arch` explains).
//
// Goals (issue 11): VGG16 at most 100 ms and 40 MiB; ResNet-50 at most 50 ms.
import Foundation
import ConvCore
import ConvONNX

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// `convscope-bench onnx [--runs N] [--binary PATH] [--keep FOLDER]`.
func runONNXBenchmark(arguments: [String]) throws {
    var runs = 20
    var binaryOption: String?
    var keep: String?
    var rest = arguments.dropFirst(2)
    let usage = "usage: convscope-bench onnx [--runs N] [--binary PATH] [--keep FOLDER]"
    while let flag = rest.popFirst() {
        switch flag {
        case "--binary":
            guard let value = rest.popFirst() else { throw BenchError.usage("--binary needs the path of a convscope binary") }
            binaryOption = value
        case "--keep":
            guard let value = rest.popFirst() else { throw BenchError.usage("--keep needs a folder") }
            keep = value
        case "--runs":
            guard let value = rest.popFirst(), let n = Int(value), (1...10_000).contains(n) else {
                throw BenchError.usage("--runs needs a count in 1...10000")
            }
            runs = n
        default:
            throw BenchError.usage("unknown argument \(flag); \(usage)")
        }
    }
    let here = CommandLine.arguments[0]
    let folder = here.contains("/") ? String(here[..<(here.lastIndex(of: "/") ?? here.endIndex)]) : "."
    let binary = binaryOption ?? folder + "/convscope"
    guard access(binary, X_OK) == 0 else {
        throw BenchError.usage("\(binary) not found: build it first (swift build -c release --product convscope)")
    }
    let directory = URL(fileURLWithPath: keep ?? NSTemporaryDirectory() + "convscope-bench-onnx-\(getpid())")
    try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
    defer { if keep == nil { try? FileManager.default.removeItem(at: directory) } }

    let models: [(name: String, model: ProtobufMessage, goalSeconds: Double, goalKiB: Int?)] = [
        ("vgg16", ONNXModelWriter.vgg16(weights: .inside), 0.100, 40 * 1024),
        ("resnet50", ONNXModelWriter.resnet50(weights: .inside), 0.050, nil),
    ]
    print("ONNX files with their weights inside (synthesised in \(directory.path); zeros as raw_data)")
    for entry in models {
        let url = directory.appendingPathComponent(entry.name + ".onnx")
        let written = now()
        try entry.model.write(to: url)
        let writeSeconds = now() - written
        var rows = 0, params = 0
        let inProcess = try time(runs: runs) {
            let report = try ONNXImporter.report(path: url.path, model: entry.name, file: url.path)
            rows = report.summary.layers.count
            params = report.initializerElements
        }
        let arguments = ["arch", url.path, "--format", "json"]
        let (times, median, peak, bound) = try measureProcess(binary: binary, arguments: arguments, runs: runs, gnuTime: gnuTime)
        let met = median <= entry.goalSeconds && (entry.goalKiB.map { peak <= $0 } ?? true)
        let goal = "goal <= \(milliseconds(entry.goalSeconds))" + (entry.goalKiB.map { ", <= \(mebibytes($0))" } ?? "")
        print("  \(entry.name).onnx: \(entry.model.count) bytes (\(params) initializer elements, \(rows) rows), written in \(milliseconds(writeSeconds))")
        print("    import in process      median \(milliseconds(inProcess.median).leftPadding(9))  best \(milliseconds(inProcess.best).leftPadding(9))")
        print("    convscope arch --format json  median \(milliseconds(median).leftPadding(9))  best \(milliseconds(times[0]).leftPadding(9))  "
              + "peak \(mebibytes(peak))\(bound)  \(goal): \(met ? "met" : "NOT met")")
    }
}
