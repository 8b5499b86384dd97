import EmulatorTesting
import Foundation
import XCTest

final class CommandLineTests: XCTestCase {
    func testListsFivePlainAndAsJSONThenStopsCleanly() throws {
        let served = try ServedEmulator(arguments: ["--seed", "demo"])
        let table = try Binary.run(["ls", "--account", served.accountURL, "--limit", "5"], environment: served.env)
        XCTAssertEqual(table.status, 0, table.stderr)
        let lines = table.stdout.split(separator: "\n")
        XCTAssertEqual(lines.count, 6, table.stdout)
        XCTAssertTrue(lines[0].hasPrefix("UUID"))
        XCTAssertFalse(table.stdout.contains("\u{1b}"), "no raw escape reaches the terminal")

        let json = try Binary.run(["ls", "--account", served.accountURL, "--limit", "5", "--json"], environment: served.env)
        XCTAssertEqual(json.status, 0, json.stderr)
        let object = try XCTUnwrap(JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [String: Any])
        let files = try XCTUnwrap((object["_embedded"] as? [String: Any])?["files"] as? [[String: Any]])
        XCTAssertEqual(files.count, 5)
        XCTAssertNotNil(files[0]["version_uuid"])

        let trash = try Binary.run(["ls", "--account", served.accountURL, "--trash", "--all", "--json"], environment: served.env)
        let trashed = try XCTUnwrap(((JSONSerialization.jsonObject(with: Data(trash.stdout.utf8)) as? [String: Any])?["_embedded"] as? [String: Any])?["files"] as? [[String: Any]])
        XCTAssertGreaterThan(trashed.count, 10, "the demo's trash holds two dozen")
        XCTAssertTrue(trashed.allSatisfy { $0["is_trashed"] as? Bool == true })
        XCTAssertEqual(served.stop(), 0, "serve shuts down cleanly on SIGTERM")
    }

    func testUploadDownloadVersionsAndActivateInBothFlavors() throws {
        for flavor in ["amocrm", "kommo"] {
            let served = try ServedEmulator(arguments: ["--flavor", flavor])
            defer { served.stop() }
            let folder = served.folder
            let original = folder.appendingPathComponent("random.bin")
            try Data(testBytes(3 * 1024 * 1024, seed: 11)).write(to: original)
            let logFile = folder.appendingPathComponent("client.log").path
            let up = try Binary.run(["upload", original.path, "--account", served.accountURL, "--json", "--log-file", logFile], environment: served.env)
            XCTAssertEqual(up.status, 0, up.stderr)
            let uploaded = try XCTUnwrap((JSONSerialization.jsonObject(with: Data(up.stdout.utf8)) as? [[String: Any]])?.first)
            let uuid = try XCTUnwrap(uploaded["uuid"] as? String)
            let firstVersion = try XCTUnwrap(uploaded["version_uuid"] as? String)
            let log = try String(contentsOfFile: logFile, encoding: .utf8)
            let parts = log.components(separatedBy: "POST upload part").count - 1
            XCTAssertGreaterThanOrEqual(parts, 6, "\(flavor): the 3 MiB file goes up in 6 or more parts")
            XCTAssertFalse(log.contains(served.token), "the token never appears in the log")

            let back = folder.appendingPathComponent("back.bin").path
            let down = try Binary.run(["download", uuid, "-o", back, "--account", served.accountURL], environment: served.env)
            XCTAssertEqual(down.status, 0, down.stderr)
            XCTAssertEqual(try Data(contentsOf: URL(fileURLWithPath: back)), try Data(contentsOf: original), flavor)
            let again = try Binary.run(["download", uuid, "-o", back, "--account", served.accountURL], environment: served.env)
            XCTAssertEqual(again.status, 2, "no overwrite without --force: a local problem")
            XCTAssertTrue(again.stderr.contains("--force"), again.stderr)

            let newer = folder.appendingPathComponent("newer.bin")
            try Data(testBytes(700_000, seed: 12)).write(to: newer)
            let second = try Binary.run(["upload", newer.path, "--new-version-of", uuid, "--account", served.accountURL], environment: served.env)
            XCTAssertEqual(second.status, 0, second.stderr)
            let versions = try jsonObject(try Binary.run(["versions", uuid, "--json", "--account", served.accountURL], environment: served.env))
            let items = try XCTUnwrap((versions["_embedded"] as? [String: Any])?["versions"] as? [[String: Any]])
            XCTAssertEqual(items.count, 2)
            XCTAssertEqual(items[0]["is_main"] as? Bool, true, "the new version is active")
            XCTAssertEqual(items[1]["uuid"] as? String, firstVersion)

            let activate = try Binary.run(["activate", uuid, firstVersion, "--account", served.accountURL], environment: served.env)
            XCTAssertEqual(activate.status, 0, activate.stderr)
            let info = try jsonObject(try Binary.run(["info", uuid, "--json", "--account", served.accountURL], environment: served.env))
            XCTAssertEqual(info["version_uuid"] as? String, firstVersion)
            XCTAssertEqual(info["size"] as? Int, 3 * 1024 * 1024)
        }
    }

