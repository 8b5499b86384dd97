import AmoFilesAPI
import AmoFilesTasks
import TerminalUI

/// A row of a record's screen: a file in one of its fields, in an attachment note of
/// its feed, or linked to it (its Files tab).
public enum RecordRow: Sendable, Equatable {
    case field(RecordUses.FieldFile)
    case note(RecordUses.NoteFile)
    case link(DriveFile)

    /// The drive file; nil when the one a field or note names is gone.
    public var file: DriveFile? {
        switch self {
        case .field(let field): field.file
        case .note(let note): note.file
        case .link(let file): file
        }
    }

    /// How the record uses the file, in the row's first column.
    var use: String {
        switch self {
        case .field(let field): "field “\(field.field.name)”"
        case .note(let note): note.comment.map { "note: \($0)" } ?? "note"
        case .link: "linked"
        }
    }

    /// The name to show when the file is gone.
    var fallbackName: String {
        switch self {
        case .field(let field): field.value.fileName ?? field.value.fileUUID
        case .note(let note): note.note.params.shownName ?? note.fileUUID ?? "?"
        case .link(let file): file.displayName
        }
    }
}

/// What one record holds (`:lead 123`): the files in its fields and attachment notes,
/// then its linked files, loaded a page at a time.
public struct EntityView: Sendable, Equatable {
    public var target: LinkTarget
    public var name: String?
    /// The linked files loaded so far.
    public var files: [DriveFile] = []
    /// The files in its fields and attachment notes; empty until they load.
    public var uses = RecordUses()
    public var viewport = ListViewport()
    /// The link id the next page starts before; nil once the last page is in.
    public var nextBeforeID: Int?
    public var started = false
    public var loading = false
    /// The request its pages answer (`ScreenContext.newRequest`): answers to an older
    /// one, or to another view of the same entity, are dropped.
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
    /// The file under the cursor, however the record uses it.
    public var current: DriveFile? { currentRow?.file }

    /// The rows of the fields and notes, above the linked files.
    var useRows: [RecordRow] { uses.fields.map(RecordRow.field) + uses.notes.map(RecordRow.note) }

    /// The marked linked files (those still listed), or the linked file under the cursor.
    public var chosen: [DriveFile] {
        let marked = files.filter { selected.contains($0.uuid) }
        if !marked.isEmpty { return marked }
        if case .link(let file)? = currentRow { return [file] }
        return []
    }

    /// Where the cursor goes back to after a reload: the linked file it is on.
    public var returnPoint: ReturnPoint? {
        if let returnTo { return returnTo }
        guard case .link(let file)? = currentRow, let index = cursorIndex else { return nil }
        return ReturnPoint(uuid: file.uuid, row: index - useRows.count, rowsLoaded: files.count)
    }

    /// Empties the view and asks for its first page again (and for its name while it
    /// is unknown) as request `request`; answers to earlier ones no longer match.
    mutating func reload(returnTo point: ReturnPoint?, request: Int) -> [Effect] {
        files = []
        viewport = ListViewport()
        nextBeforeID = nil
        started = false
        loading = true
        generation = request
        returnTo = point
        let named: [Effect] = name == nil ? [.loadEntityName(target)] : []
        return named + [.loadEntityPage(target, generation: generation, beforeID: nil), .loadRecordUses(target, generation: generation)]
    }

    /// `lead 123 «Поставка оборудования»`.
    public var title: String {
        name.map { "\(target) «\(TerminalText.sanitize($0))»" } ?? target.description
    }
}

/// What one record holds (`:lead 123`, or Enter in a file's links): the files in its
/// fields and attachment notes, then its linked files a page at a time. Mark (Space)
/// and detach (`d`) linked files, clear a field (`d` on it); Enter or `v` a file's
/// versions, `l` links, `D` download, `p` preview as in Files; reload, Esc back; `a`
/// attaches more (marked in Files), `U` uploads and attaches here.
struct EntityScreen: ListScreen, Equatable {
    var view: EntityView

    var kind: ScreenKind { .entity }

    var rows: EntityView {
        get { view }
        set { view = newValue }
    }

    init(view: EntityView) {
        self.view = view
    }

