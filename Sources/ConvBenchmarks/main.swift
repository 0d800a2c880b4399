// convscope-bench: times the core's conv2d on the two shapes of issue 6 and prints the time per
// run and GFLOP/s (FLOPs = 2 x multiply-adds, bias excluded), single-threaded.
//
//     swift run -c release convscope-bench [--image PATH] [--runs N]
//     swift run -c release convscope-bench arch [--runs N]     (architecture tables; see ArchBenchmark.swift)
//     swift run -c release convscope-bench keys                (keys through each scene; see KeysBenchmark.swift)
//     swift run -c release convscope-bench onnx [--runs N]     (ONNX files with weights inside; see ONNXBenchmark.swift)
//
// Reference (issue 6, PyTorch single-thread on the same shapes): 19 and 91 GFLOP/s.
import ConvCore
import ConvImages

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Monotonic time in seconds.
func now() -> Double {
    var spec = timespec()
    clock_gettime(CLOCK_MONOTONIC, &spec)
    return Double(spec.tv_sec) + Double(spec.tv_nsec) * 1e-9
}

/// Small integers from a fixed seed (Knuth's MMIX linear congruential generator).
struct Weights {
    var state: UInt64 = 0x5EED
    mutating func tensor(_ shape: [Int]) throws -> Tensor {
        let count = shape.reduce(1, *)
        var data = [Float](repeating: 0, count: count)
        for i in 0..<count {
            state = state &* 6364136223846793005 &+ 1442695040888963407
            data[i] = Float(Int((state >> 33) % 5) - 2)
        }
        return try Tensor(shape: shape, data: data)
    }
}

struct Options {
    var image: String
    var runs = 30

    init(arguments: [String]) throws(BenchError) {
        // Default: the repository's photo, found from this file's location.
        let here = #filePath
        let root = here.split(separator: "/", omittingEmptySubsequences: false).dropLast(3).joined(separator: "/")
        image = root + "/assets/images/astronaut.png"
        var rest = arguments.dropFirst()
        while let flag = rest.popFirst() {
            switch flag {
            case "--image":
                guard let value = rest.popFirst() else { throw .usage("--image needs a path") }
                image = value
            case "--runs":
                guard let value = rest.popFirst(), let runs = Int(value), (1...10_000).contains(runs) else {
                    throw .usage("--runs needs a count in 1...10000")
                }
                self.runs = runs
            case "-h", "--help":
                throw .usage("usage: convscope-bench [--image PATH] [--runs N] | convscope-bench arch [--runs N] [--binary PATH] | convscope-bench onnx [--runs N]")
            default:
                throw .usage("unknown argument \(flag); usage: convscope-bench [--image PATH] [--runs N] | convscope-bench arch [--runs N] [--binary PATH]")
            }
        }
    }
}

enum BenchError: Error, CustomStringConvertible {
    case usage(String)
    var description: String {
        switch self { case let .usage(text): return text }
    }
}

/// Runs `body` `runs` times after two warm-up runs; returns the median and best seconds.
func time(runs: Int, _ body: () throws -> Void) rethrows -> (median: Double, best: Double) {
    try body(); try body()
    var samples: [Double] = []
    for _ in 0..<runs {
        let start = now()
        try body()
        samples.append(now() - start)
    }
    samples.sort()
    return (samples[samples.count / 2], samples[0])
}

func report(_ name: String, geometry: Conv2dGeometry, timing: (median: Double, best: Double), pytorch: Double) {
    let macs = geometry.multiplyAdds(bias: false)
    let flops = 2 * Double(macs)
    let median = flops / timing.median / 1e9, best = flops / timing.best / 1e9
    func fixed(_ value: Double, _ digits: Int) -> String {
        if digits == 0 { return "\(Int(value.rounded()))" }
        var scale = 1.0
        for _ in 0..<digits { scale *= 10 }
        let rounded = (value * scale).rounded() / scale
        var text = "\(rounded)"
        if let dot = text.firstIndex(of: ".") {
            let decimals = text.distance(from: dot, to: text.endIndex) - 1
            if decimals < digits { text += String(repeating: "0", count: digits - decimals) }
        }
        return text
    }
    print("\(name)")
    print("  \(Tensor.describe(geometry.inputShape)) * \(Tensor.describe(geometry.weightShape)) -> \(Tensor.describe(geometry.outputShape)), \(macs) multiply-adds (\(fixed(flops / 1e6, 1)) MFLOP)")
    print("  median \(fixed(timing.median * 1e3, 3)) ms/run  \(fixed(median, 1)) GFLOP/s   (best \(fixed(timing.best * 1e3, 3)) ms, \(fixed(best, 1)) GFLOP/s)")
    print("  PyTorch single-thread: \(fixed(pytorch, 0)) GFLOP/s; goal >= \(fixed(pytorch / 2, 1)): \(median >= pytorch / 2 ? "met" : "NOT met")")
}

do {
    if CommandLine.arguments.dropFirst().first == "keys" {
        try runKeysBenchmark()
        exit(0)
    }
    if CommandLine.arguments.dropFirst().first == "onnx" {
        try runONNXBenchmark(arguments: CommandLine.arguments)
        exit(0)
    }
    if CommandLine.arguments.dropFirst().first == "arch" {
        try runArchBenchmark(arguments: CommandLine.arguments)
        exit(0)
    }
    let options = try Options(arguments: CommandLine.arguments)
    var weights = Weights()

    // 1. The 256 x 256 RGB photo with the lecture's bank of four 5x5x3 filters, padding 2.
    let photo: Tensor
    let source: String
    do {
        photo = try RasterImage(contentsOfFile: options.image).tensor()
        source = options.image
    } catch {
        print("note: \(error); using a 1 x 3 x 256 x 256 tensor of generated values instead")
        photo = try weights.tensor([1, 3, 256, 256])
        source = "generated 1 x 3 x 256 x 256"
    }
    let bank = try weights.tensor([4, photo.shape[1], 5, 5])
    let bankBias = try weights.tensor([4])
    let photoGeometry = try Conv2dGeometry.validated(input: photo, weight: bank, bias: bankBias, stride: (1, 1),
                                                     padding: (.explicit(2), .explicit(2)), dilation: (1, 1), groups: 1)
    let photoTiming = try time(runs: options.runs) {
        _ = try conv2d(input: photo, weight: bank, bias: bankBias, geometry: photoGeometry)
    }
    report("photo (\(source)), four 5x5x3 filters, padding 2", geometry: photoGeometry, timing: photoTiming, pytorch: 19)

    // 2. A 1 x 64 x 56 x 56 feature map with 64 3x3 filters, padding 1 (a ResNet stage-1 layer).
    let features = try weights.tensor([1, 64, 56, 56])
    let filters = try weights.tensor([64, 64, 3, 3])
    let filterBias = try weights.tensor([64])
    let featureGeometry = try Conv2dGeometry.validated(input: features, weight: filters, bias: filterBias, stride: (1, 1),
                                                       padding: (.explicit(1), .explicit(1)), dilation: (1, 1), groups: 1)
    let featureTiming = try time(runs: options.runs) {
        _ = try conv2d(input: features, weight: filters, bias: filterBias, geometry: featureGeometry)
    }
    report("feature map, 64 3x3 filters, padding 1", geometry: featureGeometry, timing: featureTiming, pytorch: 91)
} catch let error as BenchError {
    print(error)
    exit(64)
} catch {
    print("convscope-bench: \(error)")
    exit(1)
}
