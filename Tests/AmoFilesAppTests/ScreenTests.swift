import AmoFilesAPI
@testable import AmoFilesTasks
@testable import AmoFilesApp
import TerminalUI
import XCTest

/// The life cycle every screen shares: opened onto the stack, closed off it, drawn
/// only inside the area it is given.
final class ScreenTests: XCTestCase {
    private func versions(of file: DriveFile, count: Int) -> [FileVersion] {
        (1...count).reversed().map { number in
            FileVersion(
                uuid: "v\(number)", fileUUID: file.uuid, type: file.type, name: file.name + " \(number)", sanitizedName: file.name, size: Int64(number) * 1000,
                isMain: number == count, sourceID: nil, createdAt: Samples.now - Int64(10 - number) * 86_400, createdBy: .user(7),
                updatedAt: Samples.now, updatedBy: .user(7), metadata: file.metadata, previews: nil,
                links: FileVersion.Links(download: nil, this: nil))
        }
    }

    func testVersionsOpenOntoTheStackAndEscapeTakesThemOff() {
        var state = Samples.state()
        let file = state.list.items[0]
        XCTAssertEqual(state.stack, [])
        XCTAssertEqual(Reducer.reduce(&state, .input(.key(.character("v")))), [.loadVersions(fileUUID: file.uuid)])
        XCTAssertEqual(state.stack, [.versions(VersionsScreen(list: VersionList(file: file)))])
        _ = Reducer.reduce(&state, .versionsLoaded(fileUUID: file.uuid, versions(of: file, count: 4)))
        _ = Reducer.reduce(&state, .input(.key(.character("j"))))
        guard case .versions(let open)? = state.stack.last else { return XCTFail("\(state.stack)") }
        XCTAssertEqual(open.list.viewport.cursor, 1, "the key moved the screen's own cursor")
        XCTAssertEqual(state.list.viewport.cursor, 0, "not the Files list's")
        XCTAssertEqual(Reducer.reduce(&state, .input(.key(.escape))), [])
        XCTAssertEqual(state.stack, [], "Esc closes the screen")
        _ = Reducer.reduce(&state, .input(.key(.character("v"))))
        _ = Reducer.reduce(&state, .input(.key(.character("v"))))
        XCTAssertEqual(state.stack, [], "its own key closes it too")
        _ = Reducer.reduce(&state, .input(.key(.character("v"))))
        _ = Reducer.reduce(&state, .input(.key(.character("d"))))
        XCTAssertNil(state.overlay, "d is not a key of Versions: nothing is trashed from there")
    }

    private let lead = LinkTarget(entity: .leads, id: 22_859_115)

    private func kinds(_ stack: [OpenScreen]) -> [String] {
        stack.map { screen in
            switch screen {
            case .versions: "versions"
            case .links: "links"
            case .entity(let open): "entity \(open.view.target)"
            case .picker: "picker"
            case .preview: "preview"
            case .compare: "compare"
            }
        }
    }

    /// Files, `l`, Enter on the lead: the lead's files over the links over Files.
    private func leadOverLinks() -> AppState {
        var state = Samples.state()
        let file = state.list.items[0]
        Samples.press(&state, .character("l"))
        _ = Reducer.reduce(&state, .linksLoaded(fileUUID: file.uuid, [
            Samples.linked(lead.id, "Обучение"),
        ]))
        Samples.press(&state, .enter)
        _ = Reducer.reduce(&state, .entityPageLoaded(lead, generation: state.entity?.generation ?? -1, files: Array(Samples.mixed.prefix(3)), nextBeforeID: nil))
        return state
    }

    func testEscapeWalksBackFromALeadThroughTheLinksToFiles() {
        var state = leadOverLinks()
        XCTAssertEqual(kinds(state.stack), ["links", "entity lead 22859115"])
        XCTAssertEqual(state.entity?.files.count, 3, "the answer reached the lead's screen")
        Samples.press(&state, .escape)
        XCTAssertEqual(kinds(state.stack), ["links"], "back on the links it was opened from")
        XCTAssertEqual(state.links?.items.count, 1, "as they were")
        Samples.press(&state, .escape)
        XCTAssertEqual(kinds(state.stack), [])
        XCTAssertEqual(state.tab, .files)
    }

