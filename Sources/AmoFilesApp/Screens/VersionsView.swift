import AmoFilesAPI
import TerminalUI

/// The versions of one file, newest first, the active one marked.
enum VersionsView {
    static func draw(_ state: AppState, _ versions: VersionList, into surface: any Surface) {
        let width = surface.columns
        let back = "  (Esc back · Enter makes active)"
        surface.draw(" Versions of " + versions.file.displayName, row: 1, column: 0, width: width - back.count, style: .header)
        surface.draw(back, row: 1, column: width - back.count, width: back.count, style: .dim)
        let top = state.listTop
        var columns: [(title: String, width: Int, right: Bool)] = [("#", 4, true), ("", 0, false), ("SIZE", 8, true), ("CREATED", 16, false), ("BY", 14, false)]
        while columns.count > 3, columns.reduce(0, { $0 + $1.width + 1 }) + 20 > width { columns.removeLast() }
        columns[1] = ("NAME", max(8, width - 2 - columns.reduce(0) { $0 + $1.width + 1 }), false)
        func row(_ cells: [String], _ row: Int, _ style: Style) {
            if style != .normal { surface.draw("", row: row, column: 0, width: width, style: style) }
            var x = 1
            for (cell, column) in zip(cells, columns) {
                var text = TerminalText.fit(cell, columns: column.width)
                if column.right { text = String(repeating: " ", count: max(0, column.width - TerminalText.width(text))) + text }
                surface.draw(text, row: row, column: x, width: column.width, style: style)
                x += column.width + 1
            }
        }
        row(columns.map(\.title), top - 1, .header)
        let visible = versions.viewport.visible(count: versions.items.count, height: state.listHeight)
        for (offset, index) in visible.enumerated() {
            let version = versions.items[index]
            let ext = version.metadata?.fileExtension.map { $0.isEmpty ? "" : ".\($0)" } ?? ""
            let cells = [String(versions.items.count - index), version.name + ext, Quantities.bytes(version.size),
                         Quantities.time(version.createdAt), version.createdBy.displayName(users: state.users)]
            let style: Style = switch (index == versions.viewport.cursor, version.isMain) {
            case (true, true): .markedCursor
            case (true, false): .cursor
            case (false, true): .marked
            case (false, false): .normal
            }
            row(cells, top + offset, style)
            if version.isMain { surface.put("*", row: top + offset, column: 0, style: style) }
        }
        if versions.loading {
            surface.draw(" loading…", row: top + visible.count, column: 0, width: width, style: .dim)
        }
    }
}
