import AmoFilesAPI
import TerminalUI

/// A file's links, an entity's files, and the form that attaches files.
enum LinksView {
    static func drawLinks(_ state: AppState, _ links: LinkList, into surface: any Surface) {
        let width = surface.columns
        title(" Links of " + links.file.displayName, keys: "  (Esc back · Enter opens · a attach · d detach)", width: width, surface)
        let top = state.listTop
        var columns = [TableColumn("TYPE", width: 9), TableColumn("ID", width: 10, alignRight: true), TableColumn("NAME", width: 0)]
        columns[2].width = max(8, width - 1 - 21)
        surface.drawRow(columns.map(\.title), columns: columns, row: top - 1, width: width, style: .header)
        let visible = links.viewport.visible(count: links.items.count, height: state.listHeight)
        for (offset, index) in visible.enumerated() {
            let entity = links.items[index]
            let type = EntityType(name: entity.entityType)?.singular ?? entity.entityType
            surface.drawRow([type, String(entity.id), entity.name ?? ""], columns: columns, row: top + offset, width: width,
                            style: Style.row(cursor: index == links.viewport.cursor, marked: false))
        }
        if links.loading {
            surface.draw(" loading…", row: top, column: 0, width: width, style: .dim)
        } else if links.items.isEmpty {
            surface.draw(" Not attached to anything. a attaches it.", row: top, column: 0, width: width, style: .dim)
        }
    }

    static func drawEntity(_ state: AppState, _ view: EntityView, into surface: any Surface) {
        let width = surface.columns
        title(" Files of " + view.title, keys: "  (Esc back · a attach from Files · U upload here · d detach)", width: width, surface)
        let top = state.listTop
        let columns = FileColumn.layout(for: .files, columns: width, state: state)
        surface.drawRow(columns.map(\.table.title), columns: columns.map(\.table), row: top - 1, width: width, style: .header)
        let visible = view.viewport.visible(count: view.files.count, height: state.listHeight)
        for (offset, index) in visible.enumerated() {
            surface.drawRow(columns.map { $0.value(view.files[index]) }, columns: columns.map(\.table), row: top + offset, width: width,
                            style: Style.row(cursor: index == view.viewport.cursor, marked: false))
        }
        let after = top + visible.count
        if view.loading, after < top + state.listHeight {
            surface.draw(" loading…", row: after, column: 0, width: width, style: .dim)
        } else if view.files.isEmpty, view.isComplete {
            surface.draw(" No files attached.", row: top, column: 0, width: width, style: .dim)
        }
    }

    /// "Attach 2 files to: [lead] contact company customer", the query, and the matches.
    static func drawAttachForm(_ form: AttachForm, into surface: any Surface) {
        let width = min(surface.columns - 2, 70)
        let height = min(surface.rows - 2, 14)
        let top = max(1, (surface.rows - height) / 2)
        let left = max(1, (surface.columns - width) / 2)
        let what = form.files.count == 1 ? "“\(form.files[0].displayName)”" : "\(form.files.count) files"
        var lines = [" Attach \(what) to", ""]
        let types = EntityType.allCases.map { $0 == form.type ? "[\($0.singular)]" : " \($0.singular) " }.joined(separator: " ")
        lines[1] = "  " + types + "   (Tab changes)"
        for (offset, text) in lines.enumerated() {
            surface.draw(text, row: top + offset, column: left, width: width, style: .dialog)
        }
        let label = "  Name or id: "
        surface.draw(label, row: top + 2, column: left, width: label.count, style: .dialog)
        form.editor.draw(into: surface, row: top + 2, column: left + label.count, width: width - label.count - 1, style: .normal,
                         cursorStyle: .cursor)
        surface.draw(" ", row: top + 2, column: left + width - 1, width: 1, style: .dialog)
        let room = height - 5
        var row = top + 3
        if let id = form.typedID {
            surface.draw("  Enter attaches to \(form.type.singular) \(id)", row: row, column: left, width: width, style: .dialog)
            row += 1
        }
        let shown = form.results.prefix(max(0, room - (row - top - 3)))
        for (index, entity) in shown.enumerated() {
            let style: Style = index == form.cursor && form.typedID == nil ? .cursor : .dialog
            surface.draw("  \(TerminalText.pad(String(entity.id), columns: 9)) \(entity.name)", row: row, column: left, width: width, style: style)
            row += 1
        }
        if form.results.isEmpty, form.typedID == nil {
            let text = form.searching ? "  searching…" : "  Nothing found: type part of a name, or an id."
            surface.draw(text, row: row, column: left, width: width, style: .dialog)
            row += 1
        }
        while row < top + height - 1 {
            surface.draw("", row: row, column: left, width: width, style: .dialog)
            row += 1
        }
        surface.draw("  ↑↓ choose · Enter attaches · Esc cancels", row: top + height - 1, column: left, width: width, style: .dialog)
    }

    /// The title whole where it can be, with as much of the key hint as fits after it:
    /// all of it, or a short one (help lists the keys), or none.
    private static func title(_ text: String, keys: String, width: Int, _ surface: any Surface) {
        let needed = TerminalText.width(TerminalText.sanitize(text))
        let hint = [keys, "  (Esc back · ? keys)"].first { needed + $0.count <= width } ?? ""
        surface.draw(text, row: 1, column: 0, width: width - hint.count, style: .header)
        if !hint.isEmpty { surface.draw(hint, row: 1, column: width - hint.count, width: hint.count, style: .dim) }
    }
}
