import EmulatorTesting
import Foundation
import XCTest

/// What the README promises and only the built binary can show: every `ls` filter,
/// `upload --jobs` with its bars on a terminal, a keymap from `$XDG_CONFIG_HOME`, the
/// terminal as it was after a SIGHUP, and `serve` started again on the same data.
final class ReadmeClaimsTests: XCTestCase {
    private func listed(_ arguments: [String], on served: ServedEmulator) throws -> [[String: Any]] {
        let result = try Binary.run(["ls", "--json"] + arguments + ["--account", served.accountURL], environment: served.env)
        XCTAssertEqual(result.status, 0, "ls \(arguments): \(result.stderr)")
        let object = try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any]
        return try XCTUnwrap((object?["_embedded"] as? [String: Any])?["files"] as? [[String: Any]], result.stdout)
    }

    private func uuids(_ files: [[String: Any]]) -> [String] { files.compactMap { $0["uuid"] as? String } }

    func testEveryListFilterThroughTheBinaryListsWhatTheWholeListFilteredHereHolds() throws {
        let served = try ServedEmulator(arguments: ["--seed", "demo"])
        defer { served.stop() }
        let whole = try listed(["--all", "--limit", "250"], on: served)
        XCTAssertGreaterThan(whole.count, 250, "the demo fills more than one page of 250")

        /// `ls` with `arguments` lists exactly the files of `whole` that `keep` holds, and
        /// the filter leaves some out and keeps some (or it would prove nothing).
        func check(_ arguments: [String], line: UInt = #line, _ keep: ([String: Any]) -> Bool) throws {
            let expected = Set(uuids(whole.filter(keep)))
            XCTAssertFalse(expected.isEmpty, "\(arguments) keeps something", line: line)
            XCTAssertLessThan(expected.count, whole.count, "\(arguments) leaves something out", line: line)
            XCTAssertEqual(Set(uuids(try listed(arguments + ["--all", "--limit", "250"], on: served))), expected, "\(arguments)", line: line)
        }
        func int(_ file: [String: Any], _ key: String) -> Int64? { (file[key] as? NSNumber)?.int64Value }
        func author(_ file: [String: Any], _ key: String) -> (type: String, id: Int)? {
            guard let ref = file[key] as? [String: Any], let type = ref["type"] as? String, let id = ref["id"] as? Int else { return nil }
            return (type, id)
        }

        let two = Array(uuids(whole).dropFirst(7).prefix(2))
        XCTAssertEqual(Set(uuids(try listed(["--uuid", two.joined(separator: ",")], on: served))), Set(two))

        let source = try XCTUnwrap(whole.lazy.compactMap { int($0, "source_id") }.first)
        try check(["--source-id", "\(source)"]) { int($0, "source_id") == source }

        let sizes = whole.compactMap { int($0, "size") }.sorted()
        let (small, large) = (sizes[sizes.count / 4], sizes[sizes.count * 3 / 4])
        try check(["--max-size", "\(small)"]) { (int($0, "size") ?? -1) <= small }
        try check(["--min-size", "\(small)", "--max-size", "\(large)"]) { (small...large).contains((int($0, "size") ?? -1)) }

        let created = whole.compactMap { int($0, "created_at") }.sorted()
        let (since, until) = (created[created.count / 3], created[created.count * 2 / 3])
        try check(["--date-field", "created", "--since", "\(since)", "--until", "\(until)"]) { (since...until).contains((int($0, "created_at") ?? -1)) }
        let updated = whole.compactMap { int($0, "updated_at") }.sorted()
        try check(["--since", "\(updated[updated.count / 2])"]) { (int($0, "updated_at") ?? -1) >= updated[updated.count / 2] }

        let creators = Dictionary(grouping: whole.compactMap { author($0, "created_by") }.filter { $0.type == "internal" }, by: \.id)
        let busiest = try XCTUnwrap(creators.max { $0.value.count < $1.value.count }?.key)
        try check(["--created-by", "\(busiest)"]) { author($0, "created_by").map { $0.type == "internal" && $0.id == busiest } ?? false }
        try check(["--created-by", "client"]) { author($0, "created_by")?.type == "contact" }
        try check(["--updated-by", "robot", "--updated-by", "\(busiest)"]) {
            author($0, "updated_by").map { $0.type == "robot" || ($0.type == "internal" && $0.id == busiest) } ?? false
        }

        // Pages of 50 are the whole list cut in the same order.
        XCTAssertEqual(uuids(try listed(["--limit", "50", "--page", "2"], on: served)), Array(uuids(whole)[50..<100]))
        let lastPage = (whole.count - 1) / 50 + 1
        XCTAssertEqual(uuids(try listed(["--limit", "50", "--page", "\(lastPage)"], on: served)),
                       Array(uuids(whole)[((lastPage - 1) * 50)...]), "the last page holds the rest")
    }

    func testUploadJobsRunThatManyAtOnceWithBarsOnATerminalAndTheBytesComeBack() throws {
        let served = try ServedEmulator(arguments: ["--latency", "60", "--max-part-size", "65536"])
        defer { served.stop() }
        let refused = try Binary.run(["upload", "x", "--jobs", "0", "--account", served.accountURL], environment: served.env)
        XCTAssertEqual(refused.status, 2, refused.stderr)

        let tmux = try TmuxSession(columns: 110, rows: 30, environment: served.env)
        defer { tmux.close() }
        let names = ["first.bin", "second.bin", "third.bin"]
        var sources: [String: Data] = [:]
        for (index, name) in names.enumerated() {
            let bytes = Data(testBytes(1_000_000 + index * 1000, seed: UInt64(70 + index)))
            try bytes.write(to: tmux.home.appendingPathComponent(name))
            sources[name] = bytes
        }
        try tmux.send("cd \(tmux.home.path) && \(Binary.path) upload \(names.joined(separator: " ")) --jobs 2 --account \(served.accountURL); echo EXITED=$?", "Enter")
        var mostBarsAtOnce = 0
        var sawTotal = false
        let deadline = Date().addingTimeInterval(90)
        var screen = ""
        while Date() < deadline {
            screen = tmux.screen
            let bars = screen.split(separator: "\n").filter { line in names.contains { line.hasPrefix($0) } && line.contains("%") }
            mostBarsAtOnce = max(mostBarsAtOnce, bars.count)
            sawTotal = sawTotal || screen.contains("total: ")
            if screen.range(of: #"EXITED=\d"#, options: .regularExpression) != nil { break }
            usleep(50_000)
        }
        XCTAssertTrue(screen.contains("EXITED=0"), screen)
        XCTAssertEqual(mostBarsAtOnce, 2, "two files at a time, each with its bar:\n\(screen)")
        XCTAssertTrue(sawTotal, "a total line under the bars")
        XCTAssertFalse(screen.contains("total: "), "the bars are gone at the end:\n\(screen)")

        for name in names {
            let uploaded = try XCTUnwrap(screen.range(of: "Uploaded \(name) \\([^)]*\\) as [0-9a-f-]{36}", options: .regularExpression), screen)
            let uuid = String(screen[uploaded].suffix(36))
            let target = tmux.home.appendingPathComponent("back-\(name)")
            let download = try Binary.run(["download", uuid, "-o", target.path, "--account", served.accountURL], environment: served.env)
            XCTAssertEqual(download.status, 0, download.stderr)
            XCTAssertEqual(try Data(contentsOf: target), sources[name], name)
        }
    }

    func testAKeymapInTheConfigFolderIsTheOneTheUIUses() throws {
        let served = try ServedEmulator(arguments: ["--seed", "demo"])
        defer { served.stop() }
        let tmux = try TmuxSession(columns: 120, rows: 40, environment: served.env)
        defer { tmux.close() }
        let folder = tmux.home.appendingPathComponent("config/amofiles")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        try "help H\n".write(to: folder.appendingPathComponent("keymap.txt"), atomically: true, encoding: .utf8)
        try tmux.send("\(Binary.path) --account \(served.accountURL)", "Enter")
        tmux.waitFor("the first page") { $0.contains(" files loaded") }
        try tmux.send("?")
        try tmux.send("j")
        // `j` still moves the cursor, and answers come in order: once it moved, `?` was handled.
        tmux.waitFor("the cursor on the second row") { $0.range(of: #" files loaded · 2/"#, options: .regularExpression) != nil }
        XCTAssertFalse(tmux.screen.contains(" Keys ("), "`?` is no longer help")
        try tmux.send("H")
        tmux.waitFor(text: " Keys (")
        try tmux.send("Escape", "q")
    }

    func testASIGHUPLeavesTheTerminalAsItWas() throws {
        let served = try ServedEmulator(arguments: ["--seed", "demo"])
        defer { served.stop() }
        let tmux = try TmuxSession(columns: 100, rows: 30, environment: served.env)
        defer { tmux.close() }
        try tmux.send("echo BEFORE; \(Binary.path) --account \(served.accountURL); echo EXITED=$?", "Enter")
        tmux.waitFor("the first page") { $0.contains(" files loaded") }
        XCTAssertEqual(tmux.pane("alternate_on"), "1", "the UI draws on the alternate screen")
        let ui = try XCTUnwrap(tmux.shellChildren.first, "the UI runs in the shell")
        kill(ui, SIGHUP)
        tmux.waitForExit()
        let after = tmux.screen
        XCTAssertTrue(after.contains("BEFORE"), "the shell's own screen is back:\n\(after)")
        XCTAssertFalse(after.contains("files loaded"), after)
        XCTAssertEqual(tmux.pane("alternate_on"), "0")
        XCTAssertEqual(tmux.pane("mouse_any_flag"), "0", "mouse reports are off")
        XCTAssertEqual(tmux.pane("cursor_flag"), "1", "the cursor shows")
        try tmux.send("clear; stty -a | tr ' ;' '\\n\\n' | grep -xE -- '-?(icanon|echo|isig|icrnl|opost)' | sort | tr '\\n' ' '; echo", "Enter")
        tmux.waitFor("the line discipline as a shell wants it") {
            $0.split(separator: "\n").contains { $0.trimmingCharacters(in: .whitespaces) == "echo icanon icrnl isig opost" }
        }
    }

    func testServeStartedAgainOnTheSameDataKeepsFilesAndFinishesAnUploadCutOff() throws {
        let host = TestEmulator.privateLoopbackHost()
        let arguments = ["--token", "same-data-token", "--latency", "100", "--max-part-size", "65536"]
        let first = try ServedEmulator(arguments: arguments, host: host)
        var stopped = false
        defer { if !stopped { first.stop() } }
        let env = first.env.merging(["XDG_STATE_HOME": first.folder.appendingPathComponent("state").path]) { $1 }
        let kept = first.folder.appendingPathComponent("kept.txt")
        let cut = first.folder.appendingPathComponent("cut.bin")
        try Data("kept across restarts".utf8).write(to: kept)
        let cutBytes = Data(testBytes(2_000_000, seed: 77))
        try cutBytes.write(to: cut)

        let up = try Binary.run(["upload", kept.path, "--json", "--account", first.accountURL], environment: env)
        XCTAssertEqual(up.status, 0, up.stderr)
        let keptUUID = try XCTUnwrap(((JSONSerialization.jsonObject(with: Data(up.stdout.utf8)) as? [[String: Any]])?.first)?["uuid"] as? String)
        let upload = try Binary.start(["upload", cut.path, "--account", first.accountURL], environment: env)
        let journal = first.folder.appendingPathComponent("state/amofiles/uploads")
        let deadline = Date().addingTimeInterval(60)
        while ((try? FileManager.default.contentsOfDirectory(atPath: journal.path)) ?? []).filter({ $0.hasSuffix(".json") }).isEmpty {
            guard upload.isRunning, Date() < deadline else { return XCTFail("the upload never reached the journal") }
            usleep(20_000)
        }
        kill(upload.processIdentifier, SIGTERM)
        try upload.finish(within: 30)
        let ports = (account: try XCTUnwrap(URL(string: first.accountURL)?.port),
                     drive: try XCTUnwrap((first.ready["drive_url"] as? String).flatMap(URL.init(string:))?.port))
        XCTAssertEqual(first.stop(keepingFolder: true), 0)
        stopped = true

        let second = try ServedEmulator(arguments: arguments, folder: first.folder, host: host, ports: ports)
        defer { second.stop() }
        XCTAssertEqual(second.accountURL, first.accountURL)
        let back = first.folder.appendingPathComponent("kept-back.txt")
        let download = try Binary.run(["download", keptUUID, "-o", back.path, "--account", second.accountURL], environment: env)
        XCTAssertEqual(download.status, 0, download.stderr)
        XCTAssertEqual(try String(contentsOf: back, encoding: .utf8), "kept across restarts")

        let resumed = try Binary.run(["upload", "--resume", "--json", "--account", second.accountURL], environment: env)
        XCTAssertEqual(resumed.status, 0, resumed.stderr)
        XCTAssertTrue(resumed.stderr.contains("resuming \(cut.path) from "), resumed.stderr)
        let cutUUID = try XCTUnwrap(((JSONSerialization.jsonObject(with: Data(resumed.stdout.utf8)) as? [[String: Any]])?.first)?["uuid"] as? String)
        let cutBack = first.folder.appendingPathComponent("cut-back.bin")
        let again = try Binary.run(["download", cutUUID, "-o", cutBack.path, "--account", second.accountURL], environment: env)
        XCTAssertEqual(again.status, 0, again.stderr)
        XCTAssertEqual(try Data(contentsOf: cutBack), cutBytes)
    }
}
