import Foundation
import TerminalUI
import XCTest

/// The three ways to attach, in tmux against `amofiles serve --seed demo`: `:lead склад`
/// opens the lead, one file goes in as a note with a comment, another into the lead's
/// “Договор” field; `amofiles entity` agrees. With `--lose-attaches` the read-back's
/// finding is what the status line says.
final class AttachWaysScreenTests: XCTestCase {
    private func openLead(_ tmux: TmuxSession) throws {
        try tmux.send(":")
        try tmux.send("-l", "lead склад")
        try tmux.send("Enter")
        tmux.waitFor(text: "Files of lead 22859108 «Договор аренды склада в Подольске»")
    }

    /// `a` on the lead's screen, the file `steps` rows down in Files marked, `a` again: the way form.
    private func markAndAsk(_ tmux: TmuxSession, steps: Int) throws {
        try tmux.send("a")
        tmux.waitFor(text: "To attach to lead 22859108")
        for _ in 0..<steps { try tmux.send("j") }
        try tmux.send("Space")
        try tmux.send("a")
        tmux.waitFor(text: "File field: “Договор”")
    }

    func testANoteWithACommentAndAFieldShowOnTheLeadAsTheCommandLineReadsItAndANewVersionShowsThroughTheField() throws {
        let served = try ServedEmulator(arguments: ["--seed", "demo"])
        defer { served.stop() }
        // The UI starts in a folder of its own, where the picker finds the contract's next edition.
        let local = served.folder.appendingPathComponent("local")
        try FileManager.default.createDirectory(at: local, withIntermediateDirectories: true)
        let edition = Data(String(repeating: "Договор аренды склада, редакция 2\n", count: 40).utf8)
        try edition.write(to: local.appendingPathComponent("Договор редакция 2.txt"))
        let tmux = try TmuxSession(columns: 120, rows: 40, environment: ["AMOFILES_TOKEN": served.token])
        defer { tmux.close() }
        try tmux.send("cd '\(local.path)' && \(Binary.path) --account \(served.accountURL); echo EXITED=$?", "Enter")
        tmux.waitFor("the first page") { $0.contains(" 100 files loaded") }
        try openLead(tmux)

        try markAndAsk(tmux, steps: 0)
        try tmux.send("Down")
        try tmux.send("-l", "подписанный экземпляр")
        tmux.waitFor(text: "comment: подписанный экземпляр")
        try tmux.send("Enter")
        tmux.waitFor(text: "as a note with a comment; read back, it is there.")

        try markAndAsk(tmux, steps: 2)
        tmux.waitFor(text: "(•) Note in the feed")  // the way chosen last comes first
        try tmux.send("Down")
        tmux.waitFor(text: "empty now")
        try tmux.send("Enter")
        tmux.waitFor(text: "in “Договор”; read back, it is there.")
        tmux.waitFor("the lead's screen with both") { $0.contains(" note: подписанный экземпляр") && $0.contains(" field “Договор”") }

        let shown = try jsonObject(Binary.run(["entity", "lead:22859108", "--json", "--account", served.accountURL], environment: served.env))
        let comments = (shown["notes"] as? [[String: Any]] ?? []).compactMap { $0["comment"] as? String }
        XCTAssertTrue(comments.contains("подписанный экземпляр"), "\(comments)")
        let fields = try XCTUnwrap(shown["fields"] as? [[String: Any]])
        XCTAssertEqual(fields.compactMap { ($0["field"] as? [String: Any])?["name"] as? String }, ["Договор"])
        let value = try XCTUnwrap(fields.first?["value"] as? [String: Any])
        let fieldFile = try XCTUnwrap(value["file_uuid"] as? String)
        let before = try XCTUnwrap(value["version_uuid"] as? String)

        // The field's row, then V: a new version of the file the field holds.
        try tmux.send("g")
        try tmux.send("V")
        tmux.waitFor(text: "New version of ")
        tmux.waitFor(text: "Договор редакция 2.txt")
        try tmux.send("G")
        try tmux.send("Enter")
        tmux.waitFor(text: "Upload “Договор редакция 2.txt”")
        try tmux.send("y")
        tmux.waitFor("the upload done", timeout: 60) { $0.contains("done · ") && $0.contains("a new version") }
        try openLead(tmux)
        // The file keeps its name; the new version brings its size and extension.
        let size = Quantities.bytes(Int64(edition.count))
        tmux.waitFor("the field showing the new version") { screen in
            screen.split(separator: "\n").contains { $0.contains(" field “Договор”") && $0.contains(".txt") && $0.contains(size) }
        }
        let after = try jsonObject(Binary.run(["entity", "lead:22859108", "--json", "--account", served.accountURL], environment: served.env))
        let now = try XCTUnwrap(((after["fields"] as? [[String: Any]])?.first?["value"]) as? [String: Any])
        XCTAssertEqual(now["file_uuid"] as? String, fieldFile)
        XCTAssertNotEqual(now["version_uuid"] as? String, before, "the field shows the file's new version")
    }

    func testAnAttachTheServiceDoesNotKeepIsReportedInTheStatusLine() throws {
        let served = try ServedEmulator(arguments: ["--seed", "demo", "--lose-attaches"])
        defer { served.stop() }
        let tmux = try TmuxSession.ui(on: served)
        defer { tmux.close() }
        try openLead(tmux)
        try markAndAsk(tmux, steps: 0)
        tmux.waitFor(text: "(•) Link")
        try tmux.send("Enter")
        tmux.waitFor(text: "Could not attach 1 file to lead 22859108: the service did not keep it")
    }

    func testTheRecordUsedLastIsOfferedFirstAfterARestart() throws {
        let served = try ServedEmulator(arguments: ["--seed", "demo"])
        defer { served.stop() }
        let tmux = try TmuxSession.ui(on: served)
        defer { tmux.close() }
        try tmux.send(":")
        try tmux.send("-l", "lead 22859262")
        try tmux.send("Enter")
        tmux.waitFor(text: "Files of lead 22859262")
        try tmux.send(":")
        try tmux.send("-l", "q")
        try tmux.send("Enter")
        tmux.waitFor(text: "EXITED=0")

        try tmux.send("clear; \(Binary.path) --account \(served.accountURL); echo EXITED=$?", "Enter")
        tmux.waitFor("the first page") { $0.contains(" 100 files loaded") }
        try tmux.send(":")
        try tmux.send("-l", "lead Ромашка")
        try tmux.send("Enter")
        let screen = tmux.waitFor("both leads of that name") { $0.contains("22859262") && $0.contains("22859101") }
        let twin = try XCTUnwrap(screen.range(of: "22859262")), other = try XCTUnwrap(screen.range(of: "22859101"))
        XCTAssertLessThan(twin.lowerBound, other.lowerBound, "the lead opened last comes first: \(screen)")
        XCTAssertTrue(screen.contains("Архив 2025 › Успешно реализовано"), "with what tells it apart: \(screen)")
    }
}
