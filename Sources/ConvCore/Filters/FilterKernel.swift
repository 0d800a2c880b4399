/// One 2-D kernel (rows x columns weights) stamped over each channel of an image: a named
/// kernel (``NamedFilter``) or one typed as rows, "a b c; d e f; g h i".
///
/// Applied as cross-correlation (no kernel flip), as `torch.nn.functional.conv2d` does and as
/// the reference vectors `filters.json` were made.
///
///     let sharpen = try FilterKernel(argument: "0 -1 0; -1 5 -1; 0 -1 0")
///     let box = try FilterKernel(argument: "box")        // 1/9 everywhere
public struct FilterKernel: Equatable, Sendable {
    /// The largest number of rows or columns accepted: 256.
    public static let maximumSide = 256

    /// kH, the number of rows (1...256).
    public let rows: Int
    /// kW, the number of columns (1...256).
    public let columns: Int
    /// rows x columns weights, row-major (row 0 is the top row of the window).
    public let weights: [Float]
    /// The name for a named kernel, nil for a typed one.
    public let name: String?
    /// How the raw output is shown: the named kernel's rule, or for a typed kernel
    /// ``DisplayMapping/suited(to:)`` (absolute value rescaled when the weights sum to 0).
    public let displayMapping: DisplayMapping

    /// A kernel from its weights.
    /// - Parameters:
    ///   - rows: kH, 1...256.
    ///   - columns: kW, 1...256.
    ///   - weights: rows x columns finite values, row-major.
    ///   - name: an optional label.
    /// - Throws: ``FilterError/tooLarge(rows:columns:)``, ``FilterError/weightCount(rows:columns:count:)``,
    ///   ``FilterError/badToken(token:row:entry:reason:)`` for a non-finite weight.
    public init(rows: Int, columns: Int, weights: [Float], name: String? = nil) throws(FilterError) {
        guard (1...Self.maximumSide).contains(rows), (1...Self.maximumSide).contains(columns) else {
            throw .tooLarge(rows: rows, columns: columns)
        }
        guard weights.count == rows * columns else {
            throw .weightCount(rows: rows, columns: columns, count: weights.count)
        }
        if let bad = weights.firstIndex(where: { !$0.isFinite }) {
            throw .badToken(token: "\(weights[bad])", row: bad / columns + 1, entry: bad % columns + 1, reason: "is not a finite number")
        }
        self.rows = rows
        self.columns = columns
        self.weights = weights
        self.name = name
        self.displayMapping = DisplayMapping.suited(to: weights)
    }

    /// A named kernel (always 3 x 3).
    public init(named filter: NamedFilter) {
        rows = 3
        columns = 3
        weights = filter.weights.flatMap { $0 }
        name = filter.rawValue
        displayMapping = filter.displayMapping
    }

    /// A kernel written as rows separated by ';', numbers separated by spaces or commas:
    /// "0 -1 0; -1 5 -1; 0 -1 0". Any rectangular size up to 256 x 256. A number is a decimal
    /// ("-0.5", "2e-1") or a fraction of two decimals ("1/9"). One trailing ';' is allowed.
    /// - Throws: ``FilterError/badToken(token:row:entry:reason:)`` naming the first bad token and
    ///   its row and entry (1-based), ``FilterError/raggedRows(row:count:expected:)``,
    ///   ``FilterError/emptyRow(row:)``, ``FilterError/emptyKernel``, ``FilterError/tooLarge(rows:columns:)``.
    public init(parsing text: String) throws(FilterError) {
        var rowTexts = text.split(separator: ";", omittingEmptySubsequences: false)
        if rowTexts.count > 1, let last = rowTexts.last, last.allSatisfy(\.isWhitespace) { rowTexts.removeLast() }
        guard rowTexts.contains(where: { !$0.allSatisfy(\.isWhitespace) }) else { throw .emptyKernel }
        guard rowTexts.count <= Self.maximumSide else { throw .tooLarge(rows: rowTexts.count, columns: 0) }
        var weights: [Float] = []
        var columns = 0
        for (rowIndex, rowText) in rowTexts.enumerated() {
            let tokens = rowText.split(whereSeparator: { $0.isWhitespace || $0 == "," })
            guard !tokens.isEmpty else { throw .emptyRow(row: rowIndex + 1) }
            guard tokens.count <= Self.maximumSide else { throw .tooLarge(rows: rowTexts.count, columns: tokens.count) }
            if rowIndex == 0 {
                columns = tokens.count
            } else if tokens.count != columns {
                throw .raggedRows(row: rowIndex + 1, count: tokens.count, expected: columns)
            }
            for (entryIndex, token) in tokens.enumerated() {
                weights.append(try Self.number(String(token), row: rowIndex + 1, entry: entryIndex + 1))
            }
        }
        try self.init(rows: rowTexts.count, columns: columns, weights: weights)
    }

