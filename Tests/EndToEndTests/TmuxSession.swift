import Foundation
import XCTest

/// A shell in a detached tmux session of a fixed size, driven by keys and read
/// back as the text on screen.
///
/// The shell gets a home of its own (HOME, XDG_CONFIG_HOME, XDG_STATE_HOME, XDG_CACHE_HOME, TMPDIR
/// in a fresh folder, AMOFILES_* unset), so a developer's keymap, profiles or
/// journal never change what a test sees; `environment` overrides any of it.
final class TmuxSession {
    let name = "amofiles-test-\(UUID().uuidString.prefix(8))"
    /// The session's private home, removed by `close()`.
    let home: URL

    init(columns: Int = 100, rows: Int = 30, environment: [String: String] = [:]) throws {
        home = try Binary.makeHome()
        let exports = (Binary.isolated(home).merging(["TERM": "xterm-256color", "PS1": "$ "]) { $1 }.merging(environment) { $1 })
            .map { "\($0.key)='\($0.value)'" }.sorted().joined(separator: " ")
        let unset = Binary.scrubbed.map { "-u \($0)" }.joined(separator: " ")
        try Self.tmux(["new-session", "-d", "-s", name, "-x", "\(columns)", "-y", "\(rows)", "env \(unset) \(exports) bash --norc --noprofile"])
    }

    /// The upload journal of programs run in this session (unless `environment` moved XDG_STATE_HOME).
    var journalFolder: URL { home.appendingPathComponent("state/amofiles/uploads") }

    /// The processes the shell started: the program running in the foreground.
    var shellChildren: [pid_t] {
        guard let text = try? Self.tmux(["display-message", "-p", "-t", name, "#{pane_pid}"]),
              let shell = pid_t(text.trimmingCharacters(in: .whitespacesAndNewlines)) else { return [] }
        return Binary.children(of: shell)
    }

    /// Types `text` (tmux key names such as Enter, Escape, C-c are sent as keys).
    func send(_ keys: String...) throws {
        try Self.tmux(["send-keys", "-t", name] + keys)
    }

    func resize(columns: Int, rows: Int) throws {
        try Self.tmux(["resize-window", "-t", name, "-x", "\(columns)", "-y", "\(rows)"])
    }

    /// The text on screen. A tmux that cannot say fails the test: an empty screen
    /// would pass every "this is not shown" check without looking.
    var screen: String { capture(["capture-pane", "-p", "-t", name]) }

    /// The screen with its SGR escapes (colours and attributes) as tmux keeps them.
    var screenWithAttributes: String { capture(["capture-pane", "-e", "-p", "-t", name]) }

    var title: String { pane("pane_title") }

    /// One of tmux's format variables of the pane: `alternate_on`, `mouse_any_flag`, ...
    func pane(_ variable: String) -> String {
        capture(["display-message", "-p", "-t", name, "#{\(variable)}"]).trimmingCharacters(in: .whitespacesAndNewlines)
    }

    private func capture(_ arguments: [String]) -> String {
        do {
            return try Self.tmux(arguments)
        } catch {
            XCTFail("tmux could not read the session: \(error)")
            return ""
        }
    }

    /// Polls the screen until `predicate` holds; fails the test with the last screen otherwise.
    @discardableResult
    func waitFor(_ what: String, timeout: TimeInterval = 20, file: StaticString = #filePath, line: UInt = #line,
                 _ predicate: (String) -> Bool) -> String {
        let deadline = Date().addingTimeInterval(timeout)
        var last = ""
        while Date() < deadline {
            last = screen
            if predicate(last) { return last }
            usleep(50_000)
        }
        XCTFail("timed out waiting for \(what); the screen was:\n\(last)", file: file, line: line)
        return last
    }

    @discardableResult
    func waitFor(text: String, timeout: TimeInterval = 20, file: StaticString = #filePath, line: UInt = #line) -> String {
        waitFor("\"\(text)\"", timeout: timeout, file: file, line: line) { $0.contains(text) }
    }

    /// Waits for the `echo EXITED=$?` a test typed after a command, and gives the
    /// status it printed (the typed command line itself never matches).
    @discardableResult
    func waitForExit(timeout: TimeInterval = 20, file: StaticString = #filePath, line: UInt = #line) -> String {
        let pattern = #"EXITED=(\d+)"#
        let screen = waitFor("the command to exit", timeout: timeout, file: file, line: line) {
            $0.range(of: pattern, options: .regularExpression) != nil
        }
        guard let found = screen.range(of: pattern, options: .regularExpression) else { return "" }
        return String(screen[found].dropFirst("EXITED=".count))
    }

    func close() {
        _ = try? Self.tmux(["kill-session", "-t", name])
        try? FileManager.default.removeItem(at: home)
    }

    /// A tmux server of the test run's own, without the user's configuration.
    private static let socket = "amofiles-tests-\(getpid())"

    /// Runs one tmux command and returns what it printed; gives up after 10 s
    /// rather than hang the test run. Spawned clean (see `CleanSpawn`): the command
    /// that starts the server forks it, and the server lives on.
    @discardableResult
    private static func tmux(_ arguments: [String]) throws -> String {
        let (status, printed) = try CleanSpawn.run(["tmux", "-L", socket, "-f", "/dev/null"] + arguments, within: 10)
        guard status == 0 else { throw HarnessError(reason: "tmux \(arguments.first ?? "") failed") }
        return printed
    }
}
