import AmoFilesAPI
@testable import AmoFilesApp
@testable import AmoFilesTasks
import Foundation
import TerminalUI
import XCTest

/// The screens over the tabs, whole, at 80x24 as a person sees them (Files, Trash,
/// Links and a lead's files have theirs in GoldenScreenTests and LinksGoldenTests).
final class ScreenGoldenTests: XCTestCase {
    override func setUp() {
        useUTC(for: self)
    }

    func testVersions() {
        var state = Samples.state()
        let file = state.list.items[0]
        Samples.press(&state, .character("v"))
        let authors: [UserRef] = [.user(7), .user(8), .robot, .client(55)]
        let versions: [FileVersion] = (1...4).reversed().map { (number: Int) -> FileVersion in
            FileVersion(uuid: "v\(number)", fileUUID: file.uuid, type: file.type, name: file.name, sanitizedName: file.name,
                        size: Int64(number) * 350_000, isMain: number == 4, sourceID: nil, createdAt: Samples.now - Int64(4 - number) * 86_400 * 9,
                        createdBy: authors[number - 1], updatedAt: Samples.now, updatedBy: .user(7), metadata: file.metadata, previews: nil,
                        links: FileVersion.Links(download: nil, this: nil))
        }
        _ = Reducer.reduce(&state, .versionsLoaded(fileUUID: file.uuid, versions))
        Samples.press(&state, .character("j"))
        XCTAssertEqual(Samples.render(state), [
            " 1 Files   2 Trash   3 Transfers   4 Usage          Ромашка · drive-b.amocrm.ru",
            " Versions of Договор поставки №106.pdf           (Esc back · Enter makes active)",
            "    # NAME                                SIZE CREATED          BY",
            "*   4 Договор поставки №106.pdf         1.4 MB 2026-11-22 12:00 client",
            "    3 Договор поставки №106.pdf         1.1 MB 2026-11-13 12:00 robot",
            "    2 Договор поставки №106.pdf         700 KB 2026-11-04 12:00 Li Wei",
            "    1 Договор поставки №106.pdf         350 KB 2026-10-26 12:00 Анна Смирнова",
        ] + Array(repeating: "", count: 16) + [
            " 4 versions · 2/4                                                        ? help",
        ])
    }

    /// Wider, the kind shows; after a switch the one active before is marked for `z`.
    func testVersionsAfterASwitchAtOneHundredAndTenColumns() {
        var state = Samples.state(rows: 9, columns: 110)
        let file = state.list.items[0]
        Samples.press(&state, .character("v"))
        let versions: [FileVersion] = (1...3).reversed().map { (number: Int) -> FileVersion in
            FileVersion(uuid: "v\(number)", fileUUID: file.uuid, type: number == 1 ? .image : file.type, name: "Смета \(number)", sanitizedName: "",
                        size: Int64(number) * 1_000, isMain: number == 3, sourceID: nil, createdAt: Samples.now - Int64(3 - number) * 86_400,
                        createdBy: .user(7), updatedAt: Samples.now, updatedBy: .user(7), metadata: FileMetadata(fileExtension: number == 1 ? "png" : "xlsx", mimeType: nil),
                        previews: nil, links: FileVersion.Links(download: nil, this: nil))
        }
        _ = Reducer.reduce(&state, .versionsLoaded(fileUUID: file.uuid, versions))
        Samples.press(&state, .character("G"), .enter, .character("y"))
        guard let switched = state.versions?.items else { return XCTFail("no versions") }
        _ = Reducer.reduce(&state, .editDone(.activate(file: file, version: switched[2], previous: "v3"), files: [file]))
        Samples.press(&state, .character("k"))
        XCTAssertEqual(Samples.render(state), [
            " 1 Files   2 Trash   3 Transfers   4 Usage                                        Ромашка · drive-b.amocrm.ru",
            " Versions of Договор поставки №106.pdf                                         (Esc back · Enter makes active)",
            "    # NAME                                                 KIND         SIZE CREATED          BY",
            "↺   3 Смета 3.xlsx                                         document   3.0 KB 2026-11-22 12:00 Анна Смирнова",
            "    2 Смета 2.xlsx                                         document   2.0 KB 2026-11-21 12:00 Анна Смирнова",
            "*   1 Смета 1.png                                          image      1.0 KB 2026-11-20 12:00 Анна Смирнова",
            "",
            "",
            " 3 versions · 2/3 · ↺ was active, z undoes                                                             ? help",
        ])
    }

    func testTheLocalPicker() {
        var state = Samples.state()
        state.localFolder = "/srv/out"
        Samples.press(&state, .character("U"))
        _ = Reducer.reduce(&state, .folderListed(path: "/srv/out", [
            LocalEntry(name: "архив", isFolder: true, size: 0, modified: Samples.now - 86_400),
            LocalEntry(name: "отчёт за март.pdf", isFolder: false, size: 2_300_000, modified: Samples.now),
            LocalEntry(name: "見積書.xlsx", isFolder: false, size: 16_000, modified: Samples.now),
            LocalEntry(name: ".hidden", isFolder: false, size: 1, modified: Samples.now),
        ]))
        Samples.press(&state, .character("j"), .character("j"), .space)
        XCTAssertEqual(Samples.render(state), [
            " 1 Files   2 Trash   3 Transfers   4 Usage          Ромашка · drive-b.amocrm.ru",
            " Upload from /srv/out  (Esc back · Space marks · Enter uploads · . shows hidden)",
            " NAME                                                      SIZE MODIFIED",
            " ..",
            " архив/                                                         2026-11-21 12:00",
            "*отчёт за март.pdf                                       2.3 MB 2026-11-22 12:00",
            " 見積書.xlsx                                              16 KB 2026-11-22 12:00",
        ] + Array(repeating: "", count: 16) + [
            " 3 entries · 4/4 · 1 marked (2.3 MB)                                     ? help",
        ])
    }

    func testTransfers() {
        var state = Samples.state()
        for (id, name, snapshotState, done) in [(1, "отчёт за март.pdf", TaskState.running, Int64(45)), (2, "見積書.xlsx", .queued, 0),
                                                 (3, "фото.jpg", .done(.file(Samples.mixed[2])), 100)] {
            _ = Reducer.reduce(&state, .transferChanged(TaskSnapshot(
                id: id, work: .upload(FileUpload(path: "/srv/" + name)), state: snapshotState,
                progress: TransferProgress(done: done * 10_000, total: 1_000_000), notes: [], startedAt: Date())))
        }
        Samples.press(&state, .character("3"))
        XCTAssertEqual(Samples.render(state), [
            " 1 Files   2 Trash   3 Transfers   4 Usage          Ромашка · drive-b.amocrm.ru",
            "   NAME                            x cancel · R retry · c clear done · U upload",
            " ↑ отчёт за март.pdf                                          [####......]   45%",
            " ↑ 見積書.xlsx                             queued · 1.0 MB",
            " ↑ фото.jpg                                done · 84 KB",
        ] + Array(repeating: "", count: 17) + [
            "   total                                                      [####......]   48%",
            " 3 transfers · 1/3 · 1/3 done, 1 queued                                  ? help",
        ])
    }
}