    func testVersionsAreNumberedAndActivateTakesANumberAUuidOrItsStart() throws {
        let served = try ServedEmulator(arguments: [])
        let emulatorLog = served.log
        defer { served.stop() }
        func run(_ arguments: [String]) throws -> (status: Int32, stdout: String, stderr: String) {
            let result = try Binary.run(arguments + ["--account", served.accountURL], environment: served.env)
            return (result.status, result.stdout, result.stderr)
        }
        var uuid = ""
        let contents = (1...3).map { version in (1...40 * version).map { "item \($0);\($0 * version) RUB\n" }.joined() }
        for (index, text) in contents.enumerated() {
            let path = served.folder.appendingPathComponent("price-\(index).csv")
            try Data(text.utf8).write(to: path)
            let up = try run(["upload", path.path, "--json"] + (uuid.isEmpty ? [] : ["--new-version-of", uuid]))
            XCTAssertEqual(up.status, 0, up.stderr)
            if uuid.isEmpty { uuid = try XCTUnwrap(((try JSONSerialization.jsonObject(with: Data(up.stdout.utf8))) as? [[String: Any]])?.first?["uuid"] as? String) }
        }
        let listed = try run(["versions", uuid])
        let rows = listed.stdout.split(separator: "\n").dropFirst().map { $0.split(separator: " ", omittingEmptySubsequences: true) }
        XCTAssertEqual(rows.map { $0.first == "*" ? String($0[1]) : String($0[0]) }, ["3", "2", "1"], listed.stdout)
        XCTAssertEqual(rows.first?.first, "*", "the newest is active")
        let second = try XCTUnwrap(rows[1].first { $0.count == 36 }).description

        let byNumber = try run(["activate", uuid, "1"])
        XCTAssertEqual(byNumber.status, 0, byNumber.stderr)
        XCTAssertTrue(byNumber.stdout.contains("version 1 of 3"), byNumber.stdout)
        XCTAssertEqual(try jsonObject(Binary.run(["info", uuid, "--json", "--account", served.accountURL], environment: served.env))["size"] as? Int,
                       contents[0].utf8.count)
        let byStart = try run(["activate", uuid, String(second.prefix(8))])
        XCTAssertEqual(byStart.status, 0, byStart.stderr)
        XCTAssertTrue(byStart.stdout.contains("version 2 of 3 (\(second)"), byStart.stdout)
        let info = try run(["info", uuid])
        XCTAssertTrue(info.stdout.contains("versions       3\n"), "a count, not “several”: \(info.stdout)")

        let missing = try run(["activate", uuid, "9"])
        XCTAssertEqual(missing.status, 1, "no version 9 is what the file holds")
        XCTAssertEqual(missing.stderr, "amofiles: there is no version 9: it has 3, 1 the oldest\n")
        XCTAssertEqual(try jsonObject(Binary.run(["info", uuid, "--json", "--account", served.accountURL], environment: served.env))["version_uuid"] as? String,
                       second, "nothing changed")

        // `cat` writes the active version's bytes, or another's, and nothing else.
        XCTAssertEqual(try run(["cat", uuid]).stdout, contents[1])
        let third = try run(["cat", uuid, "--version", "3"])
        XCTAssertEqual(third.stdout, contents[2])
        XCTAssertEqual(third.stderr, "")
        XCTAssertEqual(try run(["cat", uuid, "--version", "4"]).status, 1)
        let log = try String(contentsOfFile: emulatorLog, encoding: .utf8)
        XCTAssertTrue(log.contains("bytes 0-\(contents[2].utf8.count - 1) of \(contents[2].utf8.count)"), "the emulator's log says what it sent: \(log)")
    }

