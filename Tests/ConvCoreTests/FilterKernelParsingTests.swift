import Testing
import ConvCore

@Suite struct FilterKernelParsingTests {
    @Test func namesAndMatrices() throws {
        #expect(try FilterKernel(argument: "Sobel-X") == NamedFilter.sobelX.kernel)
        #expect(try FilterKernel(argument: "  outline ").name == "outline")
        let k = try FilterKernel(argument: "1 2 3; 4 5 6")
        #expect(k.rows == 2 && k.columns == 3 && k.weights == [1, 2, 3, 4, 5, 6] && k.name == nil)
        #expect(try FilterKernel(parsing: "1, 2,3 ;4 5 6;").weights == [1, 2, 3, 4, 5, 6])
        #expect(try FilterKernel(parsing: "-0.5 2e-1 +3 1/4").weights == [-0.5, 0.2, 3, 0.25])
        #expect(try FilterKernel(argument: "7").weights == [7])
        #expect(try FilterKernel(parsing: "1; 2; 3").rows == 3)
    }

    @Test(arguments: [
        ("1 2 3; 4 x 6; 7 8 9", FilterError.badToken(token: "x", row: 2, entry: 2, reason: "is not a number")),
        ("1 2; 3 4 5", FilterError.raggedRows(row: 2, count: 3, expected: 2)),
        ("1 2;; 3 4", FilterError.emptyRow(row: 2)),
        ("; 1 2", FilterError.emptyRow(row: 1)),
        ("   ", FilterError.emptyKernel),
        ("1/0 1", FilterError.badToken(token: "1/0", row: 1, entry: 1, reason: "divides by zero")),
        ("1 1e39", FilterError.badToken(token: "1e39", row: 1, entry: 2, reason: "is outside -1e6...1e6 (a 255-valued pixel times it must stay finite)")),
        ("1 2e6", FilterError.badToken(token: "2e6", row: 1, entry: 2, reason: "is outside -1e6...1e6 (a 255-valued pixel times it must stay finite)")),
        ("1 nan", FilterError.badToken(token: "nan", row: 1, entry: 2, reason: "is not a number")),
        ("1 2/3/4", FilterError.badToken(token: "2/3/4", row: 1, entry: 2, reason: "is not a number")),
        ("1 ２", FilterError.badToken(token: "２", row: 1, entry: 2, reason: "is not a number")),
    ])
    func badMatricesNameTheToken(_ example: (String, FilterError)) {
        #expect(throws: example.1) { try FilterKernel(parsing: example.0) }
    }

    @Test func unknownNamesListTheChoices() {
        #expect(throws: FilterError.unknownName("blurr")) { try FilterKernel(argument: "blurr") }
        #expect(FilterError.unknownName("blurr").description
            == "unknown kernel 'blurr'; allowed: box, blur, sharpen, emboss, outline, sobel-x, sobel-y, or write rows of numbers separated by ';', e.g. \"0 -1 0; -1 5 -1; 0 -1 0\" (fractions like 1/9 allowed)")
        #expect(FilterError.badToken(token: "x", row: 2, entry: 2, reason: "is not a number").description
            .hasPrefix("kernel row 2, entry 2: 'x' is not a number; "))
    }

    @Test func sizeLimits() throws {
        let row = Array(repeating: "1", count: 257).joined(separator: " ")
        #expect(throws: FilterError.tooLarge(rows: 1, columns: 257)) { try FilterKernel(parsing: row) }
        #expect(throws: FilterError.weightCount(rows: 2, columns: 2, count: 3)) {
            try FilterKernel(rows: 2, columns: 2, weights: [1, 2, 3])
        }
        #expect(throws: FilterError.tooLarge(rows: 0, columns: 3)) { try FilterKernel(rows: 0, columns: 3, weights: []) }
        #expect(throws: FilterError.self) { try FilterKernel(rows: 1, columns: 1, weights: [.infinity]) }
        let wide = try FilterKernel(parsing: Array(repeating: "1", count: 256).joined(separator: " "))
        #expect(wide.columns == 256)
    }

    @Test func depthwiseWeightRepeatsTheKernel() throws {
        let w = try NamedFilter.sharpen.kernel.depthwiseWeight(channels: 3)
        #expect(w.shape == [3, 1, 3, 3])
        #expect(w[2, 0, 1, 1] == 5 && w[0, 0, 0, 1] == -1)
        #expect(throws: ConvError.self) { try NamedFilter.box.kernel.depthwiseWeight(channels: 0) }
    }
}
