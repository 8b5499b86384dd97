import Foundation
import XCTest

/// A shell in a detached tmux session of a fixed size, driven by keys and read
/// back as the text on screen.
///
/// The shell gets a home of its own (HOME, XDG_CONFIG_HOME, XDG_STATE_HOME, TMPDIR
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

    var title: String {
        capture(["display-message", "-p", "-t", name, "#{pane_title}"]).trimmingCharacters(in: .whitespacesAndNewlines)
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

    func close() {
        _ = try? Self.tmux(["kill-session", "-t", name])
        try? FileManager.default.removeItem(at: home)
    }

    /// A tmux server of the test run's own, without the user's configuration.
    private static let socket = "amofiles-tests-\(getpid())"

    /// Runs one tmux command and returns what it printed; gives up after 10 s
    /// rather than hang the test run.
    ///
    /// Not through Foundation's Process: the command that starts the server forks
    /// it, the server keeps every descriptor it inherits for its whole life, and
    /// Process learns that its child ended from a socket the child holds, so it
    /// would wait for the server to end. Here the child gets stdin, stdout, stderr
    /// and nothing else, and is reaped with waitpid.
    @discardableResult
    private static func tmux(_ arguments: [String]) throws -> String {
        let argv = ["tmux", "-L", socket, "-f", "/dev/null"] + arguments
        var output: [Int32] = [0, 0]
        guard pipe(&output) == 0 else { throw HarnessError(reason: "pipe: \(errno)") }
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        posix_spawn_file_actions_adddup2(&actions, output[1], 1)
        posix_spawn_file_actions_addopen(&actions, 2, "/dev/null", O_WRONLY, 0)
        // Every other descriptor of ours is closed in the child (the pipe's ends included).
        let open = (try? FileManager.default.contentsOfDirectory(atPath: "/proc/self/fd")) ?? []
        for fd in open.compactMap(Int32.init) where fd > 2 { posix_spawn_file_actions_addclose(&actions, fd) }
        var cArguments = argv.map { strdup($0) } + [nil]
        defer { cArguments.forEach { free($0) } }
        var pid: pid_t = 0
        let spawned = posix_spawnp(&pid, "tmux", &actions, nil, &cArguments, environ)
        Glibc.close(output[1])
        defer { Glibc.close(output[0]) }
        guard spawned == 0 else { throw HarnessError(reason: "tmux could not start: \(spawned)") }

        var printed = Data()
        var buffer = [UInt8](repeating: 0, count: 65536)
        var status: Int32 = 0
        let deadline = Date().addingTimeInterval(10)
        _ = fcntl(output[0], F_SETFL, O_NONBLOCK)
        while true {
            let count = read(output[0], &buffer, buffer.count)
            if count > 0 { printed.append(contentsOf: buffer[..<count]); continue }
            if waitpid(pid, &status, WNOHANG) == pid { break }
            guard Date() < deadline else {
                kill(pid, SIGKILL)
                waitpid(pid, &status, 0)
                throw HarnessError(reason: "tmux \(arguments.first ?? "") did not finish in 10 s")
            }
            usleep(2_000)
        }
        while case let count = read(output[0], &buffer, buffer.count), count > 0 { printed.append(contentsOf: buffer[..<count]) }
        // WIFEXITED and WEXITSTATUS are macros Swift does not import.
        guard status & 0x7f == 0, (status >> 8) & 0xff == 0 else {
            throw HarnessError(reason: "tmux \(arguments.first ?? "") failed")
        }
        return String(decoding: printed, as: UTF8.self)
    }
}