    func testDiffPrintsTheChangedClauseAndExitsAsGitDiffDoes() throws {
        let served = try ServedEmulator(arguments: ["--seed", "demo"])
        defer { served.stop() }
        func run(_ arguments: [String]) throws -> Binary.Result {
            try Binary.run(arguments + ["--account", served.accountURL], environment: served.env)
        }
        let listed = try jsonObject(run(["ls", "--term", "Договор поставки № 12", "--ext", "docx", "--json"]))
        let uuid = try XCTUnwrap(((listed["_embedded"] as? [String: Any])?["files"] as? [[String: Any]])?.first?["uuid"] as? String)

        let diff = try run(["diff", uuid, "1", "3"])
        XCTAssertEqual(diff.status, 0, diff.stderr)
        let lines = diff.stdout.split(separator: "\n").map(String.init)
        XCTAssertTrue(lines[0].hasPrefix("--- Договор поставки № 12.docx (version 1 of 4, "), lines[0])
        XCTAssertTrue(lines[1].hasPrefix("+++ Договор поставки № 12.docx (version 3 of 4, "), lines[1])
        XCTAssertEqual(lines[2], "@@ -2,14 +2,16 @@")
        XCTAssertTrue(lines.contains("-2. Цена договора — 1 250 000 руб., в том числе НДС 20%."), diff.stdout)
        XCTAssertTrue(lines.contains("+2. Цена договора — 1 180 000 руб., в том числе НДС 20%."), diff.stdout)
        XCTAssertTrue(lines.contains("+6. За просрочку поставки поставщик платит пеню 0,1% от цены за каждый день."), diff.stdout)
        XCTAssertFalse(diff.stdout.contains("\u{1B}"), "no colour when stdout is not a terminal")
        XCTAssertEqual(diff.stderr, "+4 −2 lines in 1 place\n")

        XCTAssertEqual(try run(["diff", uuid, "--exit-code"]).status, 1, "the last switch changed the text")
        let same = try run(["diff", uuid, "2", "2", "--exit-code"])
        XCTAssertEqual(same.status, 0)
        XCTAssertEqual(same.stdout, "")
        XCTAssertEqual(same.stderr, "no difference in the text\n")
        let coloured = try run(["diff", uuid, "1", "2", "--color", "always"])
        XCTAssertTrue(coloured.stdout.contains("\u{1B}[31m-2. Цена договора — 1 \u{1B}[7m250\u{1B}[27m"), coloured.stdout)
    }

    func testAttachRenameTrashAndRestoreThroughTheBinary() throws {
        let served = try ServedEmulator()
        defer { served.stop() }
        let source = served.folder.appendingPathComponent("Смета.xlsx")
        try Data(testBytes(2000)).write(to: source)
        func run(_ arguments: [String]) throws -> Binary.Result {
            let result = try Binary.run(arguments + ["--account", served.accountURL], environment: served.env)
            XCTAssertEqual(result.status, 0, "\(arguments): \(result.stderr)")
            return result
        }
        let uploaded = try XCTUnwrap((JSONSerialization.jsonObject(with: Data(try run(["upload", source.path, "--json"]).stdout.utf8)) as? [[String: Any]])?.first)
        let uuid = try XCTUnwrap(uploaded["uuid"] as? String)

        _ = try run(["attach", "lead", "22859207", uuid])
        XCTAssertTrue(try run(["links", uuid]).stdout.contains("Сделка #22859207"))
        XCTAssertTrue(try run(["entity-files", "leads", "22859207"]).stdout.contains(uuid))
        _ = try run(["detach", "leads", "22859207", uuid])
        XCTAssertFalse(try run(["entity-files", "leads", "22859207", "--json"]).stdout.contains(uuid))

        _ = try run(["rename", uuid, "Смета на май"])
        XCTAssertTrue(try run(["info", uuid]).stdout.contains("Смета на май"))

        _ = try run(["rm", uuid])
        XCTAssertTrue(try run(["ls", "--trash"]).stdout.contains(uuid))
        let attachTrashed = try Binary.run(["attach", "leads", "22859207", uuid, "--account", served.accountURL], environment: served.env)
        XCTAssertEqual(attachTrashed.status, 1)
        XCTAssertTrue(attachTrashed.stderr.contains("trash"), attachTrashed.stderr)
        _ = try run(["restore", uuid])
        XCTAssertTrue(try run(["ls", "--term", "смета"]).stdout.contains(uuid))
    }

