import AmoFilesAPI
import AmoFilesTasks
import Foundation
import TerminalUI

/// The tabs across the top.
public enum Tab: Int, CaseIterable, Sendable {
    case files, trash, transfers

    public var title: String {
        switch self {
        case .files: "Files"
        case .trash: "Trash"
        case .transfers: "Transfers"
        }
    }

    /// The tabs that list drive files.
    public static let fileTabs: [Tab] = [.files, .trash]

    /// What the tab lists before the user filters anything.
    public var baseFilter: FileFilter {
        var filter = FileFilter()
        filter.deleted = self == .trash
        return filter
    }
}

/// A list of drive files loaded a page at a time.
public struct FileList: Sendable {
    public var items: [DriveFile] = []
    public var viewport = ListViewport()
    /// The page to ask for next; nil once the last page is in.
    public var nextPage: Int? = 1
    public var loading = false
    /// Bumped on every reload, so answers to an older request are dropped.
    public var generation = 0
    public var filter: FileFilter
    /// Files marked with Space, by uuid.
    public var selected: Set<String> = []
    /// After a reload, the file the cursor was on, sought in the pages as they come.
    public var returnTo: ReturnPoint?

    public init(filter: FileFilter) {
        self.filter = filter
    }

    public var isComplete: Bool { nextPage == nil }
    public var current: DriveFile? { items.indices.contains(viewport.cursor) ? items[viewport.cursor] : nil }

    /// The same list emptied for a new first page (a new filter, a refresh, a change
    /// elsewhere); the cursor goes back to its file when that file comes again.
    public func reloaded(filter: FileFilter? = nil) -> FileList {
        var fresh = FileList(filter: filter ?? self.filter)
        fresh.generation = generation + 1
        // Under a new filter the old row means nothing: the top, unless the file is there.
        let row = filter == nil || filter == self.filter ? viewport.cursor : 0
        fresh.returnTo = returnTo ?? current.map { ReturnPoint(uuid: $0.uuid, row: row, rowsLoaded: items.count) }
        return fresh
    }

    /// True while the file of `returnTo` is still sought (the next page is wanted).
    mutating func seekReturnPoint(height: Int) -> Bool {
        returnTo = returnTo?.place(in: items, hasMore: nextPage != nil, viewport: &viewport, height: height)
        return returnTo != nil
    }
}

/// Where the cursor stood before a list was loaded again: the file, its row, and how
/// many rows were loaded (the file is sought that far, and no farther).
public struct ReturnPoint: Sendable, Equatable {
    public var uuid: String
    public var row: Int
    public var rowsLoaded: Int

    /// Puts the cursor back on the file once it is among `items`; when it is not within
    /// as many rows as were loaded before, on the row it stood on. Returns itself while
    /// the file is still sought, nil once the cursor is placed.
    func place(in items: [DriveFile], hasMore: Bool, viewport: inout ListViewport, height: Int) -> ReturnPoint? {
        if let index = items.firstIndex(where: { $0.uuid == uuid }) {
            viewport.moveTo(index, count: items.count, height: height)
        } else if hasMore, items.count < rowsLoaded {
            return self
        } else {
            viewport.moveTo(row, count: items.count, height: height)
        }
        return nil
    }
}

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

/// A message of the status line, kept with the time it was said.
public struct LoggedMessage: Sendable, Equatable {
    public var at: Int64
    public var message: StatusMessage
}

/// A message in the status line.
public struct StatusMessage: Sendable, Equatable {
    public var text: String
    public var isError: Bool
    /// Says what is happening now (a call being tried again): the next answer puts it away.
    public var isTransient = false
}

/// A file or version to download: where from, what it is called, how big it is.
public struct DownloadRequest: Sendable, Equatable {
    public var href: String
    public var name: String
    public var size: Int64

    public init(href: String, name: String, size: Int64) {
        self.href = href
        self.name = name
        self.size = size
    }
}

