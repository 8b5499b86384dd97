import AmoFilesAPI
import TerminalUI

/// Every property of the file under the cursor: a pane beside the list on wide
/// terminals, the whole list area on narrow ones.
enum DetailsView {
    static func draw(_ state: AppState, into surface: any Surface, column: Int, width: Int) {
        let top = state.listTop - 1
        let bottom = surface.rows - 1
        let inner = width - 2
        let left = column + (column > 0 ? 2 : 1)
        if column > 0 {
            for row in top..<bottom { surface.put("│", row: row, column: column, style: .dim) }
        }
        guard let file = state.list.current else {
            surface.draw("No file under the cursor.", row: top, column: left, width: inner, style: .dim)
            return
        }
        surface.draw(file.displayName, row: top, column: left, width: inner - 1, style: .header)
        let labelWidth = 15
        var row = top + 1
        for (label, value) in FileProperties.rows(file, users: state.users, now: state.now) {
            guard row < bottom else { break }
            surface.draw(label, row: row, column: left, width: labelWidth, style: .dim)
            surface.draw(value, row: row, column: left + labelWidth, width: max(1, inner - labelWidth - 1))
            row += 1
        }
    }
}
