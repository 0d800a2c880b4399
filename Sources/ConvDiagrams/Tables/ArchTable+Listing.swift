import ConvCore

extension ArchTable {
    /// One model of ``listing(_:format:)`` in JSON.
    struct ListingJSON: Encodable {
        let name: String
        let totalParams: Int
        let inputShape: [Int]
        enum CodingKeys: String, CodingKey {
            case name
            case totalParams = "total_params"
            case inputShape = "input_shape"
        }
    }

    /// The zoo as a table (`convscope arch --list`): each model's name, total parameters and
    /// default input, numbers right-aligned and written whole.
    ///
    ///     Model               Total params  Input
    ///     alexnet               61,100,840  3x224x224
    ///
    /// - Parameters:
    ///   - entries: ``ModelZoo/listing()``.
    ///   - format: `.text` or `.unicode` (aligned columns), `.markdown` (a table) or `.json` (an array
    ///     of `{"name", "total_params", "input_shape"}` with the input as [C, H, W]).
    /// - Returns: the table, ending in a newline.
    public static func listing(_ entries: [ModelZoo.Listing], format: ArchTableFormat = .text) -> String {
        if format == .json {
            return encodeJSON(entries.map { ListingJSON(name: $0.name, totalParams: $0.totalParams, inputShape: $0.defaultInput) })
        }
        let rows = entries.map { [$0.name, groupedThousands($0.totalParams), $0.defaultInput.map(String.init).joined(separator: "x")] }
        return aligned(header: ["Model", "Total params", "Input"], numeric: [false, true, false], rows: rows,
                       format: format)
    }

    /// The worked examples as a table (`convscope arch --example` without a name): name and title.
    /// - Parameters:
    ///   - examples: the examples, in order (``WorkedExample/names`` built).
    ///   - format: as ``listing(_:format:)``; JSON gives `{"name", "title", "point"}` per example.
    public static func exampleList(_ examples: [WorkedExample], format: ArchTableFormat = .text) -> String {
        if format == .json {
            struct Item: Encodable { let name: String, title: String, point: String }
            return encodeJSON(examples.map { Item(name: $0.name, title: $0.title, point: $0.point) })
        }
        return aligned(header: ["Example", "Title"], numeric: [false, false],
                       rows: examples.map { [$0.name, $0.title] }, format: format)
    }

    /// Rows in aligned columns (two spaces apart, a dashed line under the header) or as a Markdown table.
    static func aligned(header: [String], numeric: [Bool], rows: [[String]], format: ArchTableFormat) -> String {
        let all = [header] + rows
        let widths = header.indices.map { column in all.map { displayWidth(of: $0[column]) }.max() ?? 0 }
        func line(_ values: [String]) -> String {
            let cells = values.indices.map { column -> String in
                let pad = String(repeating: " ", count: max(0, widths[column] - displayWidth(of: values[column])))
                return numeric[column] ? pad + values[column] : values[column] + pad
            }
            let text = format == .markdown ? "| " + cells.joined(separator: " | ") + " |" : cells.joined(separator: "  ")
            return text.trimmed(leading: false) { $0 == " " }
        }
        var out = [line(header)]
        if format == .markdown {
            out.append("| " + widths.indices.map { column in
                String(repeating: "-", count: max(widths[column] - 1, 2)) + (numeric[column] ? ":" : "-")
            }.joined(separator: " | ") + " |")
        } else {
            let total = widths.reduce(0, +) + 2 * (widths.count - 1)
            out.append(String(repeating: format == .unicode ? "─" : "-", count: total))
        }
        out += rows.map(line)
        return out.joined(separator: "\n") + "\n"
    }
}
