import Testing
import ConvDiagrams

/// Hangul is two columns wide: drawn with a continuation cell, never split, never left half.
@Suite struct WideCharacterTests {
    @Test func hangulTakesTwoColumnsAndWrappingNeverSplitsIt() {
        #expect(displayWidth(of: "한국어") == 6)
        #expect(displayWidth(of: "a한b") == 4)
        #expect(prefix(of: "한국어", fittingIn: 5) == "한국")
        for line in wrap("합성곱은 작은 가중치 격자를 입력 위로 미끄러뜨립니다", columns: 11) {
            #expect(displayWidth(of: line) <= 11, "\(line)")
        }
        // A word longer than the width is cut between characters, never inside one.
        #expect(wrap("가나다라마", columns: 5) == ["가나", "다라", "마"])
    }

    @Test func overwritingHalfOfAWideCharacterBlanksTheOtherHalf() {
        var canvas = Canvas(width: 8, height: 1)
        canvas.put("가나다", x: 0, y: 0)
        #expect(canvas.line(0) == "가나다  ")
        // Over the right half of 가: 가 becomes a space, the row keeps its columns.
        canvas.put("x", x: 1, y: 0)
        #expect(canvas.line(0) == " x나다  ")
        // Over the left half of 나: its continuation becomes a space.
        canvas.put("y", x: 2, y: 0)
        #expect(canvas.line(0) == " xy 다  ")
        // A wide character over the middle of two others.
        canvas.put("라", x: 5, y: 0)
        #expect(canvas.line(0) == " xy  라 ")
        // Every row keeps its width in terminal columns.
        #expect(displayWidth(of: canvas.line(0)) == 8)
        // A wide character that does not fit at the right edge is not written.
        var edge = Canvas(width: 3, height: 1)
        edge.put("ab가", x: 0, y: 0)
        #expect(edge.line(0) == "ab ")
    }
}

/// Cells keep their glyph as UTF-8 bytes: every character of up to 15 bytes round-trips.
@Suite struct PackedGlyphTests {
    @Test(arguments: ["a", " ", "\u{0}", "▀", "한", "e\u{301}", "🇰🇷", "│", "·"] as [Character])
    func roundTrips(_ character: Character) {
        #expect(PackedGlyph(character).character == character)
        #expect(Cell(character).glyph == character)
        #expect(PackedGlyph(character).byteCount == character.utf8.count)
    }

    /// A family emoji is 25 UTF-8 bytes: stored as U+FFFD, never a trap.
    @Test func longCharactersBecomeTheReplacementCharacter() {
        let family: Character = "👨‍👩‍👧‍👦"
        #expect(family.utf8.count == 25)
        #expect(Cell(family).glyph == "\u{FFFD}")
    }

    @Test func equalityFollowsTheGlyph() {
        #expect(Cell("x") == Cell("x"))
        #expect(Cell("x") != Cell("y"))
        #expect(Cell("x", .accent) != Cell("x"))
        #expect(Cell("\u{0}").isContinuation && !Cell(" ").isContinuation)
        #expect(CellColor(foreground: RGB(1, 2, 3), glyph: "▀").glyph == "▀")
    }
}