    mutating func handle(_ action: KeyAction?, key: Key, _ context: inout ScreenContext) -> Outcome {
        if key == .escape { return .close([]) }
        let height = Self.rowsArea(context.area).height
        if let delta = Reducer.movement(action, in: view, height: height) {
            return .handled(move(by: delta, height: height))
        }
        switch action {
        case .select?:
            guard case .link(let file)? = view.currentRow else {
                context.status = StatusMessage(text: "Space marks linked files, to detach them together.", isError: false)
                return .handled([])
            }
            if view.selected.remove(file.uuid) == nil { view.selected.insert(file.uuid) }
            return .handled(move(by: 1, height: height))
        case .delete?:
            return remove(&context)
        case .refresh?:
            return .handled(view.reload(returnTo: view.returnPoint, request: context.newRequest()))
        // The file under the cursor, as in Files: its versions (Enter too), its links, a copy of it.
        case .versions?, .details?:
            guard let file = view.current else { return .handled([]) }
            return .open(.versions(VersionsScreen(list: VersionList(file: file))), [.loadVersions(fileUUID: file.uuid)])
        case .links?:
            guard let file = view.current else { return .handled([]) }
            return .open(.links(LinksScreen(list: LinkList(file: file))), [.loadLinks(fileUUID: file.uuid)])
        case .download?:
            guard let file = view.current else { return .handled([]) }
            Reducer.askSaveAs(DownloadRequest(file: file), &context)
            return .handled([])
        case .preview?:
            guard let file = view.current else { return .handled([]) }
            return PreviewScreen.open(VersionSource(file: file), &context)
        case .attach?:
            // Files are marked in the Files list; `a` there attaches them here.
            context.tab = .files
            context.markToAttach = view
            return .handled([])
        case .upload?:
            return Screens.openPicker(.upload(attach: view.target), context)
        case .newVersion?:
            // The way to change the file a field holds: the field shows the newest version.
            guard let file = view.current else { return .handled([]) }
            guard !file.isTrashed else {
                context.status = StatusMessage(text: "A file in the trash has to be restored before it gets a new version.", isError: false)
                return .handled([])
            }
            return Screens.openPicker(.newVersion(of: file), context)
        default:
            return .handled([])
        }
    }

    /// `d`: detach the marked or current linked files, or clear the field under the cursor, after asking.
    private func remove(_ context: inout ScreenContext) -> Outcome {
        if view.selected.isEmpty, let row = view.currentRow {
            switch row {
            case .field(let field):
                let held = TerminalText.sanitize(field.file?.displayName ?? field.value.fileName ?? field.value.fileUUID)
                context.overlay = .confirm(
                    question: "Clear “\(TerminalText.sanitize(field.field.name))” of \(view.title)? It holds “\(held)”; the file stays in Files.",
                    edit: .clearField(id: field.field.id, name: field.field.name, of: view.target))
                return .handled([])
            case .note:
                context.status = StatusMessage(text: "A note stays in the record's feed: the API has no way to remove notes.", isError: true)
                return .handled([])
            case .link:
                break
            }
        }
        let files = view.chosen
        guard !files.isEmpty else { return .handled([]) }
        context.overlay = .confirm(question: "Detach \(Reducer.naming(files)) from \(view.title)?", edit: .detach(files, from: view.target))
        return .handled([])
    }

    mutating func scroll(by delta: Int, _ context: ScreenContext) -> [Effect] {
        move(by: delta, height: Self.rowsArea(context.area).height)
    }

    mutating func click(row: Int, double: Bool, _ context: inout ScreenContext) -> Outcome {
        guard select(screenRow: row, context) else { return .handled([]) }
        view.returnTo = nil
        return .handled(prefetch(height: Self.rowsArea(context.area).height))
    }

    mutating func receive(_ answer: Action, _ context: inout ScreenContext) -> [Effect]? {
        let height = Self.rowsArea(context.area).height
        switch answer {
        case .entityPageLoaded(let target, let generation, let files, let next) where target == view.target && generation == view.generation:
            view.files += files
            view.nextBeforeID = next
            view.started = true
            view.loading = false
            view.viewport.follow(count: view.rowCount, height: height)
            if let point = view.returnTo {
                // The point is a row of every file; the cursor moves over the rows shown.
                var placed = ListViewport(cursor: view.cursorIndex ?? 0)
                view.returnTo = point.place(in: view.files, hasMore: next != nil, viewport: &placed, height: height)
                view.moveTo(index: placed.cursor + view.useRows.count, height: height)
            }
            if view.returnTo != nil, let before = next {
                view.loading = true
                return [.loadEntityPage(target, generation: generation, beforeID: before)]
            }
            return prefetch(height: height)
        case .recordUsesLoaded(let target, let generation, let uses) where target == view.target && generation == view.generation:
            // A cursor still at the top stays there (the fields and notes come first);
            // one moved, or placed by a reload, stays on its row.
            let kept = view.viewport.cursor == 0 && view.returnTo == nil ? nil : view.currentRow
            view.uses = uses
            view.moveTo(index: kept.flatMap { view.allRows.firstIndex(of: $0) } ?? 0, height: height)
            view.viewport.follow(count: view.rowCount, height: height)
            return []
        case .recordUsesFailed(let target, let generation, let message) where target == view.target && generation == view.generation:
            context.status = StatusMessage(text: "Could not load the notes and fields of \(target): \(message).", isError: true)
            return []
        case .entityNamed(let target, let name) where target == view.target:
            view.name = name
            return []
        case .entityFailed(let target, let message) where target == view.target:
            view.loading = false
            context.status = StatusMessage(text: "Could not load the files of \(target): \(message).", isError: true)
            return []
        default:
            return nil
        }
    }

