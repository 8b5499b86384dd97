import AmoFilesAPI
import AmoFilesTasks
import Foundation
import TerminalUI

/// One entry of a local folder.
public struct LocalEntry: Sendable, Equatable {
    public var name: String
    public var isFolder: Bool
    public var size: Int64
    /// Seconds since 1970.
    public var modified: Int64

    public init(name: String, isFolder: Bool, size: Int64, modified: Int64) {
        self.name = name
        self.isFolder = isFolder
        self.size = size
        self.modified = modified
    }

    public var isHidden: Bool { name.hasPrefix(".") }

    /// Folders first, then by name as a person sorts them.
    static func ordered(_ a: LocalEntry, _ b: LocalEntry) -> Bool {
        if a.isFolder != b.isFolder { return a.isFolder }
        return a.name.localizedStandardCompare(b.name) == .orderedAscending
    }
}

/// The local file system, browsed to pick files to upload.
public struct LocalPicker: Sendable, Equatable {
    public enum Purpose: Sendable, Equatable {
        /// New files, attached to `attach` when set.
        case upload(attach: LinkTarget?)
        /// One file, uploaded as a new version of a drive file.
        case newVersion(of: DriveFile)
    }

    public var purpose: Purpose
    public var folder: String
    /// Every entry of the folder, ordered; hidden ones included.
    public var entries: [LocalEntry] = []
    public var showHidden = false
    public var viewport = ListViewport()
    /// Marked files and folders, by name in this folder.
    public var selected: Set<String> = []
    public var loading = true
    /// What `/` narrowed the list to.
    public var narrowing = ""

    public init(purpose: Purpose, folder: String) {
        self.purpose = purpose
        self.folder = folder
    }

    /// What the list shows: `..` first (but at the root), then the entries, hidden ones on request.
    public var rows: [LocalEntry] {
        let up = folder == "/" ? [] : [LocalEntry(name: "..", isFolder: true, size: 0, modified: 0)]
        return up + entries.filter { showHidden || !$0.isHidden }
    }

    public var current: LocalEntry? { currentRow }

    public func path(of name: String) -> String {
        LocalPath.join(folder, name)
    }

    /// New files may come from folders; a new version is one file.
    var takesFolders: Bool { if case .upload = purpose { true } else { false } }

    /// The marked files and folders, or the file under the cursor when none is marked
    /// (with `folders`, the folder under it too).
    public func chosen(folders: Bool = false) -> [LocalEntry] {
        guard selected.isEmpty else { return entries.filter { selected.contains($0.name) } }
        guard let current, current.name != "..", folders || !current.isFolder else { return [] }
        return [current]
    }
}

/// The server's own file system, browsed for files to upload: folders open with
/// Enter, Space marks, Enter or `U` uploads, Esc back to what it was opened over.
struct PickerScreen: ListScreen, Equatable {
    var picker: LocalPicker

    var kind: ScreenKind { .picker }

    var rows: LocalPicker {
        get { picker }
        set { picker = newValue }
    }

    init(picker: LocalPicker) {
        self.picker = picker
    }

    mutating func handle(_ action: KeyAction?, key: Key, _ context: inout ScreenContext) -> Outcome {
        if key == .escape { return .close([]) }
        let height = Self.rowsArea(context.area).height
        if move(action, context) { return .handled([]) }
        if key == .enter { return enter(&context) }
        switch action {
        case .parent?:
            return .handled(open(LocalPath.folder(of: picker.folder)))
        case .hidden?:
            let current = picker.current?.name
            picker.showHidden.toggle()
            if !picker.showHidden { picker.selected = picker.selected.filter { !$0.hasPrefix(".") } }
            picker.moveTo(index: picker.rows.firstIndex { $0.name == current } ?? 0, height: height)
            return .handled([])
        case .select?:
            guard case .upload = picker.purpose else {
                context.status = StatusMessage(text: "A new version is one file: Enter uploads the file under the cursor.", isError: false)
                return .handled([])
            }
            // A folder marked goes up whole: its files, as its manifest says.
            guard let entry = picker.current, entry.name != ".." else { return .handled([]) }
            if picker.selected.remove(entry.name) == nil { picker.selected.insert(entry.name) }
            picker.scroll(by: 1, height: height)
            return .handled([])
        case .upload?:
            return uploadChosen(&context, folders: true)
        case .refresh?:
            return .handled(open(picker.folder))
        default:
            return .handled([])
        }
    }

