/// A grid of cells in memory that screens render into for tests and benchmarks;
/// `lines` reads it back as text (golden screens), `styles` as the style per cell.
public final class MemorySurface: Surface {
    public let rows: Int
    public let columns: Int
    private var cells: [[Cell]]

    private enum Cell: Equatable {
        case blank
        case character(Character, Style)
        /// The right half of a two-column character.
        case continuation(Style)
    }

    public init(rows: Int, columns: Int) {
        self.rows = rows
        self.columns = columns
        cells = Array(repeating: Array(repeating: .blank, count: columns), count: rows)
    }

    public func put(_ safeText: String, row: Int, column: Int, style: Style) {
        guard row >= 0, row < rows else { return }
        var col = column
        for character in safeText {
            let width = TerminalText.width(of: character)
            guard width > 0 else { continue }
            guard col + width <= columns else { break }
            cells[row][col] = .character(character, style)
            if width == 2 { cells[row][col + 1] = .continuation(style) }
            col += width
        }
    }

    public func erase() {
        cells = Array(repeating: Array(repeating: .blank, count: columns), count: rows)
    }

    /// Every row as text, trailing blanks removed.
    public var lines: [String] {
        cells.map { row in
            var line = ""
            for cell in row {
                switch cell {
                case .blank: line.append(" ")
                case .character(let character, _): line.append(character)
                case .continuation: break
                }
            }
            return line.trimmingTrailingBlanks()
        }
    }

    /// The text of the cells drawn in `style` (a dialog, say), row by row; rows
    /// without such a cell are left out.
    public func lines(styled style: Style) -> [String] {
        cells.compactMap { row in
            var line = "", found = false
            for cell in row {
                if case .character(let character, style) = cell {
                    line.append(character)
                    found = true
                }
            }
            return found ? line.trimmingTrailingBlanks() : nil
        }
    }

    /// The whole screen as one string, for golden comparisons.
    public var text: String { lines.joined(separator: "\n") }

    /// The style of the cell at (row, column), nil when blank.
    public func style(row: Int, column: Int) -> Style? {
        switch cells[row][column] {
        case .blank: nil
        case .character(_, let style), .continuation(let style): style
        }
    }
}

private extension String {
    func trimmingTrailingBlanks() -> String {
        var text = self
        while text.last == " " { text.removeLast() }
        return text
    }
}
