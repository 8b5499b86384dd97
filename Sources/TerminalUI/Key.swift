/// One key press, as the keymap names it: `j`, `C-x`, `M-x`, `Enter`, `PageUp`, `F1`.
public enum Key: Sendable, Hashable, CustomStringConvertible {
    case character(Character)
    case control(Character)
    case alt(Character)
    case enter, escape, tab, backTab, space, backspace, delete, insert
    case up, down, left, right, pageUp, pageDown, home, end
    case function(Int)

    private static let named: [(String, Key)] = [
        ("Enter", .enter), ("Esc", .escape), ("Tab", .tab), ("S-Tab", .backTab), ("Space", .space),
        ("Backspace", .backspace), ("Delete", .delete), ("Insert", .insert), ("Up", .up), ("Down", .down),
        ("Left", .left), ("Right", .right), ("PageUp", .pageUp), ("PageDown", .pageDown), ("Home", .home), ("End", .end),
    ]

    /// Parses a keymap name; nil when it names no key.
    public init?(name: String) {
        if let match = Self.named.first(where: { $0.0.lowercased() == name.lowercased() }) {
            self = match.1
            return
        }
        if name.count >= 2, name.first == "F" || name.first == "f", let number = Int(name.dropFirst()), (1...12).contains(number) {
            self = .function(number)
            return
        }
        if name.count == 3, name.hasPrefix("C-"), let letter = name.last, letter.isASCII, letter.isLetter {
            self = .control(Character(letter.lowercased()))
            return
        }
        if name.count == 3, name.hasPrefix("M-"), let character = name.last, !character.isWhitespace {
            self = .alt(character)
            return
        }
        guard name.count == 1, let character = name.first, !character.isWhitespace,
              !character.unicodeScalars.contains(where: { $0.properties.generalCategory == .control }) else { return nil }
        self = .character(character)
    }

    public var description: String {
        switch self {
        case .character(let character): String(character)
        case .control(let character): "C-\(character)"
        case .alt(let character): "M-\(character)"
        case .function(let number): "F\(number)"
        default: Self.named.first { $0.1 == self }?.0 ?? "?"
        }
    }
}

/// What the terminal reports besides keys.
public enum InputEvent: Sendable, Equatable {
    case key(Key)
    case resize(rows: Int, columns: Int)
    case click(row: Int, column: Int, double: Bool)
    case wheel(up: Bool)
    /// Ctrl-Z: the program stops and comes back.
    case suspend

    public var isResize: Bool { if case .resize = self { true } else { false } }
}
