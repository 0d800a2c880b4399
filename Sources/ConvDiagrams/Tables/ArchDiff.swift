import Foundation
import ConvCore

/// Two architecture tables aligned leaf layer by leaf layer (`convscope arch --diff A B`): rows
/// whose type, output shape, parameters or multiply-adds differ are marked, layers present on one
/// side only are shown as such, and the totals' difference is given (what Netron #705 and its
/// duplicates ask for).
///
/// Alignment: by the dotted layer name (``ConvCore/ModelSummaryRow/path``) when at least half of
/// the smaller model's layer names occur in both and most of those name the same layer type in
/// both, else by order (layer types matched in sequence); either way as the longest common
/// subsequence of the two leaf sequences (names, or layer types for order), so an inserted layer
/// (a BatchNorm in vgg16_bn) shows as "only B" instead of shifting every row after it. Models whose
/// leaf counts multiply to more than ``maximumAlignmentCells`` are paired index by index.
public struct ArchDiff: Sendable {
    /// How the rows were paired.
    public enum Alignment: String, Sendable {
        /// By layer name.
        case byName = "name"
        /// By position (layer types matched in order).
        case byOrder = "order"
    }

    /// What differs between the two rows of a pair.
    public enum Field: String, CaseIterable, Sendable {
        /// The layer type ("Conv2d" vs "Linear").
        case type
        /// The output shape.
        case outputShape = "output_shape"
        /// The parameter count.
        case params
        /// torchinfo 1.8's multiply-adds.
        case multAdds = "mult_adds"
    }

    /// One aligned row: a leaf of A, of B, or of both.
    public struct Pair: Sendable {
        /// Index into `a.rows`, nil when the layer is only in B.
        public let a: Int?
        /// Index into `b.rows`, nil when the layer is only in A.
        public let b: Int?
        /// The fields that differ (empty for equal rows and for one-sided rows).
        public let differences: [Field]
    }

    /// The larger product of leaf counts aligned by longest common subsequence (16 MiB of table).
    public static let maximumAlignmentCells = 4_000_000

    /// The left model (A).
    public let a: ModelSummary
    /// The right model (B).
    public let b: ModelSummary
    /// How the rows were paired.
    public let alignment: Alignment
    /// The aligned rows, in forward order.
    public let pairs: [Pair]

    /// Aligns the leaf layers of `a` and `b`.
    /// - Complexity: O(leaves(a) x leaves(b)) time and memory, bounded by ``maximumAlignmentCells``.
    public init(_ a: ModelSummary, _ b: ModelSummary) {
        self.a = a
        self.b = b
        let left = a.rows.indices.filter { a.rows[$0].isLeaf }
        let right = b.rows.indices.filter { b.rows[$0].isLeaf }
        var rightTypes: [String: String] = [:]
        for index in right { rightTypes[b.rows[index].path] = b.rows[index].type }
        var shared = 0, agreeing = 0
        for index in left {
            guard let type = rightTypes[a.rows[index].path] else { continue }
            shared += 1
            if type == a.rows[index].type { agreeing += 1 }
        }
        // Shared names that mostly name other layer types (vgg16 vs vgg16_bn: features.1 is a ReLU
        // in one and a BatchNorm2d in the other) are numbering, not names: align by order.
        let byName = !left.isEmpty && !right.isEmpty && 2 * shared >= min(left.count, right.count) && 2 * agreeing > shared
        alignment = byName ? .byName : .byOrder
        let key: (ModelSummaryRow) -> String = byName ? { $0.path } : { $0.type }
        let matched = Self.align(left.map { key(a.rows[$0]) }, right.map { key(b.rows[$0]) })
        var pairs: [Pair] = []
        var i = 0, j = 0
        func emit(_ x: Int?, _ y: Int?) {
            var differences: [Field] = []
            if let x, let y {
                let r = a.rows[left[x]], s = b.rows[right[y]]
                if r.type != s.type { differences.append(.type) }
                if r.outputShape != s.outputShape { differences.append(.outputShape) }
                if r.params != s.params { differences.append(.params) }
                if r.multAdds != s.multAdds { differences.append(.multAdds) }
            }
            pairs.append(Pair(a: x.map { left[$0] }, b: y.map { right[$0] }, differences: differences))
        }
        for (x, y) in matched {
            while i < x { emit(i, nil); i += 1 }
            while j < y { emit(nil, j); j += 1 }
            emit(x, y)
            i = x + 1
            j = y + 1
        }
        while i < left.count { emit(i, nil); i += 1 }
        while j < right.count { emit(nil, j); j += 1 }
        self.pairs = pairs
    }

