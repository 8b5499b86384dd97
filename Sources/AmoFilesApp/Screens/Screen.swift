import AmoFilesAPI
import TerminalUI

/// The part of the terminal a screen draws into.
public struct Area: Sendable, Equatable {
    public var top: Int
    public var left: Int
    public var height: Int
    public var width: Int

    public init(top: Int, left: Int, height: Int, width: Int) {
        self.top = top
        self.left = left
        self.height = height
        self.width = width
    }
}

/// What a screen made of a key.
enum Outcome: Equatable {
    /// Done here, with these effects.
    case handled([Effect])
    /// Not this screen's: the keys that mean the same everywhere take it.
    case pass
    /// The screen closes (Esc, or its own key again), with these effects.
    case close([Effect])
    /// Another screen opens over this one; Esc there comes back here.
    case open(OpenScreen, [Effect])

    var effects: [Effect] {
        switch self {
        case .pass: []
        case .handled(let effects), .close(let effects), .open(_, let effects): effects
        }
    }
}

/// What a screen may read and change of the shared state while it handles a key or
/// draws: built for each call, so no screen holds the whole `AppState`.
struct ScreenContext {
    var keymap: Keymap
    var users: [Int: String]
    /// The clock as the runtime last reported it.
    var now: Int64
    /// Where the screen draws: below the tab bar, above the status line.
    var area: Area
    var overlay: Overlay?
    var status: StatusMessage?
    /// The details of the file under the cursor show, beside the list or instead of it.
    var showingDetails: Bool
    var versionCounts: VersionCounts
    /// Where the local picker opens: the folder last browsed.
    var localFolder: String
    /// Set by a screen that sends the person to a tab (what is open over the tab closes).
    var tab: Tab?
    /// Set by a screen that sends the person to Files listed with this filter.
    var showFiles: FileFilter?
    /// Set by a screen that sends the person to Files to mark files to attach to this record.
    var markToAttach: EntityView?
    /// The way last chosen in the attach form, offered first.
    let lastAttachChoice: WayForm.Choice
    /// The record types offered: customers only when the account has them.
    let recordTypes: [EntityType]
    /// The last request number given out (`AppState.requests`).
    private(set) var requests: Int

    init(_ state: AppState) {
        keymap = state.keymap
        users = state.users
        now = state.now
        area = Area(top: 1, left: 0, height: max(0, state.rows - 2), width: state.columns)
        overlay = state.overlay
        status = state.status
        showingDetails = state.showingDetails
        versionCounts = state.versionCounts
        localFolder = state.localFolder
        requests = state.requests
        lastAttachChoice = state.lastAttachChoice
        recordTypes = state.recordTypes
    }

    /// A number no request asked before.
    mutating func newRequest() -> Int {
        requests += 1
        return requests
    }

    /// The shared state as the screen left it.
    func apply(to state: inout AppState) {
        state.overlay = overlay
        state.status = status
        state.showingDetails = showingDetails
        state.localFolder = localFolder
        state.requests = requests
    }
}

/// One screen over the tabs, with one life cycle: it handles keys, the wheel and
/// clicks, takes the answers meant for it, draws itself into an area and names what
/// its status line says. Opened screens are a stack over the tabs (`AppState.stack`).
protocol Screen: Sendable {
    /// Which screen it is, for the keys that act on it.
    var kind: ScreenKind { get }
    mutating func handle(_ action: KeyAction?, key: Key, _ context: inout ScreenContext) -> Outcome
    /// The wheel: the cursor moves by `delta` rows.
    mutating func scroll(by delta: Int, _ context: ScreenContext) -> [Effect]
    /// A click on screen row `row`; `double` does what Enter does.
    mutating func click(row: Int, double: Bool, _ context: inout ScreenContext) -> Outcome
    /// The area changed size: the cursor stays in view.
    mutating func fit(_ context: ScreenContext)
    /// What `/` narrowed the rows to ("" when every row shows); nil on a screen
    /// whose `/` is its own (Files and Trash search the server).
    var narrowing: String? { get }
    mutating func narrow(to text: String, _ context: ScreenContext)
    /// What the prompt of `/` says.
    var narrowPrompt: String { get }
    /// An answer of the runtime; nil when it is not for this screen.
    mutating func receive(_ answer: Action, _ context: inout ScreenContext) -> [Effect]?
    func draw(into surface: any Surface, _ context: ScreenContext)
    /// What the help calls the screen: "Versions of report.pdf".
    var name: String { get }
    /// The screen's own keys, in its own words, for the help.
    func keyHints(_ context: ScreenContext) -> [KeyHint]
    /// Where the cursor is: " 6 versions · 2/6".
    func position(_ context: ScreenContext) -> String
    /// What the status line says instead of the position while no message shows
    /// (the error of the failed transfer under the cursor); nil for the position.
    func notice(_ context: ScreenContext) -> StatusMessage?
}

