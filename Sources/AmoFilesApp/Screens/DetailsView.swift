import AmoFilesAPI
import TerminalUI

/// Every property of the file under the cursor: a pane beside the list on wide
/// terminals, the whole list area on narrow ones.
enum DetailsView {
    static let labelWidth = 15

    /// The pane's width beside a list: what its values need (a uuid whole), from 46
    /// columns, leaving the list at least 56; links wrap inside it.
    static func paneWidth(_ file: DriveFile?, _ context: ScreenContext) -> Int {
        let values = file.map { FileProperties.rows($0, users: context.users, now: context.now, versions: context.versionCounts[$0.uuid]) } ?? []
        let widest = values.filter { !$0.value.hasPrefix("http") }.map { TerminalText.width(TerminalText.sanitize($0.value)) }.max() ?? 0
        return max(46, min(labelWidth + widest + 3, context.area.width - 56))
    }

    /// The properties of `file` from row `top` to the bottom of the screen's area.
    static func draw(_ file: DriveFile?, into surface: any Surface, _ context: ScreenContext, top: Int, column: Int, width: Int) {
        let bottom = context.area.top + context.area.height
        let inner = width - 2
        let left = column + (column > 0 ? 2 : 1)
        if column > 0 {
            for row in top..<bottom { surface.put("│", row: row, column: column, style: .dim) }
        }
        guard let file else {
            surface.draw("No file under the cursor.", row: top, column: left, width: inner, style: .dim)
            return
        }
        surface.draw(TerminalText.fitMiddle(file.displayName, columns: inner - 1), row: top, column: left, width: inner - 1, style: .header)
        let valueWidth = max(1, inner - labelWidth - 1)
        var row = top + 1
        for (label, value) in FileProperties.rows(file, users: context.users, now: context.now, versions: context.versionCounts[file.uuid]) {
            // A value too long for its line (a link) goes on under itself rather than being cut.
            for (index, line) in TerminalText.wrap(value, columns: valueWidth).enumerated() {
                guard row < bottom else { return }
                surface.draw(index == 0 ? label : "", row: row, column: left, width: labelWidth, style: .dim)
                surface.draw(line, row: row, column: left + labelWidth, width: valueWidth)
                row += 1
            }
        }
    }
}
