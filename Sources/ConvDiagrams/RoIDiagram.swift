import ConvCore

/// The RoI pooling picture: the box in image coordinates, its projection onto the feature map
/// (the rounded cell coordinates for RoI max pooling, the continuous ones for RoI align), the
/// ph x pw pooling grid over it, and for the current output bin its cells and maximum (pool) or
/// its bilinear sample points and their average (align), beside the output grid filling in.
///
/// A pure function of a ``RoIOperation`` (core values), a step and an area. Steps are the output
/// bins of every box (box by box, each row-major).
///
/// Glyphs in plain text: `|` and `-` bin boundaries inside the RoI, `[ ]` and `=` the current
/// bin (for align: the cells its samples read), `x2` a row or column of the RoI that two bins
/// share (start floor, end ceil), `?` an output bin not computed yet.
///
/// Source: Girshick 2015, "Fast R-CNN", section 2.1 (RoI max pooling); He et al. 2017,
/// "Mask R-CNN", section 3 (RoIAlign); torchvision's `roi_pool` and `roi_align` kernels.
public struct RoIDiagram: Diagram, Sendable {
    /// The computation shown.
    public let operation: RoIOperation
    /// 1-based step (output bin across boxes).
    public let step: Int
    /// The channel shown (0-based).
    public let channel: Int
    /// Glyphs for the boundaries.
    public let glyphs: GlyphSet

    /// Creates the diagram; step and channel are clamped into range.
    public init(operation: RoIOperation, step: Int, channel: Int = 0, glyphs: GlyphSet = .ascii) {
        self.operation = operation
        self.step = min(max(1, step), max(1, operation.stepCount))
        self.channel = min(max(0, channel), max(0, operation.input.shape[1] - 1))
        self.glyphs = glyphs
    }

    static func range(_ r: Range<Int>) -> String { "[\(r.lowerBound),\(r.upperBound))" }
    static func real(_ v: Float) -> String { formatReal(Double(v)) }

