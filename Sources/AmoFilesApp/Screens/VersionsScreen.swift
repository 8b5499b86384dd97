import AmoFilesAPI
import AmoFilesTasks
import TerminalUI

/// The versions of one file, newest first, shown over the Files list.
public struct VersionList: Sendable, Equatable {
    public var file: DriveFile
    public var items: [FileVersion] = []
    public var viewport = ListViewport()
    public var loading = true
    /// What `/` narrowed the list to.
    public var narrowing = ""
    /// The version that was active before the last switch made here: `z` goes back to it.
    public var previousActive: String?
    /// Versions marked with Space, to compare (`=`).
    public var marked: [String] = []

    public init(file: DriveFile) {
        self.file = file
    }

    public var current: FileVersion? { currentRow }

    /// A version's number: 1 the oldest (the list is newest first).
    public func number(of version: FileVersion) -> Int? {
        VersionChoice.number(of: version, in: items)
    }

    /// "version 4 of 6 (2026-10-09 18:30, 18 KB)".
    public func describe(_ version: FileVersion) -> String {
        let number = number(of: version).map { "version \($0) of \(items.count)" } ?? "the version"
        return "\(number) (\(Quantities.time(version.createdAt)), \(Quantities.bytes(version.size)))"
    }
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
        case .undo?:
            return .handled(undo(&context))
        case .select?:
            guard let version = list.current else { return .handled([]) }
            if let index = list.marked.firstIndex(of: version.uuid) { list.marked.remove(at: index) } else { list.marked = Array((list.marked + [version.uuid]).suffix(2)) }
            _ = move(.down, context)
            return .handled([])
        case .compare?:
            return compare(&context)
        case .preview?:
            guard let version = list.current else { return .handled([]) }
            return PreviewScreen.open(VersionSource(version: version), which: list.number(of: version).map { "version \($0) of \(list.items.count)" }, &context)
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

    /// `=`: the two marked versions, or the one under the cursor against the active one.
    private func compare(_ context: inout ScreenContext) -> Outcome {
        let chosen = list.marked.count == 2 ? list.items.filter { list.marked.contains($0.uuid) } : [list.current, list.items.first(where: \.isMain)].compactMap { $0 }
        guard chosen.count == 2, chosen[0].uuid != chosen[1].uuid else {
            context.status = StatusMessage(text: "This is the active version: mark two with Space to compare them, or move to another.", isError: false)
            return .handled([])
        }
        // The older one on the left: the list is newest first.
        let ordered = chosen.sorted { (list.number(of: $0) ?? 0) < (list.number(of: $1) ?? 0) }
        let sides = ordered.map { (VersionSource(version: $0), String(list.number(of: $0) ?? 0)) }
        return CompareScreen.open(fileName: list.file.displayName, old: sides[0], new: sides[1], &context)
    }

    /// The active version's uuid, as the list last showed it.
    private var active: String { list.items.first(where: \.isMain)?.uuid ?? list.file.versionUUID }

    /// "Make version 2 of 4 (2026-11-20 17:30, 1.5 MB) active?"
    private func askActivate(_ context: inout ScreenContext) {
        guard let version = list.current else { return }
        guard !version.isMain else {
            context.status = StatusMessage(text: "Version \(list.number(of: version) ?? 0) is already the active one.", isError: false)
            return
        }
        context.overlay = .confirm(question: "Make \(list.describe(version)) active?", edit: .activate(file: list.file, version: version, previous: active))
    }

    /// `z`: back to the version active before the last switch, at once (it was asked
    /// about when it was made); `z` again goes forth.
    private mutating func undo(_ context: inout ScreenContext) -> [Effect] {
        guard let previous = list.previousActive, let version = list.items.first(where: { $0.uuid == previous }) else {
            context.status = StatusMessage(text: "Nothing to undo: no version was made active here.", isError: false)
            return []
        }
        let edit = Edit.activate(file: list.file, version: version, previous: active)
        for index in list.items.indices { list.items[index].isMain = list.items[index].uuid == previous }
        context.status = StatusMessage(text: "Making \(list.describe(version)) active again…", isError: false)
        return [.runEdit(edit)]
    }

