import Foundation
import XCTest

/// A shell in a detached tmux session of a fixed size, driven by keys and read
/// back as the text on screen.
final class TmuxSession {
    let name = "amofiles-test-\(UUID().uuidString.prefix(8))"

    init(columns: Int = 100, rows: Int = 30, environment: [String: String] = [:]) throws {
        let exports = (["LANG": "C.UTF-8", "TERM": "xterm-256color", "PS1": "$ "].merging(environment) { $1 })
            .map { "\($0.key)='\($0.value)'" }.joined(separator: " ")
        try Self.tmux(["new-session", "-d", "-s", name, "-x", "\(columns)", "-y", "\(rows)", "env \(exports) bash --norc --noprofile"])
    }

    /// Types `text` (tmux key names such as Enter, Escape, C-c are sent as keys).
    func send(_ keys: String...) throws {
        try Self.tmux(["send-keys", "-t", name] + keys)
    }

    func resize(columns: Int, rows: Int) throws {
        try Self.tmux(["resize-window", "-t", name, "-x", "\(columns)", "-y", "\(rows)"])
    }

    var screen: String {
        (try? Self.tmux(["capture-pane", "-p", "-t", name])) ?? ""
    }

    /// The screen with its SGR escapes (colours and attributes) as tmux keeps them.
    var screenWithAttributes: String {
        (try? Self.tmux(["capture-pane", "-e", "-p", "-t", name])) ?? ""
    }

    var title: String {
        (try? Self.tmux(["display-message", "-p", "-t", name, "#{pane_title}"]))?.trimmingCharacters(in: .whitespacesAndNewlines) ?? ""
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
    }

    @discardableResult
    private static func tmux(_ arguments: [String]) throws -> String {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["tmux"] + arguments
        let out = Pipe()
        process.standardOutput = out
        process.standardError = FileHandle.nullDevice
        try process.run()
        let data = out.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else { throw HarnessError(reason: "tmux \(arguments.first ?? "") failed") }
        return String(decoding: data, as: UTF8.self)
    }
}
