import TerminalUI

/// CSV and TSV: rows of cells (quotes, doubled quotes, line breaks inside quotes),
/// shown as aligned columns.
enum DelimitedText {
    /// `;` when a file uses it more than `,` on its first line (as spreadsheets set to
    /// Russian write CSV), else `,`.
    static func separator(of text: String) -> Character {
        let first = text.prefix { $0 != "\n" }
        return first.filter { $0 == ";" }.count > first.filter { $0 == "," }.count ? ";" : ","
    }

    static func parse(_ text: String, separator: Character) -> [[String]] {
        var rows: [[String]] = []
        var row: [String] = []
        var cell = ""
        var quoted = false
        var characters = text.makeIterator()
        var pending: Character?
        while let character = pending ?? characters.next() {
            pending = nil
            if quoted {
                if character == "\"" {
                    let next = characters.next()
                    if next == "\"" { cell.append("\"") } else { quoted = false; pending = next }
                } else {
                    cell.append(character)
                }
                continue
            }
            switch character {
            case "\"" where cell.isEmpty: quoted = true
            case separator: row.append(cell); cell = ""
            case "\n", "\r\n":
                row.append(cell)
                rows.append(row)
                (row, cell) = ([], "")
            case "\r": break
            default: cell.append(character)
            }
        }
        if !cell.isEmpty || !row.isEmpty { rows.append(row + [cell]) }
        return rows
    }

    /// False while a comparison reads the tables: cells are not padded, so a longer cell
    /// in one row does not make every row of the other version differ.
    @TaskLocal static var padded = true

    /// The widest cell of a column sets its width, up to 40; the widths are those of
    /// the first 2,000 rows.
    static func aligned(_ rows: [[String]]) -> [String] {
        guard padded else { return rows.map { $0.map { $0.replacingOccurrences(of: "\n", with: " ") }.joined(separator: " │ ") } }
        var widths: [Int] = []
        for row in rows.prefix(2000) {
            for (index, cell) in row.enumerated() {
                let width = min(40, TerminalText.width(TerminalText.sanitize(cell)))
                if index < widths.count { widths[index] = max(widths[index], width) } else { widths.append(width) }
            }
        }
        return rows.map { row in
            row.enumerated().map { index, cell in
                let flat = cell.replacingOccurrences(of: "\n", with: " ")
                return index == row.count - 1 ? TerminalText.fit(flat, columns: 40) : TerminalText.pad(flat, columns: index < widths.count ? widths[index] : 1)
            }
            .joined(separator: " │ ")
        }
    }
}
