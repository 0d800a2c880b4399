import Foundation
import ConvCore

/// Renders a ``ModelSummary`` as text: torchinfo 1.8's table (ASCII or Unicode tree), Markdown,
/// or the JSON of docs/ARCHITECTURE.md. Pure: the same summary and options always give the same string.
///
///     let summary = try ModelZoo.build("alexnet")
///     print(ArchTable.render(summary, format: .unicode, width: 100, depth: 2))
///
/// Fitting a width drops optional columns, lowest ``ArchColumn/keepPriority`` first, and never
/// shortens a cell: every number appears whole. When even the layer column alone is wider than
/// `width` (a deep tree in a very narrow terminal), lines are longer than `width` rather than cut.
///
/// Conventions, stated under every text table: parameters are weights and biases (BatchNorm2d's
/// gamma and beta are parameters, its running statistics are buffers); Mult-Adds follow torchinfo
/// 1.8 (Conv2d params·N·H_out·W_out, bias included; Linear and BatchNorm2d N·params); the MACs line
/// counts Conv2d and Linear weights only (ptflops/fvcore); sizes are torchinfo's (4 bytes per
/// float, the forward/backward pass twice the outputs of layers with parameters).
public enum ArchTable {
    /// Renders `summary`.
    ///
    /// - Parameters:
    ///   - summary: the model summary.
    ///   - format: text (ASCII), unicode, markdown or json. JSON ignores the other options: it
    ///     always holds every leaf layer.
    ///   - width: the number of terminal columns to fit, or nil for no limit.
    ///   - depth: the deepest row shown (0 = the model row only); a container at this depth shows the
    ///     sums of its hidden rows, as torchinfo's `depth` does.
    ///   - columns: the columns wanted, in order (``ArchColumn/layer`` is always shown first).
    ///   - folded: indices of container rows whose children are hidden (a UI's folded blocks).
    /// - Returns: the table, its totals block and the conventions, ending in a newline.
    /// - Complexity: O(rows x columns).
    public static func render(_ summary: ModelSummary, format: ArchTableFormat = .text, width: Int? = nil,
                              depth: Int = Int.max, columns: [ArchColumn] = ArchColumn.defaults,
                              folded: Set<Int> = []) -> String {
        switch format {
        case .json:
            return jsonString(summary)
        case .markdown:
            return markdown(summary, width: width, depth: depth, columns: columns, folded: folded)
        case .text, .unicode:
            return table(summary, unicode: format == .unicode, width: width, depth: depth, columns: columns,
                         folded: folded)
        }
    }

    /// The indices of the rows shown at `depth` with `folded` containers closed, and for each
    /// whether it stands for hidden children (collapsed).
    /// - Complexity: O(rows).
    public static func visibleRows(of summary: ModelSummary, depth: Int = Int.max,
                                   folded: Set<Int> = []) -> [(index: Int, collapsed: Bool)] {
        var result: [(index: Int, collapsed: Bool)] = []
        var index = 0
        while index < summary.rows.count {
            let row = summary.rows[index]
            let collapsed = !row.isLeaf && row.descendantCount > 0 && (row.depth >= depth || folded.contains(index))
            result.append((index, collapsed))
            index += collapsed ? row.descendantCount + 1 : 1
        }
        return result
    }

    /// The columns kept to fit `width`: from `columns` (layer first, duplicates removed), drop the
    /// lowest-priority column (the rightmost on ties) until the table fits or only the layer
    /// column is left.
    /// - Parameters:
    ///   - widths: each candidate column's width (title or widest cell).
    ///   - separator: the columns between two cells.
    public static func columnsFitting(_ columns: [ArchColumn], widths: [ArchColumn: Int], separator: Int,
                                      width: Int?) -> [ArchColumn] {
        var kept: [ArchColumn] = [.layer]
        for column in columns where !kept.contains(column) { kept.append(column) }
        guard let width else { return kept }
        func total(_ list: [ArchColumn]) -> Int {
            list.reduce(0) { $0 + (widths[$1] ?? 0) } + separator * max(list.count - 1, 0)
        }
        while total(kept) > width, kept.count > 1 {
            var victim = 1
            for position in 1..<kept.count where kept[position].keepPriority <= kept[victim].keepPriority {
                victim = position
            }
            kept.remove(at: victim)
        }
        return kept
    }