extension Screen {
    func notice(_ context: ScreenContext) -> StatusMessage? { nil }

    var narrowPrompt: String { " Show only rows with: " }
}

enum Screens {
    /// The key hint of a title with no room for the screen's own.
    static let shortHint = "  (Esc back · ? keys)"

    /// The local picker, opened over a screen in the folder last browsed.
    static func openPicker(_ purpose: LocalPicker.Purpose, _ context: ScreenContext) -> Outcome {
        .open(.picker(PickerScreen(picker: LocalPicker(purpose: purpose, folder: context.localFolder))), [.listFolder(path: context.localFolder)])
    }
}

extension Surface {
    /// A screen's title on the first row of its area, whole where it can be, with as
    /// much of the key hint as fits after it: all of it, a short one (help lists the
    /// keys), or none.
    func drawTitle(_ text: String, keys: String, in area: Area) {
        let needed = TerminalText.width(TerminalText.sanitize(text))
        let hint = [keys, Screens.shortHint].first { needed + $0.count <= area.width } ?? ""
        // A long title loses its middle: the end of a name is what tells files apart.
        let title = TerminalText.fitMiddle(text, columns: area.width - hint.count)
        draw(title, row: area.top, column: area.left, width: area.width - hint.count, style: .header)
        if !hint.isEmpty { draw(hint, row: area.top, column: area.left + area.width - hint.count, width: hint.count, style: .dim) }
    }
}

/// A screen that is one list (versions, links, a record's files, local files,
/// transfers): the wheel, a resize and `/` work the same on all of them.
protocol ListScreen: Screen {
    associatedtype Rows: Narrowable
    var rows: Rows { get set }
    /// Where the rows are in the area: below the title and the column header.
    static func rowsArea(_ area: Area) -> (top: Int, height: Int)
}

extension ListScreen {
    static func rowsArea(_ area: Area) -> (top: Int, height: Int) {
        (area.top + 2, max(0, area.height - 2))
    }

    mutating func scroll(by delta: Int, _ context: ScreenContext) -> [Effect] {
        rows.scroll(by: delta, height: Self.rowsArea(context.area).height)
        return []
    }

    mutating func fit(_ context: ScreenContext) {
        rows.viewport.follow(count: rows.rowCount, height: Self.rowsArea(context.area).height)
    }

    var narrowing: String? { rows.narrowing }

    mutating func narrow(to text: String, _ context: ScreenContext) {
        rows.narrow(to: text, height: Self.rowsArea(context.area).height)
    }

    /// A movement key moves the cursor over the rows shown; false for any other key.
    mutating func move(_ action: KeyAction?, _ context: ScreenContext) -> Bool {
        let height = Self.rowsArea(context.area).height
        guard let delta = Reducer.movement(action, in: rows, height: height) else { return false }
        rows.scroll(by: delta, height: height)
        return true
    }

    /// A click on screen row `row` puts the cursor on the row drawn there; false when none is.
    mutating func select(screenRow row: Int, _ context: ScreenContext) -> Bool {
        let (top, height) = Self.rowsArea(context.area)
        return row >= top && rows.select(offset: row - top, height: height)
    }
}

/// The screens that open over a tab.
enum OpenScreen: Sendable, Equatable {
    case versions(VersionsScreen)
    case links(LinksScreen)
    case entity(EntityScreen)
    case picker(PickerScreen)
    case preview(PreviewScreen)
    case compare(CompareScreen)

    init?(_ screen: any Screen) {
        switch screen {
        case let screen as VersionsScreen: self = .versions(screen)
        case let screen as LinksScreen: self = .links(screen)
        case let screen as EntityScreen: self = .entity(screen)
        case let screen as PickerScreen: self = .picker(screen)
        case let screen as PreviewScreen: self = .preview(screen)
        case let screen as CompareScreen: self = .compare(screen)
        default: return nil
        }
    }

    var screen: any Screen {
        switch self {
        case .versions(let screen): screen
        case .links(let screen): screen
        case .entity(let screen): screen
        case .picker(let screen): screen
        case .preview(let screen): screen
        case .compare(let screen): screen
        }
    }

    /// Runs `body` on the screen inside, whatever its kind, and keeps what it changed.
    mutating func update<Result>(_ body: (inout any Screen) -> Result) -> Result {
        var changing = screen
        let result = body(&changing)
        if let changed = OpenScreen(changing) { self = changed }
        return result
    }
}