    mutating func click(row: Int, double: Bool, _ context: inout ScreenContext) -> Outcome {
        guard select(screenRow: row, context) else { return .handled([]) }
        return double ? enter(&context) : .handled([])
    }

    mutating func receive(_ answer: Action, _ context: inout ScreenContext) -> [Effect]? {
        switch answer {
        case .folderListed(let path, let entries):
            listed(path, entries, height: Self.rowsArea(context.area).height)
            context.localFolder = path
            return []
        case .folderFailed(let path, let message):
            picker.loading = false
            context.status = StatusMessage(text: "Cannot open \(path): \(message).", isError: true)
            return []
        default:
            return nil
        }
    }

    /// Enter: into a folder, or the file goes up.
    private mutating func enter(_ context: inout ScreenContext) -> Outcome {
        guard let entry = picker.current else { return .handled([]) }
        guard entry.isFolder else { return uploadChosen(&context) }
        return .handled(open(entry.name == ".." ? LocalPath.folder(of: picker.folder) : picker.path(of: entry.name)))
    }

    private mutating func open(_ path: String) -> [Effect] {
        picker.loading = true
        return [.listFolder(path: path)]
    }

    private mutating func listed(_ path: String, _ entries: [LocalEntry], height: Int) {
        let cameFrom = picker.folder.hasPrefix(path) && picker.folder != path ? LocalPath.name(of: picker.folder) : nil
        let keep = picker.folder == path ? picker.current?.name : cameFrom
        if picker.folder != path {
            // Another folder shows whole; the same one, read again, keeps its marks and narrowing.
            picker.selected = []
            picker.narrowing = ""
        }
        picker.folder = path
        picker.entries = entries.sorted(by: LocalEntry.ordered)
        picker.loading = false
        picker.selected = picker.selected.filter { name in entries.contains { $0.name == name } }
        // Back in the folder above, the cursor is on the folder just left.
        let index = keep.flatMap { name in picker.rows.firstIndex { $0.name == name } } ?? 0
        picker.viewport = ListViewport()
        picker.moveTo(index: index, height: height)
    }

    /// The marked files (or the one under the cursor) go up; a new version is asked about
    /// first, and so are folders, once walked. `folders`: `U` pushes the folder under the cursor.
    private func uploadChosen(_ context: inout ScreenContext, folders: Bool = false) -> Outcome {
        let chosen = picker.chosen(folders: folders && picker.takesFolders)
        guard !chosen.isEmpty else {
            context.status = StatusMessage(text: "Choose a file: Enter on it, or mark several with Space.", isError: false)
            return .handled([])
        }
        let paths = chosen.filter { !$0.isFolder }.map { picker.path(of: $0.name) }
        let folderPaths = chosen.filter(\.isFolder).map { picker.path(of: $0.name) }
        switch picker.purpose {
        case .upload(let attach):
            // Uploads to an entity stay on its files, where they show once done;
            // the others are followed in Transfers.
            if attach == nil { context.tab = .transfers }
            guard folderPaths.isEmpty else {
                context.status = StatusMessage(text: "Looking through \(folderPaths.count == 1 ? TerminalText.sanitize(LocalPath.name(of: folderPaths[0])) : "\(folderPaths.count) folders")…", isError: false)
                return .close([.planPush(PushPlan(files: paths, folders: folderPaths, attach: attach))])
            }
            return .close([.upload(paths: paths, newVersionOf: nil, attach: attach)])
        case .newVersion(let file):
            // The picker stays under the question: n goes back to choosing.
            context.overlay = .newVersion(chosen[0], path: paths[0], of: file)
            return .handled([])
        }
    }

