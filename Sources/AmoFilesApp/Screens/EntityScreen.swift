import AmoFilesAPI
import AmoFilesTasks
import TerminalUI

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
        return named + [.loadEntityPage(target, generation: generation, beforeID: nil)]
    }

    /// `lead 123 «Поставка оборудования»`.
    public var title: String {
        name.map { "\(target) «\(TerminalText.sanitize($0))»" } ?? target.description
    }
}

/// The files attached to one entity (`:lead 123`, or Enter in a file's links), a
/// page at a time: mark (Space) and detach (`d`), a file's versions (`v`), links
/// (`l`) and download (`D`) as in Files, reload, Esc back; `a` attaches more (marked
/// in Files), `U` uploads and attaches here.
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
            guard let file = view.current else { return .handled([]) }
            if view.selected.remove(file.uuid) == nil { view.selected.insert(file.uuid) }
            return .handled(move(by: 1, height: height))
        case .delete?:
            let files = view.chosen
            guard !files.isEmpty else { return .handled([]) }
            context.overlay = .confirm(question: "Detach \(Reducer.naming(files)) from \(view.title)?", edit: .detach(files, from: view.target))
            return .handled([])
        case .refresh?:
            return .handled(view.reload(returnTo: view.returnPoint, request: context.newRequest()))
        // The file under the cursor, as in Files: its versions, its links, a copy of it.
        case .versions?:
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
        default:
            return .handled([])
        }
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
                view.moveTo(index: placed.cursor, height: height)
            }
            if view.returnTo != nil, let before = next {
                view.loading = true
                return [.loadEntityPage(target, generation: generation, beforeID: before)]
            }
            return prefetch(height: height)
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
        let columns = FileColumn.layout(for: .files, columns: area.width, versions: view.files.contains(where: \.hasMultipleVersions), context)
        let table = columns.map(\.table)
        surface.drawRow(table.map(\.title), columns: table, row: top - 1, left: area.left, width: area.width, style: .header)
        let visible = view.visibleRows(height: height)
        for (offset, (index, isCursor)) in visible.enumerated() {
            let file = view.files[index]
            let marked = view.selected.contains(file.uuid)
            let style = Style.row(cursor: isCursor, marked: marked)
            surface.drawRow(columns.map { $0.value(file) }, columns: table, row: top + offset, left: area.left, width: area.width, style: style)
            if marked, area.width > 0 { surface.put("*", row: top + offset, column: area.left, style: style) }
        }
        if view.loading, visible.count < height {
            surface.draw(" loading…", row: top + visible.count, column: area.left, width: area.width, style: .dim)
        } else if view.files.isEmpty, view.isComplete, height > 0 {
            surface.draw(" No files attached.", row: top, column: area.left, width: area.width, style: .dim)
        }
    }

    var name: String { "Files of " + view.title }

    func keyHints(_ context: ScreenContext) -> [KeyHint] {
        let keymap = context.keymap
        return [
            KeyHint(.select, keymap, "mark a file, then move down"),
            KeyHint(.delete, keymap, "detach the marked files (or the one under the cursor) from this record (asks first)"),
            KeyHint(.attach, keymap, "mark files in Files to attach here"),
            KeyHint(.upload, keymap, "upload local files and attach them here"),
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
        let noun = count == 1 ? "file" : "files"
        let loaded = view.isComplete ? " \(count) \(noun)" : " \(count) \(noun) loaded"
        let at = view.cursorIndex.map { " · \($0 + 1)/\(count)" } ?? ""
        let marked = view.selected.isEmpty ? "" : " · \(view.selected.count) marked"
        return loaded + at + marked + view.narrowingNote
    }
}
