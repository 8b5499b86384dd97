import AmoFilesAPI
import TerminalUI

/// Draws a state; pure apart from writing into the surface.
public enum Renderer {
    public static func render(_ state: AppState, into surface: any Surface) {
        surface.erase()
        guard !state.isTooSmall else {
            let text = "terminal too small"
            surface.draw(text, row: surface.rows / 2, column: max(0, (surface.columns - text.count) / 2), width: surface.columns)
            return
        }
        tabBar(state, surface)
        fileTable(state, surface)
        statusLine(state, surface)
        if state.showingHelp { help(state, surface) }
    }

    private static func tabBar(_ state: AppState, _ surface: any Surface) {
        surface.fill(row: 0, style: .title)
        var column = 0
        for tab in Tab.allCases {
            let label = " \(tab.rawValue + 1) \(tab.title) "
            surface.draw(label, row: 0, column: column, width: label.count, style: tab == state.tab ? .tabActive : .tabInactive)
            column += label.count + 1
        }
        let place = "\(state.accountName) · \(state.driveHost) "
        let room = surface.columns - column
        guard room > 8 else { return }
        let shown = TerminalText.fit(place, columns: room)
        surface.draw(shown, row: 0, column: surface.columns - TerminalText.width(shown), width: TerminalText.width(shown), style: .title)
    }

    private static func fileTable(_ state: AppState, _ surface: any Surface) {
        let columns = FileColumn.layout(for: state.tab, columns: surface.columns, state: state)
        row(columns.map(\.title), columns, surface, row: 1, style: .header)
        let list = state.list
        let height = state.listHeight
        let visible = list.viewport.visible(count: list.items.count, height: height)
        for (offset, index) in visible.enumerated() {
            let file = list.items[index]
            row(columns.map { $0.value(file) }, columns, surface, row: 2 + offset, style: index == list.viewport.cursor ? .cursor : .normal)
        }
        let after = 2 + visible.count
        if list.loading, after < 2 + height {
            surface.draw(" loading…", row: after, column: 0, width: surface.columns, style: .dim)
        } else if list.items.isEmpty, list.isComplete {
            let empty = state.tab == .trash ? " The trash is empty." : " No files."
            surface.draw(empty, row: 2, column: 0, width: surface.columns, style: .dim)
        }
    }

    private static func row(_ cells: [String], _ columns: [FileColumn], _ surface: any Surface, row: Int, style: Style) {
        if style != .normal { surface.fill(row: row, style: style) }
        var x = 1
        for (cell, column) in zip(cells, columns) {
            var text = TerminalText.fit(cell, columns: column.width)
            if column.alignRight { text = String(repeating: " ", count: column.width - TerminalText.width(text)) + text }
            surface.draw(text, row: row, column: x, width: column.width, style: style)
            x += column.width + 1
        }
    }

    private static func statusLine(_ state: AppState, _ surface: any Surface) {
        let row = surface.rows - 1
        let list = state.list
        if let status = state.status {
            surface.draw(" " + status.text, row: row, column: 0, width: surface.columns, style: status.isError ? .error : .notice)
            return
        }
        let count = list.items.count
        let noun = count == 1 ? "file" : "files"
        var left = list.isComplete ? " \(count) \(noun)" : " \(count) \(noun) loaded"
        if count > 0 { left += " · \(list.viewport.cursor + 1)/\(count)" }
        let helpKey = state.keymap.keys(for: .help).first.map { "\($0) help " } ?? ""
        surface.draw(left, row: row, column: 0, width: surface.columns, style: .status)
        if surface.columns > TerminalText.width(left) + helpKey.count + 2 {
            surface.draw(helpKey, row: row, column: surface.columns - helpKey.count, width: helpKey.count, style: .dim)
        }
    }

    private static func help(_ state: AppState, _ surface: any Surface) {
        let lines = KeyAction.allCases.map { action -> String in
            let keys = state.keymap.keys(for: action).map(\.description).joined(separator: " ")
            return TerminalText.pad(keys.isEmpty ? "(none)" : keys, columns: 14) + " " + action.summary
        }
        let width = min(surface.columns - 2, 50)
        let height = min(surface.rows - 2, lines.count + 3)
        let top = max(1, (surface.rows - height) / 2)
        let left = max(1, (surface.columns - width) / 2)
        surface.draw(" Keys (any key closes)", row: top, column: left, width: width, style: .dialog)
        for index in 0..<(height - 2) {
            let text = index < lines.count ? "  " + lines[index] : ""
            surface.draw(text, row: top + 1 + index, column: left, width: width, style: .dialog)
        }
        surface.draw("", row: top + height - 1, column: left, width: width, style: .dialog)
    }
}
