/// A one-line text editor: insert anywhere, move by character or word, delete,
/// and the readline keys people's fingers know (C-a, C-e, C-u, C-k, C-w).
public struct LineEditor: Sendable, Equatable {
    public private(set) var characters: [Character]
    /// Index in `characters` where the next character goes.
    public private(set) var cursor: Int

    public init(_ text: String = "") {
        characters = Array(text)
        cursor = characters.count
    }

    public var text: String { String(characters) }

    /// Applies an editing key; false when the key is not an editing key.
    public mutating func handle(_ key: Key) -> Bool {
        switch key {
        case .character(let character): insert(character)
        case .space: insert(" ")
        case .left, .control("b"): cursor = max(0, cursor - 1)
        case .right, .control("f"): cursor = min(characters.count, cursor + 1)
        case .home, .control("a"): cursor = 0
        case .end, .control("e"): cursor = characters.count
        case .backspace, .control("h"):
            guard cursor > 0 else { return true }
            characters.remove(at: cursor - 1)
            cursor -= 1
        case .delete, .control("d"):
            if cursor < characters.count { characters.remove(at: cursor) }
        case .control("u"):
            characters.removeFirst(cursor)
            cursor = 0
        case .control("k"):
            characters.removeLast(characters.count - cursor)
        case .control("w"), .alt("\u{7F}"):
            var start = cursor
            while start > 0, characters[start - 1] == " " { start -= 1 }
            while start > 0, characters[start - 1] != " " { start -= 1 }
            characters.removeSubrange(start..<cursor)
            cursor = start
        case .alt("b"):
            while cursor > 0, characters[cursor - 1] == " " { cursor -= 1 }
            while cursor > 0, characters[cursor - 1] != " " { cursor -= 1 }
        case .alt("f"):
            while cursor < characters.count, characters[cursor] == " " { cursor += 1 }
            while cursor < characters.count, characters[cursor] != " " { cursor += 1 }
        default:
            return false
        }
        return true
    }

    private mutating func insert(_ character: Character) {
        characters.insert(character, at: cursor)
        cursor += 1
    }

    /// Draws the text in `width` columns at (row, column), scrolled so the cursor shows,
    /// with the cursor as a reversed cell.
    public func draw(into surface: any Surface, row: Int, column: Int, width: Int, style: Style, cursorStyle: Style) {
        guard width > 1 else { return }
        let safe = characters.map { TerminalText.sanitize(String($0)) }
        let widths = safe.map { max(1, TerminalText.width($0)) }
        // The window starts where the text up to the cursor, and one cell for it, fits.
        var start = cursor
        var used = 1
        while start > 0, used + widths[start - 1] <= width {
            used += widths[start - 1]
            start -= 1
        }
        var x = column
        surface.draw("", row: row, column: column, width: width, style: style)
        var index = start
        while index < safe.count, x + widths[index] <= column + width {
            surface.put(safe[index], row: row, column: x, style: index == cursor ? cursorStyle : style)
            x += widths[index]
            index += 1
        }
        if cursor == safe.count, x < column + width { surface.put(" ", row: row, column: x, style: cursorStyle) }
    }
}
