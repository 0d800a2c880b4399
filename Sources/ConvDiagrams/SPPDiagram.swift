import ConvCore

/// The spatial pyramid pooling picture: the feature map with the current level's bin
/// boundaries drawn over it, the current bin bracketed and its maximum, the level's output (each
/// bin's maximum), and the layout of the fixed-length vector (offset of each level, length
/// C·Σn² with the numbers plugged in). Warnings of the SPP-net paper's rule are shown above the map.
///
/// A pure function of a ``SpatialPyramidPooling`` (core values), a step and an area; it never
/// recomputes the pooling. Steps are the bins of all levels in order (level by level, each
/// level's bins row-major): 16 + 4 + 1 = 21 steps for levels 4, 2, 1.
///
/// Glyphs in plain text: `|` and `-` bin boundaries, `[ ]` and `=` the current bin, `x2` on the
/// rulers a row or column counted in two bins (overlapping adaptive bins), `x0` one no bin reads.
///
/// Source: He et al. 2014, "Spatial Pyramid Pooling in Deep Convolutional Networks for Visual
/// Recognition", section 2.3 and figure 3.
public struct SPPDiagram: Diagram, Sendable {
    /// One step: a bin of a level.
    public struct Bin: Equatable, Sendable {
        /// The level's index (0-based, in the order the levels were given).
        public let level: Int
        /// The bin's row and column in the level's grid of bins (0-based).
        public let row: Int, column: Int
    }

    /// The pooling to show.
    public let pooling: SpatialPyramidPooling
    /// 1-based step (bin across all levels).
    public let step: Int
    /// The channel shown (0-based).
    public let channel: Int
    /// Glyph set for the boundaries.
    public let glyphs: GlyphSet

    /// Creates the diagram; the step and channel are clamped into range.
    public init(pooling: SpatialPyramidPooling, step: Int, channel: Int = 0, glyphs: GlyphSet = .ascii) {
        self.pooling = pooling
        self.step = min(max(1, step), max(1, Self.stepCount(pooling.geometry)))
        self.channel = min(max(0, channel), pooling.geometry.channels - 1)
        self.glyphs = glyphs
    }

    /// The number of steps: every bin of every level (Σ bin rows x bin columns).
    public static func stepCount(_ geometry: SpatialPyramidGeometry) -> Int {
        geometry.levels.reduce(0) { $0 + $1.rows.bins.count * $1.columns.bins.count }
    }

    /// The bin shown at 1-based `step`, or nil out of range.
    public static func bin(step: Int, in geometry: SpatialPyramidGeometry) -> Bin? {
        guard step >= 1 else { return nil }
        var remaining = step - 1
        for (index, level) in geometry.levels.enumerated() {
            let columns = level.columns.bins.count, count = level.rows.bins.count * columns
            if remaining < count { return Bin(level: index, row: remaining / columns, column: remaining % columns) }
            remaining -= count
        }
        return nil
    }

    /// The first step (1-based) of level `level` (clamped into the levels).
    public static func firstStep(ofLevel level: Int, in geometry: SpatialPyramidGeometry) -> Int {
        let clamped = min(max(0, level), geometry.levels.count - 1)
        return 1 + geometry.levels.prefix(clamped).reduce(0) { $0 + $1.rows.bins.count * $1.columns.bins.count }
    }

    /// The bin at this diagram's step.
    public var currentBin: Bin? { Self.bin(step: step, in: pooling.geometry) }

    /// How many bins of an axis cover each cell (2 for the overlapping cells, 0 for unread ones).
    static func coverage(_ axis: PyramidAxisBins) -> [Int] {
        var counts = [Int](repeating: 0, count: axis.inputSize)
        for bin in axis.bins {
            for cell in bin where cell < axis.inputSize { counts[cell] += 1 }
        }
        return counts
    }

    /// "rows [3,7) cols [6,10)": a bin's half-open ranges.
    static func describe(rows: Range<Int>, columns: Range<Int>) -> String {
        "rows [\(rows.lowerBound),\(rows.upperBound)) cols [\(columns.lowerBound),\(columns.upperBound))"
    }