    func testAKilledUploadIsFinishedByResume() throws {
        let served = try ServedEmulator(arguments: ["--latency", "100", "--max-part-size", "65536"])
        defer { served.stop() }
        let state = served.folder.appendingPathComponent("state")
        let env = served.env.merging(["XDG_STATE_HOME": state.path]) { $1 }
        let source = served.folder.appendingPathComponent("killed-upload.bin")
        let bytes = Data(testBytes(1_200_000, seed: 31))
        try bytes.write(to: source)

        let upload = try Binary.start(["upload", source.path, "--account", served.accountURL], environment: env)
        let journal = state.appendingPathComponent("amofiles/uploads")
        let deadline = Date().addingTimeInterval(60)
        func acceptedParts() -> Int {
            let names = (try? FileManager.default.contentsOfDirectory(atPath: journal.path)) ?? []
            return names.filter { $0.hasSuffix(".json") }.compactMap { name -> Int? in
                guard let data = FileManager.default.contents(atPath: journal.appendingPathComponent(name).path),
                      let object = try? JSONSerialization.jsonObject(with: data) as? [String: Any] else { return nil }
                return object["partsAccepted"] as? Int
            }.max() ?? 0
        }
        while acceptedParts() < 3 {
            guard upload.isRunning, Date() < deadline else { return XCTFail("the upload never got three parts in") }
            usleep(20_000)
        }
        kill(upload.processIdentifier, SIGKILL)
        upload.waitUntilExit()

        let listed = try Binary.run(["transfers"], environment: env)
        XCTAssertTrue(listed.stdout.contains("killed-upload.bin"), listed.stdout + listed.stderr)
        let resumed = try Binary.run(["upload", "--resume", "--json", "--account", served.accountURL], environment: env)
        XCTAssertEqual(resumed.status, 0, resumed.stderr)
        XCTAssertTrue(resumed.stderr.contains("resuming"), resumed.stderr)
        let uuid = try XCTUnwrap(((JSONSerialization.jsonObject(with: Data(resumed.stdout.utf8)) as? [[String: Any]])?.first)?["uuid"] as? String)
        let back = served.folder.appendingPathComponent("back.bin").path
        XCTAssertEqual(try Binary.run(["download", uuid, "-o", back, "--account", served.accountURL], environment: env).status, 0)
        XCTAssertEqual(try Data(contentsOf: URL(fileURLWithPath: back)), bytes)
        let same = try Binary.run(["ls", "--name", "killed-upload", "--all", "--json", "--account", served.accountURL], environment: env)
        let files = (((try JSONSerialization.jsonObject(with: Data(same.stdout.utf8))) as? [String: Any])?["_embedded"] as? [String: Any])?["files"] as? [Any]
        XCTAssertEqual(files?.count, 1, "the drive holds exactly one such file")
        XCTAssertTrue(try Binary.run(["transfers"], environment: env).stderr.contains("No unfinished uploads"))
    }

