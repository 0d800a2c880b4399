import ConvCore

/// The anchors picture: the image (scaled down) with the grid of anchor centres, the k anchors
/// of the selected feature-map cell drawn as rectangles (numbered 1...k at their top-left
/// corners), the RPN head's output shape and the anchor count, and the k boxes listed.
///
/// A pure function of an ``AnchorGrid`` (core values), the image size, a step and an area. Steps
/// are the feature-map cells, row-major (step = row x W + column + 1), so Left/Right move the
/// cell along a row and Up/Down (a row of W steps) move it between rows.
///
/// Glyphs in plain text: `.` anchor centres, `@` the selected cell's centre, `-` `|` `+` box edges
/// inside the image, `~` and `:` the part of a box outside the image (clipped: the image border
/// is drawn over it), digits the box numbers.
///
/// Source: Ren et al. 2015, "Faster R-CNN", section 3.1 (k anchors per sliding-window position,
/// 2k scores and 4k coordinates); py-faster-rcnn's `generate_anchors`; torchvision's `AnchorGenerator`.
public struct AnchorDiagram: Diagram, Sendable {
    /// The anchors over the feature map.
    public let grid: AnchorGrid
    /// The image size in pixels.
    public let imageHeight: Int, imageWidth: Int
    /// 1-based step: the selected cell.
    public let step: Int
    /// Glyphs for the image border.
    public let glyphs: GlyphSet
    /// The stride the feature map was made with (height, width), when it differs from the grid's
    /// (torchvision shifts by image // feature map instead); nil when they agree.
    public let givenStride: (height: Int, width: Int)?

    /// Creates the diagram; the step is clamped into 1...H·W. `givenStride` is the stride the
    /// feature map came from, shown beside the grid's strides when they differ.
    public init(grid: AnchorGrid, imageHeight: Int, imageWidth: Int, step: Int, glyphs: GlyphSet = .ascii,
                givenStride: (Int, Int)? = nil) {
        if let g = givenStride, g != (grid.strideHeight, grid.strideWidth) {
            self.givenStride = (g.0, g.1)
        } else {
            self.givenStride = nil
        }
        self.grid = grid
        self.imageHeight = imageHeight
        self.imageWidth = imageWidth
        self.step = min(max(1, step), grid.featureHeight * grid.featureWidth)
        self.glyphs = glyphs
    }

    /// The selected cell (row, column).
    public var cell: (row: Int, column: Int) {
        ((step - 1) / grid.featureWidth, (step - 1) % grid.featureWidth)
    }

    /// The last pixel edge of the image on each axis: W - 1 for py-faster-rcnn's inclusive pixel
    /// boxes, W for torchvision's continuous ones.
    var imageRight: Double { Double(imageWidth) - (grid.cellAnchors.convention == .pyFasterRCNN ? 1 : 0) }
    var imageBottom: Double { Double(imageHeight) - (grid.cellAnchors.convention == .pyFasterRCNN ? 1 : 0) }

    /// True when `box` reaches outside the image.
    public func isClipped(_ box: AnchorBox) -> Bool {
        box.x1 < 0 || box.y1 < 0 || box.x2 > imageRight || box.y2 > imageBottom
    }

    /// `box` clipped to the image ([x1, y1, x2, y2]).
    public func clipped(_ box: AnchorBox) -> [Double] {
        [min(max(box.x1, 0), imageRight), min(max(box.y1, 0), imageBottom),
         min(max(box.x2, 0), imageRight), min(max(box.y2, 0), imageBottom)]
    }

    /// The label of box `index` (0-based): 1...9, then a...z, then `*`.
    static func label(_ index: Int) -> Character {
        if index < 9 { return Character(String(index + 1)) }
        let letters = Array("abcdefghijklmnopqrstuvwxyz")
        return index - 9 < letters.count ? letters[index - 9] : "*"
    }

