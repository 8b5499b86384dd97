import Foundation
import XCTest

/// `amofiles upload DIR` against `serve`: a push, a second that sends nothing, a third
/// after one file changed that adds exactly one version to exactly that file; `--dry-run`
/// changes nothing; globs and hidden files.
final class FolderUploadTests: XCTestCase {
    func testASecondPushSendsNothingAndAChangedFileBecomesANewVersion() throws {
        let served = try ServedEmulator()
        defer { served.stop() }
        let state = served.folder.appendingPathComponent("state")
        let local = served.folder.appendingPathComponent("push")
        for folder in ["sub", ".hidden"] {
            try FileManager.default.createDirectory(at: local.appendingPathComponent(folder), withIntermediateDirectories: true)
        }
        for (name, text) in [("a.txt", "a"), ("b.txt", "b"), ("sub/c.pdf", "c"), (".hidden/h.txt", "h"), ("skip.log", "l")] {
            try Data(text.utf8).write(to: local.appendingPathComponent(name))
        }
        let env = served.env.merging(["XDG_STATE_HOME": state.path]) { $1 }
        func run(_ arguments: [String]) throws -> Binary.Result {
            try Binary.run(arguments + ["--account", served.accountURL], environment: env)
        }
        func files() throws -> [String: [String: Any]] {
            let listed = try jsonObject(run(["ls", "--all", "--json"]))
            let items = (listed["_embedded"] as? [String: Any])?["files"] as? [[String: Any]] ?? []
            return Dictionary(uniqueKeysWithValues: items.map { (($0["name"] as? String ?? "") + "." + ((($0["metadata"] as? [String: Any])?["extension"] as? String) ?? ""), $0) })
        }

        let dry = try run(["upload", local.path, "--exclude", "*.log", "--dry-run"])
        XCTAssertEqual(dry.status, 0, dry.stderr)
        XCTAssertTrue(dry.stdout.contains("3 files to upload"), dry.stdout)
        XCTAssertTrue(try files().isEmpty, "--dry-run sends nothing")

        let first = try run(["upload", local.path, "--exclude", "*.log"])
        XCTAssertEqual(first.status, 0, first.stderr)
        XCTAssertEqual(Set(try files().keys), ["a.txt", "b.txt", "c.pdf"], "hidden files and excluded ones stay")

        let second = try run(["upload", local.path, "--exclude", "*.log"])
        XCTAssertEqual(second.status, 0, second.stderr)
        XCTAssertTrue(second.stderr.contains("3 files unchanged since the last push"), second.stderr)
        XCTAssertEqual(try files().count, 3)

        Thread.sleep(forTimeInterval: 1.1)   // a modification time of its own
        try Data("b, second edition".utf8).write(to: local.appendingPathComponent("b.txt"))
        let third = try run(["upload", local.path, "--exclude", "*.log"])
        XCTAssertEqual(third.status, 0, third.stderr)
        let after = try files()
        XCTAssertEqual(after.count, 3, "no new file")
        XCTAssertEqual(after["b.txt"]?["size"] as? Int, 17)
        XCTAssertEqual(after["b.txt"]?["has_multiple_versions"] as? Bool, true, "one more version of b.txt")
        XCTAssertEqual(after["a.txt"]?["has_multiple_versions"] as? Bool, false, "the others are as they were")
        let versions = try jsonObject(run(["versions", try XCTUnwrap(after["b.txt"]?["uuid"] as? String), "--json"]))
        XCTAssertEqual(((versions["_embedded"] as? [String: Any])?["versions"] as? [[String: Any]])?.count, 2)

        let withHidden = try run(["upload", local.path, "--include", "*.txt", "--hidden", "--dry-run"])
        XCTAssertTrue(withHidden.stdout.contains(".hidden/h.txt") && withHidden.stdout.contains("1 file to upload"), withHidden.stdout)
    }
}
