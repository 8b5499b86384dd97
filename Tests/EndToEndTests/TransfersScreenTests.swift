import EmulatorTesting
import Foundation
import TerminalUI
import XCTest

/// Uploads from the local picker, watched in the Transfers tab, in tmux against
/// `amofiles serve --seed demo` with a delay on every answer so the bars have time
/// to move; the emulator is asked through the command line whether it agrees.
final class TransfersScreenTests: XCTestCase {
    private var served: ServedEmulator!
    private var tmux: TmuxSession!
    private var local: URL!
    private var state: URL!

    override func setUpWithError() throws {
        served = try ServedEmulator(arguments: ["--seed", "demo", "--latency", "60"])
        local = served.folder.appendingPathComponent("local")
        state = served.folder.appendingPathComponent("state")
        try FileManager.default.createDirectory(at: local, withIntermediateDirectories: true)
        tmux = try TmuxSession(columns: 120, rows: 40, environment: ["AMOFILES_TOKEN": served.token, "XDG_STATE_HOME": state.path])
    }

    override func tearDown() {
        tmux?.close()
        served?.stop()
    }

    private var command: String { "cd \(local.path) && \(Binary.path) --account \(served.accountURL)" }

    private func openUI() throws {
        try tmux.send(command + "; echo EXITED=$?", "Enter")
        tmux.waitFor("the first page") { $0.contains(" 100 files loaded") }
    }

    private func write(_ name: String, size: Int, seed: UInt64) throws -> Data {
        let data = Data(testBytes(size, seed: seed))
        try data.write(to: local.appendingPathComponent(name))
        return data
    }

    private func cli(_ arguments: [String]) throws -> Any {
        let result = try Binary.run(arguments + ["--json", "--account", served.accountURL], environment: served.env)
        XCTAssertEqual(result.status, 0, result.stderr)
        return try JSONSerialization.jsonObject(with: Data(result.stdout.utf8))
    }

    /// Drive files named `name` (the name filter takes it without the extension).
    private func files(named name: String) throws -> [[String: Any]] {
        let page = try cli(["ls", "--name", (name as NSString).deletingPathExtension]) as? [String: Any]
        return ((page?["_embedded"] as? [String: Any])?["files"] as? [[String: Any]]) ?? []
    }

    /// The bytes of a drive file, downloaded by the command line.
    private func downloaded(_ uuid: String) throws -> Data? {
        let target = served.folder.appendingPathComponent("check-\(UUID().uuidString.prefix(6))").path
        let result = try Binary.run(["download", uuid, "-o", target, "--account", served.accountURL], environment: served.env)
        XCTAssertEqual(result.status, 0, result.stderr)
        return FileManager.default.contents(atPath: target)
    }

