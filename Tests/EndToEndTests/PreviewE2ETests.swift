import Foundation
import XCTest

/// `p` in tmux against `amofiles serve`, whose log says what its links sent: a big
/// text file is read from its first 256 KiB only, and a second look asks nothing.
final class PreviewE2ETests: XCTestCase {
    func testABigTextFileIsPreviewedFromItsFirstBytesAndOnlyOnce() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("amofiles-e2e-\(UUID().uuidString.prefix(8))")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let log = folder.appendingPathComponent("emulator.log").path
        let served = try ServedEmulator(arguments: ["--seed", "demo", "--log-file", log], folder: folder)
        defer { served.stop() }
        // 20 MiB of numbered lines, uploaded as the newest file.
        let line = "строка %07d: цена 12 500 ₽, срок поставки 14 дней\n"
        var text = ""
        var number = 1
        while text.utf8.count < 20 * 1024 * 1024 {
            text += String(format: line, number)
            number += 1
        }
        let path = folder.appendingPathComponent("журнал-выгрузки.log")
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
