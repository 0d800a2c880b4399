import ConvApp

/// Decodes what follows an ESC the terminal sent, whole: a lone ESC is the Esc key; ESC followed
/// by bytes within a short delay is a sequence (ECMA-48 CSI `ESC [ ... final`, SS3 `ESC O x`,
/// string controls OSC `ESC ]`, DCS `ESC P`, APC `ESC _`, PM `ESC ^` ended by BEL or `ESC \`,
/// bracketed paste `ESC [ 200 ~ ... ESC [ 201 ~`, Alt+key `ESC x`). Known cursor keys become
/// keys; everything else is consumed and ignored, so a sequence the terminal database does not
/// know can never read as Esc (which quits most scenes).
public enum EscapeSequence {
    /// The gap in milliseconds after which the bytes after an ESC are no longer its sequence.
    public static let delayMilliseconds = 30
    /// At most this many characters are consumed for one sequence (a paste or a terminal reply
    /// longer than that ends the sequence, and what follows is read as keys again).
    public static let maximumLength = 1 << 20

    /// The key an ESC starts. `next(timeout)` returns the next character the terminal sent
    /// (a Unicode scalar value), or nil when none came within `timeout` milliseconds.
    /// - Returns: `.escape` for a lone ESC, a cursor key for a known sequence, nil for a
    ///   sequence that is ignored.
    public static func decode(next: (Int) -> UInt32?) -> Key? {
        guard let first = next(delayMilliseconds) else { return .escape }
        var consumed = 1
        func read() -> UInt32? {
            guard consumed < maximumLength else { return nil }
            consumed += 1
            return next(delayMilliseconds)
        }
        switch first {
        case 0x5B: // '[': CSI parameters and intermediates, then a final byte 0x40...0x7E.
            var body: [UInt32] = []
            while let c = read() {
                if (0x40...0x7E).contains(c) {
                    if c == 0x7E, body == Array("200".unicodeScalars.map(\.value)) { skipPaste(read: read); return nil }
                    return csi(String(String.UnicodeScalarView(body.compactMap(Unicode.Scalar.init))), final: c)
                }
                guard (0x20...0x3F).contains(c) else { return nil }
                body.append(c)
            }
            return nil
        case 0x4F: // 'O': SS3 and one character.
            guard let c = read() else { return nil }
            switch c {
            case 0x41: return .up
            case 0x42: return .down
            case 0x43: return .right
            case 0x44: return .left
            case 0x48: return .home
            case 0x46: return .end
            case 0x4D: return .enter
            default: return nil
            }
        case 0x5D, 0x50, 0x5F, 0x5E: // OSC, DCS, APC, PM: until BEL or ST (ESC \).
            var escaped = false
            while let c = read() {
                if c == 0x07 { return nil }
                if escaped, c == 0x5C { return nil }
                escaped = c == 0x1B
            }
            return nil
        case 0x1B: // ESC ESC: an Alt+Esc or a doubled Esc; one Esc.
            return .escape
        default: // Alt+key (ESC x): ignored.
            return nil
        }
    }

    /// The cursor key of `ESC [ parameters final`, or nil.
    static func csi(_ parameters: String, final: UInt32) -> Key? {
        // Modifiers (ESC [ 1 ; 5 A is Ctrl+Up) keep the key.
        let first = parameters.split(separator: ";").first.map(String.init) ?? ""
        switch final {
        case 0x41: return .up
        case 0x42: return .down
        case 0x43: return .right
        case 0x44: return .left
        case 0x48: return .home
        case 0x46: return .end
        case 0x5A: return .backTab
        case 0x7E:
            switch first {
            case "1", "7": return .home
            case "4", "8": return .end
            case "5": return .pageUp
            case "6": return .pageDown
            default: return nil
            }
        default: return nil
        }
    }

    /// Consumes a bracketed paste up to its end marker `ESC [ 201 ~`.
    static func skipPaste(read: () -> UInt32?) {
        let end: [UInt32] = [0x1B, 0x5B, 0x32, 0x30, 0x31, 0x7E]
        var matched = 0
        while let c = read() {
            if c == end[matched] {
                matched += 1
                if matched == end.count { return }
            } else {
                matched = c == end[0] ? 1 : 0
            }
        }
    }
}