    /// A cursor moved by hand is not taken back to where it was before a reload.
    private mutating func move(by delta: Int, height: Int) -> [Effect] {
        view.returnTo = nil
        view.scroll(by: delta, height: height)
        return prefetch(height: height)
    }

    /// The next page while the cursor is still far from the end.
    private mutating func prefetch(height: Int) -> [Effect] {
        guard !view.loading, let before = view.nextBeforeID, view.rowCount - view.viewport.cursor <= max(2 * height, 25) else { return [] }
        view.loading = true
        return [.loadEntityPage(view.target, generation: view.generation, beforeID: before)]
    }

    func draw(into surface: any Surface, _ context: ScreenContext) {
        let area = context.area
        let (top, height) = Self.rowsArea(area)
        surface.drawTitle(" Files of " + view.title, keys: "  (Esc back · a attach from Files · U upload here · d detach)", in: area)
        // The first column says how the record uses the file; the file's own columns follow.
        let rows = view.allRows
        let widest = rows.map { TerminalText.width(TerminalText.sanitize($0.use)) }.max() ?? 0
        let useWidth = min(28, max(8, widest + 2), max(0, area.width / 3))
        let fileWidth = max(0, area.width - useWidth)
        let versions = rows.contains { $0.file?.hasMultipleVersions == true }
        let columns = FileColumn.layout(for: .files, columns: fileWidth, versions: versions, context)
        let table = columns.map(\.table)
        surface.draw(" USED AS", row: top - 1, column: area.left, width: useWidth, style: .header)
        surface.drawRow(table.map(\.title), columns: table, row: top - 1, left: area.left + useWidth, width: fileWidth, style: .header)
        let visible = view.visibleRows(height: height)
        for (offset, (index, isCursor)) in visible.enumerated() {
            let row = rows[index]
            let marked = row.file.map { view.selected.contains($0.uuid) } ?? false
            let style = Style.row(cursor: isCursor, marked: marked)
            surface.draw(" " + TerminalText.sanitize(row.use), row: top + offset, column: area.left, width: useWidth, style: style)
            if let file = row.file {
                surface.drawRow(columns.map { $0.value(file) }, columns: table, row: top + offset, left: area.left + useWidth, width: fileWidth, style: style)
            } else {
                surface.draw(" “\(TerminalText.sanitize(row.fallbackName))”: no longer on the drive", row: top + offset, column: area.left + useWidth, width: fileWidth, style: style)
            }
            if marked, area.width > 0 { surface.put("*", row: top + offset, column: area.left, style: style) }
        }
        if view.loading, visible.count < height {
            surface.draw(" loading…", row: top + visible.count, column: area.left, width: area.width, style: .dim)
        } else if rows.isEmpty, view.isComplete, height > 0 {
            surface.draw(" No files attached, in notes or in fields.", row: top, column: area.left, width: area.width, style: .dim)
        }
    }

    var name: String { "Files of " + view.title }

    func keyHints(_ context: ScreenContext) -> [KeyHint] {
        let keymap = context.keymap
        return [
            KeyHint(.select, keymap, "mark a file, then move down"),
            KeyHint(.delete, keymap, "detach the marked linked files (or the one under the cursor), or clear the field under the cursor (asks first)"),
            KeyHint(.details, keymap, "the versions of the file under the cursor (a field shows its newest)"),
            KeyHint(.attach, keymap, "mark files in Files to attach here"),
            KeyHint(.upload, keymap, "upload local files and attach them here"),
            KeyHint(.newVersion, keymap, "upload a local file as a new version of the file under the cursor (a field then shows it)"),
            KeyHint(.versions, keymap, "the versions of the file under the cursor"),
            KeyHint(.preview, keymap, "what the file under the cursor holds, in the terminal"),
            KeyHint(.links, keymap, "what else the file under the cursor is attached to"),
            KeyHint(.download, keymap, "download the file under the cursor"),
            KeyHint(.search, keymap, "show only the files whose name holds the text"),
            KeyHint(.refresh, keymap, "load the files again"),
            KeyHint(keys: "Esc", "back to where it was opened from"),
        ]
    }

    func position(_ context: ScreenContext) -> String {
        let count = view.files.count
        if count == 0 && !view.isComplete { return " loading…" }
        let noun = count == 1 ? "linked file" : "linked files"
        let uses = [(view.uses.fields.count, "in fields"), (view.uses.notes.count, "in notes")].filter { $0.0 > 0 }.map { " · \($0.0) \($0.1)" }.joined()
        let loaded = (view.isComplete ? " \(count) \(noun)" : " \(count) \(noun) loaded") + uses
        let at = view.cursorIndex.map { " · \($0 + 1)/\(view.allRows.count)" } ?? ""
        let marked = view.selected.isEmpty ? "" : " · \(view.selected.count) marked"
        return loaded + at + marked + view.narrowingNote
    }
}
