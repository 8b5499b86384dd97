import Foundation
import TerminalUI
import XCTest

/// The Usage tab in tmux against `serve --seed demo`: its totals are what `ls` sums
/// to, D copies a group out, Enter on .pdf lists the pdfs in Files, and a second run
/// opens on the saved walk.
final class UsageTabTests: XCTestCase {
    func testTotalsEqualTheListingAndPDFOpensFilesFilteredAndTheWalkIsKept() throws {
        let served = try ServedEmulator(arguments: ["--seed", "demo"])
        defer { served.stop() }
        func listed(_ arguments: String...) throws -> [[String: Any]] {
            let result = try Binary.run(["ls", "--all", "--json"] + arguments + ["--account", served.accountURL], environment: served.env)
            return try XCTUnwrap((jsonObject(result)["_embedded"] as? [String: Any])?["files"] as? [[String: Any]])
        }
        let files = try listed()
        let bytes = files.reduce(Int64(0)) { $0 + ((($1["size"] as? NSNumber)?.int64Value) ?? 0) }
        let trashed = try listed("--trash")
        let pdfs = try listed("--ext", "pdf")
        XCTAssertGreaterThan(pdfs.count, 0)

        let tmux = try TmuxSession.ui(on: served)
        defer { tmux.close() }
        try tmux.send("4")
        let totals = "\(files.count) files, \(Quantities.bytes(bytes)) · in the trash \(trashed.count) files"
        var screen = tmux.waitFor(text: " · walked ")
        XCTAssertTrue(screen.contains(totals), "expected “\(totals)”:\n\(screen)")
        XCTAssertTrue(screen.contains("The account uses "), screen)

        try tmux.send("Right")
        tmux.waitFor(text: " EXTENSION ")
        // D on a group copies its files into a folder.
        let csvs = try listed("--ext", "csv")
        let folder = served.folder.appendingPathComponent("csv copies").path
        try tmux.send("/")
        try tmux.send("-l", ".csv")
        try tmux.send("Enter", "D")
        tmux.waitFor(text: "Download \(csvs.count) files into folder:")
        try tmux.send("C-u")
        try tmux.send("-l", folder)
        try tmux.send("Enter")
        tmux.waitFor(text: "Downloaded \(csvs.count) files")
        let copies = try FileManager.default.contentsOfDirectory(atPath: folder)
        XCTAssertEqual(copies.count, csvs.count, "\(copies)")
        XCTAssertEqual(Set(copies.compactMap { FileManager.default.contents(atPath: folder + "/" + $0)?.count }),
                       Set(csvs.compactMap { ($0["size"] as? NSNumber)?.intValue }))
        try tmux.send("Escape")
        tmux.waitFor("every group again") { $0.contains(" .pdf ") }
        try tmux.send("/")
        try tmux.send("-l", ".pdf")
        try tmux.send("Enter")
        screen = tmux.waitFor(text: "1 group by extension")
        XCTAssertTrue(screen.contains(" .pdf ") && screen.contains(" \(pdfs.count) "), screen)
        try tmux.send("Enter")
        // The pages come as the screen needs them: 100 rows, or every pdf when there are fewer.
        let count = pdfs.count > 100 ? "100 files loaded" : " \(pdfs.count) files"
        screen = tmux.waitFor("Files filtered to .pdf") { $0.contains("Filter: .pdf") && $0.contains(count) }
        let rows = screen.split(separator: "\n").dropFirst(3).dropLast().filter { !$0.trimmingCharacters(in: .whitespaces).isEmpty }
        XCTAssertFalse(rows.isEmpty, screen)
        XCTAssertTrue(rows.allSatisfy { $0.contains(".pdf") }, screen)

        // Quit and come back: the walk is read back, not walked again (the walk's last
        // request is the account's stats).
        func statsAsked() throws -> Int {
            try String(contentsOfFile: served.log, encoding: .utf8).split(separator: "\n").filter { $0.contains("/v1.0/files/stats") }.count
        }
        XCTAssertEqual(try statsAsked(), 1)
        try tmux.send("Q")
        tmux.waitFor(text: "EXITED=0")
        try tmux.send("clear; \(Binary.path) --account \(served.accountURL)", "Enter")
        tmux.waitFor("the first page") { $0.contains(" 100 files loaded") }
        try tmux.send("4")
        screen = tmux.waitFor(text: " · walked ")
        XCTAssertTrue(screen.contains(totals), screen)
        XCTAssertEqual(try statsAsked(), 1, "the saved walk is shown; nothing is walked")
    }
}
