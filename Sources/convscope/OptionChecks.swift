import ConvCore

/// The checks every scene command makes of its options, in one place: a count within its
/// range, a size that must agree with the values given, a value matrix, options that cannot
/// be combined with `--from`. Each error names the option, the value and what is allowed.
enum OptionChecks {
    /// `value` when it lies in `range`.
    /// - Throws: ``CLIError/usage(_:)`` "--NAME V is out of range; allowed: A...B".
    static func count(_ value: Int?, option: String, range: ClosedRange<Int>) throws(CLIError) -> Int? {
        guard let value else { return nil }
        guard range.contains(value) else { throw .usage("\(option) \(value) is out of range; allowed: \(range.lowerBound)...\(range.upperBound)") }
        return value
    }

    /// Rows of numbers separated by ';' as a 1 x 1 x H x W tensor, at most `limit` x `limit`.
    /// - Throws: ``CLIError/usage(_:)`` for unparsable text, ragged rows or too many numbers.
    static func values(_ text: String?, option: String, limit: Int = 4096) throws(CLIError) -> (tensor: Tensor, size: HeightWidth)? {
        guard let text else { return nil }
        let rows = try ListParsing.matrix(text, option: option)
        guard rows.count <= limit, rows[0].count <= limit else {
            throw .usage("\(option) has \(rows.count) x \(rows[0].count) numbers; allowed: at most \(limit) x \(limit)")
        }
        do {
            let tensor = try Tensor(shape: [1, 1, rows.count, rows[0].count], data: rows.flatMap { $0 })
            return (tensor, HeightWidth(height: rows.count, width: rows[0].count))
        } catch {
            throw .usage("\(option): \(error.description)")
        }
    }

    /// The size `text` gives (H or H,W within `range`), which must equal the size of the
    /// values given with `valuesOption` (`given`), if any; without `text`, `given`.
    /// - Throws: ``CLIError/usage(_:)`` for a bad size or "--input 7 disagrees with --values, which has 5 x 5 numbers".
    static func size(_ text: String?, option: String, range: ClosedRange<Int>,
                     agreeingWith given: HeightWidth?, valuesOption: String) throws(CLIError) -> HeightWidth? {
        guard let text else { return given }
        let (h, w) = try ListParsing.pair(text, option: option, range: range)
        if let given, given != HeightWidth(height: h, width: w) {
            throw .usage("\(option) \(text) disagrees with \(valuesOption), which has \(given.height) x \(given.width) numbers; give one or make them agree")
        }
        return HeightWidth(height: h, width: w)
    }

    /// Refuses the first of `options` (name, given) that was given together with `--from`.
    /// - Throws: ``CLIError/usage(_:)`` "--input cannot be combined with --from; the case file gives WHAT".
    static func rejectWithFrom(_ options: [(String, Bool)], gives what: String) throws(CLIError) {
        if let clash = options.first(where: { $0.1 }) {
            throw .usage("\(clash.0) cannot be combined with --from; the case file gives \(what)")
        }
    }

    /// The `--batch-index` of a `--from` case of batch `batch`: 0 when not given.
    /// - Throws: ``CLIError`` 64 for an index outside 0...batch-1, naming it and the range.
    static func batchIndex(_ index: Int?, batch: Int) throws(CLIError) -> Int {
        guard let index else { return 0 }
        guard (0..<batch).contains(index) else {
            throw .usage("--batch-index \(index) is out of range; the case has batch \(batch): allowed 0...\(batch - 1)")
        }
        return index
    }
}
