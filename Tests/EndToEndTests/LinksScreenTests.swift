import Foundation
import XCTest

/// Attaching by hand in tmux against `amofiles serve --seed demo`: a lead found by
/// part of its Russian name, its files, detaching; `amofiles links` asked each time.
final class LinksScreenTests: XCTestCase {
    private var served: ServedEmulator!
    private var tmux: TmuxSession!

    override func setUpWithError() throws {
        served = try ServedEmulator(arguments: ["--seed", "demo"])
        tmux = try TmuxSession.ui(on: served)
    }

    override func tearDown() {
        tmux?.close()
        served?.stop()
    }

    private func json(_ arguments: [String]) throws -> [String: Any] {
        let result = try Binary.run(arguments + ["--json", "--account", served.accountURL], environment: served.env)
        XCTAssertEqual(result.status, 0, result.stderr)
        return try XCTUnwrap(JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
    }

    private func links(_ uuid: String) throws -> [[String: Any]] {
        try json(["links", uuid])["entities"] as? [[String: Any]] ?? []
    }

    func testAttachToALeadFoundByPartOfItsNameThenDetachFromItsView() throws {
        let first = try XCTUnwrap(((try json(["ls", "--limit", "1"])["_embedded"] as? [String: Any])?["files"] as? [[String: Any]])?.first)
        let uuid = try XCTUnwrap(first["uuid"] as? String)
        let name = try XCTUnwrap(first["name"] as? String)
        let before = try links(uuid).count

        try tmux.send("l")
        tmux.waitFor(text: "Links of ")
        try tmux.send("a")
        tmux.waitFor(text: "Name or id:")
        try tmux.send("-l", "обучение")
        tmux.waitFor(text: "Корпоративное обучение персонала")
        try tmux.send("Enter")
        tmux.waitFor(text: "(•) Link: it shows on the record's Files tab")
        try tmux.send("Enter")
        tmux.waitFor(text: "Attached ")
        let attached = try links(uuid)
        XCTAssertEqual(attached.count, before + 1)
        let lead = try XCTUnwrap(attached.first { $0["name"] as? String == "Корпоративное обучение персонала" }, "amofiles links shows the lead")
        XCTAssertEqual(lead["entity_type"] as? String, "leads")
        let leadID = try XCTUnwrap(lead["id"] as? Int)
        tmux.waitFor("the lead in the file's links") { screen in
            screen.split(separator: "\n").contains { $0.contains("Корпоративное обучение персонала") && $0.contains(String(leadID)) && !$0.contains("Attached") }
        }

        try tmux.send("Escape")
        // Esc and the next key at once would read as Alt.
        tmux.waitFor("the links closed") { !$0.contains("Links of ") }
        try tmux.send(":")
        try tmux.send("-l", "lead \(leadID)")
        try tmux.send("Enter")
        tmux.waitFor(text: "Files of lead \(leadID) «Корпоративное обучение персонала»")
        let view = tmux.waitFor(text: name)
        XCTAssertTrue(view.contains(name), view)
        try tmux.send("g")
        try tmux.send("d")
        tmux.waitFor(text: "Detach “")
        try tmux.send("y")
        tmux.waitFor(text: "Detached ")
        XCTAssertEqual(try links(uuid).count, before, "amofiles links agrees it is detached")
    }

    func testEscapeGoesBackFromALeadThroughTheLinksItWasOpenedFromToFiles() throws {
        try tmux.send("l")
        tmux.waitFor(text: "Links of ")
        try tmux.send("a")
        tmux.waitFor(text: "Name or id:")
        try tmux.send("-l", "обучение")
        tmux.waitFor(text: "Корпоративное обучение персонала")
        try tmux.send("Enter")
        tmux.waitFor(text: "(•) Link: it shows on the record's Files tab")
        try tmux.send("Enter")
        let links = tmux.waitFor("the lead among the file's links") { screen in
            screen.split(separator: "\n").contains { $0.contains("Корпоративное обучение персонала") && !$0.contains("Attached") }
        }
        // The list starts below the column header; the cursor goes down to the lead's row.
        let rows = links.split(separator: "\n", omittingEmptySubsequences: false)
        let header = try XCTUnwrap(rows.firstIndex { $0.contains("TYPE") && $0.contains("NAME") })
        let leadRow = try XCTUnwrap(rows.firstIndex { $0.contains("Корпоративное обучение персонала") && !$0.contains("Attached") })
        for _ in 0..<(leadRow - header - 1) { try tmux.send("j") }
        try tmux.send("Enter")
        let lead = tmux.waitFor(text: "«Корпоративное обучение персонала»")
        XCTAssertTrue(lead.contains("Files of lead "), lead)

        try tmux.send("Escape")
        tmux.waitFor("back on the links") { $0.contains("Links of ") && !$0.contains("Files of lead") }
        try tmux.send("Escape")
        tmux.waitFor("back on Files") { !$0.contains("Links of ") && !$0.contains("Files of lead") && $0.contains("UPDATED") }
    }
}
