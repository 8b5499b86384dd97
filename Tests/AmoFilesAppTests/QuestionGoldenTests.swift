import AmoFilesAPI
import Foundation
@testable import AmoFilesTasks
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

    func testTrashingSeveralFilesNamesTheFirstFew() {
        var state = Samples.state()
        for _ in 0..<6 { Samples.press(&state, .space) }
        Samples.press(&state, .character("d"))
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
        Samples.press(&state, .character("d"))
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
        for _ in 0..<3 { Samples.press(&state, .space) }
        Samples.press(&state, .character("d"))
        let lines = dialog(state)
        let said = lines.map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }.joined(separator: " ")
        XCTAssertEqual(said, "Move 3 files (“Договор поставки №106.pdf”, “見積書 423.xlsx” and “Фото объекта.jpg”) to the trash? y yes   n no")
        XCTAssertFalse(lines.contains { $0.contains("…") }, "\(lines)")
    }

    private func upload(_ id: Int, _ name: String, done: Int64, total: Int64) -> TaskSnapshot {
        TaskSnapshot(id: id, work: .upload(FileUpload(path: "/srv/" + name)), state: .running,
                     progress: TransferProgress(done: done, total: total), notes: [], startedAt: Date())
    }

    func testMakingAnOlderVersionActive() {
        var state = Samples.state()
        let file = state.list.items[0]
        _ = Reducer.reduce(&state, .input(.key(.character("v"))))
        let versions: [FileVersion] = (1...3).reversed().map { (number: Int) -> FileVersion in
            FileVersion(uuid: "v\(number)", fileUUID: file.uuid, type: file.type, name: file.name, sanitizedName: file.name,
                        size: Int64(number) * 700_000, isMain: number == 3, sourceID: nil, createdAt: Samples.now - Int64(3 - number) * 86_400,
                        createdBy: .user(7), updatedAt: Samples.now, updatedBy: .user(7), metadata: file.metadata, previews: nil,
                        links: FileVersion.Links(download: nil, this: nil))
        }
        _ = Reducer.reduce(&state, .versionsLoaded(fileUUID: file.uuid, versions))
        Samples.press(&state, .character("j"), .enter)
        XCTAssertEqual(dialog(state), ["", "  Make version 2 of 3 (2026-11-21 12:00, 1.4 MB) active?", "", "  y yes   n no", ""])
    }

    func testCancellingARunningUploadSaysWhatIsLost() {
        var state = Samples.state()
        _ = Reducer.reduce(&state, .transferChanged(upload(1, "отчёт за квартал.pdf", done: 45, total: 100)))
        Samples.press(&state, .character("3"), .character("x"))
        XCTAssertEqual(dialog(state), ["", "  Cancel the upload of “отчёт за квартал.pdf” (45%); what it sent is", "  dropped?", "", "  y yes   n no", ""])
    }

    func testDownloadingOverAnExistingFile() {
        var state = Samples.state()
        state.overlay = .overwrite(DownloadRequest(href: "http://drive/x", name: "Договор поставки №106.pdf", size: 1_500_000),
                                   path: "/home/anna/Загрузки/Договор поставки №106.pdf")
        XCTAssertEqual(dialog(state), [
            "",
            "  /home/anna/Загрузки/Договор поставки №106.pdf exists. Overwrite it?",
            "",
            "  y yes   n no",
            "",
        ])
    }

    func testQuittingWhileTransfersRun() {
        var state = Samples.state()
        for (id, name) in ["big.iso", "report.pdf", "photo.jpg", "notes.txt"].enumerated() {
            _ = Reducer.reduce(&state, .transferChanged(upload(id + 1, name, done: Int64(10 * id), total: 100)))
        }
        Samples.press(&state, .character("q"))
        XCTAssertEqual(dialog(state), [
            "",
            "  4 uploads running: big.iso 0%, report.pdf 10%, photo.jpg 20%, 1 more.",
            "  Quit?",
            "",
            "  Enter/y quit, uploads resume next time   c cancel them and quit   n stay",
            "",
        ])
    }

    func testResumingWhatAnEarlierRunLeft() {
        var state = Samples.state()
        let record = Samples.unfinishedUpload
        _ = Reducer.reduce(&state, .journalRead([record]))
        XCTAssertEqual(dialog(state), ["", "  Resume 1 unfinished upload (big.iso 40% of 1.2 GB)?", "", "  y yes   n no", ""])
    }
}