    /// A command-line kernel argument: a ``NamedFilter`` name ("box", "sobel-x", any letter case)
    /// or a matrix as in ``init(parsing:)``.
    /// - Throws: ``FilterError/unknownName(_:)`` for a single word that is not a name or number,
    ///   and the errors of ``init(parsing:)``.
    public init(argument: String) throws(FilterError) {
        let trimmed = argument.split(whereSeparator: \.isWhitespace).joined(separator: " ")
        if let named = NamedFilter(rawValue: trimmed.lowercased()) {
            self.init(named: named)
            return
        }
        let isWord = !trimmed.isEmpty && !trimmed.contains(";") && !trimmed.contains(" ") && !trimmed.contains(",")
            && trimmed.first.map { $0.isLetter } == true
        if isWord { throw .unknownName(trimmed) }
        try self.init(parsing: argument)
    }

    /// Parses one token: a decimal or p/q.
    static func number(_ token: String, row: Int, entry: Int) throws(FilterError) -> Float {
        let parts = token.split(separator: "/", omittingEmptySubsequences: false)
        guard parts.count <= 2 else {
            throw .badToken(token: token, row: row, entry: entry, reason: "is not a number")
        }
        var values: [Double] = []
        for part in parts {
            guard !part.isEmpty, part.allSatisfy({ $0.isASCII && ($0.isNumber || "+-.eE".contains($0)) }),
                  let value = Double(part) else {
                throw .badToken(token: token, row: row, entry: entry, reason: "is not a number")
            }
            values.append(value)
        }
        var value = values[0]
        if values.count == 2 {
            guard values[1] != 0 else { throw .badToken(token: token, row: row, entry: entry, reason: "divides by zero") }
            value /= values[1]
        }
        let single = Float(value)
        guard single.isFinite, abs(single) <= 1e6 else {
            throw .badToken(token: token, row: row, entry: entry, reason: "is outside -1e6...1e6 (a 255-valued pixel times it must stay finite)")
        }
        return single
    }

    /// The weights as rows (row 0 is the top row).
    public var weightRows: [[Float]] {
        (0..<rows).map { r in Array(weights[(r * columns)..<((r + 1) * columns)]) }
    }

    /// Σ weights: 1 for kernels that keep brightness (box, blur, sharpen, emboss), 0 for edge
    /// kernels (outline, Sobel).
    public var sum: Float { weights.reduce(0, +) }

    /// The weight of a per-channel (depthwise) convolution applying this kernel to each of
    /// `channels` channels: shape channels x 1 x rows x columns, for `conv2d(..., groups: channels)`.
    /// - Throws: ``ConvError/outOfRange(name:value:allowed:)`` for channels outside 1...65536.
    public func depthwiseWeight(channels: Int) throws(ConvError) -> Tensor {
        try requireInRange("channels", channels, 1...65536)
        var data: [Float] = []
        data.reserveCapacity(channels * weights.count)
        for _ in 0..<channels { data.append(contentsOf: weights) }
        return try Tensor(shape: [channels, 1, rows, columns], data: data)
    }
}
