import ConvCore

/// The rows of a text architecture table, laid out for one width: the header, the divider and one
/// line per visible row, with the columns that fit. ``ArchTable/render(_:format:width:depth:columns:folded:)``
/// prints these lines between its title and its totals; an interactive table draws them one by one
/// (scrolling, highlighting the selected row), so the screen and the export show the same cells.
///
///     let layout = ArchTableLayout(try ModelZoo.build("alexnet"), width: 80)
///     layout.header      // "Layer (type:depth-idx)  Output Shape  Kernel Shape ... Param #"
///     layout.lines[1]    // "+ Sequential: 1-1  ..."
///
/// Fitting drops optional columns, lowest ``ArchColumn/keepPriority`` first, and never shortens a
/// cell, so every number appears whole. When the layer column alone is wider than `width` (a deep
/// tree in a narrow terminal), lines are longer than `width`.
public struct ArchTableLayout: Sendable {
    /// One visible row: its index in ``ModelSummary/rows`` and whether it stands for hidden
    /// children (folded, or at the depth limit).
    public struct VisibleRow: Hashable, Sendable {
        /// The index in ``ModelSummary/rows``.
        public let index: Int
        /// True when the row's children are hidden and its cells show their sums.
        public let collapsed: Bool

        /// Creates a visible row.
        public init(index: Int, collapsed: Bool) {
            self.index = index
            self.collapsed = collapsed
        }
    }

    /// The rows shown, in order (``lines`` has one line for each).
    public let visible: [VisibleRow]
    /// The columns kept, the layer column first.
    public let columns: [ArchColumn]
    /// The column titles, aligned like the lines.
    public let header: String
    /// A line of "=" (or "═") as wide as the table.
    public let divider: String
    /// One line per visible row.
    public let lines: [String]
    /// The width of the widest possible line (header, divider and rows are padded to it,
    /// except that the last column is not padded).
    public let tableWidth: Int

    /// Lays out `summary`.
    /// - Parameters:
    ///   - summary: the model summary.
    ///   - unicode: torchinfo's Unicode tree ("├─", "└─") and "═" dividers, else its ASCII one ("+ ", "=").
    ///   - width: the columns to fit, or nil for every wanted column.
    ///   - depth: the deepest row shown; containers at this depth show the sums of their hidden rows.
    ///   - columns: the columns wanted, in order (the layer column is always first).
    ///   - folded: indices of container rows whose children are hidden.
    ///   - variableNames: label rows as torchinfo's `var_names` setting does ("Inception (inception3a): 1-5")
    ///     instead of "Inception: 1-5".
    /// - Complexity: O(rows x columns).
    public init(_ summary: ModelSummary, unicode: Bool = false, width: Int? = nil, depth: Int = Int.max,
                columns: [ArchColumn] = ArchColumn.defaults, folded: Set<Int> = [], variableNames: Bool = false) {
        let visible = ArchTable.visibleRows(of: summary, depth: depth, folded: folded)
        let prefixes = ArchTable.treePrefixes(summary, visible: visible.map(\.index), unicode: unicode)
        let candidates = ArchTable.columnsFitting(columns, widths: [:], separator: 0, width: nil)
        var cells: [[String]] = []
        cells.reserveCapacity(visible.count)
        for (position, entry) in visible.enumerated() {
            let row = summary.rows[entry.index]
            cells.append(candidates.map { column in
                guard column == .layer else { return column.cell(for: row, in: summary, collapsed: entry.collapsed) }
                let label = variableNames && row.depth > 0 ? "\(row.type) (\(row.name)): \(row.depth)-\(row.depthIndex)"
                    : row.label
                return prefixes[position] + label
            })
        }
        var widths: [ArchColumn: Int] = [:]
        for (offset, column) in candidates.enumerated() {
            widths[column] = cells.reduce(displayWidth(of: column.title)) { max($0, displayWidth(of: $1[offset])) }
        }
        let separator = 2
        let kept = ArchTable.columnsFitting(columns, widths: widths, separator: separator, width: width)
        let keptOffsets = kept.compactMap { candidates.firstIndex(of: $0) }
        let tableWidth = kept.reduce(0) { $0 + (widths[$1] ?? 0) } + separator * (kept.count - 1)

        func line(_ values: [String]) -> String {
            var text = ""
            for (position, (column, value)) in zip(kept, values).enumerated() {
                let pad = String(repeating: " ", count: max(0, (widths[column] ?? 0) - displayWidth(of: value)))
                let isLast = position == kept.count - 1
                if column.isNumeric {
                    text += pad + value
                } else {
                    text += isLast ? value : value + pad
                }
                if !isLast { text += "  " }
            }
            return text
        }

        self.visible = visible.map { VisibleRow(index: $0.index, collapsed: $0.collapsed) }
        self.columns = kept
        self.header = line(kept.map(\.title))
        self.divider = String(repeating: unicode ? "═" : "=", count: tableWidth)
        self.lines = cells.map { values in line(keptOffsets.map { values[$0] }) }
        self.tableWidth = tableWidth
    }
}
