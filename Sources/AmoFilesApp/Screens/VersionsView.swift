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
        var columns = [TableColumn("#", width: 4, alignRight: true), TableColumn("NAME", width: 0), TableColumn("SIZE", width: 8, alignRight: true),
                       TableColumn("CREATED", width: 16), TableColumn("BY", width: FileColumn.peopleColumnWidth(width))]
        while columns.count > 3, columns.reduce(0, { $0 + $1.width + 1 }) + 20 > width { columns.removeLast() }
        columns[1].width = max(8, width - 2 - columns.reduce(0) { $0 + $1.width + 1 })
        surface.drawRow(columns.map(\.title), columns: columns, row: top - 1, width: width, style: .header)
        let visible = versions.viewport.visible(count: versions.items.count, height: state.listHeight)
        for (offset, index) in visible.enumerated() {
            let version = versions.items[index]
            let cells = [String(versions.items.count - index), version.displayName, Quantities.bytes(version.size),
                         Quantities.time(version.createdAt), version.createdBy.displayName(users: state.users)]
            let style = Style.row(cursor: index == versions.viewport.cursor, marked: version.isMain)
            surface.drawRow(cells, columns: columns, row: top + offset, width: width, style: style)
            if version.isMain { surface.put("*", row: top + offset, column: 0, style: style) }
        }
        if versions.loading {
            surface.draw(" loading…", row: top + visible.count, column: 0, width: width, style: .dim)
        }
    }
}