    /// The index pairs of a longest common subsequence of `x` and `y` (index by index beyond
    /// ``maximumAlignmentCells``).
    static func align(_ x: [String], _ y: [String]) -> [(Int, Int)] {
        let n = x.count, m = y.count
        guard n > 0, m > 0 else { return [] }
        let (cells, overflow) = (n + 1).multipliedReportingOverflow(by: m + 1)
        guard !overflow, cells <= maximumAlignmentCells else {
            return (0..<min(n, m)).map { ($0, $0) }
        }
        // suffix[i][j] = LCS length of x[i...] and y[j...].
        var suffix = [Int32](repeating: 0, count: cells)
        for i in stride(from: n - 1, through: 0, by: -1) {
            for j in stride(from: m - 1, through: 0, by: -1) {
                suffix[i * (m + 1) + j] = x[i] == y[j]
                    ? suffix[(i + 1) * (m + 1) + j + 1] + 1
                    : max(suffix[(i + 1) * (m + 1) + j], suffix[i * (m + 1) + j + 1])
            }
        }
        var result: [(Int, Int)] = []
        var i = 0, j = 0
        while i < n && j < m {
            if x[i] == y[j] {
                result.append((i, j))
                i += 1
                j += 1
            } else if suffix[(i + 1) * (m + 1) + j] >= suffix[i * (m + 1) + j + 1] {
                i += 1
            } else {
                j += 1
            }
        }
        return result
    }

    /// The pairs with a difference or only one side.
    public var differingCount: Int { pairs.filter { !$0.differences.isEmpty || $0.a == nil || $0.b == nil }.count }

    /// The totals compared: (label, A, B).
    public var totals: [(label: String, a: Int, b: Int)] {
        [("Total params", a.totalParams, b.totalParams),
         ("Total mult-adds", a.totalMultAdds, b.totalMultAdds),
         ("MACs without bias", a.totalMACsWithoutBias, b.totalMACsWithoutBias),
         ("FLOPs (2 x mult-adds)", a.totalFLOPs, b.totalFLOPs),
         ("Leaf layers", a.layers.count, b.layers.count)]
    }

    // MARK: - Rendering

    /// The diff as text (`.text`, `.unicode`), a Markdown table (`.markdown`) or JSON (`.json`).
    public func render(format: ArchTableFormat) -> String {
        switch format {
        case .json: return json
        case .markdown: return table(markdown: true)
        case .text, .unicode: return table(markdown: false)
        }
    }

    private func name(_ summary: ModelSummary) -> String { summary.model }

    private func cells(_ pair: Pair) -> [String] {
        let r = pair.a.map { a.rows[$0] }, s = pair.b.map { b.rows[$0] }
        func both(_ f: (ModelSummaryRow) -> String) -> String {
            switch (r.map(f), s.map(f)) {
            case let (x?, y?): return x == y ? x : "\(x) -> \(y)"
            case let (x?, nil): return x
            case let (nil, y?): return y
            default: return ""
            }
        }
        let mark: String
        if r == nil { mark = "only B" } else if s == nil { mark = "only A" } else {
            mark = pair.differences.map { $0 == .outputShape ? "shape" : $0.rawValue.replacingOccurrences(of: "_", with: "-") }
                .joined(separator: ", ")
        }
        return [r?.path ?? "--", s?.path ?? "--", both(\.type), both { ArchNumberFormat.shape($0.outputShape) },
                both { groupedThousands($0.params) }, both { groupedThousands($0.multAdds) }, mark]
    }

