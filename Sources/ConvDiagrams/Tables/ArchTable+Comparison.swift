import Foundation
import ConvCore

extension ArchTable {
    /// Several models' totals side by side (the lecture's point: GoogLeNet has a twentieth of
    /// VGG16's parameters), one row per summary:
    ///
    ///     Model      Input             Output     Total params  Total mult-adds  MACs without bias
    ///     alexnet    [1, 3, 224, 224]  [1, 1000]    61,100,840      714,682,664        714,188,480
    ///
    /// Numbers are written whole; to fit `width` the columns go in this order: MACs without bias,
    /// Input, Output, Total mult-adds (Model and Total params stay).
    /// - Parameters:
    ///   - summaries: the models, in the order to show.
    ///   - format: `.text` or `.unicode` (aligned columns), `.markdown` (a table) or `.json` (an
    ///     array of ``ArchTableJSON`` documents without their layers).
    ///   - width: the terminal columns to fit, or nil.
    public static func comparison(_ summaries: [ModelSummary], format: ArchTableFormat = .text,
                                  width: Int? = nil) -> String {
        if format == .json {
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
            let lines = summaries.map { summary -> String in
                var document = ArchTableJSON(summary)
                document.layers = []
                return (try? encoder.encode(document)).map { String(decoding: $0, as: UTF8.self) } ?? "{}"
            }
            return "[\n" + lines.joined(separator: ",\n") + "\n]\n"
        }
        // (title, keep priority, numeric, cell)
        let columns: [(String, Int, Bool, (ModelSummary) -> String)] = [
            ("Model", Int.max, false, { $0.model }),
            ("Input", 1, false, { ArchNumberFormat.shape($0.inputShape) }),
            ("Output", 2, false, { ArchNumberFormat.shape($0.outputShape) }),
            ("Total params", Int.max - 1, true, { groupedThousands($0.totalParams) }),
            ("Total mult-adds", 3, true, { groupedThousands($0.totalMultAdds) }),
            ("MACs without bias", 0, true, { groupedThousands($0.totalMACsWithoutBias) }),
        ]
        let cells = summaries.map { summary in columns.map { $0.3(summary) } }
        let widths = columns.indices.map { column in
            cells.reduce(displayWidth(of: columns[column].0)) { max($0, displayWidth(of: $1[column])) }
        }
        let separator = format == .markdown ? 3 : 2
        var kept = Array(columns.indices)
        func total() -> Int { kept.reduce(0) { $0 + widths[$1] } + separator * (kept.count - 1) + (format == .markdown ? 4 : 0) }
        while let width, total() > width, kept.count > 2 {
            var victim = kept[0]
            for column in kept where columns[column].1 <= columns[victim].1 { victim = column }
            kept.removeAll { $0 == victim }
        }
        func line(_ values: [String]) -> String {
            let padded = kept.map { column -> String in
                let pad = String(repeating: " ", count: max(0, widths[column] - displayWidth(of: values[column])))
                return columns[column].2 ? pad + values[column] : values[column] + pad
            }
            return format == .markdown ? "| " + padded.joined(separator: " | ") + " |" : padded.joined(separator: "  ")
        }
        var out = [line(columns.map(\.0))]
        if format == .markdown {
            out.append("| " + kept.map { column in
                String(repeating: "-", count: max(widths[column] - 1, 2)) + (columns[column].2 ? ":" : "-")
            }.joined(separator: " | ") + " |")
        } else {
            out.append(String(repeating: format == .unicode ? "─" : "-", count: total()))
        }
        out += cells.map(line)
        return out.map { $0.replacingOccurrences(of: " +$", with: "", options: .regularExpression) }
            .joined(separator: "\n") + "\n"
    }

    /// A worked example: its title and point, each variant's table, then the variants' totals side
    /// by side (``comparison(_:format:width:)``). JSON gives `{"example", "title", "point", "variants"}`
    /// with each variant as ``ArchTableJSON``.
    /// - Parameters: as ``render(_:format:width:depth:columns:folded:)``.
    public static func render(example: WorkedExample, format: ArchTableFormat = .text, width: Int? = nil,
                              depth: Int = Int.max, columns: [ArchColumn] = ArchColumn.defaults) -> String {
        if format == .json {
            let variants = example.variants.map { render($0, format: .json).trimmingCharacters(in: .newlines) }
            let encoder = JSONEncoder()
            func quoted(_ text: String) -> String {
                (try? encoder.encode(text)).map { String(decoding: $0, as: UTF8.self) } ?? "\"\""
            }
            return "{\"example\":\(quoted(example.name)),\"point\":\(quoted(example.point)),"
                + "\"title\":\(quoted(example.title)),\"variants\":[\n" + variants.joined(separator: ",\n") + "\n]}\n"
        }
        let wrapWidth = width ?? 100
        var out = wrap(example.title, columns: wrapWidth) + wrap(example.point, columns: wrapWidth) + [""]
        for variant in example.variants {
            out.append(render(variant, format: format, width: width, depth: depth, columns: columns)
                .trimmingCharacters(in: .newlines))
            out.append("")
        }
        out.append(comparison(example.variants, format: format, width: width).trimmingCharacters(in: .newlines))
        return out.joined(separator: "\n") + "\n"
    }
}
