// `convscope-bench arch`: times the architecture tables (issue 3). Per model: building the graph,
// summarising it (shape inference, counts, receptive fields) and rendering the JSON of docs/ARCHITECTURE.md, in
// this process. Then the whole `convscope` process (the release binary next to this one) for
// `convscope arch resnet152 --format json` and `convscope arch --list`: wall time and peak
// resident memory (getrusage's ru_maxrss of the child).
//
// Measuring ru_maxrss: Linux records at exec the high-water mark of the image being replaced, so a
// child spawned straight from this (large) process reports at least this process's own size.
// The peak is therefore taken through GNU time (`/usr/bin/time -f %M`), whose small process forks
// the binary; without it the figure is marked as an upper bound. `--binary PATH` measures
// another build (e.g. one linked with `--static-swift-stdlib`).
//
// Goal (issue 3): at least 400 times faster than summarising ResNet-50 with torchinfo (4.9 s),
// i.e. at most 12.25 ms, in at most 15 MiB.
import ConvCore
import ConvDiagrams

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// torchinfo's time for ResNet-50 on the issue's machine, in seconds, and the goal's factor and memory.
let torchinfoResNet50Seconds = 4.9
let archGoalFactor = 400.0
let archGoalMemoryKiB = 15 * 1024

/// The result of one child process: wall seconds, peak resident KiB, exit status.
struct ProcessSample {
    var seconds: Double
    var maxResidentKiB: Int
    var status: Int32
}

/// GNU time, if installed.
let gnuTime = access("/usr/bin/time", X_OK) == 0 ? "/usr/bin/time" : nil

/// Runs `argv` with stdout and stderr to /dev/null (stderr to `errorPath` when given); measures wall
/// time and the child's ru_maxrss.
func runMeasured(_ argv: [String], errorPath: String? = nil) throws(BenchError) -> ProcessSample {
    var actions = posix_spawn_file_actions_t()
    posix_spawn_file_actions_init(&actions)
    defer { posix_spawn_file_actions_destroy(&actions) }
    posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
    posix_spawn_file_actions_addopen(&actions, 1, "/dev/null", O_WRONLY, 0)
    posix_spawn_file_actions_addopen(&actions, 2, errorPath ?? "/dev/null", O_WRONLY | O_CREAT | O_TRUNC, 0o600)
    var cArgs: [UnsafeMutablePointer<CChar>?] = argv.map { strdup($0) } + [nil]
    defer { for a in cArgs { free(a) } }
    var pid: pid_t = 0
    let start = now()
    let rc = posix_spawn(&pid, argv[0], &actions, nil, &cArgs, environ)
    guard rc == 0 else { throw .usage("cannot run \(argv[0]): error \(rc)") }
    var status: Int32 = 0
    var usage = rusage()
    while wait4(pid, &status, 0, &usage) == -1 && errno == EINTR {}
    let seconds = now() - start
    return ProcessSample(seconds: seconds, maxResidentKiB: Int(usage.ru_maxrss), status: (status >> 8) & 0xFF)
}

func milliseconds(_ seconds: Double) -> String {
    let ms = seconds * 1e3
    let hundredths = Int((ms * 100).rounded())
    let fraction = hundredths % 100
    return "\(hundredths / 100).\(fraction < 10 ? "0" : "")\(fraction) ms"
}

func mebibytes(_ kib: Int) -> String {
    let tenths = Int((Double(kib) / 1024 * 10).rounded())
    return "\(tenths / 10).\(tenths % 10) MiB"
}