    func testATabKeyClosesWhatIsOpenOverTheTabItLeaves() {
        var state = leadOverLinks()
        Samples.press(&state, .character("2"))
        XCTAssertEqual(state.tab, .trash)
        XCTAssertEqual(kinds(state.stack), [], "no lead's files over the Trash tab")
        let surface = MemorySurface(rows: state.rows, columns: state.columns)
        Renderer.render(state, into: surface)
        XCTAssertFalse(surface.lines.joined().contains("Files of"), surface.lines.joined(separator: "\n"))
    }

    func testALeadOpenedByCommandOverTheTrashTakesItsOwnKeys() {
        var state = Samples.state()
        Samples.press(&state, .character("2"), .character(":"))
        for character in "lead 22859115" { Samples.press(&state, character == " " ? .space : .character(character)) }
        Samples.press(&state, .enter)
        XCTAssertEqual(kinds(state.stack), ["entity lead 22859115"])
        XCTAssertEqual(Reducer.reduce(&state, .input(.key(.character("U")))), [.listFolder(path: state.localFolder)])
        XCTAssertEqual(state.picker?.purpose, .upload(attach: lead), "what is uploaded here is attached to the lead")
        XCTAssertEqual(kinds(state.stack), ["entity lead 22859115", "picker"], "the picker opens over the lead")
        Samples.press(&state, .escape)
        XCTAssertEqual(kinds(state.stack), ["entity lead 22859115"], "Esc in the picker comes back to the lead")
        Samples.press(&state, .character("a"))
        XCTAssertEqual(state.tab, .files, "files to attach are marked in Files")
        XCTAssertEqual(state.attachingTo?.target, lead)
        Samples.press(&state, .escape)
        XCTAssertEqual(kinds(state.stack), ["entity lead 22859115"], "Esc there comes back to the lead")
    }

    func testAScreenDrawsOnlyInsideItsArea() {
        var state = Samples.state(rows: 30, columns: 100)
        let file = state.list.items[5]
        state.users = [7: "Очень длинное имя пользователя 名前 👨‍👩‍👧"]
        var list = VersionList(file: file)
        list.items = versions(of: file, count: 40)
        list.loading = false
        var links = LinkList(file: file)
        links.items = (1...30).map {
            LinkedEntity(id: $0, name: "Сделка \u{1B}[2J № \($0) 名前", entityType: "leads", createdBy: nil, mainUserID: nil, dateCreate: nil, dateUpdate: nil,
                         updatedBy: nil, price: nil, pipelineID: nil, statusID: nil, closestTaskAt: nil)
        }
        links.loading = false
        var view = EntityView(target: lead)
        view.name = "Обучение персонала 名前"
        view.files = Samples.mixed
        view.started = true
        var picker = LocalPicker(purpose: .upload(attach: lead), folder: "/srv/exports/\u{1B}[2J/2026/March")
        picker.entries = (1...40).map { LocalEntry(name: "отчёт \($0) 名前.pdf", isFolder: $0 % 7 == 0, size: Int64($0) * 4096, modified: Samples.now) }
        picker.selected = ["отчёт 1 名前.pdf"]
        picker.loading = false
        var transfers = TransfersScreen()
        transfers.list.items = (1...30).map { id in
            TaskSnapshot(id: id, work: .upload(FileUpload(path: "/srv/отчёт \(id) 名前.pdf")), state: id % 3 == 0 ? .queued : .running,
                         progress: TransferProgress(done: Int64(id) * 1000, total: 40_000, rate: 1000), notes: [], startedAt: Date())
        }
        let screens: [any Screen] = [VersionsScreen(list: list), LinksScreen(list: links), EntityScreen(view: view), PickerScreen(picker: picker), transfers]
        for screen in screens {
            check(screen, state)
        }
    }

    private func check(_ screen: any Screen, _ state: AppState) {
        for area in [Area(top: 4, left: 10, height: 12, width: 50), Area(top: 0, left: 0, height: 3, width: 7), Area(top: 20, left: 95, height: 9, width: 5)] {
            let surface = MemorySurface(rows: 30, columns: 100)
            var context = ScreenContext(state)
            context.area = area
            screen.draw(into: surface, context)
            for row in 0..<30 {
                for column in 0..<100 where !(area.top..<area.top + area.height).contains(row) || !(area.left..<area.left + area.width).contains(column) {
                    XCTAssertNil(surface.style(row: row, column: column), "\(area): a cell at \(row),\(column) outside the area was written")
                }
            }
            XCTAssertTrue(["Ver", "Lin", "Fil", "Upl", " N"].contains { surface.lines[area.top].contains($0) }, "the title starts the area: \(surface.lines[area.top])")
        }
    }

