import AmoFilesAPI
import AmoFilesTasks
@testable import AmoFilesApp
import TerminalUI
import XCTest

/// `/` over an open screen shows only the rows holding the text typed; what is then
/// done acts on the row under the cursor, never on the row that was there before.
final class NarrowingTests: XCTestCase {
    override func setUp() {
        useUTC(for: self)
    }

    private func type(_ state: inout AppState, _ text: String) {
        for character in text { Samples.press(&state, character == " " ? .space : .character(character)) }
    }

    private func screen(_ state: AppState) -> [String] {
        let surface = MemorySurface(rows: state.rows, columns: state.columns)
        Renderer.render(state, into: surface)
        return surface.lines
    }

    /// Six versions, one a day from 2026-11-17 (#1) to 2026-11-22 (#6, active).
    private func versionsOpen() -> (AppState, DriveFile, [FileVersion]) {
        var state = Samples.state(rows: 14, columns: 80)
        let file = state.list.items[0]
        Samples.press(&state, .character("v"))
        let versions: [FileVersion] = (1...6).reversed().map { (number: Int) -> FileVersion in
            let created: Int64 = Samples.now - Int64(6 - number) * 86_400
            return FileVersion(uuid: "v\(number)", fileUUID: file.uuid, type: file.type, name: file.name, sanitizedName: file.name,
                               size: Int64(number) * 1000, isMain: number == 6, sourceID: nil, createdAt: created,
                               createdBy: .user(7), updatedAt: Samples.now, updatedBy: .user(7), metadata: file.metadata, previews: nil,
                               links: FileVersion.Links(download: nil, this: nil))
        }
        _ = Reducer.reduce(&state, .versionsLoaded(fileUUID: file.uuid, versions))
        return (state, file, versions)
    }

    func testSlashInVersionsNarrowsAsItIsTypedAndEnterThenAsksForTheRightVersion() {
        var (state, file, versions) = versionsOpen()
        Samples.press(&state, .character("/"))
        XCTAssertEqual(state.overlay, .narrow(LineEditor(""), previous: ""))
        type(&state, "11-18")
        XCTAssertEqual(screen(state), [
            " 1 Files   2 Trash   3 Transfers   4 Usage          Ромашка · drive-b.amocrm.ru",
            " Versions of Договор поставки №106.pdf           (Esc back · Enter makes active)",
            "    # NAME                                SIZE CREATED          BY",
            "    2 Договор поставки №106.pdf         2.0 KB 2026-11-18 12:00 Анна Смирнова",
            "",
            "",
            "",
            "",
            "",
            "",
            "",
            "",
            "",
            " Show only rows with: 11-18                         Enter keeps · Esc as before",
        ])
        Samples.press(&state, .enter)
        XCTAssertNil(state.overlay)
        XCTAssertEqual(screen(state).last, " 6 versions · 5/6 · “11-18”: 1 of 6 shown                                ? help")
        Samples.press(&state, .enter)
        XCTAssertEqual(state.overlay, .confirm(question: "Make version 2 of 6 (2026-11-18 12:00, 2.0 KB) active?",
                                               edit: .activate(file: file, version: versions[4], previous: "v6")))
        Samples.press(&state, .character("n"))

        Samples.press(&state, .escape)
        XCTAssertEqual(state.versions?.narrowing, "", "Esc shows every version again")
        XCTAssertEqual(state.versions?.current?.uuid, "v2", "the cursor stays on its version")
        XCTAssertNotNil(state.versions, "and the screen stays open")
        Samples.press(&state, .escape)
        XCTAssertNil(state.versions, "the next Esc closes it")
    }

    func testEscWhileTypingPutsBackTheNarrowingThatWasThere() {
        var (state, _, _) = versionsOpen()
        Samples.press(&state, .character("/"))
        type(&state, "11-2")
        Samples.press(&state, .enter)
        XCTAssertEqual(state.versions?.rowCount, 3, "11-20, 11-21, 11-22")
        Samples.press(&state, .character("/"))
        XCTAssertEqual(state.overlay, .narrow(LineEditor("11-2"), previous: "11-2"), "the text typed before is there to change")
        type(&state, "2")
        XCTAssertEqual(state.versions?.rowCount, 1)
        Samples.press(&state, .escape)
        XCTAssertEqual(state.versions?.narrowing, "11-2")
        XCTAssertEqual(state.versions?.rowCount, 3)
        Samples.press(&state, .character("/"))
        type(&state, "nothing like it")
        XCTAssertEqual(state.versions?.rowCount, 0)
        Samples.press(&state, .enter)
        Samples.press(&state, .enter)
        XCTAssertNil(state.overlay, "Enter with no row shown asks nothing")
    }