/// `convscope-bench arch [--runs N]`.
func runArchBenchmark(arguments: [String]) throws {
    var runs = 50
    var binaryOption: String?
    var rest = arguments.dropFirst(2)
    while let flag = rest.popFirst() {
        switch flag {
        case "--binary":
            guard let value = rest.popFirst() else { throw BenchError.usage("--binary needs the path of a convscope binary") }
            binaryOption = value
        case "--runs":
            guard let value = rest.popFirst(), let n = Int(value), (1...10_000).contains(n) else {
                throw BenchError.usage("--runs needs a count in 1...10000")
            }
            runs = n
        default:
            throw BenchError.usage("unknown argument \(flag); usage: convscope-bench arch [--runs N] [--binary PATH]")
        }
    }
    print("Architecture tables: build + summary + JSON render, in process (median of \(runs) runs)")
    var resnet50 = 0.0
    for name in ModelZoo.names {
        var rows = 0, bytes = 0
        let total = try time(runs: runs) {
            let summary = try ModelZoo.build(name)
            let json = try ArchTable.json(summary)
            rows = summary.rows.count
            bytes = json.utf8.count
        }
        let summaryOnly = try time(runs: runs) { _ = try ModelZoo.build(name) }
        if name == "resnet50" { resnet50 = total.median }
        print("  \(name.padding(18)) \(String(rows).leftPadding(4)) rows  \(String(bytes).leftPadding(7)) bytes of JSON  "
              + "median \(milliseconds(total.median).leftPadding(9)) (summary \(milliseconds(summaryOnly.median).leftPadding(9)))"
              + "  best \(milliseconds(total.best).leftPadding(9))")
    }
    let goal = torchinfoResNet50Seconds / archGoalFactor
    print("  resnet50: \(Int((torchinfoResNet50Seconds / max(resnet50, 1e-9)).rounded())) times faster than torchinfo (4.9 s)")

    // Whole processes of the release binary next to this one.
    let here = CommandLine.arguments[0]
    let folder = here.contains("/") ? String(here[..<(here.lastIndex(of: "/") ?? here.endIndex)]) : "."
    let binary = binaryOption ?? folder + "/convscope"
    guard access(binary, X_OK) == 0 else {
        throw BenchError.usage("\(binary) not found: build it first (swift build -c release --product convscope)")
    }
    print("Whole process: \(binary) (median of \(runs) runs; peak memory is the largest ru_maxrss)")
    for arguments in [["arch", "resnet152", "--format", "json"], ["arch", "resnet50", "--format", "json"], ["arch", "--list"]] {
        let (times, median, peak, bound) = try measureProcess(binary: binary, arguments: arguments, runs: runs, gnuTime: gnuTime)
        let met = median <= goal && peak <= archGoalMemoryKiB
        print("  convscope \(arguments.joined(separator: " "))".padding(48)
              + "median \(milliseconds(median).leftPadding(9))  best \(milliseconds(times[0]).leftPadding(9))  "
              + "peak \(mebibytes(peak))\(bound)  goal <= \(milliseconds(goal)), <= 15 MiB: \(met ? "met" : "NOT met")")
    }
}

/// `binary arguments` run `runs` times after two warm-up runs: the sorted times (s), their median,
/// the peak resident memory (KiB; from GNU time's %M when `gnuTime` is given, else the largest
/// ru_maxrss of the children, an upper bound) and a note saying which.
/// - Throws: ``BenchError/usage(_:)`` when a run exits non-zero.
func measureProcess(binary: String, arguments: [String], runs: Int, gnuTime: String?) throws
    -> (times: [Double], median: Double, peakKiB: Int, bound: String) {
    var samples: [ProcessSample] = []
    for _ in 0..<(runs + 2) { samples.append(try runMeasured([binary] + arguments)) }
    samples.removeFirst(2)
    guard samples.allSatisfy({ $0.status == 0 }) else { throw BenchError.usage("convscope \(arguments.joined(separator: " ")) failed") }
    let times = samples.map(\.seconds).sorted()
    let median = times[times.count / 2]
    var peak = samples.map(\.maxResidentKiB).max() ?? 0
    var bound = " (upper bound: no /usr/bin/time)"
    if let gnuTime {
        let path = (getenv("TMPDIR").map { String(cString: $0) + "/" } ?? "/tmp/") + "convscope-bench-time-\(getpid()).txt"
        defer { unlink(path) }
        peak = 0
        for _ in 0..<5 {
            _ = try runMeasured([gnuTime, "-f", "%M", binary] + arguments, errorPath: path)
            let text = (try? readText(path)) ?? ""
            peak = max(peak, Int(text.split(separator: "\n").last.map(String.init) ?? "") ?? 0)
        }
        bound = ""
    }
    return (times, median, peak, bound)
}

/// The contents of a small text file.
func readText(_ path: String) throws -> String {
    guard let file = fopen(path, "r") else { throw BenchError.usage("cannot read \(path)") }
    defer { fclose(file) }
    var bytes: [UInt8] = []
    var buffer = [UInt8](repeating: 0, count: 4096)
    while true {
        let count = fread(&buffer, 1, buffer.count, file)
        if count <= 0 { break }
        bytes += buffer[0..<count]
    }
    return String(decoding: bytes, as: UTF8.self)
}

extension String {
    func padding(_ width: Int) -> String { count >= width ? self : self + String(repeating: " ", count: width - count) }
    func leftPadding(_ width: Int) -> String { count >= width ? self : String(repeating: " ", count: width - count) + self }
}
