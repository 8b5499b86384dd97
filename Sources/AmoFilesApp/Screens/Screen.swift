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
}

/// What a screen may read and change of the shared state while it handles a key or
/// draws: built for each call, so no screen holds the whole `AppState`.
struct ScreenContext {
    var keymap: Keymap
    var users: [Int: String]
    /// Where the screen draws: below the tab bar, above the status line.
    var area: Area
    var overlay: Overlay?
    var status: StatusMessage?

    init(_ state: AppState) {
        keymap = state.keymap
        users = state.users
        area = Area(top: 1, left: 0, height: max(0, state.rows - 2), width: state.columns)
        overlay = state.overlay
        status = state.status
    }

    /// The overlay and the status line, as the screen left them.
    func apply(to state: inout AppState) {
        state.overlay = overlay
        state.status = status
    }
}

/// One screen over the tabs, with one life cycle: it handles keys, the wheel and
/// clicks, takes the answers meant for it, draws itself into an area and names what
/// its status line says. Opened screens are a stack over the tabs (`AppState.stack`).
protocol Screen: Sendable, Equatable {
    mutating func handle(_ action: KeyAction?, key: Key, _ context: inout ScreenContext) -> Outcome
    /// The wheel: the cursor moves by `delta` rows.
    mutating func scroll(by delta: Int, _ context: ScreenContext) -> [Effect]
    /// A click `row` rows below the top of the area; `double` does what Enter does.
    mutating func click(row: Int, double: Bool, _ context: inout ScreenContext) -> [Effect]
    /// An answer of the runtime; nil when it is not for this screen.
    mutating func receive(_ answer: Action, _ context: inout ScreenContext) -> [Effect]?
    func draw(into surface: any Surface, _ context: ScreenContext)
    /// Where the cursor is: " 6 versions · 2/6".
    func position(_ context: ScreenContext) -> String
}

/// The screens that open over a tab.
enum OpenScreen: Sendable, Equatable {
    case versions(VersionsScreen)

    /// Runs `body` on the screen inside, whatever its kind, and keeps what it changed.
    mutating func update<Result>(_ body: (inout any Screen) -> Result) -> Result {
        switch self {
        case .versions(let screen):
            var any: any Screen = screen
            let result = body(&any)
            if let changed = any as? VersionsScreen { self = .versions(changed) }
            return result
        }
    }

    var screen: any Screen {
        switch self {
        case .versions(let screen): screen
        }
    }
}
