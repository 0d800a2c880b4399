import Foundation
import Testing
import ConvCore
import ConvDiagrams

/// The direct JSON writer against Foundation's encoder, the layout the TUI draws against the
/// printed table, and the zoo listing.
@Suite struct ArchTableTextTests {
    /// Foundation's JSONEncoder as the reference: totals on the first line, one layer per line.
    static func foundationJSON(_ document: ArchTableJSON) throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        var header = document
        header.layers = []
        let layers = try document.layers.map { String(decoding: try encoder.encode($0), as: UTF8.self) }
        let head = String(decoding: try encoder.encode(header), as: UTF8.self)
        let body = layers.isEmpty ? "[]" : "[\n" + layers.joined(separator: ",\n") + "\n]"
        return head.replacingOccurrences(of: "\"layers\":[]", with: "\"layers\":" + body) + "\n"
    }

    @Test func directJSONIsByteForByteFoundations() throws {
        var documents = try ModelZoo.names.map { ArchTableJSON(try ModelZoo.build($0)) }
        for name in WorkedExample.names {
            documents += try WorkedExample.build(name).variants.map { ArchTableJSON($0) }
        }
        documents.append(ArchTableJSON(try ModelZoo.build("googlenet", input: [3, 500, 375], batchSize: 2)))
        for document in documents {
            #expect(document.text == (try Self.foundationJSON(document)), "\(document.model)")
        }
        // Escapes: quotes, backslashes and control characters; slashes and non-ASCII as they are.
        var odd = documents[0]
        odd.model = "a \"b\" \\ c/d\n\t\u{01} · 합"
        odd.layers = []
        #expect(odd.text == (try Self.foundationJSON(odd)))
        let decoded = try JSONDecoder().decode(ArchTableJSON.self, from: Data(odd.text.utf8))
        #expect(decoded.model == odd.model)
    }

    /// The TUI's rows are the printed table's rows, at every width.
    @Test(arguments: [60, 100, 160])
    func layoutLinesAreThePrintedRows(_ width: Int) throws {
        let summary = try ModelZoo.build("resnet18")
        for unicode in [false, true] {
            let printed = ArchTable.render(summary, format: unicode ? .unicode : .text, width: width)
            let layout = ArchTableLayout(summary, unicode: unicode, width: width)
            let lines = printed.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
            let start = try #require(lines.firstIndex(of: layout.header))
            #expect(Array(lines[(start + 2)..<(start + 2 + layout.lines.count)]) == layout.lines)
            #expect(layout.lines.count == summary.rows.count)
            #expect(layout.tableWidth <= width)
        }
        // torchinfo's var_names labels.
        let named = ArchTableLayout(summary, width: width, columns: [.params], variableNames: true)
        #expect(named.lines.contains { $0.contains("+ Conv2d (conv1): 1-1") })
        #expect(named.lines.contains { $0.contains("+ BasicBlock (0): 2-1") })
    }

    /// `--list`: every model with its total (golden README and the issue).
    @Test func listingHasEveryModelAndItsTotal() throws {
        let totals: [(String, String)] = [("alexnet", "61,100,840"), ("vgg11_bn", "132,868,840"),
                                          ("vgg13_bn", "133,053,736"), ("vgg19_bn", "143,678,248"),
                                          ("googlenet-original", "6,998,552"), ("densenet169", "14,149,480")]
        let text = ArchTable.listing(try ModelZoo.listing())
        let lines = text.split(separator: "\n")
        #expect(lines.count == 2 + 21)
        for (name, total) in totals {
            #expect(lines.contains { $0.hasPrefix(name + " ") && $0.contains(total) }, "\(name)")
        }
        #expect(lines.contains { $0.hasPrefix("alexnet-original") && $0.hasSuffix("3x227x227") })
        let markdown = ArchTable.listing(try ModelZoo.listing(), format: .markdown)
        #expect(markdown.split(separator: "\n").allSatisfy { $0.hasPrefix("|") })
        struct Item: Decodable { let name: String; let total_params: Int; let input_shape: [Int] }
        let items = try JSONDecoder().decode([Item].self, from: Data(ArchTable.listing(try ModelZoo.listing(), format: .json).utf8))
        #expect(items.count == 21)
        #expect(items.first { $0.name == "resnet152" }?.total_params == 60_192_808)
    }
}