    private func table(markdown: Bool) -> String {
        let header = ["A layer", "B layer", "Type", "Output shape", "Params", "Mult-adds", "Differs"]
        let body = pairs.map(cells)
        var out = "Diff: A = \(name(a)), B = \(name(b)); aligned by \(alignment == .byName ? "layer name" : "order"); "
            + "\(differingCount) of \(pairs.count) rows differ\n"
        if markdown {
            out += "\n| " + header.joined(separator: " | ") + " |\n|" + header.map { _ in "---|" }.joined() + "\n"
            for row in body { out += "| " + row.map { $0.replacingOccurrences(of: "|", with: "\\|") }.joined(separator: " | ") + " |\n" }
            out += "\n| Totals | A | B | B - A |\n|---|---:|---:|---:|\n"
            for t in totals { out += "| \(t.label) | \(groupedThousands(t.a)) | \(groupedThousands(t.b)) | \(Self.signed(t.b, t.a)) |\n" }
            return out
        }
        var widths = header.map { displayWidth(of: $0) }
        for row in body { for (k, cell) in row.enumerated() { widths[k] = max(widths[k], displayWidth(of: cell)) } }
        let numeric: Set<Int> = [4, 5]
        func line(_ row: [String]) -> String {
            row.enumerated().map { k, cell in
                let pad = String(repeating: " ", count: max(0, widths[k] - displayWidth(of: cell)))
                return numeric.contains(k) ? pad + cell : cell + pad
            }.joined(separator: "  ").trimmed(leading: false) { $0 == " " }
        }
        let rule = String(repeating: "=", count: widths.reduce(0, +) + 2 * (widths.count - 1))
        out += rule + "\n" + line(header) + "\n" + rule + "\n"
        for row in body { out += line(row) + "\n" }
        out += rule + "\n"
        let labelWidth = totals.map { $0.label.count }.max() ?? 0
        let columns = totals.map { [groupedThousands($0.a), groupedThousands($0.b), Self.signed($0.b, $0.a)] }
        let numberWidth = max(6, columns.flatMap { $0.map(\.count) }.max() ?? 0)
        func pad(_ s: String, _ w: Int) -> String { String(repeating: " ", count: max(0, w - s.count)) + s }
        out += "Totals".padding(toLength: labelWidth, withPad: " ", startingAt: 0) + "  " + pad("A", numberWidth) + "  "
            + pad("B", numberWidth) + "  " + pad("B - A", numberWidth) + "\n"
        for (t, c) in zip(totals, columns) {
            out += t.label.padding(toLength: labelWidth, withPad: " ", startingAt: 0) + "  "
                + c.map { pad($0, numberWidth) }.joined(separator: "  ") + "\n"
        }
        return out
    }

    /// "+8,448", "-1,000", "0".
    static func signed(_ x: Int, _ y: Int) -> String {
        let (d, overflow) = x.subtractingReportingOverflow(y)
        if overflow { return "overflow" }
        return d > 0 ? "+" + groupedThousands(d) : groupedThousands(d)
    }

    private struct Document: Encodable {
        struct Side: Encodable {
            var model: String
            var sourceFile: String?
            var totalParams: Int, totalMultAdds: Int, totalMacsWithoutBias: Int, totalFlops: Int, layers: Int
            enum CodingKeys: String, CodingKey {
                case model, layers
                case sourceFile = "source_file"
                case totalParams = "total_params"
                case totalMultAdds = "total_mult_adds"
                case totalMacsWithoutBias = "total_macs_without_bias"
                case totalFlops = "total_flops"
            }
        }
        struct Row: Encodable {
            var a: Layer?, b: Layer?
            var differs: [String]
        }
        struct Layer: Encodable {
            var name: String, type: String, outputShape: [Int], params: Int, multAdds: Int
            enum CodingKeys: String, CodingKey {
                case name, type, params
                case outputShape = "output_shape"
                case multAdds = "mult_adds"
            }
        }
        var a: Side, b: Side
        var alignment: String
        var rows: [Row]
        var difference: [String: Int]
    }

    private var json: String {
        func side(_ s: ModelSummary) -> Document.Side {
            Document.Side(model: s.model, sourceFile: s.source?.file, totalParams: s.totalParams, totalMultAdds: s.totalMultAdds,
                          totalMacsWithoutBias: s.totalMACsWithoutBias, totalFlops: s.totalFLOPs, layers: s.layers.count)
        }
        func layer(_ s: ModelSummary, _ index: Int?) -> Document.Layer? {
            index.map { i in
                let r = s.rows[i]
                return Document.Layer(name: r.path, type: r.type, outputShape: r.outputShape, params: r.params, multAdds: r.multAdds)
            }
        }
        let rows = pairs.map { p in
            Document.Row(a: layer(a, p.a), b: layer(b, p.b),
                         differs: p.a == nil ? ["only_b"] : p.b == nil ? ["only_a"] : p.differences.map(\.rawValue))
        }
        let keys = ["total_params", "total_mult_adds", "total_macs_without_bias", "total_flops", "layers"]
        var difference: [String: Int] = [:]
        for (key, t) in zip(keys, totals) { difference[key] = t.b &- t.a }
        let document = Document(a: side(a), b: side(b), alignment: alignment.rawValue, rows: rows, difference: difference)
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        guard let data = try? encoder.encode(document) else { return "{}\n" }
        return String(decoding: data, as: UTF8.self) + "\n"
    }
}