    /// Draws the diagram into `area` of `canvas`.
    public func draw(into canvas: inout Canvas, area: Rect) {
        let outer = canvas.narrowClip(to: area)
        defer { canvas.restoreClip(outer) }
        guard let current = operation.bin(step: step), area.width > 10, area.height > 4 else { return }
        let input = operation.input
        let height = input.shape[2], width = input.shape[3], channels = input.shape[1]
        let box = operation.boxes[current.box]
        let plane = height * width
        let base = (box.batchIndex * channels + channel) * plane
        let values = input.data[base..<(base + plane)]
        let ph = operation.outputHeight, pw = operation.outputWidth
        let imageText = "(\(Self.real(box.x1)), \(Self.real(box.y1)), \(Self.real(box.x2)), \(Self.real(box.y2)))"
        let boxLabel = operation.boxes.count > 1 ? "box \(current.box + 1)/\(operation.boxes.count)" : "box"

        var head = TextBlock(width: area.width)
        var picture: BinGridPicture
        var entries: [(text: String, role: Role, wraps: Bool)] = []
        func add(_ text: String, _ role: Role = .plain) { entries.append((text, role, true)) }
        func addLine(_ text: String, _ role: Role = .plain) { entries.append((text, role, false)) }
        var cellRole: (Int, Int) -> Role = { _, _ in .input }
        var maximumCell: (Int, Int)?
        let panelWidth = min(max(36, area.width * 2 / 5), area.width / 2)

        switch operation {
        case let .pool(pooling):
            let p = pooling.projections[current.box]
            let scale = p.spatialScale
            let scaled = "(\(Self.real(box.x1 * scale)), \(Self.real(box.y1 * scale)), \(Self.real(box.x2 * scale)), \(Self.real(box.y2 * scale)))"
            head.add("\(boxLabel) \(imageText) px x spatial_scale \(formatScale(scale)) = \(scaled) on the \(height)x\(width) map", .accent)
            if let warning = box.inversionWarning(number: current.box + 1) { head.add(warning, .error) }
            head.add("rounded half away from zero: (\(p.startColumn), \(p.startRow), \(p.endColumn), \(p.endRow)): cols \(p.startColumn)..\(p.endColumn), rows \(p.startRow)..\(p.endRow) = \(p.height)x\(p.width) cells, bins \(p.height)/\(ph) x \(p.width)/\(pw)")
            head.addLine("| bin edge  [ ]/= current bin  x2 row/column in two bins  ? not computed yet", .dim)
            let bins = pooling.bins[current.box]
            let bin = bins[current.row * pw + current.column]
            let roiRows = min(max(p.startRow, 0), height)..<min(max(p.endRow + 1, 0), height)
            let roiColumns = min(max(p.startColumn, 0), width)..<min(max(p.endColumn + 1, 0), width)
            var rowEdges: Set<Int> = [], columnEdges: Set<Int> = []
            var rowCoverage = [Int](repeating: 0, count: height), columnCoverage = [Int](repeating: 0, count: width)
            for b in bins where b.column == 0 {
                rowEdges.insert(b.rows.lowerBound); rowEdges.insert(b.rows.upperBound)
                for r in b.rows { rowCoverage[r] += 1 }
            }
            for b in bins where b.row == 0 {
                columnEdges.insert(b.columns.lowerBound); columnEdges.insert(b.columns.upperBound)
                for c in b.columns { columnCoverage[c] += 1 }
            }
            // Rows and columns outside the RoI are not marked.
            for r in 0..<height where !roiRows.contains(r) { rowCoverage[r] = 1 }
            for c in 0..<width where !roiColumns.contains(c) { columnCoverage[c] = 1 }
            var bestValue: Float = -.infinity
            for y in bin.rows { for x in bin.columns where maximumCell == nil || values[base + y * width + x] > bestValue {
                bestValue = values[base + y * width + x]
                maximumCell = (y, x)
            } }
            picture = BinGridPicture(title: "Map \(height)x\(width)" + (channels > 1 ? " ch \(channel)/\(channels)" : ""),
                                     rows: height, columns: width, cellWidth: formattedWidth(of: values),
                                     rowBoundaries: rowEdges, columnBoundaries: columnEdges,
                                     boundaryRows: roiRows, boundaryColumns: roiColumns,
                                     rowCoverage: rowCoverage, columnCoverage: columnCoverage,
                                     current: bin.isEmpty ? nil : (bin.rows, bin.columns))
            cellRole = { y, x in roiRows.contains(y) && roiColumns.contains(x) ? .input : .unread }
            add("bin (\(current.row),\(current.column)): rows \(Self.range(bin.rows)) cols \(Self.range(bin.columns))", .label)
            add("rows \(p.startRow)+[floor(\(current.row)*\(p.height)/\(ph)), ceil(\(current.row + 1)*\(p.height)/\(ph))) = \(Self.range(bin.unclippedRows))" + (bin.rows != bin.unclippedRows ? ", clipped" : ""))
            add("cols \(p.startColumn)+[floor(\(current.column)*\(p.width)/\(pw)), ceil(\(current.column + 1)*\(p.width)/\(pw))) = \(Self.range(bin.unclippedColumns))" + (bin.columns != bin.unclippedColumns ? ", clipped" : ""))
            let outputValue = formatValue(pooling.output[current.box, channel, current.row, current.column])
            if bin.isEmpty {
                add("empty after clipping to the map -> \(outputValue)", .accent)
            } else {
                let at = maximumCell.map { " at (\($0.0),\($0.1))" } ?? ""
                add("\(bin.rows.count)x\(bin.columns.count) cells, max \(outputValue)\(at)", .accent)
            }
        case let .align(align):
            let g = align.grids[current.box]
            let shift = g.aligned ? " - 0.5" : ""
            head.add("\(boxLabel) \(imageText) px x spatial_scale \(formatScale(g.spatialScale))\(shift): start (\(Self.real(g.startX)), \(Self.real(g.startY))), size \(Self.real(g.roiWidth)) x \(Self.real(g.roiHeight)) cells on the \(height)x\(width) map, no rounding", .accent)
            if let warning = box.inversionWarning(number: current.box + 1) { head.add(warning, .error) }
            head.add("bin \(Self.real(g.binHeight)) x \(Self.real(g.binWidth)) cells, \(g.samplingGridHeight)x\(g.samplingGridWidth) bilinear samples per bin" + (g.aligned ? " (aligned)" : ""))
            head.addLine("| - cells the RoI overlaps  [ ]/= cells the current bin's samples read  ? not computed yet", .dim)
            // The cells the continuous RoI overlaps, outlined.
            func cells(_ start: Float, _ size: Float, _ limit: Int) -> Range<Int> {
                let low = Int(start.rounded(.down).clamped(-1e9, 1e9)), high = Int((start + size).rounded(.up).clamped(-1e9, 1e9))
                let a = min(max(low, 0), limit), b = min(max(high, 0), limit)
                return a..<max(a, b)
            }
            let roiRows = cells(g.startY, g.roiHeight, height), roiColumns = cells(g.startX, g.roiWidth, width)
            let samples = g.samples(row: current.row, column: current.column)
            let inside = samples.filter { !$0.isOutside }
            let readRows = (inside.map(\.yLow).min() ?? 0)..<((inside.map(\.yHigh).max() ?? -1) + 1)
            let readColumns = (inside.map(\.xLow).min() ?? 0)..<((inside.map(\.xHigh).max() ?? -1) + 1)
            var sampleCells = Set<Int>()
            for sample in inside { sampleCells.insert(min(max(Int(sample.y.rounded(.down)), 0), height - 1) * width + min(max(Int(sample.x.rounded(.down)), 0), width - 1)) }
            picture = BinGridPicture(title: "Map \(height)x\(width)" + (channels > 1 ? " ch \(channel)/\(channels)" : ""),
                                     rows: height, columns: width, cellWidth: formattedWidth(of: values),
                                     rowBoundaries: [roiRows.lowerBound, roiRows.upperBound],
                                     columnBoundaries: [roiColumns.lowerBound, roiColumns.upperBound],
                                     boundaryRows: roiRows, boundaryColumns: roiColumns,
                                     current: inside.isEmpty ? nil : (readRows, readColumns))
            cellRole = { y, x in sampleCells.contains(y * width + x) ? .current : .input }
            if let b = g.binBounds(row: current.row, column: current.column) {
                add("bin (\(current.row),\(current.column)): y [\(Self.real(b.top)), \(Self.real(b.bottom))) x [\(Self.real(b.left)), \(Self.real(b.right)))", .label)
            }
            addLine("samples (y, x) -> bilinear value:")
            let listed = min(samples.count, max(1, area.height / 4))
            var sum: Float = 0
            for (i, sample) in samples.enumerated() {
                let v: Float
                if sample.isOutside {
                    v = 0
                } else {
                    let v1 = values[base + sample.yLow * width + sample.xLow], v2 = values[base + sample.yLow * width + sample.xHigh]
                    let v3 = values[base + sample.yHigh * width + sample.xLow], v4 = values[base + sample.yHigh * width + sample.xHigh]
                    v = sample.w1 * v1 + sample.w2 * v2 + sample.w3 * v3 + sample.w4 * v4
                }
                sum += v
                if i < listed {
                    addLine(" (\(Self.real(sample.y)), \(Self.real(sample.x))) -> \(Self.real(v))" + (sample.isOutside ? " (outside: 0)" : ""))
                }
            }
            if samples.count > listed { addLine(" ... (\(samples.count - listed) more)") }
            let outputValue = align.output[current.box, channel, current.row, current.column]
            add("average of \(g.sampleCount) = \(Self.real(outputValue))", .accent)
        }

        let headLines = head.draw(into: &canvas, x: area.x, y: area.y, maxLines: max(1, area.height / 3))
        let top = area.y + headLines
        let bodyHeight = max(0, area.maxY - top)
        let mapWidth = min(picture.naturalSize.width, area.width - panelWidth - 3)
        let best = maximumCell
        let used = picture.draw(into: &canvas, area: Rect(x: area.x, y: top, width: mapWidth, height: bodyHeight), glyphs: glyphs) { y, x in
            let text = formatValue(values[base + y * width + x])
            if let best, best.0 == y, best.1 == x { return GridCell(text, .current) }
            return GridCell(text, cellRole(y, x))
        }
        let px = area.x + max(used.width, min(mapWidth, displayWidth(of: picture.title))) + 3
        var panel = TextBlock(width: max(1, area.maxX - px))
        for entry in entries {
            if entry.wraps { panel.add(entry.text, entry.role) } else { panel.addLine(entry.text, entry.role) }
        }
        var y = top + panel.draw(into: &canvas, x: px, y: top, maxLines: bodyHeight)
        y += 1
        let output = operation.output
        let outputBase = (current.box * output.shape[1] + channel) * ph * pw
        let outputValues = output.data[outputBase..<(outputBase + ph * pw)]
        let done = (current.row * pw + current.column)
        let outputPanel = GridPanel(title: "output \(ph)x\(pw)" + (channels > 1 ? " ch \(channel)" : ""),
                                    rows: ph, columns: pw, cellWidth: formattedWidth(of: outputValues),
                                    bracket: (current.row, current.column, 1, 1), bracketRole: .current)
        let drawn = outputPanel.draw(into: &canvas, area: Rect(x: px, y: y, width: max(0, area.maxX - px), height: max(0, area.maxY - y))) { r, c in
            let i = r * pw + c
            if i > done { return GridCell("?", .pending) }
            return GridCell(formatValue(outputValues[outputValues.startIndex + i]), i == done ? .current : .output)
        }
        // Why pooling on the feature map matters: R-CNN against Fast R-CNN for 2,000 regions.
        y += drawn.height + 1
        if let fast = try? RegionPipelineCost(pipeline: .fastRCNN, regionCount: 2000),
           let rcnn = try? RegionPipelineCost(pipeline: .rcnn, regionCount: 2000) {
            var note = TextBlock(width: max(1, area.maxX - px))
            note.add("\(fast.pipeline): \(fast.cnnForwardPasses) CNN pass for \(groupedThousands(fast.regionCount)) regions, cropped from the \(fast.cropSource.rawValue); \(rcnn.pipeline): \(groupedThousands(rcnn.cnnForwardPasses)) passes on \(rcnn.cropSource.rawValue) crops", .dim)
            note.draw(into: &canvas, x: px, y: y, maxLines: max(0, area.maxY - y))
        }
    }
}

extension Float {
    /// The value limited to lower...upper (NaN becomes lower).
    func clamped(_ lower: Float, _ upper: Float) -> Float {
        guard !isNaN else { return lower }
        return Swift.min(Swift.max(self, lower), upper)
    }
}
