import EmulatorTesting
import Foundation
import XCTest

/// What a newcomer runs into in the first hour, through the binary and the UI in tmux.
final class NewcomerTests: XCTestCase {
    private func uploaded(_ served: ServedEmulator, name: String, bytes: Data) throws -> String {
        let source = served.folder.appendingPathComponent(name)
        try bytes.write(to: source)
        let up = try Binary.run(["upload", source.path, "--json", "--account", served.accountURL], environment: served.env)
        XCTAssertEqual(up.status, 0, up.stderr)
        let files = try XCTUnwrap(JSONSerialization.jsonObject(with: Data(up.stdout.utf8)) as? [[String: Any]])
        return try XCTUnwrap(files.first?["uuid"] as? String)
    }

    func testOneLetterTargetsAndStandardOutputDownload() throws {
        let served = try ServedEmulator()
        defer { served.stop() }
        let bytes = Data((0..<50_000).map { UInt8(truncatingIfNeeded: $0 &* 7) })
        let uuid = try uploaded(served, name: "letters.bin", bytes: bytes)
        let here = served.folder.appendingPathComponent("here")
        try FileManager.default.createDirectory(at: here, withIntermediateDirectories: true)

        let oneLetter = try Binary.runShell("cd '\(here.path)' && '\(Binary.path)' download \(uuid) -o a --account \(served.accountURL)", environment: served.env)
        XCTAssertEqual(oneLetter.status, 0, oneLetter.stderr)
        XCTAssertEqual(try Data(contentsOf: here.appendingPathComponent("a")), bytes)

        let piped = try Binary.runShell("cd '\(here.path)' && '\(Binary.path)' download \(uuid) -o - --account \(served.accountURL) > piped.bin", environment: served.env)
        XCTAssertEqual(piped.status, 0, piped.stderr)
        XCTAssertEqual(try Data(contentsOf: here.appendingPathComponent("piped.bin")), bytes, "-o - writes the bytes to stdout")
        XCTAssertTrue(piped.stderr.contains("to standard output"), piped.stderr)
        XCTAssertFalse(FileManager.default.fileExists(atPath: here.appendingPathComponent("-").path))
        let left = try FileManager.default.contentsOfDirectory(atPath: here.path).sorted()
        XCTAssertEqual(left, ["a", "piped.bin"], "no temporary left behind")
    }

