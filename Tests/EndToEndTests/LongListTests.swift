import Foundation
import TerminalUI
import XCTest

/// A long list in tmux against `serve --extra-files`: `G` shows the oldest file in a
/// few requests, `:50%` a middle page, `g` the newest again.
final class LongListTests: XCTestCase {
    func testGReachesTheOldestFileInFewRequestsAndFiftyPercentTheMiddle() throws {
        let served = try ServedEmulator(arguments: ["--seed", "demo", "--extra-files", "6000"])
        defer { served.stop() }
        func listed(_ arguments: [String]) throws -> [[String: Any]] {
            let result = try Binary.run(["ls", "--json"] + arguments + ["--account", served.accountURL], environment: served.env)
            return try XCTUnwrap((jsonObject(result)["_embedded"] as? [String: Any])?["files"] as? [[String: Any]])
        }
        func requests() throws -> Int {
            try String(contentsOfFile: served.log, encoding: .utf8).split(separator: "\n").filter { $0.contains("request GET /v1.0/files ") }.count
        }
        // The oldest file, and the one half way, as the service pages them.
        let first = try listed(["--limit", "1"])
        XCTAssertEqual(first.count, 1)
        let usage = try jsonObject(Binary.run(["usage", "--json", "--account", served.accountURL], environment: served.env))
        let total = try XCTUnwrap(usage["files"] as? Int)
        XCTAssertGreaterThan(total, 6000)
        let oldest = try XCTUnwrap(listed(["--limit", "1", "--page", String(total)]).first?["name"] as? String)
        let middleRow = Int((Double(total - 1) * 0.5).rounded())
        let middle = try XCTUnwrap(listed(["--limit", "1", "--page", String(middleRow + 1)]).first?["name"] as? String)

        let tmux = try TmuxSession.ui(on: served)
        defer { tmux.close() }
        let before = try requests()
        try tmux.send("G")
        let number = Quantities.grouped(total)
        var screen = tmux.waitFor("the oldest file") { $0.contains("row \(number) of \(number)") }
        XCTAssertTrue(screen.contains(oldest), "the oldest, \(oldest), on screen:\n\(screen)")
        XCTAssertLessThan(try requests() - before, 40, "G asked for fewer than 40 pages")

        try tmux.send(":")
        try tmux.send("-l", "50%")
        try tmux.send("Enter")
        screen = tmux.waitFor("the middle") { $0.contains("row \(Quantities.grouped(middleRow + 1)) of \(number)") }
        XCTAssertTrue(screen.contains(middle), "the middle file, \(middle), on screen:\n\(screen)")

        try tmux.send("g")
        screen = tmux.waitFor("the top") { $0.contains("row 1 of \(number)") && !$0.contains("loading…") }
        XCTAssertTrue(screen.contains(try XCTUnwrap(first.first?["name"] as? String)), screen)
    }
}