    /// The conventions stated under every table (for alexnet-original also its Caffe pooling rule).
    public static func conventions(for summary: ModelSummary) -> String {
        "Conventions: Param # counts weights and biases; BatchNorm2d's gamma and beta are parameters, its running "
            + "mean and variance are buffers (\(groupedThousands(summary.bufferCount)) buffer values, not counted). "
            + "Mult-Adds per torchinfo 1.8: Conv2d = params x N x H_out x W_out (bias included), Linear and "
            + "BatchNorm2d = N x params, other layers 0. MACs without bias count Conv2d and Linear weights only "
            + "(ptflops/fvcore convention). RF: theoretical receptive field of one output unit in input pixels "
            + "(r += (k-1)·d·j, j *= s); \"all\" after a fully connected layer."
            + (summary.model == "alexnet-original"
                ? " Pooling rounds up as Caffe's bvlc_alexnet does (ceil((i - k)/s) + 1, PyTorch's ceil_mode=True): "
                    + "square inputs 199-230 reach the 6 x 6 maps the classifier needs."
                : "")
    }

    // MARK: - Text and Unicode

    private static func table(_ summary: ModelSummary, unicode: Bool, width: Int?, depth: Int,
                              columns: [ArchColumn], folded: Set<Int>) -> String {
        // A model read from a file labels rows with the file's own layer names.
        let layout = ArchTableLayout(summary, unicode: unicode, width: width, depth: depth, columns: columns,
                                     folded: folded, variableNames: summary.source != nil)
        var out: [String] = []
        out.append("\(summary.model): input \(ArchNumberFormat.shape(summary.inputShape)), output \(ArchNumberFormat.shape(summary.outputShape))")
        out.append(layout.divider)
        out.append(layout.header)
        out.append(layout.divider)
        out += layout.lines
        out.append(layout.divider)
        out += parameterLines(summary)
        for line in memoryAndFLOPsLines(summary, columns: columns) {
            out += wrap(line, columns: width ?? max(layout.tableWidth, 80))
        }
        out.append(layout.divider)
        out += sizeLines(summary)
        out.append(layout.divider)
        out += wrap(conventions(for: summary), columns: width ?? max(layout.tableWidth, 80))
        return out.joined(separator: "\n") + "\n"
    }

    /// torchinfo's tree prefixes: Unicode "│    " / "     " per ancestor and "├─" / "└─" for the
    /// row; ASCII "|    " per ancestor and "+ " for the row (torchinfo's ascii_only output).
    static func treePrefixes(_ summary: ModelSummary, visible: [Int], unicode: Bool) -> [String] {
        var lastChild: [Int: Int] = [:]
        for index in visible {
            if let parent = summary.rows[index].parent { lastChild[parent] = index }
        }
        func isLast(_ index: Int) -> Bool {
            guard let parent = summary.rows[index].parent else { return true }
            return lastChild[parent] == index
        }
        return visible.map { index in
            let row = summary.rows[index]
            guard row.depth > 0 else { return "" }
            var ancestors: [Int] = []
            var cursor = row.parent
            while let current = cursor, summary.rows[current].depth > 0 {
                ancestors.append(current)
                cursor = summary.rows[current].parent
            }
            var prefix = ""
            for ancestor in ancestors.reversed() {
                prefix += unicode ? (isLast(ancestor) ? "     " : "│    ") : "|    "
            }
            return prefix + (unicode ? (isLast(index) ? "└─" : "├─") : "+ ")
        }
    }

    /// torchinfo's parameter totals and total mult-adds, plus the MACs line.
    private static func parameterLines(_ summary: ModelSummary) -> [String] {
        let multAdds = ArchNumberFormat.scaled(summary.totalMultAdds)
        let macs = ArchNumberFormat.scaled(summary.totalMACsWithoutBias)
        return [
            "Total params: \(groupedThousands(summary.totalParams))",
            "Trainable params: \(groupedThousands(summary.trainableParams))",
            "Non-trainable params: \(groupedThousands(summary.nonTrainableParams))",
            "Total mult-adds (\(multAdds.unit)): \(multAdds.text)",
            "MACs without bias, ptflops/fvcore (\(macs.unit)): \(macs.text)",
        ] + sourceLines(summary)
    }

    /// With the FLOPs column: the total FLOPs and whose convention that is; with the Output MB
    /// column: the estimated peak of live activations, the layer where it occurs, and the rule.
    static func memoryAndFLOPsLines(_ summary: ModelSummary, columns: [ArchColumn]) -> [String] {
        var lines: [String] = []
        if columns.contains(.flops) {
            let flops = ArchNumberFormat.scaled(summary.totalFLOPs)
            lines.append("Total FLOPs = 2 x mult-adds (\(flops.unit)): \(flops.text) (thop, ptflops and fvcore call the mult-adds FLOPs)")
        }
        if columns.contains(.outputMemory), let peak = summary.peakActivation {
            lines.append("Peak live activations (MB): \(ArchNumberFormat.megabytes(peak.bytes)) at \(summary.rows[peak.row].path) "
                         + "(\(ArchTableJSON.peakActivationRule))")
        }
        return lines
    }