    func draw(into surface: any Surface, _ context: ScreenContext) {
        let area = context.area
        let (top, height) = Self.rowsArea(area)
        let purpose = switch picker.purpose {
        case .upload(let attach?): " Upload, attached to \(attach), from "
        case .upload(nil): " Upload from "
        case .newVersion(let file): " New version of \(file.displayName) from "
        }
        let hidden = context.keymap.keys(for: .hidden).first.map { " · \($0) \(picker.showHidden ? "hides" : "shows") hidden" } ?? ""
        let marks = if case .upload = picker.purpose { " · Space marks" } else { "" }
        // The folder loses whole folders from its middle, never its own name.
        let room = area.width - TerminalText.width(TerminalText.sanitize(purpose)) - Screens.shortHint.count
        let folder = TerminalText.fitPath(picker.folder, columns: max(12, room))
        surface.drawTitle(TerminalText.sanitize(purpose) + folder, keys: "  (Esc back\(marks) · Enter uploads\(hidden))", in: area)
        var columns = [TableColumn("NAME", width: 0, cutsMiddle: true), TableColumn("SIZE", width: 8, alignRight: true), TableColumn("MODIFIED", width: 16)]
        while columns.count > 1, columns.reduce(0, { $0 + $1.width + 1 }) + 20 > area.width { columns.removeLast() }
        columns[0].width = max(8, area.width - 1 - columns.dropFirst().reduce(0) { $0 + $1.width + 1 })
        surface.drawRow(columns.map(\.title), columns: columns, row: top - 1, left: area.left, width: area.width, style: .header)
        let rows = picker.rows
        let visible = picker.visibleRows(height: height)
        for (offset, (index, isCursor)) in visible.enumerated() {
            let entry = rows[index]
            let marked = picker.selected.contains(entry.name)
            let style = Style.row(cursor: isCursor, marked: marked)
            let cells = entry.name == ".." ? ["..", "", ""] : [
                entry.name + (entry.isFolder ? "/" : ""), entry.isFolder ? "" : Quantities.bytes(entry.size), Quantities.time(entry.modified),
            ]
            surface.drawRow(cells, columns: columns, row: top + offset, left: area.left, width: area.width, style: style)
            if marked, area.width > 0 { surface.put("*", row: top + offset, column: area.left, style: style) }
        }
        guard visible.count < height else { return }
        if picker.loading {
            surface.draw(" loading…", row: top + visible.count, column: area.left, width: area.width, style: .dim)
        } else if rows.allSatisfy({ $0.name == ".." }) {
            surface.draw(picker.entries.isEmpty ? " Empty folder." : " Only hidden files here.", row: top + visible.count, column: area.left,
                         width: area.width, style: .dim)
        }
    }

    var name: String { "Local files" }

    func keyHints(_ context: ScreenContext) -> [KeyHint] {
        let keymap = context.keymap
        return [
            KeyHint(keys: "Enter", "open the folder; on a file, upload it (or the marked files)"),
            KeyHint(.select, keymap, "mark a file or a folder to upload with others"),
            KeyHint(.upload, keymap, "upload the marked files and folders (or the file or folder under the cursor); a folder pushed before sends only what changed"),
            KeyHint(.parent, keymap), KeyHint(.hidden, keymap),
            KeyHint(.search, keymap, "show only the entries whose name holds the text"),
            KeyHint(.refresh, keymap, "read the folder again"),
            KeyHint(keys: "Esc", "back without uploading"),
        ]
    }

    /// "12 entries · 3/12 · 2 marked (5.1 MB)".
    func position(_ context: ScreenContext) -> String {
        let rows = picker.rows
        let count = rows.filter { $0.name != ".." }.count
        var text = " \(count) \(count == 1 ? "entry" : "entries")"
        if let index = picker.cursorIndex { text += " · \(index + 1)/\(rows.count)" }
        if !picker.selected.isEmpty {
            let size = picker.entries.filter { picker.selected.contains($0.name) && !$0.isFolder }.reduce(Int64(0)) { $0 + $1.size }
            text += " · \(picker.selected.count) marked (\(Quantities.bytes(size)))"
        }
        return text + picker.narrowingNote
    }
}
