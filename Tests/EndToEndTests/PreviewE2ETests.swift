import Foundation
import XCTest

/// `p` in tmux against `amofiles serve`, whose log says what its links sent: a big
/// text file is read from its first 256 KiB only, and a second look asks nothing.
final class PreviewE2ETests: XCTestCase {
    func testABigTextFileIsPreviewedFromItsFirstBytesAndOnlyOnce() throws {
        let served = try ServedEmulator(arguments: ["--seed", "demo"])
        let log = served.log
        defer { served.stop() }
        // 20 MiB of numbered lines, uploaded as the newest file.
        let line = "строка %07d: цена 12 500 ₽, срок поставки 14 дней\n"
        var text = ""
        var number = 1
        while text.utf8.count < 20 * 1024 * 1024 {
            text += String(format: line, number)
            number += 1
        }
        let path = served.folder.appendingPathComponent("журнал-выгрузки.log")
        try Data(text.utf8).write(to: path)
        let size = try XCTUnwrap(FileManager.default.attributesOfItem(atPath: path.path)[.size] as? Int)
        let up = try Binary.run(["upload", path.path, "--account", served.accountURL], environment: served.env)
        XCTAssertEqual(up.status, 0, up.stderr)

        let tmux = try TmuxSession.ui(on: served)
        defer { tmux.close() }
        tmux.waitFor(text: "журнал-выгрузки.log")
        try tmux.send("p")
        tmux.waitFor("the first lines") { $0.contains("строка 0000001: цена 12 500 ₽") && $0.contains("lines 1–") }
        let screen = tmux.waitFor(text: "the first 262 KB of 21 MB")
        XCTAssertTrue(screen.contains("Preview of журнал-выгрузки.log"), screen)
        try tmux.send("/")
        try tmux.send("-l", "0000300")
        try tmux.send("Enter")
        tmux.waitFor("line 300 on top") { $0.split(separator: "\n").dropFirst(2).first?.contains("300 строка 0000300") == true }

        let spans = try String(contentsOfFile: log, encoding: .utf8).split(separator: "\n").filter { $0.contains(" of \(size)") }
        XCTAssertEqual(spans.count, 1, "one request: \(spans)")
        XCTAssertTrue(spans.first?.hasSuffix("bytes 0-262143 of \(size)") == true, "\(spans)")
        // One Esc at a time: a key right after Esc would be read as Alt and that key.
        try tmux.send("Escape")
        tmux.waitFor("the text found forgotten") { !$0.contains("finding") && $0.contains("Preview of") }
        try tmux.send("Escape")
        tmux.waitFor(text: "UPDATED")
        try tmux.send("p")
        tmux.waitFor(text: "the first 262 KB of 21 MB")
        let again = try String(contentsOfFile: log, encoding: .utf8).split(separator: "\n").filter { $0.contains(" of \(size)") }
        XCTAssertEqual(again.count, 1, "the second look came from the cache")
    }
}

/// Picking the right version in tmux on the demo account: preview an old one,
/// compare it with the active one (the changed words marked), switch, undo; the
/// command line agrees at every step.
final class VersionsE2ETests: XCTestCase {
    func testPreviewCompareSwitchAndUndoOnTheDemoContract() throws {
        let served = try ServedEmulator(arguments: ["--seed", "demo"])
        defer { served.stop() }
        func cli(_ arguments: [String]) throws -> Binary.Result {
            let result = try Binary.run(arguments + ["--account", served.accountURL], environment: served.env)
            XCTAssertEqual(result.status, 0, result.stderr)
            return result
        }
        func json(_ arguments: [String]) throws -> [String: Any] {
            try XCTUnwrap(JSONSerialization.jsonObject(with: Data(cli(arguments + ["--json"]).stdout.utf8)) as? [String: Any])
        }
        let listed = try json(["ls", "--term", "Договор поставки № 12", "--ext", "docx"])
        let uuid = try XCTUnwrap(((listed["_embedded"] as? [String: Any])?["files"] as? [[String: Any]])?.first?["uuid"] as? String)
        let versions = try XCTUnwrap((try json(["versions", uuid])["_embedded"] as? [String: Any])?["versions"] as? [[String: Any]])
        let (newest, oldest) = (try XCTUnwrap(versions.first?["uuid"] as? String), try XCTUnwrap(versions.last?["uuid"] as? String))
        func active() throws -> String? { try json(["info", uuid])["version_uuid"] as? String }
        XCTAssertEqual(try active(), newest)

        let tmux = try TmuxSession.ui(on: served)
        defer { tmux.close() }
        try tmux.send("/")
        try tmux.send("-l", "Договор поставки № 12")
        let found = tmux.waitFor("the three contracts") { $0.contains(" 3 files") }
        try tmux.send("Enter")
        // The cursor onto the .docx row.
        let rows = found.split(separator: "\n").filter { $0.contains("Договор поставки № 12.") }
        let docx = try XCTUnwrap(rows.firstIndex { $0.contains(".docx") })
        for _ in 0..<docx { try tmux.send("j") }
        try tmux.send("v")
        tmux.waitFor(text: "4 versions")
        try tmux.send("G", "p")
        tmux.waitFor("version 1's text") { $0.contains("Preview of Договор поставки № 12.docx, version 1 of 4") && $0.contains("1 250 000 руб.") }
        try tmux.send("Escape")
        tmux.waitFor("the versions again") { $0.contains("Versions of ") && $0.contains("4 versions") }

        try tmux.send("=")
        let compared = tmux.waitFor("the comparison") { $0.contains("Version 1 → 4 of Договор поставки № 12.docx") && $0.contains("lines in") }
        let shown = Set(compared.split(separator: "\n").map { $0.trimmingCharacters(in: .whitespaces) })
        let printed = try cli(["diff", uuid, "1", "4"]).stdout.split(separator: "\n").map(String.init)
        for line in printed.dropFirst(2) where !line.trimmingCharacters(in: .whitespaces).isEmpty {
            XCTAssertTrue(shown.contains(line.trimmingCharacters(in: .whitespaces)), "amofiles diff printed “\(line)”; the UI did not show it:\n\(compared)")
        }
        let raw = tmux.screenWithAttributes
        // The removed price: the word that changed is set apart by escapes of its own.
        let changed = try XCTUnwrap(raw.split(separator: "\n").first { $0.contains("Цена договора") && $0.contains("250") }, raw)
        let before = try XCTUnwrap(changed.range(of: "250")).lowerBound
        let attributes = changed[..<before].suffix(30)
        XCTAssertTrue(attributes.contains("\u{1B}[7m") || attributes.range(of: #"\[[0-9;]*;7[;m]|\[7;"#, options: .regularExpression) != nil,
                      "the changed words are reversed: \(changed.debugDescription)")

        try tmux.send("Escape")
        tmux.waitFor("the versions again") { $0.contains("Versions of ") && !$0.contains("→") }
        try tmux.send("Enter")
        tmux.waitFor(text: "Make version 1 of 4 (")
        try tmux.send("y")
        tmux.waitFor(text: "is now active · z undoes")
        XCTAssertEqual(try active(), oldest, "amofiles info: version 1 is active")
        try tmux.send("z")
        tmux.waitFor("the switch undone") { $0.contains("Version 4 of 4") && $0.contains("is now active") }
        XCTAssertEqual(try active(), newest, "amofiles info: version 4 is active again")
    }
}
