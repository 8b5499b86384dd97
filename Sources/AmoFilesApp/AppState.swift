import AmoFilesAPI
import AmoFilesTasks
import Foundation
import TerminalUI

/// The tabs across the top.
public enum Tab: Int, CaseIterable, Sendable {
    case files, trash, transfers, usage

    public var title: String {
        switch self {
        case .files: "Files"
        case .trash: "Trash"
        case .transfers: "Transfers"
        case .usage: "Usage"
        }
    }

    /// The tabs that list drive files.
    public static let fileTabs: [Tab] = [.files, .trash]

    public var listsFiles: Bool { Self.fileTabs.contains(self) }

    /// What the tab lists before the user filters anything.
    public var baseFilter: FileFilter {
        var filter = FileFilter()
        filter.deleted = self == .trash
        return filter
    }
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

    /// The file's active version; nil when the service gave no link.
    init?(file: DriveFile) {
        guard let link = file.links.download else { return nil }
        self.init(href: link.href, name: file.displayName, size: file.size)
    }

    /// One version of a file; nil when the service gave no link.
    init?(version: FileVersion) {
        guard let link = version.links.download else { return nil }
        self.init(href: link.href, name: version.displayName, size: version.size)
    }
}

/// Local files and folders chosen in the picker, and once planned what the folders' files are.
public struct PushPlan: Sendable, Equatable {
    public var files: [String]
    public var folders: [String]
    public var attach: LinkTarget?
    /// Once planned: the folders' files to send, and the loose files' bytes.
    public var push = FolderPush()
    public var filesBytes: Int64 = 0

    public init(files: [String], folders: [String], attach: LinkTarget?) {
        self.files = files
        self.folders = folders
        self.attach = attach
    }
}

/// Files to copy out at once: those marked, or a Usage group's (listed when the copy starts).
public enum FileSet: Sendable, Equatable {
    case files([DriveFile])
    /// What the filter lists; `files` and `bytes` are the group's, as the walk counted them.
    case matching(FileFilter, files: Int, bytes: Int64)

    var count: Int {
        switch self {
        case .files(let files): files.count
        case .matching(_, let files, _): files
        }
    }

    var bytes: Int64 {
        switch self {
        case .files(let files): files.reduce(0) { $0 + $1.size }
        case .matching(_, _, let bytes): bytes
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
    /// The tabs' own screens, under the stack.
    var filesTab = FilesScreen(tab: .files)
    var trashTab = FilesScreen(tab: .trash)
    /// The Transfers tab's screen.
    var transfersTab = TransfersScreen()
    /// The Usage tab's screen: where the space goes.
    var usageTab = UsageScreen()
    /// Uploads and downloads of this run, oldest first.
    public var transfers: TransferList {
        get { transfersTab.list }
        set { transfersTab.list = newValue }
    }
    /// Where the local picker opens first: the folder amofiles started in.
    public var localFolder = "/"
    /// Names of account users by id, for "who" columns.
    public var users: [Int: String] = [:]
    /// The way chosen last in the attach form, offered first the next time.
    public var lastAttachChoice: WayForm.Choice = .link
    /// The file field chosen last, offered first among its type's.
    public var lastAttachField: Int?
    /// Names of the custom fields seen, for messages.
    public var fieldNames: [Int: String] = [:]
    /// Whether the account has customers (`customers_mode`); off, the type is not offered.
    public var customersOn = true

    /// The record types offered: customers only when the account has them.
    public var recordTypes: [EntityType] { EntityType.allCases.filter { $0 != .customers || customersOn } }
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
    public var versionCounts = VersionCounts()
    /// The screens open over the tab, the top one last.
    var stack: [OpenScreen] = []
    public var keymap: Keymap
    /// False for the demo: its account is gone when it quits, and so are its uploads.
    public var uploadsOutliveQuit = true
    /// `:resume` asked for the journal: an empty one is said, not passed over.
    var resumeAsked = false
    /// Bumped for every page request a screen makes, so an answer finds the screen
    /// that asked and no other (two screens may show the same lead).
    var requests = 0
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

    /// Runs `body` on every open screen of a kind: an answer may touch several.
    mutating func updateOpen<Kind: Screen>(_ kind: Kind.Type, _ body: (inout Kind) -> Void) {
        for index in stack.indices {
            stack[index].update { screen in
                guard var open = screen as? Kind else { return }
                body(&open)
                screen = open
            }
        }
    }

    /// The file tab's screen of `tab` (Files for Transfers, which lists no files).
    func fileTab(_ tab: Tab) -> FilesScreen { tab == .trash ? trashTab : filesTab }

    /// Runs `body` on the screen of file tab `tab`, with the shared state it may change.
    mutating func updateFileTab<Result>(_ tab: Tab, _ body: (inout FilesScreen, inout ScreenContext) -> Result) -> Result {
        var context = ScreenContext(self)
        var screen = fileTab(tab)
        let result = body(&screen, &context)
        if tab == .trash { trashTab = screen } else { filesTab = screen }
        context.apply(to: &self)
        return result
    }

    /// The screen of the tab, under the stack.
    var tabScreen: any Screen {
        get {
            switch tab {
            case .files: filesTab
            case .trash: trashTab
            case .transfers: transfersTab
            case .usage: usageTab
            }
        }
        set {
            switch newValue {
            case let screen as FilesScreen where screen.tab == .trash: trashTab = screen
            case let screen as FilesScreen: filesTab = screen
            case let screen as TransfersScreen: transfersTab = screen
            case let screen as UsageScreen: usageTab = screen
            default: break
            }
        }
    }

    /// The screen keys go to: the last opened over the tab, or the tab's own.
    var topScreen: any Screen { stack.last?.screen ?? tabScreen }

    /// What the keys act on.
    public var screenKind: ScreenKind { topScreen.kind }

    /// Under this the screen says so instead of drawing a layout that cannot fit.
    public var isTooSmall: Bool { rows < 6 || columns < 30 }
}