    /// The head lines: sizes, the selected cell, k, the RPN head's output and the anchor count.
    public var summaryLines: [String] {
        let a = grid.cellAnchors, head = grid.rpnHead
        let h = grid.featureHeight, w = grid.featureWidth, k = a.count
        let (row, column) = cell
        let centre = grid.center(row: row, column: column)
        let kind = a.convention == .pyFasterRCNN ? "scales" : "sizes"
        let base = a.baseSize.map { " (base \($0))" } ?? ""
        let scores = a.convention == .pyFasterRCNN ? "2k" : "k"
        return [
            givenStride.map { g in
                "image \(imageHeight)x\(imageWidth), stride \(g.height == g.width ? "\(g.height)" : "\(g.height),\(g.width)") -> feature map \(h)x\(w); "
                    + "torchvision strides \(imageHeight)//\(h) = \(grid.strideHeight), \(imageWidth)//\(w) = \(grid.strideWidth)"
            } ?? "image \(imageHeight)x\(imageWidth), stride \(grid.strideHeight) -> feature map \(h)x\(w)",
            "cell (\(row),\(column)) of \(h)x\(w), centre (\(formatReal(centre.x)), \(formatReal(centre.y)))",
            "k = \(a.ratios.count) ratios x \(a.scales.count) \(kind) = \(k) per cell\(base)",
            "RPN head: \(scores) + 4k = \(head.classificationChannels) + \(head.regressionChannels) = \(head.totalChannels) channels",
            "head output: \(h) x \(w) x \(head.totalChannels)",
            "anchors: H x W x k = \(h) x \(w) x \(k) = \(groupedThousands(grid.count))",
        ]
    }

    /// One line per anchor of the selected cell, under ``boxHeader``:
    /// "1  [-84, -40, 99, 55]    0.5      8  clipped".
    public var boxLines: [String] {
        let (row, column) = cell
        guard let boxes = try? grid.anchors(row: row, column: column) else { return [] }
        let texts = boxes.map { b in "[" + b.xyxy.map(formatReal).joined(separator: ", ") + "]" }
        let width = max(texts.map(\.count).max() ?? 0, 16)
        return boxes.enumerated().map { i, b in
            "\(Self.label(i))  \(padRight(texts[i], width))  \(padLeft(formatReal(b.ratio), 5))  \(padLeft(formatReal(b.scale), 5))"
                + (isClipped(b) ? "  clipped" : "")
        }
    }

    /// The column titles of ``boxLines``.
    public var boxHeader: String {
        let (row, column) = cell
        let boxes = (try? grid.anchors(row: row, column: column)) ?? []
        let width = max(boxes.map { b in ("[" + b.xyxy.map(formatReal).joined(separator: ", ") + "]").count }.max() ?? 0, 16)
        return "#  " + padRight("[x1, y1, x2, y2]", width) + "  ratio  " + padLeft(grid.cellAnchors.convention == .pyFasterRCNN ? "scale" : "size", 5)
    }

    /// Draws the diagram into `area` of `canvas`.
    public func draw(into canvas: inout Canvas, area: Rect) {
        let outer = canvas.narrowClip(to: area)
        defer { canvas.restoreClip(outer) }
        guard area.width > 20, area.height > 4 else { return }
        let lines = summaryLines, boxes = boxLines
        let listWidth = max(lines.map(\.count).max() ?? 0, boxes.map(\.count).max() ?? 0)
        let panelWidth = min(listWidth, max(30, area.width / 2))
        let pictureWidth = max(0, area.width - panelWidth - 2)
        var legend = TextBlock(width: area.width)
        legend.add("@ selected cell's centre  . anchor centres  1-\(Self.label(grid.cellAnchors.count - 1)) its anchors  ~ : outside the image (clipped)", .dim)
        let top = area.y + legend.draw(into: &canvas, x: area.x, y: area.y, maxLines: 2)
        let pictureHeight = max(0, area.maxY - top)
        let px = area.x + pictureWidth + 2
        var panel = TextBlock(width: max(1, area.maxX - px))
        for (i, line) in lines.enumerated() { panel.add(line, i == 0 ? .accent : .plain) }
        panel.blank()
        panel.addLine(boxHeader, .label)
        for line in boxes { panel.addLine(line, line.hasSuffix("clipped") ? .unread : .plain) }
        panel.draw(into: &canvas, x: px, y: top, maxLines: pictureHeight)
        if pictureWidth >= 10 && pictureHeight >= 4 {
            canvas.blit(picture(width: pictureWidth, height: pictureHeight), x: area.x, y: top)
        }
    }

