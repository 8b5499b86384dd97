import Foundation
import XCTest

/// `amofiles download --all` against `serve --seed demo`: every pdf into a folder; the
/// second run transfers nothing; `--trash-after` empties Files of what was copied.
final class DownloadAllTests: XCTestCase {
    func testASecondRunTransfersNothingAndTrashAfterMovesOnlyWhatIsCopied() throws {
        let served = try ServedEmulator(arguments: ["--seed", "demo"])
        let log = served.log
        defer { served.stop() }
        func run(_ arguments: [String]) throws -> Binary.Result {
            try Binary.run(arguments + ["--account", served.accountURL], environment: served.env)
        }
        func downloadsServed() throws -> Int {
            try String(contentsOfFile: log, encoding: .utf8).split(separator: "\n").filter { $0.contains(" download ") }.count
        }
        let listed = try jsonObject(run(["ls", "--all", "--ext", "pdf", "--json"]))
        let pdfs = try XCTUnwrap((listed["_embedded"] as? [String: Any])?["files"] as? [[String: Any]])
        let target = served.folder.appendingPathComponent("copies").path

        let first = try run(["download", "--all", "--ext", "pdf", "-o", target])
        XCTAssertEqual(first.status, 0, first.stderr)
        let names = try FileManager.default.contentsOfDirectory(atPath: target).filter { !$0.hasSuffix(".part") }
        XCTAssertEqual(names.count, pdfs.count, "every pdf, each under its own name")
        XCTAssertTrue(names.allSatisfy { $0.hasSuffix(".pdf") }, "\(names.filter { !$0.hasSuffix(".pdf") })")
        let served1 = try downloadsServed()

        let second = try run(["download", "--all", "--ext", "pdf", "-o", target])
        XCTAssertEqual(second.status, 0, second.stderr)
        XCTAssertTrue(second.stdout.contains("Downloaded 0 files (0 B)") && second.stdout.contains("\(pdfs.count) already there"), second.stdout)
        XCTAssertEqual(try downloadsServed(), served1, "the second run transfers nothing")

        let trashed = try run(["download", "--all", "--ext", "pdf", "-o", target, "--trash-after"])
        XCTAssertEqual(trashed.status, 0, trashed.stderr)
        XCTAssertTrue(trashed.stdout.contains("Moved \(pdfs.count) files to the trash"), trashed.stdout)
        let left = try jsonObject(run(["ls", "--all", "--ext", "pdf", "--json"]))
        XCTAssertEqual(((left["_embedded"] as? [String: Any])?["files"] as? [[String: Any]])?.count ?? 0, 0)

        XCTAssertEqual(try run(["download", "--all", "--ext", "pdf"]).status, 2, "--all needs a folder")
        XCTAssertEqual(try run(["download", "--ext", "pdf", "-o", target]).status, 2, "filters go with --all")
    }
}