/// What covers the list for a moment and takes the keys.
public enum Overlay: Sendable, Equatable {
    /// The key list, scrolled down by `scroll` lines when it does not fit.
    case help(scroll: Int)
    /// The log of the status line's messages, whole, scrolled up from the newest.
    case messages(scroll: Int)
    /// `/`: the search term as it is typed; `previous` comes back on Esc.
    case search(LineEditor, previous: String?)
    /// `/` over an open screen: its rows narrowed as the text is typed; `previous` comes back on Esc.
    case narrow(LineEditor, previous: String)
    /// `extension`: the file's, kept apart by the service and shown beside the editor.
    case rename(uuid: String, extension: String?, LineEditor)
    case filterForm(FilterForm)
    /// Where to save a download, prefilled with a safe name in the current folder.
    case saveAs(DownloadRequest, LineEditor)
    /// The target exists: overwrite it?
    case overwrite(DownloadRequest, path: String)
    case confirm(question: String, edit: Edit)
    /// A step that costs something and is not an edit (cancelling a transfer): asked,
    /// and on yes these effects run.
    case ask(question: String, then: [Effect])
    /// A local file chosen in the picker to become the new active version of `file`:
    /// asked, since it replaces what the file shows (its extension too).
    case newVersion(LocalEntry, path: String, of: DriveFile)
    /// Uploads a previous run left unfinished: go on with them?
    case resumeOffer([UploadRecord])
    case attach(AttachForm)
    /// `:`: a command typed in the bottom line.
    case command(LineEditor)
    /// Quit while transfers run? The default keeps uploads resumable.
    case quitWhileTransfers
}

/// A change to the drive the UI shows before the service confirms it, and undoes
/// if the service refuses.
public enum Edit: Sendable, Equatable {
    case rename(uuid: String, from: String, to: String)
    /// Files moved to the trash, with where they stood in the Files list.
    case delete([DriveFile], at: [Int])
    /// Files restored from the trash, with where they stood in the Trash list.
    case restore([DriveFile], at: [Int])
    /// Make `version` the active one of `file`; `previous` was active before.
    case activate(file: DriveFile, version: FileVersion, previous: String)
    case attach([DriveFile], to: LinkTarget)
    case detach([DriveFile], from: LinkTarget)
}

/// An order of the loaded rows; without one, the service's (newest change first).
public struct FileSort: Sendable, Equatable {
    public enum Column: String, CaseIterable, Sendable {
        case name = "NAME", size = "SIZE", updated = "UPDATED", type = "TYPE"
    }

    public var column: Column
    public var descending: Bool

    public init(_ column: Column, descending: Bool) {
        self.column = column
        self.descending = descending
    }

    /// The order after this one when the sort key is pressed; nil returns to the service's.
    public static func next(after sort: FileSort?) -> FileSort? {
        switch sort?.column {
        case nil: FileSort(.name, descending: false)
        case .name?: FileSort(.size, descending: true)
        case .size?: FileSort(.updated, descending: true)
        case .updated?: FileSort(.type, descending: false)
        case .type?: nil
        }
    }

    func ordered(_ a: DriveFile, _ b: DriveFile) -> Bool {
        descending ? less(b, a) : less(a, b)
    }

    private func less(_ a: DriveFile, _ b: DriveFile) -> Bool {
        switch column {
        case .name: a.displayName.localizedStandardCompare(b.displayName) == .orderedAscending
        case .size: a.size < b.size
        case .updated: a.updatedAt < b.updatedAt
        case .type: (a.type.rawValue, a.displayName) < (b.type.rawValue, b.displayName)
        }
    }
}

/// Everything the screen shows; changed only by `reduce`.
public struct AppState: Sendable {
    public var rows: Int
    public var columns: Int
    /// Leaving a tab (or choosing it again) closes what is open over it.
    public var tab: Tab = .files {
        didSet { stack.removeAll() }
    }
    public var lists: [Tab: FileList] = Dictionary(uniqueKeysWithValues: Tab.fileTabs.map { ($0, FileList(filter: $0.baseFilter)) })
    /// Uploads and downloads of this run, oldest first.
    public var transfers = TransferList()
    /// Where the local picker opens first: the folder amofiles started in.
    public var localFolder = "/"
    /// Names of account users by id, for "who" columns.
    public var users: [Int: String] = [:]
    /// The token's own user: "you" when the names cannot be listed (admins only).
    public var currentUserID: Int?
    public var accountName: String
    public var driveHost: String
    /// The status line. Every message it shows goes in the log too (`m` reads it).
    public var status: StatusMessage? {
        didSet {
            guard let status, !status.isTransient, status != oldValue, messages.last?.message != status else { return }
            messages.append(LoggedMessage(at: now, message: status))
            if messages.count > 200 { messages.removeFirst(messages.count - 200) }
        }
    }
    /// The status line's messages, oldest first: the last 200.
    public var messages: [LoggedMessage] = []
    public var overlay: Overlay?
    /// The detail pane (wide terminals) or view (narrow ones) of the file under the cursor.
    public var showingDetails = false
    public var sort: FileSort?
    /// The screens open over the tab, the top one last.
    var stack: [OpenScreen] = []
    /// Files are being marked in Files to attach to this entity; its view comes back after.
    public var attachingTo: EntityView?
    public var keymap: Keymap
    /// False for the demo: its account is gone when it quits, and so are its uploads.
    public var uploadsOutliveQuit = true
    /// `:resume` asked for the journal: an empty one is said, not passed over.
    var resumeAsked = false
    /// The clock, as the runtime last reported it (reduce reads no clock itself).
    public var now: Int64 = 0
    /// Bumped on every keystroke of a search; only the last one's pause applies it.
    public var searchToken = 0