    /// For a model read from a file: the file and format, the format's own labelled parameter
    /// counts, and the importer's notes (layers whose shape is unknown, the file's batch size).
    static func sourceLines(_ summary: ModelSummary) -> [String] {
        guard let source = summary.source else { return [] }
        var lines = ["Source: \(source.file) (\(source.format))"]
        for count in source.parameterCounts {
            lines.append("\(count.label): \(groupedThousands(count.value))")
        }
        if summary.layers.contains(where: { $0.outputShape.isEmpty }) {
            lines.append("Totals count only the layers whose shape is known.")
        }
        lines += source.notes.map { "Note: " + $0 }
        return lines
    }

    /// torchinfo's size lines, in MB.
    private static func sizeLines(_ summary: ModelSummary) -> [String] {
        [
            "Input size (MB): \(ArchNumberFormat.megabytes(summary.inputBytes))",
            "Forward/backward pass size (MB): \(ArchNumberFormat.megabytes(summary.forwardBackwardBytes))",
            "Params size (MB): \(ArchNumberFormat.megabytes(summary.paramBytes))",
            "Estimated Total Size (MB): \(ArchNumberFormat.megabytes(summary.estimatedTotalBytes))",
        ]
    }

    // MARK: - Markdown

    private static func markdown(_ summary: ModelSummary, width: Int?, depth: Int, columns: [ArchColumn],
                                 folded: Set<Int>) -> String {
        let visible = visibleRows(of: summary, depth: depth, folded: folded)
        let candidates = columnsFitting(columns, widths: [:], separator: 0, width: nil)
        let cells: [[String]] = visible.map { entry in
            let row = summary.rows[entry.index]
            return candidates.map { column in
                guard column == .layer else { return column.cell(for: row, in: summary, collapsed: entry.collapsed) }
                let name = row.depth == 0 ? row.type : "\(row.type) (\(row.name))"
                return row.depth == 0 ? name : "\(name): \(row.depth)-\(row.depthIndex)"
            }
        }
        var widths: [ArchColumn: Int] = [:]
        for (offset, column) in candidates.enumerated() {
            widths[column] = cells.reduce(max(displayWidth(of: column.title), 3)) { max($0, displayWidth(of: $1[offset])) }
        }
        let kept = columnsFitting(columns, widths: widths, separator: 3, width: width.map { $0 - 4 })
        let keptOffsets = kept.compactMap { candidates.firstIndex(of: $0) }
        func line(_ values: [String]) -> String {
            let padded = zip(kept, values).map { column, value in
                let pad = String(repeating: " ", count: max(0, (widths[column] ?? 0) - displayWidth(of: value)))
                return column.isNumeric ? pad + value : value + pad
            }
            return "| " + padded.joined(separator: " | ") + " |"
        }
        var out: [String] = []
        out.append("**\(summary.model.replacingOccurrences(of: "|", with: "\\|"))**: input \(ArchNumberFormat.shape(summary.inputShape)), output \(ArchNumberFormat.shape(summary.outputShape))")
        out.append("")
        out.append(line(kept.map(\.title)))
        out.append("| " + kept.map { column in
            let dashes = String(repeating: "-", count: max((widths[column] ?? 3) - 1, 2))
            return column.isNumeric ? dashes + ":" : dashes + "-"
        }.joined(separator: " | ") + " |")
        for values in cells { out.append(line(keptOffsets.map { values[$0].replacingOccurrences(of: "|", with: "\\|") })) }
        out.append("")
        out += (parameterLines(summary) + memoryAndFLOPsLines(summary, columns: columns) + sizeLines(summary)).map { "- " + $0 }
        out.append("")
        out.append(conventions(for: summary))
        return out.joined(separator: "\n") + "\n"
    }

    // MARK: - JSON

    /// the JSON of docs/ARCHITECTURE.md of `summary` (see ``ArchTableJSON`` and ``ArchTableJSON/text``): keys
    /// sorted, the totals on the first line and one leaf layer per line, so the output is both valid
    /// JSON and readable with `grep`.
    /// - Throws: nothing in practice (the text is written directly); kept throwing for callers that
    ///   used Foundation's encoder.
    /// - Complexity: O(layers).
    public static func json(_ summary: ModelSummary) throws -> String {
        ArchTableJSON(summary).text
    }

    private static func jsonString(_ summary: ModelSummary) -> String {
        do {
            return try json(summary)
        } catch {
            return "{\"error\": \"JSON encoding failed\"}\n"
        }
    }
}
