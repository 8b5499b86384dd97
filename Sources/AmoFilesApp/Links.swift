import AmoFilesAPI
import AmoFilesTasks
import TerminalUI

/// The entities one file is attached to, shown over the Files list.
public struct LinkList: Sendable, Equatable {
    public var file: DriveFile
    public var items: [LinkedEntity] = []
    public var viewport = ListViewport()
    public var loading = true
    /// What `/` narrowed the list to.
    public var narrowing = ""

    public init(file: DriveFile) {
        self.file = file
    }

    public var current: LinkedEntity? { currentRow }
}

/// The files attached to one entity (`:lead 123`), loaded a page at a time.
public struct EntityView: Sendable, Equatable {
    public var target: LinkTarget
    public var name: String?
    public var files: [DriveFile] = []
    public var viewport = ListViewport()
    /// The link id the next page starts before; nil once the last page is in.
    public var nextBeforeID: Int?
    public var started = false
    public var loading = false
    /// Bumped on every reload, so answers to an older request are dropped.
    public var generation = 0
    /// After a reload, the file the cursor was on, sought in the pages as they come.
    public var returnTo: ReturnPoint?
    /// What `/` narrowed the list to.
    public var narrowing = ""
    /// Marked files, by uuid: `d` detaches them together.
    public var selected: Set<String> = []

    public init(target: LinkTarget) {
        self.target = target
    }

    public var isComplete: Bool { started && nextBeforeID == nil }
    public var current: DriveFile? { currentRow }

    /// The marked files (those still listed), or the one under the cursor.
    public var chosen: [DriveFile] {
        let marked = files.filter { selected.contains($0.uuid) }
        return marked.isEmpty ? [current].compactMap { $0 } : marked
    }

    /// Where the cursor goes back to after a reload: the file it is on.
    public var returnPoint: ReturnPoint? {
        returnTo ?? current.map { ReturnPoint(uuid: $0.uuid, row: cursorIndex ?? 0, rowsLoaded: files.count) }
    }

    /// Empties the view and asks for its first page again (and for its name while it
    /// is unknown); answers to earlier requests no longer match its generation.
    mutating func reload(returnTo point: ReturnPoint?) -> [Effect] {
        files = []
        viewport = ListViewport()
        nextBeforeID = nil
        started = false
        loading = true
        generation += 1
        returnTo = point
        let named: [Effect] = name == nil ? [.loadEntityName(target)] : []
        return named + [.loadEntityPage(target, generation: generation, beforeID: nil)]
    }

    /// `lead 123 «Поставка оборудования»`.
    public var title: String {
        name.map { "\(target) «\(TerminalText.sanitize($0))»" } ?? target.description
    }
}

/// Where files get attached (or, for `:lead TEXT`, whose files to open): a type of
/// entity, then one found by name as it is typed, or an id.
public struct AttachForm: Sendable, Equatable {
    public var files: [DriveFile]
    /// Enter opens the record's files instead of attaching (`:lead TEXT`).
    public var opening = false
    /// The first answer opens its record at once when it is the only one.
    public var openAlone = false
    public var type: EntityType = .leads
    public var editor = LineEditor("")
    public var results: [CRMEntity] = []
    public var cursor = 0
    public var searching = false
    /// Bumped on every change of the query; only the answer to the last one counts.
    public var token = 0

    public init(files: [DriveFile]) {
        self.files = files
    }

    /// The query changed: a new search, whose results come after a typing pause
    /// (an id needs none).
    mutating func search() -> Effect {
        token += 1
        cursor = 0
        searching = true
        return .searchEntities(type, query: editor.text.trimmingCharacters(in: .whitespaces), token: token)
    }

    /// The text typed, when it is an id rather than a name.
    public var typedID: Int? {
        Int(editor.text.trimmingCharacters(in: .whitespaces)).flatMap { $0 > 0 ? $0 : nil }
    }
}
