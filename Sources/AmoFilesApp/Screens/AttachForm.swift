import AmoFilesAPI
import AmoFilesTasks
import TerminalUI

/// Where files get attached (or, for `:lead TEXT`, whose files to open): a type of
/// entity, then one found by name as it is typed, or an id.
public struct AttachForm: Sendable, Equatable {
    public var files: [DriveFile]
    /// Enter opens the record's files instead of attaching (`:lead TEXT`).
    public var opening = false
    /// The first answer opens its record at once when it is the only one.
    public var openAlone = false
    public var type: EntityType = .leads
    /// The types Tab goes through (customers only when the account has them).
    public var types: [EntityType] = EntityType.allCases
    public var editor = LineEditor("")
    public var results: [CRMEntity] = []
    /// What tells each result apart, by record id.
    public var details: [Int: RecordDetails] = [:]
    public var cursor = 0
    public var searching = false
    /// Bumped on every change of the query; only the answer to the last one counts.
    public var token = 0

    public init(files: [DriveFile], types: [EntityType] = EntityType.allCases) {
        self.files = files
        self.types = types
    }

    /// The query changed: a new search, whose results come after a typing pause
    /// (an id needs none), with the user names the details show.
    mutating func search(users: [Int: String]) -> Effect {
        token += 1
        cursor = 0
        searching = true
        return .searchEntities(type, query: editor.text.trimmingCharacters(in: .whitespaces), token: token, users: users)
    }

    /// The text typed, when it is an id rather than a name.
    public var typedID: Int? {
        Int(editor.text.trimmingCharacters(in: .whitespaces)).flatMap { $0 > 0 ? $0 : nil }
    }
}

/// The form that attaches files to a deal, contact, company or customer.
enum AttachFormView {
    /// "Attach 2 files to: [lead] contact company customer", the query, and the matches.
    static func draw(_ form: AttachForm, into surface: any Surface) {
        let width = min(surface.columns - 2, 84)
        let height = min(surface.rows - 2, 18)
        let top = max(1, (surface.rows - height) / 2)
        let left = max(1, (surface.columns - width) / 2)
        let what = form.files.count == 1 ? "“\(form.files[0].displayName)”" : "\(form.files.count) files"
        let verb = form.opening ? "opens the files of" : "attaches to"
        var lines = [form.opening ? " Open the files of" : " Attach \(what) to", ""]
        let types = form.types.map { $0 == form.type ? "[\($0.singular)]" : " \($0.singular) " }.joined(separator: " ")
        lines[1] = "  " + types + "   (Tab changes)"
        for (offset, text) in lines.enumerated() {
            surface.draw(text, row: top + offset, column: left, width: width, style: .dialog)
        }
        let label = "  Name or id: "
        surface.draw(label, row: top + 2, column: left, width: label.count, style: .dialog)
        form.editor.draw(into: surface, row: top + 2, column: left + label.count, width: width - label.count - 1, style: .normal,
                         cursorStyle: .cursor)
        surface.draw(" ", row: top + 2, column: left + width - 1, width: 1, style: .dialog)
        var row = top + 3
        if let id = form.typedID {
            surface.draw("  Enter \(verb) \(form.type.singular) \(id)", row: row, column: left, width: width, style: .dialog)
            row += 1
        }
        // A record takes two lines: its name, then what tells it apart from similar ones.
        for (index, entity) in form.results.enumerated() {
            let parts = form.details[entity.id]?.parts(time: Quantities.date) ?? []
            guard row + (parts.isEmpty ? 1 : 2) <= top + height - 1 else { break }
            let style: Style = index == form.cursor && form.typedID == nil ? .cursor : .dialog
            surface.draw("  \(TerminalText.pad(String(entity.id), columns: 9)) \(entity.name)", row: row, column: left, width: width, style: style)
            row += 1
            if !parts.isEmpty {
                surface.draw("            " + parts.joined(separator: " · "), row: row, column: left, width: width, style: style)
                row += 1
            }
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
        surface.draw("  ↑↓ choose · Enter \(form.opening ? "opens" : "attaches") · Esc cancels", row: top + height - 1, column: left, width: width, style: .dialog)
    }
}
