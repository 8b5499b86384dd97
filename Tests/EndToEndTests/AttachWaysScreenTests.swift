import Foundation
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

    func testANoteWithACommentAndAFieldShowInTheEntityAsTheCommandLineReadsIt() throws {
        let served = try ServedEmulator(arguments: ["--seed", "demo"])
        defer { served.stop() }
        let tmux = try TmuxSession.ui(on: served)
        defer { tmux.close() }
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

        let result = try Binary.run(["entity", "lead:22859108", "--json", "--account", served.accountURL], environment: served.env)
        let shown = try jsonObject(result)
        let comments = (shown["notes"] as? [[String: Any]] ?? []).compactMap { $0["comment"] as? String }
        XCTAssertTrue(comments.contains("подписанный экземпляр"), "\(comments)")
        let fields = try XCTUnwrap(shown["fields"] as? [[String: Any]])
        XCTAssertEqual(fields.compactMap { ($0["field"] as? [String: Any])?["name"] as? String }, ["Договор"])
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
