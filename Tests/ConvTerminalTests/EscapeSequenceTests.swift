import Testing
import ConvApp
@testable import ConvTerminal

/// The bytes a tester's terminals sent after ESC (issue 14, "Keys"): each is decoded whole, and
/// only a lone ESC is the Esc key.
@Suite struct EscapeSequenceTests {
    /// Decodes the characters after an ESC as the terminal sends them: all at once, then nothing.
    static func decode(_ after: String) -> Key? {
        var rest = Array(after.unicodeScalars.map(\.value))[...]
        return EscapeSequence.decode { _ in rest.popFirst() }
    }

    @Test func aLoneEscapeIsEscape() {
        #expect(Self.decode("") == .escape)
        #expect(Self.decode("\u{1B}") == .escape)
    }

    /// xterm's cursor keys in both modes (ECMA-48 CSI, SS3), with modifiers, and the vt220 keys.
    @Test func cursorKeysAreKeys() {
        #expect(Self.decode("[A") == .up)
        #expect(Self.decode("OB") == .down)
        #expect(Self.decode("[1;5C") == .right)
        #expect(Self.decode("[1;3D") == .left)
        #expect(Self.decode("[H") == .home)   // Home inside tmux under TERM=xterm-256color
        #expect(Self.decode("[F") == .end)
        #expect(Self.decode("[1~") == .home)
        #expect(Self.decode("[4~") == .end)
        #expect(Self.decode("[5~") == .pageUp)
        #expect(Self.decode("[6~") == .pageDown)
        #expect(Self.decode("[Z") == .backTab)
    }

    /// Alt+key, bracketed paste, OSC and DCS replies, an unknown CSI: ignored, never Esc.
    @Test func otherSequencesAreIgnored() {
        #expect(Self.decode("x") == nil)                                       // Alt+x
        #expect(Self.decode("[200~q pasted text, even with q and ESC\u{1B}[201~") == nil)
        #expect(Self.decode("]11;rgb:0000/0000/0000\u{07}") == nil)            // OSC 11 reply, BEL
        #expect(Self.decode("]10;rgb:ffff/ffff/ffff\u{1B}\\") == nil)           // OSC reply, ST
        #expect(Self.decode("P>|tmux 3.3a\u{1B}\\") == nil)                    // DCS (XTVERSION reply)
        #expect(Self.decode("[?62;22c") == nil)                                // device attributes reply
        #expect(Self.decode("[15~") == nil)                                    // F5: not a key here
    }

    /// What follows a sequence is read as keys again: the decoder takes only its own bytes.
    @Test func theSequenceEndsAtItsFinalByte() {
        var rest = Array("[Aq".unicodeScalars.map(\.value))[...]
        #expect(EscapeSequence.decode { _ in rest.popFirst() } == .up)
        #expect(rest.map { Character(Unicode.Scalar($0)!) } == ["q"])
        var paste = Array("[200~abc\u{1B}[201~j".unicodeScalars.map(\.value))[...]
        #expect(EscapeSequence.decode { _ in paste.popFirst() } == nil)
        #expect(paste.count == 1)
    }
}
