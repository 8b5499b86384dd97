import AmoFilesAPI
import AmoFilesTasks
@testable import AmoFilesApp
import TerminalUI
import XCTest

/// Every question asked before a destructive or costly step, as drawn at 80x24:
/// whole (wrapped, never cut), naming what it acts on.
final class QuestionGoldenTests: XCTestCase {
    override func setUp() {
        useUTC(for: self)
    }

    private func dialog(_ state: AppState) -> [String] {
        let surface = MemorySurface(rows: state.rows, columns: state.columns)
        Renderer.render(state, into: surface)
        return surface.lines(styled: .dialog)
    }

    private func press(_ state: inout AppState, _ keys: Key...) {
        for key in keys { _ = Reducer.reduce(&state, .input(.key(key))) }
    }

    func testTrashingSeveralFilesNamesTheFirstFew() {
        var state = Samples.state()
        for _ in 0..<6 { press(&state, .space) }
        press(&state, .character("d"))
        XCTAssertEqual(dialog(state), [
            "",
            "  Move 6 files (“Договор поставки №106.pdf”, “見積書 423.xlsx”, “Фото",
            "  объекта.jpg” and 3 more) to the trash?",
            "",
            "  y yes   n no",
            "",
        ])
    }

    func testTrashingOneFile() {
        var state = Samples.state()
        press(&state, .character("d"))
        XCTAssertEqual(dialog(state), ["", "  Move “Договор поставки №106.pdf” to the trash?", "", "  y yes   n no", ""])
    }

    func testANewVersionSaysWhatItReplacesAndTheExtensionItTakes() {
        var state = Samples.state()
        let file = state.list.items[0]
        state.overlay = .newVersion(LocalEntry(name: "договор-подписанный-скан.jpg", isFolder: false, size: 2_300_000, modified: Samples.now),
                                    path: "/srv/in/договор-подписанный-скан.jpg", of: file)
        XCTAssertEqual(dialog(state), [
            "",
            "  Upload “договор-подписанный-скан.jpg” (2.3 MB) as the new active version",
            "  of “Договор поставки №106.pdf”? Its extension becomes .jpg.",
            "",
            "  y yes   n no",
            "",
        ])
    }

    func testDetachingFromALink() {
        var state = Samples.state()
        let file = state.list.items[1]
        state.overlay = .confirm(question: "Detach “\(file.displayName)” from lead 22859115 «Корпоративное обучение персонала»?",
                                 edit: .detach([file], from: LinkTarget(entity: .leads, id: 22_859_115)))
        XCTAssertEqual(dialog(state), [
            "",
            "  Detach “見積書 423.xlsx” from lead 22859115 «Корпоративное обучение",
            "  персонала»?",
            "",
            "  y yes   n no",
            "",
        ])
    }

    func testAQuestionOnANarrowTerminalStaysWhole() {
        var state = Samples.state(rows: 24, columns: 40)
        for _ in 0..<3 { press(&state, .space) }
        press(&state, .character("d"))
        let lines = dialog(state)
        let said = lines.map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }.joined(separator: " ")
        XCTAssertEqual(said, "Move 3 files (“Договор поставки №106.pdf”, “見積書 423.xlsx” and “Фото объекта.jpg”) to the trash? y yes   n no")
        XCTAssertFalse(lines.contains { $0.contains("…") }, "\(lines)")
    }
}