    /// The scaled-down image with the centres and the selected cell's anchors.
    public func picture(width: Int, height: Int) -> Canvas {
        var canvas = Canvas(width: width, height: height)
        let (row, column) = cell
        guard width > 2, height > 2, let anchors = try? grid.anchors(row: row, column: column) else { return canvas }
        let a = grid.cellAnchors
        // The view: the image plus a margin that shows the outside parts of the boxes, at most a
        // quarter of the image on each side.
        let halfWidth = a.boxes.map { max(abs($0.x1 - a.centerX), abs($0.x2 - a.centerX)) }.max() ?? 0
        let halfHeight = a.boxes.map { max(abs($0.y1 - a.centerY), abs($0.y2 - a.centerY)) }.max() ?? 0
        let marginX = min(halfWidth, Double(imageWidth) / 4), marginY = min(halfHeight, Double(imageHeight) / 4)
        let viewWidth = Double(imageWidth) + 2 * marginX, viewHeight = Double(imageHeight) + 2 * marginY
        // A terminal cell is about twice as tall as wide: one row covers two columns' worth of pixels.
        let perColumn = max(viewWidth / Double(width - 1), viewHeight / (2 * Double(height - 1)))
        let perRow = 2 * perColumn
        // The view centred in the picture.
        let viewX = -marginX - (Double(width - 1) * perColumn - viewWidth) / 2
        let viewY = -marginY - (Double(height - 1) * perRow - viewHeight) / 2
        func x(_ px: Double) -> Int { Int(((px - viewX) / perColumn).rounded(.down).clamped(-1e6, 1e6)) }
        func y(_ py: Double) -> Int { Int(((py - viewY) / perRow).rounded(.down).clamped(-1e6, 1e6)) }
        let left = x(0), right = x(imageRight), topEdge = y(0), bottom = y(imageBottom)
        func inside(_ cx: Int, _ cy: Int) -> Bool { cx >= left && cx <= right && cy >= topEdge && cy <= bottom }

        // Anchor centres, thinned so that neighbours stay apart.
        let columnGap = Double(grid.strideWidth) / perColumn, rowGap = Double(grid.strideHeight) / perRow
        let everyColumn = columnGap >= 2 ? 1 : Int((2 / max(columnGap, 1e-9)).rounded(.up))
        let everyRow = rowGap >= 1 ? 1 : Int((1 / max(rowGap, 1e-9)).rounded(.up))
        for r in Swift.stride(from: 0, to: grid.featureHeight, by: max(1, everyRow)) {
            for c in Swift.stride(from: 0, to: grid.featureWidth, by: max(1, everyColumn)) {
                let centre = grid.center(row: r, column: c)
                canvas.set(x(centre.x), y(centre.y), Cell(".", .dim))
            }
        }
        canvas.box(x: left, y: topEdge, width: right - left + 1, height: bottom - topEdge + 1, glyphs: glyphs, role: .border)

        // Boxes, largest first so that small ones stay visible on top.
        let order = anchors.indices.sorted { (anchors[$0].x2 - anchors[$0].x1) * (anchors[$0].y2 - anchors[$0].y1) > (anchors[$1].x2 - anchors[$1].x1) * (anchors[$1].y2 - anchors[$1].y1) }
        for i in order {
            let b = anchors[i]
            let x1 = x(b.x1), x2 = max(x(b.x2), x1 + 1), y1 = y(b.y1), y2 = max(y(b.y2), y1 + 1)
            func edge(_ cx: Int, _ cy: Int, _ glyph: Character, _ outside: Character) {
                guard cx >= 0, cy >= 0, cx < width, cy < height else { return }
                if inside(cx, cy) { canvas.set(cx, cy, Cell(glyph, .window)) } else { canvas.set(cx, cy, Cell(outside, .unread)) }
            }
            let (fromX, toX) = (max(x1, -1), min(x2, width)), (fromY, toY) = (max(y1, -1), min(y2, height))
            if fromX <= toX {
                for cx in fromX...toX {
                    edge(cx, y1, "-", "~")
                    edge(cx, y2, "-", "~")
                }
            }
            if fromY <= toY {
                for cy in fromY...toY {
                    edge(x1, cy, "|", ":")
                    edge(x2, cy, "|", ":")
                }
            }
            for (cx, cy) in [(x1, y1), (x2, y1), (x1, y2), (x2, y2)] { edge(cx, cy, "+", "+") }
        }
        // Labels at the top-left corners (inside the picture), then the centre.
        for i in order {
            let b = anchors[i]
            let lx = min(max(x(b.x1), 0), width - 1), ly = min(max(y(b.y1), 0), height - 1)
            canvas.set(lx, ly, Cell(Self.label(i), .label))
        }
        let centre = grid.center(row: row, column: column)
        canvas.set(x(centre.x), y(centre.y), Cell("@", .current))
        return canvas
    }
}

extension Double {
    /// The value limited to lower...upper (NaN becomes lower).
    func clamped(_ lower: Double, _ upper: Double) -> Double {
        guard !isNaN else { return lower }
        return Swift.min(Swift.max(self, lower), upper)
    }
}
