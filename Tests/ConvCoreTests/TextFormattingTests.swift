import Testing
import ConvCore

/// Values as Python 3 prints them: `f"{n:,}"` and `str.strip()` / `str.rstrip(" ")`.
@Suite struct TextFormattingTests {
    @Test(arguments: [
        (0, "0"), (999, "999"), (1000, "1,000"), (73_728, "73,728"), (-1234, "-1,234"),
        (138_357_544, "138,357,544"), (Int.min, "-9,223,372,036,854,775,808"),
    ])
    func groupsLikePythonsCommaFormat(_ value: Int, _ python: String) {
        #expect(groupedThousands(value) == python)
    }

    @Test func trimsEitherEnd() {
        #expect(" \t 3x3 \n".trimmed() == "3x3")          // " \t 3x3 \n".strip()
        #expect("  row  ".trimmed(leading: false) { $0 == " " } == "  row")
        #expect("\t".trimmed() == "")
        #expect("".trimmed() == "")
        #expect("a b".trimmed() == "a b")
        #expect("x\r\n".trimmed() == "x")
    }
}
