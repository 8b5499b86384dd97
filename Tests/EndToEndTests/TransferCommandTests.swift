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

    func testControlCCancelsTheUploadAndLeavesNothing() throws {
        let served = try ServedEmulator(arguments: ["--latency", "100", "--max-part-size", "65536"])
        defer { served.stop() }
        let state = served.folder.appendingPathComponent("state")
        let env = served.env.merging(["XDG_STATE_HOME": state.path]) { $1 }
        let source = served.folder.appendingPathComponent("interrupted.bin")
        try Data(testBytes(2_000_000, seed: 43)).write(to: source)

        let errors = Pipe()
        let upload = try Binary.start(["upload", source.path, "--account", served.accountURL], environment: env, stderr: errors)
        let journal = state.appendingPathComponent("amofiles/uploads")
        let deadline = Date().addingTimeInterval(60)
        while ((try? FileManager.default.contentsOfDirectory(atPath: journal.path)) ?? []).isEmpty {
            guard upload.isRunning, Date() < deadline else { return XCTFail("the upload never started") }
            usleep(20_000)
        }
        kill(upload.processIdentifier, SIGINT)
        try upload.finish(within: 30)
        let stderr = String(decoding: errors.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        XCTAssertEqual(upload.terminationStatus, 130, stderr)
        XCTAssertTrue(stderr.contains("cancelled; nothing was added to the drive"), stderr)
        XCTAssertEqual((try? FileManager.default.contentsOfDirectory(atPath: journal.path)) ?? [], [], "no journal entry")
        let listed = try Binary.run(["ls", "--name", "interrupted", "--account", served.accountURL], environment: env)
        XCTAssertEqual(listed.status, 0, listed.stderr)
        XCTAssertFalse(listed.stdout.contains("interrupted.bin"), listed.stdout)
    }
}
