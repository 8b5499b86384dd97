/// What a piece of text means on screen; each surface decides how that looks
/// (colours, or only bold/reverse in monochrome).
public enum Style: Sendable, Hashable, CaseIterable {
    case normal, header, tabActive, tabInactive, title, cursor, marked, markedCursor, dim, status, error, notice, dialog
    /// Lines of a comparison, and the words that changed within them.
    case removed, added, removedWord, addedWord
}

/// Where screens draw: rows of cells addressed from (0, 0) at the top left.
/// Implementations: `CursesTerminal`'s screen and `MemorySurface` for tests.
public protocol Surface: AnyObject {
    var rows: Int { get }
    var columns: Int { get }
    /// Puts already safe text (see `draw`) at a position; what passes the right edge is dropped.
    func put(_ safeText: String, row: Int, column: Int, style: Style)
    /// Blanks the whole surface.
    func erase()
}

extension Surface {
    /// Draws untrusted text at (row, column), made safe and padded or cut to exactly `width` columns.
    public func draw(_ text: String, row: Int, column: Int, width: Int, style: Style = .normal) {
        guard row >= 0, row < rows, column >= 0, column < columns, width > 0 else { return }
        put(TerminalText.pad(text, columns: min(width, columns - column)), row: row, column: column, style: style)
    }

    /// A whole row in one style (a bar, a selected line).
    public func fill(row: Int, style: Style) {
        draw("", row: row, column: 0, width: columns, style: style)
    }
}
