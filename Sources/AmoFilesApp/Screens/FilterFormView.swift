import TerminalUI

/// The filter form as a dialog over the list.
enum FilterFormView {
    static func draw(_ form: FilterForm, users: [Int: String], into surface: any Surface) {
        let fields = FilterForm.Field.allCases
        let width = min(surface.columns - 2, 64)
        let height = fields.count + 5
        let top = max(0, (surface.rows - height) / 2)
        let left = max(0, (surface.columns - width) / 2)
        let labelWidth = 13
        surface.draw(" Filter", row: top, column: left, width: width, style: .dialog)
        for (offset, field) in fields.enumerated() {
            let row = top + 1 + offset
            let focused = field == form.focus
            surface.draw("  " + field.label, row: row, column: left, width: labelWidth + 2, style: focused ? .header : .dialog)
            let x = left + labelWidth + 2
            let room = width - labelWidth - 3
            if focused, !field.isChoice, let editor = form.texts[field] {
                editor.draw(into: surface, row: row, column: x, width: room, style: .normal, cursorStyle: .cursor)
            } else {
                surface.draw(form.value(field, users: users), row: row, column: x, width: room, style: focused ? .cursor : .dialog)
            }
            surface.draw("", row: row, column: x + room, width: 1, style: .dialog)
        }
        let message = form.error.map { "  " + $0 } ?? ""
        surface.draw(message, row: top + fields.count + 1, column: left, width: width, style: form.error == nil ? .dialog : .error)
        surface.draw("  sizes: 500, 20KB, 1.5MB · dates: 2026-11-22", row: top + fields.count + 2, column: left, width: width, style: .dialog)
        surface.draw("  Tab/↑↓ field · ←→ choose · Enter apply · Esc cancel", row: top + fields.count + 3, column: left, width: width, style: .dialog)
        surface.draw("", row: top + fields.count + 4, column: left, width: width, style: .dialog)
    }
}