    func testTheUISavesToAOneLetterName() throws {
        let served = try ServedEmulator(arguments: ["--seed", "demo"])
        defer { served.stop() }
        let tmux = try TmuxSession(columns: 120, rows: 40, environment: ["AMOFILES_TOKEN": served.token])
        defer { tmux.close() }
        let here = tmux.home.appendingPathComponent("downloads")
        try FileManager.default.createDirectory(at: here, withIntermediateDirectories: true)
        try tmux.send("cd '\(here.path)' && \(Binary.path) --account \(served.accountURL); echo EXITED=$?", "Enter")
        tmux.waitFor("the first page") { $0.contains(" 100 files loaded") }
        try tmux.send("D")
        tmux.waitFor(text: "Save")
        try tmux.send("C-u")
        try tmux.send("-l", "q")
        try tmux.send("Enter")
        let screen = tmux.waitFor("the download") { $0.contains("Downloaded") }
        XCTAssertTrue(screen.contains(" to q ("), screen)
        XCTAssertNil(screen.range(of: #"EXITED=\d"#, options: .regularExpression), "the UI is still running: \(screen)")
        XCTAssertTrue(FileManager.default.fileExists(atPath: here.appendingPathComponent("q").path))
        try tmux.send("q")
        tmux.waitForExit()
    }

    func testKeysAtTwentyByFiveChangeNothing() throws {
        let served = try ServedEmulator(arguments: ["--seed", "demo"])
        defer { served.stop() }
        let tmux = try TmuxSession.ui(on: served)
        defer { tmux.close() }
        try tmux.resize(columns: 20, rows: 5)
        tmux.waitFor(text: "terminal too small")
        for key in ["j", "j", "v", "Space", "d"] { try tmux.send(key) }
        // Keys are read in order: once the last is said, the UI has had them all at this size.
        tmux.waitFor(text: "d ignored")
        try tmux.resize(columns: 120, rows: 40)
        let after = tmux.waitFor("the list again") { $0.contains(" 100 files loaded") }
        XCTAssertFalse(after.contains("trash?"), "no question waits: \(after)")
        XCTAssertFalse(after.contains("Versions of"), after)
        XCTAssertTrue(after.contains("files loaded · 1/100"), "the cursor did not move, nothing is marked: \(after)")
        try tmux.send("q")
        tmux.waitForExit()
    }

    func testAOneDayRangeFindsThatDaysFiles() throws {
        let served = try ServedEmulator()
        defer { served.stop() }
        let uuid = try uploaded(served, name: "today.txt", bytes: Data("made today".utf8))
        let info = try Binary.run(["info", uuid, "--json", "--account", served.accountURL], environment: served.env)
        let created = try XCTUnwrap((JSONSerialization.jsonObject(with: Data(info.stdout.utf8)) as? [String: Any])?["created_at"] as? Int)
        // The day the file was made, in the same local time the binary reads dates in.
        let formatter = DateFormatter()
        formatter.dateFormat = "yyyy-MM-dd"
        let day = formatter.string(from: Date(timeIntervalSince1970: TimeInterval(created)))
        let listed = try Binary.run(["ls", "--date-field", "created", "--since", day, "--until", day, "--account", served.accountURL], environment: served.env)
        XCTAssertEqual(listed.status, 0, listed.stderr)
        XCTAssertTrue(listed.stdout.contains(uuid), "\(day): \(listed.stdout)")
    }

    func testTheDemoSaysItsUploadsEndWithItAndLeavesNoJournal() throws {
        let tmux = try TmuxSession(columns: 120, rows: 40)
        defer { tmux.close() }
        let local = tmux.home.appendingPathComponent("local")
        try FileManager.default.createDirectory(at: local, withIntermediateDirectories: true)
        try Data(testBytes(24_000_000, seed: 81)).write(to: local.appendingPathComponent("demo-24mib.bin"))
        for ending in ["quit", "hangup"] {
            try tmux.send("clear; cd '\(local.path)' && \(Binary.path) demo --latency 150; echo EXITED=$?", "Enter")
            tmux.waitFor("the demo's first page") { $0.contains(" files loaded") }
            try tmux.send("U")
            tmux.waitFor(text: "demo-24mib.bin")
            try tmux.send("j")
            try tmux.send("Enter")
            tmux.waitFor("the upload going") { $0.contains("↑ demo-24mib.bin") }
            if ending == "quit" {
                try tmux.send("q")
                let question = tmux.waitFor(text: "1 upload running: demo-24mib.bin")
                XCTAssertTrue(question.contains("the demo's uploads end with it"), question)
                XCTAssertFalse(question.contains("resume next time"), question)
                try tmux.send("y")
            } else {
                let ui = try XCTUnwrap(tmux.shellChildren.first, "amofiles runs under the shell")
                kill(ui, SIGHUP)
            }
            let status = tmux.waitForExit()
            if ending == "quit" { XCTAssertEqual(status, "0") }
            let journal = tmux.journalFolder.path
            XCTAssertEqual((try? FileManager.default.contentsOfDirectory(atPath: journal)) ?? [], [], "\(ending): nothing of the demo in the journal")
            let listed = try Binary.run(["transfers"], environment: ["XDG_STATE_HOME": tmux.home.appendingPathComponent("state").path])
            XCTAssertFalse(listed.stdout.contains("demo-24mib.bin"), listed.stdout)
        }
    }

    /// A restore in Trash reloads Files: back there, the cursor is on its file. (The
    /// list is empty until the reload's first page, so no earlier screen passes the wait;
    /// C-r keeps it too, which the reducer tests show: a screen cannot tell it from before.)
    func testARestoreKeepsTheFilesCursorOnItsFile() throws {
        let served = try ServedEmulator(arguments: ["--seed", "demo"])
        defer { served.stop() }
        // The Files tab shows the service's order, which ls prints too.
        func uuids() throws -> [String] {
            let listed = try Binary.run(["ls", "--limit", "250", "--json", "--account", served.accountURL], environment: served.env)
            let page = try JSONSerialization.jsonObject(with: Data(listed.stdout.utf8)) as? [String: Any]
            return ((page?["_embedded"] as? [String: Any])?["files"] as? [[String: Any]] ?? []).compactMap { $0["uuid"] as? String }
        }
        func cursorRow(_ screen: String) -> Int? {
            (screen.firstMatch(of: /files loaded · (\d+)\//)?.1).flatMap { Int($0) }
        }
        let tmux = try TmuxSession.ui(on: served)
        defer { tmux.close() }
        for _ in 0..<40 { try tmux.send("j") }
        tmux.waitFor(text: "· 41/")
        let file = try uuids()[40]
        try tmux.send("2")
        tmux.waitFor("the trash loaded") { $0.contains("PURGE IN") && $0.contains(" files · 1/") }
        try tmux.send("u")
        tmux.waitFor(text: "Restored")
        try tmux.send("1")
        let screen = tmux.waitFor("Files again, the cursor back on its file") { (cursorRow($0) ?? 1) > 1 }
        let row = try XCTUnwrap(cursorRow(screen))
        XCTAssertEqual(try uuids()[row - 1], file, "row \(row) holds another file:\n\(screen)")
        try tmux.send("q")
        tmux.waitForExit()
    }

    func testActionsThatFindNothingToDoSaySo() throws {
        let served = try ServedEmulator()
        defer { served.stop() }
        let uuid = try uploaded(served, name: "twice.txt", bytes: Data("twice".utf8))
        func run(_ arguments: String...) throws -> String {
            let result = try Binary.run(arguments + ["--account", served.accountURL], environment: served.env)
            XCTAssertEqual(result.status, 0, "\(arguments): \(result.stderr)")
            return result.stdout
        }
        XCTAssertTrue(try run("rm", uuid).contains("Moved 1 file to the trash"))
        let again = try run("rm", uuid)
        XCTAssertTrue(again.contains("\(uuid) was already in the trash"), again)
        XCTAssertFalse(again.contains("Moved"), again)
        XCTAssertTrue(try run("restore", uuid).contains("Restored \(uuid)"))
        let restoredAgain = try run("restore", uuid)
        XCTAssertTrue(restoredAgain.contains("\(uuid) was already out of the trash"), restoredAgain)
        XCTAssertFalse(restoredAgain.contains("Restored"), restoredAgain)
        let detached = try run("detach", "lead", "22859207", uuid)
        XCTAssertTrue(detached.contains("\(uuid) was not attached to lead 22859207"), detached)
        XCTAssertFalse(detached.contains("Detached"), detached)
        _ = try run("attach", "lead", "22859207", uuid)
        XCTAssertTrue(try run("detach", "lead", "22859207", uuid).contains("Detached 1 file from lead 22859207"))
    }

    func testRenameSaysTheExtensionStays() throws {
        let served = try ServedEmulator()
        defer { served.stop() }
        let uuid = try uploaded(served, name: "offer.bin", bytes: Data("offer".utf8))
        func rename(_ name: String) throws -> (said: String, now: String) {
            let result = try Binary.run(["rename", uuid, name, "--account", served.accountURL], environment: served.env)
            XCTAssertEqual(result.status, 0, result.stderr)
            let info = try Binary.run(["info", uuid, "--json", "--account", served.accountURL], environment: served.env)
            let file = try JSONSerialization.jsonObject(with: Data(info.stdout.utf8)) as? [String: Any]
            return (result.stdout, file?["name"] as? String ?? "")
        }
        let other = try rename("новое имя.pdf")
        XCTAssertTrue(other.said.contains("новое имя.pdf.bin"), other.said)
        XCTAssertTrue(other.said.contains("The extension stays .bin"), other.said)
        let own = try rename("offer v2.bin")
        XCTAssertEqual(own.now, "offer v2", "the file's own extension typed is not doubled")
        XCTAssertFalse(own.said.contains("extension stays"), own.said)
    }

    func testTheFirstWordsOfTheCommandLine() throws {
        let unknown = try Binary.run(["nonsense"])
        XCTAssertEqual(unknown.status, 2)
        XCTAssertTrue(unknown.stderr.hasPrefix("amofiles: unknown command “nonsense”"), unknown.stderr)
        XCTAssertTrue(unknown.stderr.contains("Commands: browse, demo"), unknown.stderr)
        XCTAssertFalse(unknown.stderr.contains("amofiles browse ["), "not browse's usage: \(unknown.stderr)")

        let slip = try Binary.run(["lss"])
        XCTAssertEqual(slip.status, 2)
        XCTAssertTrue(slip.stderr.contains("did you mean `ls`?"), slip.stderr)
        XCTAssertTrue(try Binary.run(["versoins"]).stderr.contains("did you mean `versions`?"))

        let help = try Binary.run(["help", "nonsense"])
        XCTAssertEqual(help.status, 2, help.stdout)
        XCTAssertTrue(help.stderr.contains("unknown command “nonsense”"), help.stderr)
        XCTAssertEqual(try Binary.run(["help", "ls"]).status, 0)

        let version = try Binary.run(["--version"])
        XCTAssertEqual(version.status, 0, version.stderr)
        XCTAssertNotNil(version.stdout.firstMatch(of: /^\d+\.\d+\.\d+/), version.stdout)

        // No profile, no token: how to log in, and the demo that needs neither.
        let home = try Binary.makeHome()
        defer { try? FileManager.default.removeItem(at: home) }
        let bare = try Binary.run([], environment: Binary.isolated(home))
        XCTAssertEqual(bare.status, 2)
        XCTAssertTrue(bare.stderr.contains("amofiles login"), bare.stderr)
        XCTAssertTrue(bare.stderr.contains("`amofiles demo`"), bare.stderr)
    }

    /// Paths, names and filters typed on the command line, in the shapes that broke it
    /// before: each run ends with an answer or a clear refusal, never a crash.
    func testTypedPathsNamesAndFiltersNeverCrashTheBinary() throws {
        let served = try ServedEmulator()
        defer { served.stop() }
        let uuid = try uploaded(served, name: "shapes.bin", bytes: Data("shapes".utf8))
        let here = served.folder.appendingPathComponent("a/b")
        try FileManager.default.createDirectory(at: here, withIntermediateDirectories: true)
        let shapes = ["", "a", "q", "-", ".", "..", "../x", "./", "ab/", String(repeating: "x", count: 300), "\u{1B}[2J", "a\u{7}b",
                      "\u{202E}fdp.exe", "שלום.pdf", "😀", "-1", "1.5MB", "2026-02-30", "99999999999999999999"]
        for shape in shapes {
            let quoted = "'" + shape.replacingOccurrences(of: "'", with: "'\\''") + "'"
            for command in ["download \(uuid) --force -o \(quoted) > /dev/null", "rename \(uuid) \(quoted)", "ls --term \(quoted)",
                            "ls --name \(quoted)", "ls --ext \(quoted)", "ls --min-size \(quoted)", "ls --since \(quoted)", "ls --until \(quoted)",
                            "info \(quoted)", "versions \(quoted)"] {
                let script = "cd '\(here.path)' && '\(Binary.path)' \(command) --account \(served.accountURL)"
                let result = try Binary.runShell(script, environment: served.env)
                XCTAssertTrue([0, 1, 2].contains(result.status), "\(command): exit \(result.status)\n\(result.stderr)")
                XCTAssertFalse(result.stderr.contains("Fatal error") || result.stderr.contains("Program crashed"), "\(command): \(result.stderr)")
                if result.status != 0 { XCTAssertTrue(result.stderr.contains("amofiles: ") || result.stderr.contains("Error: "), "\(command): said why") }
            }
        }
    }

    /// A self-signed certificate and its key, good for a hundred years (made once with openssl for this test).
    private static let selfSignedPEM = """
-----BEGIN CERTIFICATE-----
MIIBhjCCAS2gAwIBAgIUJPnGefht7WkbPvHPUIOPhGV5fNkwCgYIKoZIzj0EAwIw
GDEWMBQGA1UEAwwNYW1vZmlsZXMgdGVzdDAgFw0yNjEyMDQxNTM4MjFaGA8yMTI2
MTExMDE1MzgyMVowGDEWMBQGA1UEAwwNYW1vZmlsZXMgdGVzdDBZMBMGByqGSM49
AgEGCCqGSM49AwEHA0IABDCn1r8XrEbR5XQlykDlFt1jWJ0H0bCKuA6ST0e3ua7f
xncVKUGKGR4RUsHIZL5NLQd02WPc/LenwY6iX1yYRfijUzBRMB0GA1UdDgQWBBRP
gGv1qmP7bOA0Hi/uzglEzMGLjzAfBgNVHSMEGDAWgBRPgGv1qmP7bOA0Hi/uzglE
zMGLjzAPBgNVHRMBAf8EBTADAQH/MAoGCCqGSM49BAMCA0cAMEQCIE35nJutKCQd
AJFSz8HbFPPokXkhohedt7xn4sdH4ZaKAiAGtEVTzbHkMB1QC9fEcKg9nCVxyCFJ
ab+6Ef9Or7d40g==
-----END CERTIFICATE-----
-----BEGIN PRIVATE KEY-----
MIGHAgEAMBMGByqGSM49AgEGCCqGSM49AwEHBG0wawIBAQQg6KcXa9LhQu+U/e92
PJVNG0V38+kbmoQHaePQx71JMtGhRANCAAQwp9a/F6xG0eV0JcpA5RbdY1idB9Gw
irgOkk9Ht7mu38Z3FSlBihkeEVLByGS+TS0HdNlj3Py3p8GOol9cmEX4
-----END PRIVATE KEY-----
"""

    func testARefusedCertificateIsFinalAndNamesTheHost() throws {
        let folder = try Binary.makeHome()
        defer { try? FileManager.default.removeItem(at: folder) }
        let pem = folder.appendingPathComponent("server.pem")
        try Self.selfSignedPEM.write(to: pem, atomically: true, encoding: .utf8)
        let server = Process()
        server.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        let portFile = folder.appendingPathComponent("port")
        server.arguments = ["python3", "-c", """
            import http.server, os, ssl, sys
            server = http.server.HTTPServer(("127.0.0.1", 0), http.server.BaseHTTPRequestHandler)
            context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
            context.load_cert_chain(sys.argv[1])
            server.socket = context.wrap_socket(server.socket, server_side=True)
            with open(sys.argv[2] + ".tmp", "w") as f: f.write(str(server.server_address[1]))
            os.rename(sys.argv[2] + ".tmp", sys.argv[2])
            server.serve_forever()
            """, pem.path, portFile.path]
        server.standardOutput = FileHandle.nullDevice
        server.standardError = FileHandle.nullDevice
        try server.run()
        defer { server.terminate(); server.waitUntilExit() }
        let deadline = Date().addingTimeInterval(30)
        while !FileManager.default.fileExists(atPath: portFile.path) {
            guard server.isRunning, Date() < deadline else { throw HarnessError(reason: "the TLS server did not start") }
            usleep(20_000)
        }
        let port = try XCTUnwrap(Int(String(contentsOf: portFile, encoding: .utf8)))

        let result = try Binary.run(["ls", "--account", "https://127.0.0.1:\(port)"], environment: ["AMOFILES_TOKEN": "a-token-for-the-test"])
        XCTAssertEqual(result.status, 3, result.stderr)
        XCTAssertFalse(result.stderr.contains("trying again"), "a certificate is not retried: \(result.stderr)")
        XCTAssertEqual(result.stderr.split(separator: "\n").count, 1, "one message: \(result.stderr)")
        XCTAssertTrue(result.stderr.contains("certificate of 127.0.0.1 was not accepted"), result.stderr)
        XCTAssertTrue(result.stderr.contains("self-signed"), result.stderr)
    }
}
