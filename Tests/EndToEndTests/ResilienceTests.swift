import EmulatorTesting
import Foundation
import XCTest

/// The built binary against a service that fails, limits, refuses names, answers in
/// its own variations, and against bad local input: the job gets done or the reason
/// is said once, with the documented exit status; never a crash or a hang.
final class ResilienceTests: XCTestCase {
    private func page(_ result: Binary.Result) throws -> [[String: Any]] {
        let object = try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any]
        return try XCTUnwrap((object?["_embedded"] as? [String: Any])?["files"] as? [[String: Any]], result.stdout)
    }

    func testFiftyReadsThroughAFlakyServiceAllSucceedAndTheRetriesAreSaid() throws {
        let served = try ServedEmulator(arguments: ["--seed", "demo", "--fail-rate", "0.1", "--drop-rate", "0.05", "--fault-seed", "11"])
        defer { served.stop() }
        var retriesSaid = 0
        for run in 0..<50 {
            let result = try Binary.run(["ls", "--limit", "5", "--json", "--account", served.accountURL], environment: served.env)
            XCTAssertEqual(result.status, 0, "run \(run): \(result.stderr)")
            XCTAssertEqual(try page(result).count, 5, "run \(run)")
            retriesSaid += result.stderr.components(separatedBy: "; trying again in ").count - 1
        }
        XCTAssertGreaterThan(retriesSaid, 0, "the faults were there, and each repeat was said on stderr")
    }

    func testTheUIStartsPagesAndReloadsThroughAFlakyServiceWithoutAnError() throws {
        let served = try ServedEmulator(arguments: ["--seed", "demo", "--fail-rate", "0.1", "--drop-rate", "0.05", "--fault-seed", "23"])
        defer { served.stop() }
        let tmux = try TmuxSession(columns: 120, rows: 40, environment: served.env)
        defer { tmux.close() }
        try tmux.send("\(Binary.path) --account \(served.accountURL) --log-file \(served.folder.path)/ui.log", "Enter")
        var screens: [String] = []
        screens.append(tmux.waitFor("the first page", timeout: 30) { $0.contains(" files loaded") && $0.contains("Счёт") })
        // G finds the end of the list through the faults (pages probed by doubling and
        // halving), g opens the top again, C-r reloads it.
        let end = #" row ([\d,]+) of \1 "#
        for _ in 0..<4 {
            try tmux.send("G")
            screens.append(tmux.waitFor("the end of the list", timeout: 30) { $0.range(of: end, options: .regularExpression) != nil })
            try tmux.send("g")
            screens.append(tmux.waitFor("the top again", timeout: 30) { $0.contains(" row 1 of ") && !$0.contains("loading…") })
            try tmux.send("C-r")
            screens.append(tmux.waitFor("the list reloaded", timeout: 30) { $0.contains(" files loaded · 1/") })
        }
        for screen in screens {
            XCTAssertFalse(screen.contains("Could not"), screen)
        }
        let log = (try? String(contentsOfFile: "\(served.folder.path)/ui.log", encoding: .utf8)) ?? ""
        XCTAssertTrue(log.contains("; try 2 of"), "faults were met on the way and retried:\n\(log.suffix(2000))")
    }

    func testARateLimitedListingIsWaitedOutAndSaid() throws {
        let served = try ServedEmulator(arguments: ["--seed", "demo", "--rate-limit", "3"])
        defer { served.stop() }
        let result = try Binary.run(["ls", "--all", "--limit", "40", "--json", "--max-rps", "0", "--account", served.accountURL], environment: served.env)
        XCTAssertEqual(result.status, 0, result.stderr)
        XCTAssertGreaterThan(try page(result).count, 300, "every page of the demo account")
        XCTAssertTrue(result.stderr.contains("the service asks to slow down (429); trying again in 1 s"), result.stderr)
    }

    func testAnUploadSurvivesFailuresDropsAndARateLimitThroughTheBinary() throws {
        let served = try ServedEmulator(arguments: [
            "--seed", "empty", "--fail-rate", "0.1", "--drop-rate", "0.05", "--rate-limit", "5", "--fault-seed", "5", "--max-part-size", "65536",
        ])
        defer { served.stop() }
        let source = served.folder.appendingPathComponent("flaky.bin")
        let data = Data(testBytes(700_000, seed: 17))
        try data.write(to: source)
        let up = try Binary.run(["upload", source.path, "--json", "--account", served.accountURL], environment: served.env)
        XCTAssertEqual(up.status, 0, up.stderr)
        let uuid = try XCTUnwrap(((try JSONSerialization.jsonObject(with: Data(up.stdout.utf8)) as? [[String: Any]])?.first?["uuid"]) as? String)
        let back = served.folder.appendingPathComponent("back.bin").path
        let down = try Binary.run(["download", uuid, "-o", back, "--account", served.accountURL], environment: served.env)
        XCTAssertEqual(down.status, 0, down.stderr)
        XCTAssertEqual(FileManager.default.contents(atPath: back), data)
        let listed = try Binary.run(["ls", "--name", "flaky", "--json", "--account", served.accountURL], environment: served.env)
        XCTAssertEqual(try page(listed).count, 1, "one file, though answers were lost on the way")
    }

    func testARefusedConnectionIsReportedAtOnce() throws {
        let started = Date()
        let result = try Binary.run(["ls", "--account", "http://127.0.0.1:\(try closedPort())"], environment: ["AMOFILES_TOKEN": "t"])
        XCTAssertEqual(result.status, 3)
        XCTAssertTrue(result.stderr.contains("connection refused"), result.stderr)
        XCTAssertFalse(result.stderr.contains("trying again"), "nothing listens: no round of retries first")
        XCTAssertLessThan(Date().timeIntervalSince(started), 5, "said within moments, not after a 10 s connect timeout")
    }

    func testATokenWithoutAdminRightsStillListsWithIdsAndSaysSoOnce() throws {
        let served = try ServedEmulator(arguments: ["--seed", "demo", "--no-admin"])
        defer { served.stop() }
        let listed = try Binary.run(["ls", "--limit", "20", "--account", served.accountURL], environment: served.env)
        XCTAssertEqual(listed.status, 0, listed.stderr)
        XCTAssertEqual(listed.stderr.components(separatedBy: "user names are not shown").count - 1, 1, listed.stderr)
        XCTAssertTrue(listed.stderr.contains("only an account admin may list the users (403)"), listed.stderr)
        XCTAssertTrue(listed.stdout.contains("user 7758337"), "ids stand in for names:\n\(listed.stdout)")
        XCTAssertFalse(listed.stdout.contains("Анна Смирнова"), listed.stdout)
        let uuid = try XCTUnwrap(try page(try Binary.run(["ls", "--limit", "1", "--json", "--account", served.accountURL], environment: served.env)).first?["uuid"] as? String)
        let info = try Binary.run(["info", uuid, "--account", served.accountURL], environment: served.env)
        XCTAssertEqual(info.status, 0, info.stderr)
        let account = try Binary.run(["account", "--account", served.accountURL], environment: served.env)
        XCTAssertEqual(account.status, 0, account.stderr)
        XCTAssertTrue(account.stdout.contains("users:    not shown (only an account admin may list the users (403))"), account.stdout)

        let tmux = try TmuxSession(columns: 120, rows: 40, environment: served.env)
        defer { tmux.close() }
        try tmux.send("\(Binary.path) --account \(served.accountURL)", "Enter")
        let screen = tmux.waitFor("the files with ids, and the reason said") {
            $0.contains("User names are not shown: only an account admin may list the users (403). Ids stand in for them.")
                && $0.contains("user 7758337")
        }
        XCTAssertTrue(screen.contains(" you"), "the token's own user, from the account's current_user_id:\n\(screen)")
    }

    func testTheServicesVariationsThroughTheBinary() async throws {
        let service = try await VariantService.start()
        let env = ["AMOFILES_TOKEN": service.token]
        let account = service.url.absoluteString
        let removed = try Binary.run(["rm", "00000000-0000-4000-8000-000000000001", "--account", account], environment: env)
        XCTAssertEqual(removed.status, 0, "DELETE answering 200 {} is a success:\n\(removed.stderr)")
        let missing = try Binary.run(["info", "00000000-0000-4000-8000-000000000001", "--account", account], environment: env)
        XCTAssertEqual(missing.status, 1, missing.stderr)
        XCTAssertTrue(missing.stderr.contains("404 not found"), "a 204 for a file means it is not there:\n\(missing.stderr)")
        let shapeless = try Binary.run(["ls", "--account", account], environment: env)
        XCTAssertEqual(shapeless.status, 1, "a 200 of another shape is not an empty listing:\n\(shapeless.stdout)\(shapeless.stderr)")
        XCTAssertTrue(shapeless.stderr.contains("expected _embedded.files"), shapeless.stderr)
        XCTAssertFalse(shapeless.stderr.contains("No files"), shapeless.stderr)

        service.block()
        let before = service.requestCount
        let blocked = try Binary.run(["ls", "--account", account], environment: env)
        XCTAssertEqual(blocked.status, 1, blocked.stderr)
        XCTAssertTrue(blocked.stderr.contains("the service has blocked this address after too many requests; wait, or ask amoCRM support to lift it"), blocked.stderr)
        XCTAssertFalse(blocked.stderr.contains("scope"), blocked.stderr)
        XCTAssertEqual(service.requestCount - before, 1, "no retries")

        // Three uploads one after another: the first refusal stops the other two before they send.
        let home = try Binary.makeHome()
        defer { try? FileManager.default.removeItem(at: home) }
        let files = try (1...3).map { index in
            let path = home.appendingPathComponent("part\(index).bin").path
            try Data(repeating: UInt8(index), count: 1000).write(to: URL(fileURLWithPath: path))
            return path
        }
        let stateEnv = env.merging(["XDG_STATE_HOME": home.appendingPathComponent("state").path]) { $1 }
        let beforeUploads = service.requestCount
        let uploads = try Binary.run(["upload"] + files + ["--jobs", "1", "--account", account, "--drive-url", account], environment: stateEnv)
        XCTAssertEqual(uploads.status, 1, uploads.stderr)
        XCTAssertEqual(service.requestCount - beforeUploads, 1, "one call reached the blocked service:\n\(uploads.stderr)")
        XCTAssertTrue(uploads.stderr.contains("3 of 3 uploads failed"), uploads.stderr)
        for path in files {
            XCTAssertEqual(uploads.stderr.components(separatedBy: "upload \((path as NSString).lastPathComponent) failed").count - 1, 1,
                           "each failure said once:\n\(uploads.stderr)")
        }
        // A block passes: the uploads wait in the journal.
        let kept = try Binary.run(["transfers"], environment: stateEnv)
        for path in files { XCTAssertTrue(kept.stdout.contains(path), kept.stdout) }
        await service.stop()
    }

    func testBadLocalInputIsRefusedOnceWithStatusTwoAndNeverCrashes() throws {
        let folder = try Binary.makeHome()
        defer { try? FileManager.default.removeItem(at: folder) }
        let fifo = folder.appendingPathComponent("pipe").path
        XCTAssertEqual(mkfifo(fifo, 0o600), 0)
        let binary = folder.appendingPathComponent("binary.txt")
        try Data([0x71, 0x75, 0x69, 0x74, 0x00, 0xFF]).write(to: binary)
        let env = ["AMOFILES_TOKEN": "t"]
        let cases: [(arguments: [String], message: String)] = [
            (["keymap", "--check", folder.path], "is a folder, not a file"),
            (["keymap", "--check", binary.path], "is not UTF-8 text"),
            (["keymap", "--check", "/dev/zero"], "is not a regular file"),
            (["demo", "--keymap", folder.path], "is a folder, not a file"),
            (["upload", fifo, "--account", "http://127.0.0.1:9"], "is not a regular file"),
            (["upload", folder.path, "--new-version-of", "u", "--account", "http://127.0.0.1:9"], "takes one file, not a folder"),
            (["upload", "/dev/null", "--account", "http://127.0.0.1:9"], "is not a regular file"),
            (["rename", "u", "", "--account", "http://127.0.0.1:9"], "the name is empty"),
            (["rename", "u", "   ", "--account", "http://127.0.0.1:9"], "the name is only spaces"),
            (["rename", "u", "a\u{1B}]0;x\u{07}b", "--account", "http://127.0.0.1:9"], "control character (U+001B)"),
            (["rename", "u", "\u{202E}fdp.exe", "--account", "http://127.0.0.1:9"], "text-direction control (U+202E)"),
        ]
        for (arguments, message) in cases {
            let result = try Binary.run(arguments, environment: env, timeout: 20)
            XCTAssertEqual(result.status, 2, "\(arguments): \(result.stderr)")
            XCTAssertEqual(result.stderr.components(separatedBy: message).count - 1, 1, "\(arguments): said once:\n\(result.stderr)")
            XCTAssertFalse(result.stderr.contains("crashed") || result.stderr.contains("Fatal error"), result.stderr)
        }
    }

    func testAReaderThatGoesAwayEndsTheProgramQuietly() throws {
        // Far more than a pipe holds (64 KiB): the writer is still writing when the reader leaves.
        let served = try ServedEmulator(arguments: ["--seed", "demo", "--extra-files", "2000"])
        defer { served.stop() }
        let ls = "\(Binary.path) ls --all --limit 250 --account \(served.accountURL)"
        for (script, first) in [("\(ls) 2>&1 | head -1", "UUID "), ("\(ls) --json | head -1", "{"), ("\(ls) 2>&- | head -1", "UUID ")] {
            let shell = try Binary.runShell(script + "; echo status=${PIPESTATUS[0]}", environment: served.env)
            XCTAssertTrue(shell.stdout.hasPrefix(first), "\(script):\n\(shell.stdout)")
            XCTAssertTrue(shell.stdout.contains("status=141"), "\(script): ended as SIGPIPE ends a Unix tool, not with a crash (132):\n\(shell.stdout)")
            XCTAssertFalse(shell.stdout.contains("crashed"), shell.stdout)
        }
        let closed = try Binary.runShell("\(ls) >&-; echo status=$?", environment: served.env)
        XCTAssertTrue(closed.stdout.contains("status=0"), "stdout closed: the listing goes nowhere, nothing breaks:\n\(closed.stdout)\(closed.stderr)")
    }

    func testTransfersTakesTheConnectionOptionsAndListsThatAccountsUploads() throws {
        let state = try Binary.makeHome()
        defer { try? FileManager.default.removeItem(at: state) }
        let journal = state.appendingPathComponent("state/amofiles/uploads")
        try FileManager.default.createDirectory(at: journal, withIntermediateDirectories: true)
        for (id, drive) in [("a", "http://127.0.0.1:1111"), ("b", "http://127.0.0.1:2222")] {
            let record = #"{"id":"\#(id)","path":"/srv/\#(id).bin","fileName":"\#(id).bin","size":10,"modified":1,"driveURL":"\#(drive)","sessionID":1,"partSize":5,"sessionExpiresAt":9999999999,"accepted":5,"nextURL":"\#(drive)/u","partsAccepted":1}"#
            try Data(record.utf8).write(to: journal.appendingPathComponent("\(id).json"))
        }
        // Left by a process killed while it wrote; pid 2^22 + 1 is above any Linux pid.
        try Data("{".utf8).write(to: journal.appendingPathComponent("a.json.tmp-4194305"))
        let env = ["XDG_STATE_HOME": state.appendingPathComponent("state").path]
        let all = try Binary.run(["transfers"], environment: env)
        XCTAssertEqual(all.status, 0, all.stderr)
        XCTAssertTrue(all.stdout.contains("/srv/a.bin") && all.stdout.contains("/srv/b.bin"), all.stdout)
        let one = try Binary.run(["transfers", "--drive-url", "http://127.0.0.1:2222"], environment: env)
        XCTAssertEqual(one.status, 0, one.stderr)
        XCTAssertTrue(one.stdout.contains("/srv/b.bin") && !one.stdout.contains("/srv/a.bin"), one.stdout)
        XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: journal.path).sorted(), ["a.json", "b.json"],
                       "the dead writer's temporary is swept")
    }

    func testServeWithoutDataRemovesItsFolderOnSIGTERMAndSIGINT() throws {
        for signal in [SIGTERM, SIGINT] {
            let home = try Binary.makeHome()
            defer { try? FileManager.default.removeItem(at: home) }
            let ready = home.appendingPathComponent("ready.json")
            let tmp = home.appendingPathComponent("tmp")
            let process = try Binary.start(["serve", "--port", "0", "--drive-port", "0", "--ready-file", ready.path], environment: ["TMPDIR": tmp.path])
            let deadline = Date().addingTimeInterval(30)
            while !FileManager.default.fileExists(atPath: ready.path) {
                guard Date() < deadline else { process.terminate(); return XCTFail("serve did not start") }
                usleep(20_000)
            }
            XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: tmp.path).count, 1, "its data folder")
            kill(process.processIdentifier, signal)
            try process.finish(within: 20)
            XCTAssertEqual(process.terminationStatus, 0)
            XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: tmp.path), [], "signal \(signal): no folder left")
        }
    }
}
