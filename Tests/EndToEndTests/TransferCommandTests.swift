import EmulatorTesting
import Foundation
import XCTest

final class TransferCommandTests: XCTestCase {
    func testUploadAttachesPrintsJSONAndPlainProgressWhenNotATerminal() throws {
        let served = try ServedEmulator(arguments: ["--seed", "demo", "--latency", "80", "--max-part-size", "65536"])
        defer { served.stop() }
        let env = served.env.merging(["XDG_STATE_HOME": served.folder.appendingPathComponent("state").path]) { $1 }
        let big = served.folder.appendingPathComponent("отчёт за квартал.bin")
        let small = served.folder.appendingPathComponent("note.txt")
        try Data(testBytes(3_000_000, seed: 41)).write(to: big)
        try Data("hello".utf8).write(to: small)

        let missing = try Binary.run(["upload", small.path, "--attach", "lead:1", "--account", served.accountURL], environment: env)
        XCTAssertEqual(missing.status, 1)
        XCTAssertTrue(missing.stderr.contains("lead 1 not found"), missing.stderr)
        let bad = try Binary.run(["upload", small.path, "--attach", "deal-7", "--account", served.accountURL], environment: env)
        XCTAssertEqual(bad.status, 2, bad.stderr)

        let result = try Binary.run(
            ["upload", big.path, small.path, "--attach", "lead:22859108", "--json", "--max-rps", "50", "--account", served.accountURL],
            environment: env)
        XCTAssertEqual(result.status, 0, result.stderr)
        let files = try XCTUnwrap(JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [[String: Any]])
        XCTAssertEqual(files.compactMap { $0["size"] as? Int }.sorted(), [5, 3_000_000])
        // Not a terminal: plain lines, no cursor movement.
        XCTAssertTrue(result.stderr.contains("отчёт за квартал.bin: "), result.stderr)
        XCTAssertTrue(result.stderr.contains("% ("), result.stderr)
        XCTAssertFalse(result.stderr.contains("\u{1B}["), "no escape sequences when stderr is not a terminal")

        let links = try Binary.run(["entity-files", "leads", "22859108", "--json", "--account", served.accountURL], environment: env)
        for file in files {
            XCTAssertTrue(links.stdout.contains(try XCTUnwrap(file["uuid"] as? String)), "attached: \(links.stdout)")
        }
    }

