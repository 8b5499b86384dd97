import AmoFilesAPI
import AmoFilesTasks
import TerminalUI

/// How files are used on the record picked for them (seed 000's three ways): linked
/// (the card's Files tab), as attachment notes in its feed with an optional comment,
/// or as the value of one of its file fields.
public struct WayForm: Sendable, Equatable {
    public enum Choice: Int, CaseIterable, Sendable {
        case link, note, field
    }

    public var files: [DriveFile]
    public var target: LinkTarget
    public var name: String?
    public var choice: Choice = .link
    public var comment = LineEditor("")
    /// The entity type's file fields; nil while they load.
    public var fields: [CustomField]?
    public var fieldIndex = 0
    /// The record as it is now, for what its fields hold.
    public var record: CRMEntity?
    public var loadFailure: String?

    public init(files: [DriveFile], target: LinkTarget, name: String?) {
        self.files = files
        self.target = target
        self.name = name
    }

    public var field: CustomField? {
        guard let fields, fields.indices.contains(fieldIndex) else { return nil }
        return fields[fieldIndex]
    }

    /// The file the chosen field holds now.
    public var heldFile: FileFieldValue? { field.flatMap { record?.field($0.id)?.file } }

    var title: String {
        let what = files.count == 1 ? "“\(TerminalText.sanitize(files[0].displayName))”" : "\(files.count) files"
        let record = name.map { "\(target) “\(TerminalText.sanitize($0))”" } ?? target.description
        return "Attach \(what) to \(record)"
    }
}

enum WayFormView {
    static func draw(_ form: WayForm, into surface: any Surface) {
        let width = min(surface.columns - 2, 76)
        let height = min(surface.rows - 2, 9)
        let top = max(1, (surface.rows - height) / 2)
        let left = max(1, (surface.columns - width) / 2)
        func line(_ text: String, _ row: Int, style: Style = .dialog) {
            surface.draw(text, row: top + row, column: left, width: width, style: style)
        }
        func mark(_ choice: WayForm.Choice) -> String { form.choice == choice ? "  (•) " : "  ( ) " }
        line(" " + form.title, 0)
        line("", 1)
        line(mark(.link) + "Link: it shows on the record's Files tab", 2, style: form.choice == .link ? .cursor : .dialog)
        let label = mark(.note) + "Note in the feed · comment: "
        line(label, 3, style: form.choice == .note ? .cursor : .dialog)
        form.comment.draw(into: surface, row: top + 3, column: left + label.count, width: max(1, width - label.count - 1), style: .normal,
                          cursorStyle: form.choice == .note ? .cursor : .normal)
        surface.draw(" ", row: top + 3, column: left + width - 1, width: 1, style: .dialog)
        line(mark(.field) + fieldText(form), 4, style: form.choice == .field ? .cursor : .dialog)
        line(form.choice == .field ? "      " + heldText(form) : "", 5)
        for row in 6..<(height - 1) { line("", row) }
        line("  ↑↓ choose · ←→ field · Enter attaches · Esc cancels", height - 1)
    }

    private static func fieldText(_ form: WayForm) -> String {
        if let failure = form.loadFailure { return "File field: could not load them (\(failure))" }
        guard let fields = form.fields else { return "File field: loading…" }
        guard let field = form.field else { return "File field: \(form.target.entity.rawValue) have none" }
        let arrows = fields.count > 1 ? " ‹ › (\(form.fieldIndex + 1) of \(fields.count))" : ""
        return "File field: “\(TerminalText.sanitize(field.name))”\(arrows)"
    }

    private static func heldText(_ form: WayForm) -> String {
        guard form.field != nil else { return "" }
        guard let held = form.heldFile else { return form.record == nil ? "" : "empty now" }
        return "holds “\(TerminalText.sanitize(held.fileName ?? held.fileUUID))” now: asked before it is replaced"
    }
}