    func draw(into surface: any Surface, _ context: ScreenContext) {
        let area = context.area
        let (top, height) = Self.rowsArea(area)
        surface.drawTitle(" Versions of " + list.file.displayName, keys: "  (Esc back · Enter makes active)", in: area)
        let columns = Self.columns(width: area.width)
        surface.drawRow(columns.map(\.title), columns: columns, row: top - 1, left: area.left, width: area.width, style: .header)
        let visible = list.visibleRows(height: height)
        for (offset, (index, isCursor)) in visible.enumerated() {
            let version = list.items[index]
            let cells = columns.map { Self.cell($0.title, of: version, number: list.items.count - index, context) }
            let style = Style.row(cursor: isCursor, marked: version.isMain)
            surface.drawRow(cells, columns: columns, row: top + offset, left: area.left, width: area.width, style: style)
            // The active one, and the one active before the last switch (`z` goes back to it).
            let mark = version.isMain ? "*" : version.uuid == list.previousActive ? "↺" : nil
            if let mark, area.width > 0 { surface.put(mark, row: top + offset, column: area.left, style: style) }
            if list.marked.contains(version.uuid), area.width > 1 { surface.put("=", row: top + offset, column: area.left + 1, style: style) }
        }
        if list.loading, visible.count < height {
            surface.draw(" loading…", row: top + visible.count, column: area.left, width: area.width, style: .dim)
        }
    }

    /// `#  NAME  KIND  SIZE  CREATED  BY`; narrower terminals lose the kind (before the
    /// name is cut), then who, then when.
    private static func columns(width: Int) -> [TableColumn] {
        var columns = [TableColumn("#", width: 4, alignRight: true), TableColumn("NAME", width: 0, cutsMiddle: true), TableColumn("KIND", width: 8),
                       TableColumn("SIZE", width: 8, alignRight: true), TableColumn("CREATED", width: 16),
                       TableColumn("BY", width: FileColumn.peopleColumnWidth(width))]
        for (title, nameWidth) in [("KIND", 30), ("BY", 20), ("CREATED", 20)] where columns.reduce(0, { $0 + $1.width + 1 }) + nameWidth > width {
            columns.removeAll { $0.title == title }
        }
        columns[1].width = max(8, width - 2 - columns.reduce(0) { $0 + $1.width + 1 })
        return columns
    }

    private static func cell(_ column: String, of version: FileVersion, number: Int, _ context: ScreenContext) -> String {
        switch column {
        case "#": String(number)
        case "NAME": version.displayName
        case "KIND": version.type.rawValue
        case "SIZE": Quantities.bytes(version.size)
        case "CREATED": Quantities.time(version.createdAt)
        default: version.createdBy.displayName(users: context.users)
        }
    }

    var name: String { "Versions of " + TerminalText.sanitize(list.file.displayName) }

    func keyHints(_ context: ScreenContext) -> [KeyHint] {
        let keymap = context.keymap
        return [
            KeyHint(keys: "Enter", "make the version under the cursor the active one (asks first)", for: .details),
            KeyHint(.undo, keymap, "make the version that was active before the last switch (↺) active again"),
            KeyHint(.compare, keymap, "compare the version under the cursor with the active one, or the two marked"),
            KeyHint(.select, keymap, "mark a version to compare (two at most)"),
            KeyHint(.preview, keymap, "what the version under the cursor holds"),
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
        let undo = context.keymap.keys(for: .undo).first.map { ", \($0) undoes" } ?? ""
        let was = list.previousActive == nil ? "" : " · ↺ was active\(undo)"
        return " \(total) version\(total == 1 ? "" : "s")\(at)\(was)\(list.narrowingNote)"
    }
}