    /// Draws the diagram into `area` of `canvas`.
    public func draw(into canvas: inout Canvas, area: Rect) {
        let outer = canvas.narrowClip(to: area)
        defer { canvas.restoreClip(outer) }
        let g = pooling.geometry
        guard let bin = currentBin, area.width > 10, area.height > 4 else { return }
        let level = g.levels[bin.level]
        let rowBins = level.rows.bins, columnBins = level.columns.bins
        let rows = rowBins[bin.row], columns = columnBins[bin.column]
        let plane = g.height * g.width
        let channelValues = pooling.input.data[(channel * plane)..<((channel + 1) * plane)]

        // Heading: the level and its rule, the paper rule's warnings, the legend.
        var head = TextBlock(width: area.width)
        head.addLine("level \(bin.level + 1) of \(g.levels.count): n = \(level.binCount) -> \(rowBins.count)x\(columnBins.count) bins over \(g.height)x\(g.width), rule \(g.rule)", .accent)
        head.add("vector length C x sum(bins) = \(g.vectorLengthFormula)", .accent)
        for warning in level.rows.warnings + level.columns.warnings { head.add(warning.description, .error) }
        let otherWarnings = g.levels.enumerated().filter { $0.offset != bin.level }
            .reduce(0) { $0 + $1.element.rows.warnings.count + $1.element.columns.warnings.count }
        if otherWarnings > 0 { head.addLine("(\(otherWarnings) more warning\(otherWarnings == 1 ? "" : "s") on other levels: L cycles the levels)", .error) }
        let headLines = head.draw(into: &canvas, x: area.x, y: area.y, maxLines: max(1, area.height / 3))
        let top = area.y + headLines
        let height = max(0, area.maxY - top)

        // The map with this level's boundaries.
        var rowEdges: Set<Int> = [0, g.height], columnEdges: Set<Int> = [0, g.width]
        for r in rowBins { rowEdges.insert(r.lowerBound); rowEdges.insert(min(r.upperBound, g.height)) }
        for c in columnBins { columnEdges.insert(c.lowerBound); columnEdges.insert(min(c.upperBound, g.width)) }
        let rowCoverage = Self.coverage(level.rows), columnCoverage = Self.coverage(level.columns)
        let maximum = pooling.maximumLocation(level: bin.level, batch: 0, channel: channel, row: bin.row, column: bin.column)
        let map = BinGridPicture(
            title: "Map \(g.height)x\(g.width)" + (g.channels > 1 ? " ch \(channel)/\(g.channels)" : ""),
            rows: g.height, columns: g.width, cellWidth: formattedWidth(of: channelValues),
            rowBoundaries: rowEdges, columnBoundaries: columnEdges,
            rowCoverage: rowCoverage, columnCoverage: columnCoverage, current: (rows, columns))
        let panelWidth = min(max(40, area.width * 2 / 5), area.width / 2)
        let mapWidth = min(map.naturalSize.width, area.width - panelWidth - 3)
        let used = map.draw(into: &canvas, area: Rect(x: area.x, y: top, width: mapWidth, height: height), glyphs: glyphs) { y, x in
            let text = formatValue(channelValues[channelValues.startIndex + y * g.width + x])
            if let maximum, maximum == (y, x) { return GridCell(text, .current) }
            if rowCoverage[y] == 0 || columnCoverage[x] == 0 { return GridCell(text, .unread) }
            return GridCell(text, .input)
        }

        // The panel: the bin, the level's output, the vector.
        let px = area.x + max(used.width, min(mapWidth, displayWidth(of: map.title))) + 3
        let pw = max(0, area.maxX - px)
        var panel = TextBlock(width: pw)
        let value = pooling.levelOutputs[bin.level][0, channel, bin.row, bin.column]
        let index = g.vectorIndex(level: bin.level, channel: channel, row: bin.row, column: bin.column) ?? 0
        panel.add("bin (\(bin.row),\(bin.column)): \(Self.describe(rows: rows, columns: columns))", .label)
        let location = maximum.map { " at (\($0.row),\($0.column))" } ?? ""
        panel.add("\(rows.count)x\(columns.count) = \(rows.count * columns.count) cells, max \(formatValue(value))\(location) -> vector[\(index)]")
        panel.blank()
        var y = top + panel.draw(into: &canvas, x: px, y: top, maxLines: height)

        let output = pooling.levelOutputs[bin.level]
        let outputRows = rowBins.count, outputColumns = columnBins.count
        let block = outputRows * outputColumns
        let levelValues = output.data[(channel * block)..<((channel + 1) * block)]
        let outputPanel = GridPanel(
            title: "level output \(outputRows)x\(outputColumns): max of each bin",
            rows: outputRows, columns: outputColumns, cellWidth: formattedWidth(of: levelValues),
            bracket: (bin.row, bin.column, 1, 1), bracketRole: .current)
        let vectorLines = 7
        let gridHeight = min(outputPanel.naturalSize.height + 1, max(2, area.maxY - y - vectorLines))
        let drawn = outputPanel.draw(into: &canvas, area: Rect(x: px, y: y, width: pw, height: gridHeight)) { r, c in
            GridCell(formatValue(levelValues[levelValues.startIndex + r * outputColumns + c]), .output)
        }
        y += drawn.height + 1

        var vector = TextBlock(width: pw)
        let offsets = g.levels.map { "n=\($0.binCount) at [\($0.vectorOffset),\($0.vectorOffset + $0.vectorLength))" }
        vector.add("levels: " + offsets.joined(separator: "  "))
        vector.add("ch \(channel): " + channelStrip(current: bin), .dim)
        vector.blank()
        vector.add("| bin edge  [ ]/= current bin  x2 row/column in two bins (overlap)  x0 unread", .dim)
        vector.draw(into: &canvas, x: px, y: y, maxLines: max(0, area.maxY - y))
    }

    /// The shown channel's maxima level by level ("7 8 [9] 5 | 9 9 9 9 | 9"), shortened when long.
    func channelStrip(current: Bin) -> String {
        var parts: [String] = []
        var total = 0
        for (index, level) in pooling.geometry.levels.enumerated() {
            let columns = level.columns.bins.count, block = level.rows.bins.count * columns
            let output = pooling.levelOutputs[index]
            var values: [String] = []
            for i in 0..<min(block, 64) {
                let text = formatValue(output.data[channel * block + i])
                values.append(index == current.level && i == current.row * columns + current.column ? "[\(text)]" : text)
            }
            if block > 64 { values.append("...") }
            total += values.count
            parts.append(values.joined(separator: " "))
            if total > 200 { break }
        }
        return parts.joined(separator: " | ")
    }
}
