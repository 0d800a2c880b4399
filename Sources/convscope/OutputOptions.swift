import ArgumentParser
import ConvDiagrams

/// How a scene's frames are printed or shown.
enum OutputFormat: String, ExpressibleByArgument, CaseIterable {
    case ascii, unicode, ansi, json
}

/// Options every step-through scene shares.
struct OutputOptions: ParsableArguments {
    @Option(name: .long, parsing: .unconditional, help: "Show step N (1-based).")
    var step: Int?

    @Flag(name: .long, help: "Print every step, one frame after another.")
    var all = false

    @Option(name: .long, parsing: .unconditional, help: "ascii, unicode, ansi (Unicode with colour escape codes, 24-bit for images) or json.")
    var format: OutputFormat = .ascii

    @Flag(name: .long, help: "Print instead of opening the interactive view.")
    var print = false

    @Option(name: .long, parsing: .unconditional, help: "Width of printed frames in columns (60...1000).")
    var width: Int = 100

    @Option(name: .long, parsing: .unconditional, help: "Height of printed frames in rows (16...1000).")
    var height: Int = 30

    var glyphs: GlyphSet { format == .unicode || format == .ansi ? .unicode : .ascii }

    func validateSize() throws(CLIError) {
        guard (60...1000).contains(width) else { throw .usage("--width \(width) is out of range; allowed: 60...1000") }
        guard (16...1000).contains(height) else { throw .usage("--height \(height) is out of range; allowed: 16...1000") }
    }
}
