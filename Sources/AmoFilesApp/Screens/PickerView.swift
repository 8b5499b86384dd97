import TerminalUI

/// The local folder being browsed for files to upload.
enum PickerView {
    static func draw(_ state: AppState, _ picker: LocalPicker, into surface: any Surface) {
        let width = surface.columns
        let purpose = switch picker.purpose {
        case .upload(let attach?): " Upload, attached to \(attach), from "
        case .upload(nil): " Upload from "
        case .newVersion(let file): " New version of \(file.displayName) from "
        }
        let hidden = state.keymap.keys(for: .hidden).first.map { " · \($0) \(picker.showHidden ? "hides" : "shows") hidden" } ?? ""
        let marks = if case .upload = picker.purpose { " · Space marks" } else { "" }
        let back = "  (Esc back\(marks) · Enter uploads\(hidden))"
        let title = TerminalText.sanitize(purpose + picker.folder)
        surface.draw(title, row: 1, column: 0, width: max(0, width - back.count), style: .header)
        if width - back.count > 20 { surface.draw(back, row: 1, column: width - back.count, width: back.count, style: .dim) }
        let top = state.listTop
        var columns = [TableColumn("NAME", width: 0), TableColumn("SIZE", width: 8, alignRight: true), TableColumn("MODIFIED", width: 16)]
        while columns.count > 1, columns.reduce(0, { $0 + $1.width + 1 }) + 20 > width { columns.removeLast() }
        columns[0].width = max(8, width - 1 - columns.dropFirst().reduce(0) { $0 + $1.width + 1 })
        surface.drawRow(columns.map(\.title), columns: columns, row: top - 1, width: width, style: .header)
        let rows = picker.rows
        let visible = picker.viewport.visible(count: rows.count, height: state.listHeight)
        for (offset, index) in visible.enumerated() {
            let entry = rows[index]
            let marked = picker.selected.contains(entry.name)
            let style = Style.row(cursor: index == picker.viewport.cursor, marked: marked)
            let cells = entry.name == ".." ? ["..", "", ""] : [
                entry.name + (entry.isFolder ? "/" : ""), entry.isFolder ? "" : Quantities.bytes(entry.size), Quantities.time(entry.modified),
            ]
            surface.drawRow(cells, columns: columns, row: top + offset, width: width, style: style)
            if marked { surface.put("*", row: top + offset, column: 0, style: style) }
        }
        if picker.loading {
            surface.draw(" loading…", row: top + visible.count, column: 0, width: width, style: .dim)
        } else if rows.allSatisfy({ $0.name == ".." }) {
            surface.draw(picker.entries.isEmpty ? " Empty folder." : " Only hidden files here.", row: top + visible.count, column: 0,
                         width: width, style: .dim)
        }
    }

    /// "12 entries · 3/12 · 2 marked (5.1 MB)".
    static func status(_ picker: LocalPicker) -> String {
        let rows = picker.rows
        let count = rows.filter { $0.name != ".." }.count
        var text = " \(count) \(count == 1 ? "entry" : "entries")"
        if !rows.isEmpty { text += " · \(picker.viewport.cursor + 1)/\(rows.count)" }
        if !picker.selected.isEmpty {
            let size = picker.entries.filter { picker.selected.contains($0.name) }.reduce(Int64(0)) { $0 + $1.size }
            text += " · \(picker.selected.count) marked (\(Quantities.bytes(size)))"
        }
        return text
    }
}