    func testExitStatusesSayWhoFailed() throws {
        let served = try ServedEmulator()
        defer { served.stop() }
        let usage = try Binary.run(["ls", "--no-such-flag"])
        XCTAssertEqual(usage.status, 2)
        let badLimit = try Binary.run(["ls", "--limit", "999", "--account", served.accountURL], environment: served.env)
        XCTAssertEqual(badLimit.status, 2)
        let noToken = try Binary.run(["ls", "--account", served.accountURL])
        XCTAssertEqual(noToken.status, 2)
        XCTAssertTrue(noToken.stderr.contains("AMOFILES_TOKEN"), noToken.stderr)
        let refused = try Binary.run(["info", "00000000-0000-4000-8000-000000000000", "--account", served.accountURL], environment: served.env)
        XCTAssertEqual(refused.status, 1)
        XCTAssertTrue(refused.stderr.contains("404"), refused.stderr)
        let wrongToken = try Binary.run(["ls", "--account", served.accountURL], environment: ["AMOFILES_TOKEN": "wrong-token-4711"])
        XCTAssertEqual(wrongToken.status, 1)
        XCTAssertTrue(wrongToken.stderr.contains("401"), wrongToken.stderr)
        XCTAssertFalse(wrongToken.stderr.contains("4711"), "the token is never quoted:\n\(wrongToken.stderr)")
        let unreachable = try Binary.run(["ls", "--account", "http://127.0.0.1:\(try closedPort())"], environment: served.env)
        XCTAssertEqual(unreachable.status, 3)
        XCTAssertFalse(unreachable.stderr.contains(served.token))
        let plainHTTP = try Binary.run(["ls", "--account", "http://example.com"], environment: served.env)
        XCTAssertEqual(plainHTTP.status, 2, "no token over plain http to another machine")
    }

    func testLoginSavesAPrivateProfileAndRefusesAPublicOne() throws {
        let served = try ServedEmulator()
        defer { served.stop() }
        let config = served.folder.appendingPathComponent("config")
        let env = ["XDG_CONFIG_HOME": config.path]
        let login = try Binary.run(["login"], environment: env, stdin: "\(served.accountURL)\n\(served.token)\n")
        XCTAssertEqual(login.status, 0, login.stderr)
        let file = config.appendingPathComponent("amofiles/config.toml").path
        let mode = try XCTUnwrap(FileManager.default.attributesOfItem(atPath: file)[.posixPermissions] as? NSNumber).intValue
        XCTAssertEqual(mode, 0o600)
        let listed = try Binary.run(["ls"], environment: env)
        XCTAssertEqual(listed.status, 0, listed.stderr)

        chmod(file, 0o644)
        let refused = try Binary.run(["ls"], environment: env)
        XCTAssertEqual(refused.status, 2)
        XCTAssertTrue(refused.stderr.contains("chmod 600"), refused.stderr)

        let before = try String(contentsOfFile: file, encoding: .utf8)
        let wrong = try Binary.run(["login", "--profile", "other", "--account", served.accountURL], environment: env.merging(["AMOFILES_TOKEN": "wrong"]) { $1 })
        XCTAssertEqual(wrong.status, 1, wrong.stderr)
        let after = try String(contentsOfFile: file, encoding: .utf8)
        XCTAssertEqual(after, before, "a wrong token is not saved")
        XCTAssertFalse(after.contains("[other]"), after)
    }

    func testOAuthLoginRotatesTheRefreshTokenAndSavesIt() throws {
        let served = try ServedEmulator()
        defer { served.stop() }
        let oauth = try XCTUnwrap(served.ready["oauth"] as? [String: String])
        let config = served.folder.appendingPathComponent("config")
        let env = ["XDG_CONFIG_HOME": config.path, "AMOFILES_REFRESH_TOKEN": try XCTUnwrap(oauth["refresh_token"])]
        let login = try Binary.run([
            "login", "--account", served.accountURL, "--client-id", try XCTUnwrap(oauth["client_id"]),
            "--client-secret", try XCTUnwrap(oauth["client_secret"]), "--redirect-uri", try XCTUnwrap(oauth["redirect_uri"]),
        ], environment: env)
        XCTAssertEqual(login.status, 0, login.stderr)
        let text = try String(contentsOfFile: config.appendingPathComponent("amofiles/config.toml").path, encoding: .utf8)
        XCTAssertFalse(text.contains(oauth["refresh_token"]!), "the used refresh token is replaced by the new one")
        XCTAssertTrue(text.contains("refresh_token = "))
        let listed = try Binary.run(["ls"], environment: ["XDG_CONFIG_HOME": config.path])
        XCTAssertEqual(listed.status, 0, listed.stderr)
    }
}