    func testControlCStopsAndKeepsTheUploadAndDiscardForgetsIt() throws {
        let served = try ServedEmulator(arguments: ["--latency", "100", "--max-part-size", "65536"])
        defer { served.stop() }
        let state = served.folder.appendingPathComponent("state")
        let env = served.env.merging(["XDG_STATE_HOME": state.path]) { $1 }
        let sources = try ["interrupted.bin", "kept.bin"].enumerated().map { index, name in
            let source = served.folder.appendingPathComponent(name)
            try Data(testBytes(2_000_000, seed: UInt64(43 + index))).write(to: source)
            return source
        }
        for source in sources {
            let errors = Pipe()
            let upload = try startUpload(source, served: served, env: env, errors: errors)
            kill(upload.processIdentifier, SIGINT)
            try upload.finish(within: 30)
            let stderr = String(decoding: errors.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
            XCTAssertEqual(upload.terminationStatus, 130, stderr)
            XCTAssertTrue(stderr.contains("Unfinished uploads stay in the journal"), stderr)
        }
        XCTAssertEqual(journaled(state), ["interrupted.bin", "kept.bin"], "Ctrl-C cancels nothing")
        let listed = try Binary.run(["ls", "--name", "interrupted", "--account", served.accountURL], environment: env)
        XCTAssertEqual(listed.status, 0, listed.stderr)
        XCTAssertFalse(listed.stdout.contains("interrupted.bin"), "nothing in the drive before the last part: \(listed.stdout)")

        let unnamed = try Binary.run(["transfers", sources[0].path], environment: env)
        XCTAssertEqual(unnamed.status, 2, "files are named only with --discard: \(unnamed.stderr)")
        let discarded = try Binary.run(["transfers", "--discard", sources[0].path, "--account", served.accountURL], environment: env)
        XCTAssertEqual(discarded.status, 0, discarded.stderr)
        XCTAssertTrue(discarded.stdout.contains("Discarded \(sources[0].path)"), discarded.stdout)
        XCTAssertEqual(journaled(state), ["kept.bin"], "only the named file is forgotten")

        let resumed = try Binary.run(["upload", "--resume", "--account", served.accountURL], environment: env)
        XCTAssertEqual(resumed.status, 0, resumed.stderr)
        XCTAssertTrue(resumed.stdout.contains("Uploaded kept.bin"), resumed.stdout)
        XCTAssertFalse(resumed.stderr.contains("interrupted.bin"), resumed.stderr)
        XCTAssertEqual(journaled(state), [])
    }

    /// Uploads in the journal, by file name.
    private func journaled(_ state: URL) -> [String] {
        let folder = state.appendingPathComponent("amofiles/uploads")
        let names = ((try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []).filter { $0.hasSuffix(".json") }
        return names.compactMap { name in
            FileManager.default.contents(atPath: folder.appendingPathComponent(name).path)
                .flatMap { try? JSONSerialization.jsonObject(with: $0) as? [String: Any] }?["fileName"] as? String
        }.sorted()
    }

    /// Starts `amofiles upload` and waits until its first part is in the journal.
    private func startUpload(_ source: URL, served: ServedEmulator, env: [String: String], errors: Pipe) throws -> Process {
        let upload = try Binary.start(["upload", source.path, "--account", served.accountURL], environment: env, stderr: errors)
        let state = URL(fileURLWithPath: env["XDG_STATE_HOME"]!)
        let deadline = Date().addingTimeInterval(60)
        while !journaled(state).contains(source.lastPathComponent) {
            guard upload.isRunning, Date() < deadline else {
                upload.terminate()
                throw HarnessError(reason: "the upload of \(source.lastPathComponent) never reached the journal")
            }
            usleep(20_000)
        }
        return upload
    }

    func testSIGTERMAndSIGHUPKeepTheUploadsForResume() throws {
        let served = try ServedEmulator(arguments: ["--latency", "100", "--max-part-size", "65536"])
        defer { served.stop() }
        let state = served.folder.appendingPathComponent("state")
        let env = served.env.merging(["XDG_STATE_HOME": state.path]) { $1 }
        var sources: [URL] = []
        for (index, name) in ["term.bin", "hangup.bin"].enumerated() {
            let source = served.folder.appendingPathComponent(name)
            try Data(testBytes(2_000_000, seed: UInt64(60 + index))).write(to: source)
            sources.append(source)
        }

        for (index, signal) in [(0, SIGTERM), (1, SIGHUP)] {
            let process = try startUpload(sources[index], served: served, env: env, errors: Pipe())
            kill(process.processIdentifier, signal)
            try process.finish(within: 30)
            XCTAssertEqual(process.terminationStatus, 128 + signal, "\(sources[index].lastPathComponent)")
        }
        XCTAssertEqual(journaled(state), ["hangup.bin", "term.bin"], "neither was lost")

        let resumed = try Binary.run(["upload", "--resume", "--json", "--account", served.accountURL], environment: env)
        XCTAssertEqual(resumed.status, 0, resumed.stderr)
        let files = try XCTUnwrap(JSONSerialization.jsonObject(with: Data(resumed.stdout.utf8)) as? [[String: Any]])
        XCTAssertEqual(files.count, 2)
        XCTAssertEqual(journaled(state), [])
        let twiceFile = try XCTUnwrap(files.first { ($0["name"] as? String)?.hasPrefix("term") == true })
        let back = served.folder.appendingPathComponent("back.bin").path
        XCTAssertEqual(try Binary.run(["download", try XCTUnwrap(twiceFile["uuid"] as? String), "-o", back, "--account", served.accountURL], environment: env).status, 0)
        XCTAssertEqual(FileManager.default.contents(atPath: back), try Data(contentsOf: sources[0]), "the same bytes after the resume")
    }

    func testADownloadStoppedBySIGTERMLeavesNoPartialFileAndForceOverwrites() async throws {
        let service = try await VariantService.start()
        addTeardownBlock { await service.stop() }
        let folder = try Binary.makeHome()
        defer { try? FileManager.default.removeItem(at: folder) }
        let env = ["AMOFILES_TOKEN": service.token]
        let target = folder.appendingPathComponent("slow.bin")
        let download = try Binary.start(["download", "slow", "-o", target.path, "--account", service.url.absoluteString], environment: env)
        // Under way: its temporary file is there and growing.
        let deadline = Date().addingTimeInterval(30)
        while !((try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []).contains(where: { $0.hasSuffix(".part") }) {
            guard download.isRunning, Date() < deadline else { return XCTFail("the download never started") }
            usleep(20_000)
        }
        kill(download.processIdentifier, SIGTERM)
        try download.finish(within: 20)
        XCTAssertEqual(download.terminationStatus, 128 + SIGTERM)
        let left = try FileManager.default.contentsOfDirectory(atPath: folder.path).filter { !Binary.homeFolders.contains($0) }
        XCTAssertEqual(left, [], "no partial file, no target")

        try Data("old".utf8).write(to: target)
        let refused = try Binary.run(["download", "slow", "-o", target.path, "--account", service.url.absoluteString], environment: env)
        XCTAssertEqual(refused.status, 2, refused.stderr)
        XCTAssertEqual(try Data(contentsOf: target), Data("old".utf8), "not overwritten without --force")
        let forced = try Binary.run(["download", "slow", "-o", target.path, "--force", "--account", service.url.absoluteString], environment: env)
        XCTAssertEqual(forced.status, 0, forced.stderr)
        XCTAssertEqual(try Data(contentsOf: target), Data(repeating: 0x61, count: VariantService.slowSize))
    }
}
