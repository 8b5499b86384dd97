/// A column of a table: its title, width and alignment.
public struct TableColumn: Sendable, Equatable {
    public var title: String
    public var width: Int
    public var alignRight: Bool
    /// Too long a value loses its middle, not its end (names keep their number and extension).
    public var cutsMiddle: Bool

    public init(_ title: String, width: Int, alignRight: Bool = false, cutsMiddle: Bool = false) {
        self.title = title
        self.width = width
        self.alignRight = alignRight
        self.cutsMiddle = cutsMiddle
    }
}

extension Style {
    /// The style of a list row under the cursor and/or marked.
    public static func row(cursor: Bool, marked: Bool) -> Style {
        switch (cursor, marked) {
        case (true, true): .markedCursor
        case (true, false): .cursor
        case (false, true): .marked
        case (false, false): .normal
        }
    }
}

extension Surface {
    /// One table row: each cell made safe and fitted to its column, one space apart from
    /// column `left + 1` on, over a band of `style` `width` wide; nothing past `left + width`.
    public func drawRow(_ cells: [String], columns: [TableColumn], row: Int, left: Int = 0, width: Int, style: Style) {
        if style != .normal { draw("", row: row, column: left, width: width, style: style) }
        var x = left + 1
        for (cell, column) in zip(cells, columns) {
            let room = min(column.width, left + width - x)
            guard room > 0 else { break }
            var text = column.cutsMiddle ? TerminalText.fitMiddle(cell, columns: column.width) : TerminalText.fit(cell, columns: column.width)
            if column.alignRight { text = String(repeating: " ", count: max(0, column.width - TerminalText.width(text))) + text }
            draw(text, row: row, column: x, width: room, style: style)
            x += column.width + 1
        }
    }
}
