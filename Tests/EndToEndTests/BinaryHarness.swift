import Foundation
import XCTest

/// Runs the built `amofiles` binary the way a user's shell would.
enum Binary {
    /// The `amofiles` built beside the test bundle.
    static var path: String {
        let folder = Bundle.main.bundleURL.path.hasSuffix(".xctest") ? Bundle.main.bundleURL.deletingLastPathComponent() : Bundle.main.bundleURL
        return folder.appendingPathComponent("amofiles").path
    }

    struct Result {
        var status: Int32
        var stdout: String
        var stderr: String
    }

    /// Runs a bash script (pipes, redirections) in the same environment as `run`.
    static func runShell(_ script: String, environment: [String: String] = [:], timeout: TimeInterval = 120) throws -> Result {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/bash")
        process.arguments = ["-c", script]
        process.environment = Self.environment(environment)
        let out = Pipe(), err = Pipe()
        process.standardOutput = out
        process.standardError = err
        process.standardInput = FileHandle.nullDevice
        try process.run()
        let collected = ReadBoth(out: out, err: err)
        try process.finish(within: timeout)
        let (stdout, stderr) = collected.finish()
        return Result(status: process.terminationStatus, stdout: stdout, stderr: stderr)
    }

    /// Variables of the user's own setup that would reach into a test run.
    static let scrubbed = ["AMOFILES_TOKEN", "AMOFILES_ACCOUNT", "AMOFILES_PROFILE", "AMOFILES_REFRESH_TOKEN", "NO_COLOR"]

    /// The folders a fresh home starts with.
    static let homeFolders = ["config", "state", "cache", "tmp"]

    /// A fresh folder to be a program's home.
    static func makeHome() throws -> URL {
        let home = FileManager.default.temporaryDirectory.appendingPathComponent("amofiles-home-\(UUID().uuidString.prefix(8))")
        for sub in homeFolders {
            try FileManager.default.createDirectory(at: home.appendingPathComponent(sub), withIntermediateDirectories: true)
        }
        return home
    }

    /// The variables that put a program's configuration, journal, cache and temporaries in `home`.
    static func isolated(_ home: URL) -> [String: String] {
        ["HOME": home.path, "XDG_CONFIG_HOME": home.appendingPathComponent("config").path,
         "XDG_STATE_HOME": home.appendingPathComponent("state").path, "XDG_CACHE_HOME": home.appendingPathComponent("cache").path,
         "TMPDIR": home.appendingPathComponent("tmp").path,
         "LANG": "C.UTF-8"]
    }

    /// One home for the binaries this test process runs outside tmux, unless a test gives its own folders.
    static let sharedHome: URL = (try? makeHome()) ?? FileManager.default.temporaryDirectory

    /// The environment of a run: the runner's, scrubbed, in the shared home, with `extra` over it.
    static func environment(_ extra: [String: String]) -> [String: String] {
        var env = ProcessInfo.processInfo.environment
        for name in scrubbed { env.removeValue(forKey: name) }
        return env.merging(isolated(sharedHome)) { $1 }.merging(extra) { $1 }
    }

    /// The processes whose parent is `parent`, read from /proc.
    static func children(of parent: pid_t) -> [pid_t] {
        let entries = (try? FileManager.default.contentsOfDirectory(atPath: "/proc")) ?? []
        return entries.compactMap(pid_t.init).filter { pid in
            guard let stat = try? String(contentsOfFile: "/proc/\(pid)/stat", encoding: .utf8),
                  let close = stat.range(of: ")", options: .backwards) else { return false }
            let fields = stat[close.upperBound...].split(separator: " ")
            return fields.count > 1 && pid_t(fields[1]) == parent
        }
    }

    /// Starts the binary in the background (to be signalled or killed); stderr goes to `stderr` when given.
    static func start(_ arguments: [String], environment: [String: String], stderr: Pipe? = nil) throws -> Process {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: path)
        process.arguments = arguments
        process.environment = Self.environment(environment)
        process.standardOutput = FileHandle.nullDevice
        process.standardError = stderr ?? FileHandle.nullDevice
        try process.run()
        return process
    }

    /// Runs to completion (with a generous timeout) and captures both streams.
    static func run(_ arguments: [String], environment: [String: String] = [:], stdin: String? = nil, timeout: TimeInterval = 120) throws -> Result {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: path)
        process.arguments = arguments
        process.environment = Self.environment(environment)
        let out = Pipe(), err = Pipe(), input = Pipe()
        process.standardOutput = out
        process.standardError = err
        process.standardInput = input
        try process.run()
        if let stdin { input.fileHandleForWriting.write(Data(stdin.utf8)) }
        try input.fileHandleForWriting.close()
        let collected = ReadBoth(out: out, err: err)
        try process.finish(within: timeout)
        let (stdout, stderr) = collected.finish()
        return Result(status: process.terminationStatus, stdout: stdout, stderr: stderr)
    }
}

/// Drains both pipes while the process runs, so a full pipe never blocks it.
private final class ReadBoth: @unchecked Sendable {
    private var outData = Data(), errData = Data()
    private let group = DispatchGroup()

