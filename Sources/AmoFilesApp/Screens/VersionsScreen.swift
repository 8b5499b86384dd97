import AmoFilesAPI
import TerminalUI

/// The versions of one file, newest first, shown over the Files list.
public struct VersionList: Sendable, Equatable {
    public var file: DriveFile
    public var items: [FileVersion] = []
    public var viewport = ListViewport()
    public var loading = true
    /// What `/` narrowed the list to.
    public var narrowing = ""

    public init(file: DriveFile) {
        self.file = file
    }

    public var current: FileVersion? { currentRow }
}

/// The versions of one file, newest first, the active one marked: move, make one
/// active (Enter, or a double click), Esc back.
struct VersionsScreen: ListScreen, Equatable {
    var list: VersionList

    var kind: ScreenKind { .versions }

    var rows: VersionList {
        get { list }
        set { list = newValue }
    }

    init(list: VersionList) {
        self.list = list
    }

    mutating func handle(_ action: KeyAction?, key: Key, _ context: inout ScreenContext) -> Outcome {
        if key == .escape { return .close([]) }
        if move(action, context) { return .handled([]) }
        switch action {
        case .versions?:
            return .close([])
        case .details? where key == .enter:
            askActivate(&context)
            return .handled([])
        case .details?:
            // `i` shows details elsewhere; making a version active is asked for with Enter only.
            context.status = StatusMessage(text: "Enter on a version makes it the active one.", isError: false)
            return .handled([])
        case .refresh?:
            list.loading = true
            return .handled([.loadVersions(fileUUID: list.file.uuid)])
        case .download?:
            Reducer.askSaveAs(list.current.flatMap(DownloadRequest.init(version:)), &context)
            return .handled([])
        case .newVersion?:
            return Screens.openPicker(.newVersion(of: list.file), context)
        case .upload?:
            return Screens.openPicker(.upload(attach: nil), context)
        default:
            return .handled([])
        }
    }

    mutating func click(row: Int, double: Bool, _ context: inout ScreenContext) -> Outcome {
        guard select(screenRow: row, context) else { return .handled([]) }
        if double { askActivate(&context) }
        return .handled([])
    }

    mutating func receive(_ answer: Action, _ context: inout ScreenContext) -> [Effect]? {
        switch answer {
        case .versionsLoaded(let uuid, let items) where uuid == list.file.uuid:
            // The cursor stays on its version when the list comes again (after a switch).
            let current = list.current?.uuid
            list.items = items
            list.loading = false
            let index = current.flatMap { uuid in items.firstIndex { $0.uuid == uuid } } ?? 0
            list.viewport = ListViewport()
            list.moveTo(index: index, height: Self.rowsArea(context.area).height)
            return []
        case .versionsFailed(let uuid, let message) where uuid == list.file.uuid:
            list.loading = false
            context.status = StatusMessage(text: "Could not load the versions: \(message).", isError: true)
            return []
        default:
            return nil
        }
    }

    /// "Make version 2 (2026-11-20 17:30, 1.5 MB) active?"
    private func askActivate(_ context: inout ScreenContext) {
        guard let version = list.current, let index = list.cursorIndex else { return }
        let number = list.items.count - index
        guard !version.isMain else {
            context.status = StatusMessage(text: "Version \(number) is already the active one.", isError: false)
            return
        }
        let previous = list.items.first(where: \.isMain)?.uuid ?? list.file.versionUUID
        context.overlay = .confirm(
            question: "Make version \(number) (\(Quantities.time(version.createdAt)), \(Quantities.bytes(version.size))) active?",
            edit: .activate(file: list.file, version: version, previous: previous))
    }

    func draw(into surface: any Surface, _ context: ScreenContext) {
        let area = context.area
        let (top, height) = Self.rowsArea(area)
        surface.drawTitle(" Versions of " + list.file.displayName, keys: "  (Esc back · Enter makes active)", in: area)
        var columns = [TableColumn("#", width: 4, alignRight: true), TableColumn("NAME", width: 0, cutsMiddle: true), TableColumn("SIZE", width: 8, alignRight: true),
                       TableColumn("CREATED", width: 16), TableColumn("BY", width: FileColumn.peopleColumnWidth(area.width))]
        while columns.count > 3, columns.reduce(0, { $0 + $1.width + 1 }) + 20 > area.width { columns.removeLast() }
        columns[1].width = max(8, area.width - 2 - columns.reduce(0) { $0 + $1.width + 1 })
        surface.drawRow(columns.map(\.title), columns: columns, row: top - 1, left: area.left, width: area.width, style: .header)
        let visible = list.visibleRows(height: height)
        for (offset, (index, isCursor)) in visible.enumerated() {
            let version = list.items[index]
            let cells = [String(list.items.count - index), version.displayName, Quantities.bytes(version.size),
                         Quantities.time(version.createdAt), version.createdBy.displayName(users: context.users)]
            let style = Style.row(cursor: isCursor, marked: version.isMain)
            surface.drawRow(cells, columns: columns, row: top + offset, left: area.left, width: area.width, style: style)
            if version.isMain, area.width > 0 { surface.put("*", row: top + offset, column: area.left, style: style) }
        }
        if list.loading, visible.count < height {
            surface.draw(" loading…", row: top + visible.count, column: area.left, width: area.width, style: .dim)
        }
    }

    var name: String { "Versions of " + TerminalText.sanitize(list.file.displayName) }

    func keyHints(_ context: ScreenContext) -> [KeyHint] {
        let keymap = context.keymap
        return [
            KeyHint(keys: "Enter", "make the version under the cursor the active one (asks first)", for: .details),
            KeyHint(.download, keymap, "download this version"),
            KeyHint(.newVersion, keymap, "upload a local file as a new version of this file (asks first)"),
            KeyHint(.search, keymap, "show only the versions whose name, size or date hold the text"),
            KeyHint(.refresh, keymap, "load the versions again"),
            KeyHint(keys: "Esc", "back to Files (Esc first shows every version again)"),
        ]
    }

    func position(_ context: ScreenContext) -> String {
        let total = list.items.count
        guard !list.loading else { return " loading versions…" }
        let at = list.cursorIndex.map { " · \($0 + 1)/\(total)" } ?? ""
        return " \(total) version\(total == 1 ? "" : "s")\(at)\(list.narrowingNote)"
    }
}