    func testThePickersTitleKeepsTheFoldersOwnNameAndLongNamesKeepTheirEnd() {
        var state = Samples.state(rows: 8, columns: 80)
        state.localFolder = "/srv/exports/clients/ООО «Ромашка» и партнёры/2026/March"
        _ = Reducer.reduce(&state, .input(.key(.character("U"))))
        _ = Reducer.reduce(&state, .folderListed(path: state.localFolder, [
            LocalEntry(name: "Дополнительное соглашение к договору поставки оборудования 12.pdf", isFolder: false, size: 5000, modified: Samples.now),
        ]))
        let surface = MemorySurface(rows: 8, columns: 80)
        Renderer.render(state, into: surface)
        XCTAssertEqual(Array(surface.lines[1...4]), [
            " Upload from /…/clients/ООО «Ромашка» и партнёры/2026/March  (Esc back · ? keys)",
            " NAME                                                      SIZE MODIFIED",
            " ..",
            " Дополнительное согла…ору поставки оборудования 12.pdf   5.0 KB 2026-11-22 12:00",
        ])
    }

    func testALeadsFileOpensItsVersionsItsLinksAndDownloadsLikeAFileInFiles() {
        var state = Samples.state()
        Samples.press(&state, .character("2"), .character(":"))
        for character in "lead 22859115" { Samples.press(&state, character == " " ? .space : .character(character)) }
        Samples.press(&state, .enter)
        var file = Samples.mixed[1]
        file.links = DriveFile.Links(download: HALLink(href: "http://drive/download/1"), downloadVersion: nil, this: nil)
        _ = Reducer.reduce(&state, .entityPageLoaded(lead, generation: state.entity?.generation ?? 0, files: [Samples.mixed[0], file], nextBeforeID: nil))
        Samples.press(&state, .character("j"))
        XCTAssertEqual(Reducer.reduce(&state, .input(.key(.character("v")))), [.loadVersions(fileUUID: file.uuid)])
        XCTAssertEqual(kinds(state.stack), ["entity lead 22859115", "versions"], "over the lead, on the Trash tab")
        XCTAssertEqual(state.versions?.file.uuid, file.uuid)
        Samples.press(&state, .escape)
        XCTAssertEqual(Reducer.reduce(&state, .input(.key(.character("l")))), [.loadLinks(fileUUID: file.uuid)])
        XCTAssertEqual(kinds(state.stack), ["entity lead 22859115", "links"])
        Samples.press(&state, .escape, .character("D"))
        XCTAssertEqual(state.overlay, .saveAs(DownloadRequest(href: "http://drive/download/1", name: file.displayName, size: file.size),
                                              LineEditor(file.displayName)))
    }

    func testTheSameLeadOpenTwiceTakesOnlyTheAnswersToItsOwnRequests() {
        var state = Samples.state()
        Samples.press(&state, .character(":"))
        for character in "lead 22859115" { Samples.press(&state, character == " " ? .space : .character(character)) }
        Samples.press(&state, .enter)
        let first = state.entity?.generation ?? -1
        let file = Samples.mixed[0]
        _ = Reducer.reduce(&state, .entityPageLoaded(lead, generation: first, files: [file], nextBeforeID: 7))
        // The lead again, through the links of its first file, while its next page is on its way.
        Samples.press(&state, .character("l"))
        _ = Reducer.reduce(&state, .linksLoaded(fileUUID: file.uuid, [Samples.linked(lead.id, "Обучение")]))
        Samples.press(&state, .enter)
        XCTAssertEqual(kinds(state.stack), ["entity lead 22859115", "links", "entity lead 22859115"])
        XCTAssertNotEqual(state.entity?.generation, first, "its own request")
        _ = Reducer.reduce(&state, .entityPageLoaded(lead, generation: first, files: [Samples.mixed[1]], nextBeforeID: nil))
        XCTAssertEqual(state.entity?.files, [], "the first view's page is not the second's")
        guard case .entity(let lower) = state.stack[0] else { return XCTFail("\(state.stack)") }
        XCTAssertEqual(lower.view.files.map(\.uuid), [file.uuid, Samples.mixed[1].uuid], "it goes to the view that asked")
    }
}