    init(out: Pipe, err: Pipe) {
        for (pipe, isOut) in [(out, true), (err, false)] {
            group.enter()
            DispatchQueue.global().async {
                let data = pipe.fileHandleForReading.readDataToEndOfFile()
                if isOut { self.outData = data } else { self.errData = data }
                self.group.leave()
            }
        }
    }

    func finish() -> (String, String) {
        group.wait()
        return (String(decoding: outData, as: UTF8.self), String(decoding: errData, as: UTF8.self))
    }
}

/// `amofiles serve` in the background, stopped with SIGTERM.
final class ServedEmulator {
    let process = Process()
    let accountURL: String
    let token: String
    let folder: URL
    let ready: [String: Any]
    /// The emulator's log: a line per request answered and per download served.
    var log: String { folder.appendingPathComponent("emulator.log").path }

    /// `folder` of an earlier run (stopped keeping it) starts the service again on its data.
    init(arguments: [String] = [], folder: URL? = nil, host: String = "127.0.0.1", ports: (account: Int, drive: Int) = (0, 0)) throws {
        self.folder = folder ?? FileManager.default.temporaryDirectory.appendingPathComponent("amofiles-e2e-\(UUID().uuidString.prefix(8))")
        try FileManager.default.createDirectory(at: self.folder, withIntermediateDirectories: true)
        let readyFile = self.folder.appendingPathComponent("ready.json")
        try? FileManager.default.removeItem(at: readyFile)
        process.executableURL = URL(fileURLWithPath: Binary.path)
        process.arguments = ["serve", "--host", host, "--port", "\(ports.account)", "--drive-port", "\(ports.drive)",
                             "--ready-file", readyFile.path, "--data", self.folder.appendingPathComponent("data").path,
                             "--log-file", self.folder.appendingPathComponent("emulator.log").path] + arguments
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        let deadline = Date().addingTimeInterval(60)
        while !FileManager.default.fileExists(atPath: readyFile.path) {
            guard process.isRunning, Date() < deadline else { throw HarnessError(reason: "amofiles serve did not become ready") }
            usleep(50_000)
        }
        ready = try XCTUnwrap(JSONSerialization.jsonObject(with: Data(contentsOf: readyFile)) as? [String: Any])
        accountURL = try XCTUnwrap(ready["account_url"] as? String)
        token = try XCTUnwrap(ready["token"] as? String)
    }

    var env: [String: String] { ["AMOFILES_TOKEN": token] }

    /// Stops with SIGTERM and returns the exit status (0 is a clean shutdown).
    @discardableResult
    func stop(keepingFolder: Bool = false) -> Int32 {
        if process.isRunning {
            process.terminate()
            try? process.finish(within: 20)
        }
        if !keepingFolder { try? FileManager.default.removeItem(at: folder) }
        return process.terminationStatus
    }

    deinit { if process.isRunning { process.terminate() } }
}

extension TmuxSession {
    /// The UI on `served` in a fresh tmux session, its first page in.
    static func ui(on served: ServedEmulator) throws -> TmuxSession {
        let tmux = try TmuxSession(columns: 120, rows: 40, environment: ["AMOFILES_TOKEN": served.token])
        try tmux.send("\(Binary.path) --account \(served.accountURL); echo EXITED=$?", "Enter")
        tmux.waitFor("the first page") { $0.contains(" 100 files loaded") }
        return tmux
    }
}

extension Process {
    /// Waits for the process to end; past `seconds` it is killed and the test fails
    /// instead of hanging the whole run.
    func finish(within seconds: TimeInterval) throws {
        let deadline = Date().addingTimeInterval(seconds)
        while isRunning, Date() < deadline { usleep(10_000) }
        if isRunning {
            kill(processIdentifier, SIGKILL)
            waitUntilExit()
            let command = ([executableURL?.lastPathComponent ?? "?"] + (arguments ?? [])).joined(separator: " ")
            throw HarnessError(reason: "\(command) did not finish in \(Int(seconds)) s")
        }
        waitUntilExit()
    }
}

struct HarnessError: Error, CustomStringConvertible {
    var reason: String
    var description: String { reason }
}

/// A loopback port bound and never listened on: connections to it are refused while
/// `fd` stays open, and nothing else can take it meanwhile.
enum LoopbackPort {
    static func reserve() throws -> (fd: Int32, port: Int) {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        let bound = withUnsafeMutablePointer(to: &address) { pointer in
            pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(fd, $0, length) == 0 && getsockname(fd, $0, &length) == 0 }
        }
        guard bound else {
            close(fd)
            throw HarnessError(reason: "no free loopback port")
        }
        return (fd, Int(UInt16(bigEndian: address.sin_port)))
    }
}

extension XCTestCase {
    /// A port that refuses connections for the rest of the test.
    func closedPort() throws -> Int {
        let (fd, port) = try LoopbackPort.reserve()
        addTeardownBlock { close(fd) }
        return port
    }
}

/// A command's JSON object, after checking it succeeded.
func jsonObject(_ result: Binary.Result, file: StaticString = #filePath, line: UInt = #line) throws -> [String: Any] {
    XCTAssertEqual(result.status, 0, result.stderr, file: file, line: line)
    return try XCTUnwrap(JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any], file: file, line: line)
}