    func testTheLocalPickerNarrowedMarksAndUploadsTheFilesShown() {
        var state = Samples.state()
        Samples.press(&state, .character("U"))
        let entries = ["отчёт март.pdf", "отчёт апрель.pdf", "фото.jpg", "Отчёт май.PDF"].map {
            LocalEntry(name: $0, isFolder: false, size: 1000, modified: Samples.now)
        } + [LocalEntry(name: "архив", isFolder: true, size: 0, modified: Samples.now)]
        _ = Reducer.reduce(&state, .folderListed(path: "/srv/out", entries))
        Samples.press(&state, .character("/"))
        type(&state, "отчёт")
        Samples.press(&state, .enter)
        XCTAssertEqual(state.picker?.shown.map { state.picker!.rows[$0].name }, ["..", "отчёт апрель.pdf", "Отчёт май.PDF", "отчёт март.pdf"],
                       "`..` always shows; case does not matter")
        Samples.press(&state, .character("j"), .space, .space)
        XCTAssertEqual(state.picker?.selected, ["отчёт апрель.pdf", "Отчёт май.PDF"])
        XCTAssertEqual(Reducer.reduce(&state, .input(.key(.enter))),
                       [.upload(paths: ["/srv/out/отчёт апрель.pdf", "/srv/out/Отчёт май.PDF"], newVersionOf: nil, attach: nil)])
    }

    func testALeadsFilesNarrowedDetachTheFileUnderTheCursor() {
        var state = Samples.state()
        let lead = LinkTarget(entity: .leads, id: 5)
        Samples.press(&state, .character(":"))
        type(&state, "lead 5")
        Samples.press(&state, .enter)
        _ = Reducer.reduce(&state, .entityPageLoaded(lead, generation: state.entity?.generation ?? 0, files: Samples.mixed, nextBeforeID: nil))
        Samples.press(&state, .character("/"))
        type(&state, "фото")
        Samples.press(&state, .enter, .character("d"))
        guard case .confirm(let question, .detach(let files, let target))? = state.overlay else { return XCTFail("\(String(describing: state.overlay))") }
        XCTAssertEqual(files.map(\.uuid), [Samples.mixed[2].uuid])
        XCTAssertEqual(target, lead)
        XCTAssertTrue(question.contains("Фото объекта.jpg"), question)
    }

    func testSpaceMarksInALeadsFilesAndDAsksToDetachThemNamingTheFirstFew() {
        var state = Samples.state()
        let lead = LinkTarget(entity: .leads, id: 5)
        Samples.press(&state, .character(":"))
        type(&state, "lead 5")
        Samples.press(&state, .enter)
        _ = Reducer.reduce(&state, .entityPageLoaded(lead, generation: state.entity?.generation ?? 0, files: Samples.mixed, nextBeforeID: nil))
        _ = Reducer.reduce(&state, .entityNamed(lead, name: "Склад"))
        for _ in 0..<5 { Samples.press(&state, .space) }
        XCTAssertEqual(state.entity?.selected.count, 5)
        XCTAssertTrue(screen(state).last?.hasPrefix(" 6 linked files · 6/6 · 5 marked") == true, screen(state).last ?? "")
        Samples.press(&state, .character("d"))
        guard case .confirm(let question, .detach(let files, let target))? = state.overlay else { return XCTFail("\(String(describing: state.overlay))") }
        XCTAssertEqual(question, "Detach “Договор поставки №106.pdf”, “見積書 423.xlsx”, “Фото объекта.jpg” and 2 more from lead 5 «Склад»?")
        XCTAssertEqual(files.map(\.uuid), Samples.mixed.prefix(5).map(\.uuid))
        XCTAssertEqual(target, lead)
        Samples.press(&state, .character("y"))
        XCTAssertEqual(state.entity?.files.map(\.uuid), [Samples.mixed[5].uuid], "gone from the list at once")
        XCTAssertEqual(state.entity?.selected, [], "and from the marks")
    }
}

