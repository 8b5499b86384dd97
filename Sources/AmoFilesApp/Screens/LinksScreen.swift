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

/// The deals, contacts, companies and customers one file is attached to: open one
/// (Enter), attach the file to another (`a`), detach it from one (`d`), Esc back.
struct LinksScreen: ListScreen, Equatable {
    var list: LinkList

    var kind: ScreenKind { .links }

    var rows: LinkList {
        get { list }
        set { list = newValue }
    }

    init(list: LinkList) {
        self.list = list
    }

    mutating func handle(_ action: KeyAction?, key: Key, _ context: inout ScreenContext) -> Outcome {
        if key == .escape { return .close([]) }
        if move(action, context) { return .handled([]) }
        switch action {
        case .links?:
            return .close([])
        case .details?:
            return openEntity(&context)
        case .attach?:
            return .handled(askAttach(&context))
        case .delete?:
            askDetach(&context)
            return .handled([])
        case .refresh?:
            let narrowing = list.narrowing
            list = LinkList(file: list.file)
            list.narrowing = narrowing
            return .handled([.loadLinks(fileUUID: list.file.uuid)])
        case .upload?:
            return Screens.openPicker(.upload(attach: nil), context)
        default:
            return .handled([])
        }
    }

    mutating func click(row: Int, double: Bool, _ context: inout ScreenContext) -> Outcome {
        guard select(screenRow: row, context) else { return .handled([]) }
        return double ? openEntity(&context) : .handled([])
    }

    mutating func receive(_ answer: Action, _ context: inout ScreenContext) -> [Effect]? {
        switch answer {
        case .linksLoaded(let uuid, let entities) where uuid == list.file.uuid:
            list.items = entities
            list.loading = false
            list.viewport.follow(count: list.rowCount, height: Self.rowsArea(context.area).height)
            return []
        case .linksFailed(let uuid, let message) where uuid == list.file.uuid:
            list.loading = false
            context.status = StatusMessage(text: "Could not load the links: \(message).", isError: true)
            return []
        default:
            return nil
        }
    }

    /// The entity under the cursor, opened over this screen.
    private func openEntity(_ context: inout ScreenContext) -> Outcome {
        guard let entity = list.current, let type = EntityType(name: entity.entityType) else { return .handled([]) }
        var view = EntityView(target: LinkTarget(entity: type, id: entity.id))
        view.name = entity.name
        let effects = view.reload(returnTo: nil, request: context.newRequest())
        return .open(.entity(EntityScreen(view: view)), effects)
    }

    private func askAttach(_ context: inout ScreenContext) -> [Effect] {
        guard !list.file.isTrashed else {
            context.status = StatusMessage(text: "A file in the trash cannot be attached; restore it first.", isError: true)
            return []
        }
        var form = AttachForm(files: [list.file], types: context.recordTypes)
        let search = form.search(users: context.users)
        context.overlay = .attach(form)
        return [search]
    }

    private func askDetach(_ context: inout ScreenContext) {
        guard let entity = list.current, let type = EntityType(name: entity.entityType) else { return }
        let target = LinkTarget(entity: type, id: entity.id)
        let name = entity.name.map { " «\(TerminalText.sanitize($0))»" } ?? ""
        context.overlay = .confirm(question: "Detach “\(TerminalText.sanitize(list.file.displayName))” from \(target)\(name)?",
                                   edit: .detach([list.file], from: target))
    }

    func draw(into surface: any Surface, _ context: ScreenContext) {
        let area = context.area
        let (top, height) = Self.rowsArea(area)
        surface.drawTitle(" Links of " + list.file.displayName, keys: "  (Esc back · Enter opens · a attach · d detach)", in: area)
        var columns = [TableColumn("TYPE", width: 9), TableColumn("ID", width: 10, alignRight: true), TableColumn("NAME", width: 0, cutsMiddle: true)]
        columns[2].width = max(8, area.width - 1 - 21)
        surface.drawRow(columns.map(\.title), columns: columns, row: top - 1, left: area.left, width: area.width, style: .header)
        let visible = list.visibleRows(height: height)
        for (offset, (index, isCursor)) in visible.enumerated() {
            let entity = list.items[index]
            let type = EntityType(name: entity.entityType)?.singular ?? entity.entityType
            surface.drawRow([type, String(entity.id), entity.name ?? ""], columns: columns, row: top + offset, left: area.left, width: area.width,
                            style: Style.row(cursor: isCursor, marked: false))
        }
        guard height > 0 else { return }
        if list.loading {
            surface.draw(" loading…", row: top, column: area.left, width: area.width, style: .dim)
        } else if list.items.isEmpty {
            surface.draw(" Not attached to anything. a attaches it.", row: top, column: area.left, width: area.width, style: .dim)
        }
    }

    var name: String { "Links of " + TerminalText.sanitize(list.file.displayName) }

    func keyHints(_ context: ScreenContext) -> [KeyHint] {
        let keymap = context.keymap
        return [
            KeyHint(.details, keymap, "open the files of the record under the cursor"),
            KeyHint(.attach, keymap, "attach this file to another deal, contact, company or customer"),
            KeyHint(.delete, keymap, "detach the file from the record under the cursor (asks first)"),
            KeyHint(.search, keymap, "show only the records whose type, id or name hold the text"),
            KeyHint(.refresh, keymap, "load the links again"),
            KeyHint(keys: "Esc", "back to Files"),
        ]
    }

    func position(_ context: ScreenContext) -> String {
        let count = list.items.count
        return list.loading ? " loading links…" : " \(count) link\(count == 1 ? "" : "s")\(list.narrowingNote)"
    }
}