    /// A percentage strictly between 0 and 100 on the row of `name`.
    private static func midway(_ screen: String, _ name: String) -> Bool {
        screen.split(separator: "\n").contains { line in
            guard line.contains(name), let match = line.firstMatch(of: /\]\s+(\d+)%/), let percent = Int(match.1) else { return false }
            return percent > 0 && percent < 100
        }
    }

    func testTwoLocalFilesUploadedFromThePickerWithMovingBars() throws {
        let big = try write("bulk-6mib.bin", size: 6_500_000, seed: 71)
        let small = try write("small.txt", size: 3000, seed: 72)
        try openUI()
        try tmux.send("U")
        tmux.waitFor(text: "Upload from \(local.path)")
        tmux.waitFor(text: "small.txt")
        try tmux.send("j")
        try tmux.send("Space")
        try tmux.send("Space")
        tmux.waitFor(text: "2 marked")
        try tmux.send("Enter")
        tmux.waitFor("the big file's bar midway") { Self.midway($0, "bulk-6mib.bin") }
        let end = tmux.waitFor("both done", timeout: 60) { $0.contains("2/2 done") }
        XCTAssertTrue(end.contains("  100%  "), "the total reached 100%:\n\(end)")

        for (name, data) in [("bulk-6mib.bin", big), ("small.txt", small)] {
            let found = try files(named: name)
            XCTAssertEqual(found.count, 1, name)
            XCTAssertEqual(found.first?["size"] as? Int, data.count, name)
        }
        let uuid = try XCTUnwrap(try files(named: "bulk-6mib.bin").first?["uuid"] as? String)
        XCTAssertEqual(try downloaded(uuid), big, "the bytes came back the same")
        try tmux.send("1")
        let screen = tmux.waitFor(text: "bulk-6mib.bin")
        XCTAssertTrue(screen.contains(Quantities.bytes(Int64(big.count))), screen)
    }

    func testAFolderPushedTwiceSendsNothingTheSecondTimeAndAChangedFileAsANewVersion() throws {
        let folder = local.appendingPathComponent("push-me")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        for (index, name) in ["push-a.txt", "push-b.txt", "push-c.txt"].enumerated() {
            try Data(testBytes(2000 + index, seed: UInt64(80 + index))).write(to: folder.appendingPathComponent(name))
        }
        try openUI()
        func pushFolder() throws {
            try tmux.send("U")
            tmux.waitFor(text: "push-me/")
            try tmux.send("j")  // below ..
            try tmux.send("U")
        }
        try pushFolder()
        tmux.waitFor(text: "Upload 3 files (\(Quantities.bytes(6003))) from “push-me”?")
        try tmux.send("y")
        tmux.waitFor("the three done", timeout: 60) { $0.contains("3/3 done") }
        for name in ["push-a.txt", "push-b.txt", "push-c.txt"] { XCTAssertEqual(try files(named: name).count, 1, name) }

        try pushFolder()
        tmux.waitFor(text: "Nothing to upload from “push-me”: its 3 files are unchanged since the last push.")

        let changed = Data(testBytes(2500, seed: 99))
        try changed.write(to: folder.appendingPathComponent("push-b.txt"))
        try pushFolder()
        let question = tmux.waitFor(text: "Upload 1 file (2.5 KB) from “push-me” (1 changed:")
        XCTAssertTrue(question.contains("2 unchanged since the last push?"), question)
        try tmux.send("y")
        tmux.waitFor("the new version done", timeout: 60) { $0.contains("4/4 done") }
        for name in ["push-a.txt", "push-b.txt", "push-c.txt"] {
            let found = try files(named: name)
            XCTAssertEqual(found.count, 1, "\(name): still one file")
            XCTAssertEqual(found.first?["has_multiple_versions"] as? Bool, name == "push-b.txt", name)
        }
        let uuid = try XCTUnwrap(try files(named: "push-b.txt").first?["uuid"] as? String)
        XCTAssertEqual(try downloaded(uuid), changed, "the new version is the changed file")
    }

    func testANewVersionFromThePickerBecomesTheActiveOne() throws {
        let data = try write("replacement.txt", size: 5000, seed: 73)
        let listing = try cli(["ls", "--limit", "1"]) as? [String: Any]
        let first = try XCTUnwrap(((listing?["_embedded"] as? [String: Any])?["files"] as? [[String: Any]])?.first)
        let uuid = try XCTUnwrap(first["uuid"] as? String)
        try openUI()
        try tmux.send("V")
        tmux.waitFor(text: "New version of ")
        tmux.waitFor(text: "replacement.txt")
        try tmux.send("G")
        try tmux.send("Enter")
        let question = tmux.waitFor(text: "Upload “replacement.txt” (5.0 KB) as the new active version of")
        XCTAssertTrue(question.contains("Its extension becomes .txt"), question)
        try tmux.send("y")
        tmux.waitFor("the upload done", timeout: 60) { $0.contains("done · 5.0 KB · a new version") }
        try tmux.send("1")
        try tmux.send("v")
        let versions = tmux.waitFor("the versions with the new one active") { screen in
            screen.split(separator: "\n").contains { $0.hasPrefix("*") && $0.contains("replacement.txt") }
        }
        XCTAssertTrue(versions.contains("Versions of "), versions)
        let info = try XCTUnwrap(try cli(["info", uuid]) as? [String: Any])
        XCTAssertEqual(info["size"] as? Int, data.count, "the drive says the new version is the active one")
        XCTAssertEqual(try downloaded(uuid), data)
    }

    /// Parts the journal says the service has accepted, and how many uploads it holds.
    private func journal() -> (parts: Int, uploads: Int) {
        let folder = state.appendingPathComponent("amofiles/uploads")
        let names = ((try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []).filter { $0.hasSuffix(".json") }
        let parts = names.compactMap { name -> Int? in
            guard let data = FileManager.default.contents(atPath: folder.appendingPathComponent(name).path),
                  let record = try? JSONSerialization.jsonObject(with: data) as? [String: Any] else { return nil }
            return record["partsAccepted"] as? Int
        }
        return (parts.max() ?? 0, names.count)
    }

    /// Starts uploading `name` from the picker and waits until `parts` parts are in.
    private func startUpload(_ name: String, parts: Int) throws {
        try tmux.send("U")
        tmux.waitFor(text: name)
        try tmux.send("j")
        try tmux.send("Enter")
        let deadline = Date().addingTimeInterval(60)
        while journal().parts < parts {
            guard Date() < deadline else { return XCTFail("the upload never got \(parts) parts in") }
            usleep(10_000)
        }
    }

    /// The amofiles the session's shell runs.
    private func runningUI() throws -> pid_t {
        try XCTUnwrap(tmux.shellChildren.first, "amofiles runs under the shell")
    }

    /// The next start offers the upload; taken up, it finishes with the same bytes and leaves the journal empty.
    /// Starts the UI again and resumes the upload: at once, or (`later`) after a no,
    /// with `R` on its row in Transfers.
    private func resumeAndCheck(_ name: String, _ data: Data, later: Bool = false) throws {
        try tmux.send(command + "; echo EXITED=$?", "Enter")
        tmux.waitFor(text: "Resume 1 unfinished upload (\(name)")
        if later {
            try tmux.send("n")
            tmux.waitFor(text: "wait in Transfers")
            try tmux.send("3")
            tmux.waitFor("its row in Transfers") { $0.contains("↑ \(name)") && $0.contains("unfinished: ") }
            try tmux.send("R")
        } else {
            try tmux.send("y")
        }
        tmux.waitFor("the resumed upload done", timeout: 60) { $0.contains("1/1 done") }
        let found = try files(named: name)
        XCTAssertEqual(found.count, 1, "exactly one such file")
        let uuid = try XCTUnwrap(found.first?["uuid"] as? String)
        XCTAssertEqual(try downloaded(uuid), data)
        let folder = state.appendingPathComponent("amofiles/uploads")
        XCTAssertEqual((try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? [], [],
                       "no journal entry left, nor a temporary of the killed process")
    }

    func testAnUploadCutByAKillIsOfferedForResumingAndFinishes() throws {
        let data = try write("resume-24mib.bin", size: 24_000_000, seed: 74)
        try openUI()
        try startUpload("resume-24mib.bin", parts: 3)
        kill(try runningUI(), SIGKILL)
        tmux.waitFor(text: "EXITED=137")
        try resumeAndCheck("resume-24mib.bin", data, later: true)
    }

    func testQuitAsksWhileAnUploadRunsAndAHangupKeepsItResumable() throws {
        let data = try write("hangup-24mib.bin", size: 24_000_000, seed: 75)
        try openUI()
        try startUpload("hangup-24mib.bin", parts: 2)
        try tmux.send("q")
        tmux.waitFor(text: "1 upload running: hangup-24mib.bin")
        tmux.waitFor(text: "Enter/y quit, uploads resume next time   c cancel them and quit   n stay")
        try tmux.send("n")
        tmux.waitFor("the question gone, the upload going on") { !$0.contains("Quit?") && $0.contains("↑ hangup-24mib.bin") }
        // What a dropped SSH connection sends.
        kill(try runningUI(), SIGHUP)
        tmux.waitForExit()
        XCTAssertEqual(journal().uploads, 1, "the upload stays in the journal")
        let listed = try Binary.run(["transfers"], environment: ["XDG_STATE_HOME": state.path])
        XCTAssertTrue(listed.stdout.contains("hangup-24mib.bin"), listed.stdout + listed.stderr)
        try tmux.send("clear", "Enter")
        try resumeAndCheck("hangup-24mib.bin", data)
    }

    func testQuittingWithTheDefaultAnswerKeepsTheUploadAndCancellingRemovesIt() throws {
        _ = try write("quit-24mib.bin", size: 24_000_000, seed: 76)
        try openUI()
        try startUpload("quit-24mib.bin", parts: 2)
        try tmux.send("q")
        tmux.waitFor(text: "1 upload running: quit-24mib.bin")
        try tmux.send("Enter")
        tmux.waitFor(text: "EXITED=0")
        XCTAssertEqual(journal().uploads, 1, "Enter quits and keeps the upload")

        try tmux.send("clear", "Enter")
        try tmux.send(command + "; echo EXITED=$?", "Enter")
        tmux.waitFor(text: "Resume 1 unfinished upload (quit-24mib.bin")
        try tmux.send("y")
        tmux.waitFor("the upload going on") { Self.midway($0, "quit-24mib.bin") }
        try tmux.send(":", "q", "Enter")
        tmux.waitFor(text: "1 upload running: quit-24mib.bin")
        try tmux.send("c")
        tmux.waitFor(text: "EXITED=0")
        XCTAssertEqual(journal().uploads, 0, "cancelling is the explicit choice that drops it")
        XCTAssertEqual(try files(named: "quit-24mib.bin").count, 0, "nothing half-uploaded in the drive")
    }

    func testUInALeadsViewUploadsToItAndXThenRInTransfersCancelsAndStartsItAgain() throws {
        let data = try write("to-lead-24mib.bin", size: 24_000_000, seed: 78)
        try openUI()
        try tmux.send(":", "lead 22859108", "Enter")
        tmux.waitFor(text: " Files of ")
        try startUpload("to-lead-24mib.bin", parts: 2)
        // The upload goes on under the lead's files; a tab key leaves them.
        XCTAssertTrue(tmux.screen.contains(" Files of "), tmux.screen)
        try tmux.send("3")
        tmux.waitFor("the upload in Transfers, midway") { Self.midway($0, "to-lead-24mib.bin") && !$0.contains(" Files of ") }
        try tmux.send("x")
        tmux.waitFor(text: "Cancel the upload of “to-lead-24mib.bin”")
        try tmux.send("y")
        tmux.waitFor("the row cancelled") { $0.split(separator: "\n").contains { $0.contains("to-lead-24mib.bin") && $0.contains("cancelled") } }
        XCTAssertEqual(journal().uploads, 0, "a cancelled upload leaves no journal entry")
        XCTAssertEqual(try files(named: "to-lead-24mib.bin").count, 0, "nor a file")
        try tmux.send("R")
        tmux.waitFor("the new attempt done", timeout: 90) { $0.contains("done · \(Quantities.bytes(Int64(data.count)))") }

        let found = try files(named: "to-lead-24mib.bin")
        XCTAssertEqual(found.count, 1, "one file, from the second attempt")
        let uuid = try XCTUnwrap(found.first?["uuid"] as? String)
        XCTAssertEqual(try downloaded(uuid), data)
        let linked = try Binary.run(["entity-files", "leads", "22859108", "--json", "--account", served.accountURL], environment: served.env)
        XCTAssertTrue(linked.stdout.contains(uuid), "attached to the lead it was uploaded from: \(linked.stdout)")
    }
}
