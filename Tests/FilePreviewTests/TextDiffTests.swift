@testable import FilePreview
import Foundation
import XCTest

final class TextDiffTests: XCTestCase {
    func testAChangedPriceIsOneHunkWithItsWordsMarked() {
        let old = ["Договор", "", "1. Поставка", "2. Цена — 1 250 000 руб.", "3. Срок", "4. Оплата", "5. Гарантия", "6. Подписи"]
        var new = old
        new[3] = "2. Цена — 1 180 000 руб."
        let diff = TextDiff(old: old, new: new)
        XCTAssertEqual(diff.summary, "+1 −1 lines in 1 place")
        XCTAssertEqual(diff.unified(oldName: "a", newName: "b"), [
            "--- a", "+++ b", "@@ -1,7 +1,7 @@", " Договор", " ", " 1. Поставка", "-2. Цена — 1 250 000 руб.", "+2. Цена — 1 180 000 руб.",
            " 3. Срок", " 4. Оплата", " 5. Гарантия",
        ])
        let changed = diff.hunks[0].lines.filter { $0.kind != .same }
        XCTAssertEqual(changed.map { line in line.changed.map { Array(line.text)[$0].map(String.init).joined() } }, [["250"], ["180"]])
    }

    func testMatchesDiffUOnAddedAndRemovedLinesFarApart() throws {
        let old = (1...40).map { "line \($0)" }
        var new = old
        new.insert("new after 5", at: 5)
        new.removeAll { $0 == "line 30" }
        new.append("the end")
        let diff = TextDiff(old: old, new: new)
        XCTAssertEqual(diff.summary, "+2 −1 lines in 3 places")
        guard let expected = try Self.diffU(old, new) else { throw XCTSkip("diff is not installed") }
        XCTAssertEqual(diff.unified(oldName: "old", newName: "new"), expected)
    }

    func testIdenticalAndEmptyTexts() {
        XCTAssertTrue(TextDiff(old: ["a"], new: ["a"]).isEmpty)
        XCTAssertEqual(TextDiff(old: [], new: ["a", "b"]).unified(oldName: "x", newName: "y"), ["--- x", "+++ y", "@@ -0,0 +1,2 @@", "+a", "+b"])
        XCTAssertEqual(TextDiff(old: ["a", "b", "c"], new: ["a", "B", "c"]).unified(oldName: "old", newName: "new"), try Self.diffU(["a", "b", "c"], ["a", "B", "c"]) ?? [])
        XCTAssertEqual(TextDiff(old: ["a"], new: []).unified(oldName: "x", newName: "y"), ["--- x", "+++ y", "@@ -1 +0,0 @@", "-a"])
    }

    func testTenThousandLinesWithFiftyChangesAgreeWithDiffU() throws {
        let old = (1...10_000).map { "row \($0): value \($0 * 7 % 1000)" }
        var new = old
        for index in stride(from: 100, to: 10_000, by: 200) { new[index] = "row \(index + 1): changed" }
        let diff = TextDiff(old: old, new: new)
        XCTAssertEqual(diff.summary, "+50 −50 lines in 50 places")
        guard let expected = try Self.diffU(old, new) else { throw XCTSkip("diff is not installed") }
        XCTAssertEqual(diff.unified(oldName: "old", newName: "new"), expected)
    }

    /// `diff -u` on the same lines, its header names made plain.
    static func diffU(_ old: [String], _ new: [String]) throws -> [String]? {
        guard FileManager.default.isExecutableFile(atPath: "/usr/bin/diff") else { return nil }
        let folder = NSTemporaryDirectory() + "amofiles-diff-\(UUID().uuidString.prefix(6))"
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: folder) }
        try (old.joined(separator: "\n") + "\n").write(toFile: folder + "/old", atomically: true, encoding: .utf8)
        try (new.joined(separator: "\n") + "\n").write(toFile: folder + "/new", atomically: true, encoding: .utf8)
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/diff")
        process.arguments = ["-u", "old", "new"]
        process.currentDirectoryURL = URL(fileURLWithPath: folder)
        let pipe = Pipe()
        process.standardOutput = pipe
        try process.run()
        let output = String(decoding: pipe.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        var lines = output.split(separator: "\n", omittingEmptySubsequences: false).map(String.init).dropLast()
        lines[0] = "--- old"
        lines[1] = "+++ new"
        return Array(lines)
    }
}