    public init(rows: Int, columns: Int, accountName: String, driveHost: String, keymap: Keymap = .defaults) {
        self.rows = rows
        self.columns = columns
        self.accountName = accountName
        self.driveHost = driveHost
        self.keymap = keymap
    }

    /// The versions open over the Files list, if any: a view of the stack.
    public var versions: VersionList? {
        get { stack.lazy.reversed().compactMap { if case .versions(let screen) = $0 { screen.list } else { nil } }.first }
        set { replaceOnStack(newValue.map { .versions(VersionsScreen(list: $0)) }) { if case .versions = $0 { true } else { false } } }
    }

    /// The links of a file open over the Files list, if any: a view of the stack.
    public var links: LinkList? {
        get { stack.lazy.reversed().compactMap { if case .links(let screen) = $0 { screen.list } else { nil } }.first }
        set { replaceOnStack(newValue.map { .links(LinksScreen(list: $0)) }) { if case .links = $0 { true } else { false } } }
    }

    /// The files of an entity open over the tab, if any (the topmost): a view of the stack.
    public var entity: EntityView? {
        get { stack.lazy.reversed().compactMap { if case .entity(let screen) = $0 { screen.view } else { nil } }.first }
        set { replaceOnStack(newValue.map { .entity(EntityScreen(view: $0)) }) { if case .entity = $0 { true } else { false } } }
    }

    /// The local picker open over the tab, if any: a view of the stack.
    public var picker: LocalPicker? {
        get { stack.lazy.reversed().compactMap { if case .picker(let screen) = $0 { screen.picker } else { nil } }.first }
        set { replaceOnStack(newValue.map { .picker(PickerScreen(picker: $0)) }) { if case .picker = $0 { true } else { false } } }
    }

    /// Puts `screen` in the place of the topmost screen of its kind (on top when there
    /// is none), or closes that one when `screen` is nil.
    private mutating func replaceOnStack(_ screen: OpenScreen?, ofKind isKind: (OpenScreen) -> Bool) {
        switch (stack.lastIndex(where: isKind), screen) {
        case let (index?, screen?): stack[index] = screen
        case let (index?, nil): stack.remove(at: index)
        case let (nil, screen?): stack.append(screen)
        case (nil, nil): break
        }
    }

    public var list: FileList {
        get { lists[tab] ?? FileList(filter: tab.baseFilter) }
        set { lists[tab] = newValue }
    }

    /// True when the tab's list is narrowed by more than what the tab itself is.
    public var isFiltered: Bool { tab != .transfers && list.filter != tab.baseFilter }

    /// The first screen row of the list: below the tab bar, the filter line (or the
    /// versions title) when one shows, and the column header.
    public var listTop: Int { isFiltered || !stack.isEmpty ? 3 : 2 }

    /// Rows the list gets: the screen less what is above it and the status line
    /// (and the total line of Transfers).
    public var listHeight: Int { max(0, rows - listTop - (tab == .transfers && stack.isEmpty ? 2 : 1)) }

    /// What the keys act on: the screen on top, or the tab.
    public var screenKind: ScreenKind {
        if let top = stack.last { return top.kind }
        return switch tab {
        case .files: .files
        case .trash: .trash
        case .transfers: .transfers
        }
    }

    /// Wide terminals show details beside the list; narrow ones instead of it.
    public var detailsBesideList: Bool { columns >= 110 }

    /// Under this the screen says so instead of drawing a layout that cannot fit.
    public var isTooSmall: Bool { rows < 6 || columns < 30 }
}
