import AmoFilesAPI
@testable import AmoFilesApp
import AmoFilesTasks
import TerminalUI
import XCTest

/// Links, the attach form, entity views and the command line through the reducer.
final class LinksTests: XCTestCase {
    private func key(_ state: inout AppState, _ key: Key) -> [Effect] {
        Reducer.reduce(&state, .input(.key(key)))
    }

    private func type(_ state: inout AppState, _ text: String) -> [Effect] {
        text.flatMap { key(&state, .character($0)) }
    }

    private let lead = LinkTarget(entity: .leads, id: 22_859_115)

    func testAttachingFindsTheLeadByPartOfItsNameAndShowsTheLink() throws {
        var state = Samples.state()
        let file = state.list.items[0]
        XCTAssertEqual(key(&state, .character("l")), [.loadLinks(fileUUID: file.uuid)])
        _ = Reducer.reduce(&state, .linksLoaded(fileUUID: file.uuid, []))
        XCTAssertEqual(key(&state, .character("a")), [.searchEntities(.leads, query: "", token: 1, users: state.users)], "the newest leads show at once")
        let effects = type(&state, "обуч")
        XCTAssertEqual(effects.last, .searchEntities(.leads, query: "обуч", token: 5, users: state.users))
        let found = CRMEntity(id: lead.id, name: "Корпоративное обучение персонала", responsibleUserID: nil, createdAt: nil, updatedAt: nil, price: nil)
        _ = Reducer.reduce(&state, .entitiesFound(token: 3, [], details: [:]))
        guard case .attach(let stale)? = state.overlay else { return XCTFail("the form closed") }
        XCTAssertTrue(stale.searching, "an older answer is dropped")
        let details = RecordDetails(stage: "Продажи › Переговоры", price: 250_000, responsible: "Анна Смирнова")
        _ = Reducer.reduce(&state, .entitiesFound(token: 5, [found], details: [lead.id: details]))
        let surface = MemorySurface(rows: 24, columns: 80)
        Renderer.render(state, into: surface)
        XCTAssertTrue(surface.text.contains("22859115  Корпоративное обучение персонала"), surface.text)
        XCTAssertTrue(surface.text.contains("Продажи › Переговоры · 250 000 · Анна Смирнова"), "what tells the lead apart: \(surface.text)")
        XCTAssertTrue(surface.text.contains("[lead]  contact   company   customer"), surface.text)
        XCTAssertEqual(key(&state, .enter), [.loadAttachChoices(lead)], "then: how to attach")
        guard case .attachWay(let way)? = state.overlay else { return XCTFail("no way form") }
        XCTAssertEqual(way.choice, .link)
        XCTAssertEqual(key(&state, .enter), [.runEdit(.attach([file], to: lead, as: .link))])
        XCTAssertNil(state.overlay)
        XCTAssertEqual(Reducer.reduce(&state, .editDone(.attach([file], to: lead, as: .link), files: [])), [.loadLinks(fileUUID: file.uuid)],
                       "the links load again")
        XCTAssertEqual(state.status?.text, "Attached “Договор поставки №106.pdf” to lead 22859115; read back, it is there.")
    }

    func testAnIdIsTakenAsTypedAndTabChangesTheType() {
        var state = Samples.state()
        _ = key(&state, .character("a"))
        XCTAssertEqual(key(&state, .tab), [.searchEntities(.contacts, query: "", token: 2, users: state.users)])
        _ = type(&state, "45")
        XCTAssertEqual(key(&state, .enter), [.loadAttachChoices(LinkTarget(entity: .contacts, id: 45))])
        XCTAssertEqual(key(&state, .enter), [.runEdit(.attach([state.list.items[0]], to: LinkTarget(entity: .contacts, id: 45), as: .link))])
    }

    func testATrashedFileIsRefusedBeforeAnyCall() {
        var state = Samples.state()
        state.lists[.trash]?.items = [Samples.file(7, "old", ext: "pdf", deleted: true)]
        _ = key(&state, .character("2"))
        XCTAssertEqual(key(&state, .character("a")), [])
        XCTAssertNil(state.overlay)
        XCTAssertEqual(state.status?.isError, true)
        XCTAssertTrue(state.status?.text.hasPrefix("A file in the trash cannot be attached; restore it first.") == true)
    }

    func testTheEntityViewPagesDetachesAndAttachesMarkedFiles() {
        var state = Samples.state()
        XCTAssertEqual(key(&state, .character(":")), [])
        _ = type(&state, "lead 22859115")
        XCTAssertEqual(key(&state, .enter), [.loadEntityName(lead), .loadEntityPage(lead, generation: 1, beforeID: nil), .loadRecordUses(lead, generation: 1)])
        let files = (0..<50).map { Samples.file($0, "f\($0)", ext: "pdf") }
        _ = Reducer.reduce(&state, .entityNamed(lead, name: "Корпоративное обучение"))
        XCTAssertEqual(Reducer.reduce(&state, .entityPageLoaded(lead, generation: 1, files: files, nextBeforeID: 900)), [],
                       "the next page waits until the cursor comes near the end")
        var wheel: [Effect] = []
        for _ in 0..<10 where wheel.isEmpty { wheel = Reducer.reduce(&state, .input(.wheel(up: false))) }
        XCTAssertEqual(wheel, [.loadEntityPage(lead, generation: 1, beforeID: 900)], "the wheel asks for the next page too")
        XCTAssertEqual(key(&state, .character("G")), [], "already on its way")
        _ = Reducer.reduce(&state, .entityPageLoaded(lead, generation: 1, files: [Samples.file(60, "last", ext: "txt")], nextBeforeID: nil))
        XCTAssertEqual(state.entity?.files.count, 51)
        XCTAssertTrue(state.entity?.isComplete == true)
        _ = key(&state, .character("d"))
        guard case .confirm(let question, let edit)? = state.overlay else { return XCTFail("no question") }
        XCTAssertEqual(question, "Detach “f49.pdf” from lead 22859115 «Корпоративное обучение»?")
        XCTAssertEqual(key(&state, .character("y")), [.runEdit(edit)])
        XCTAssertEqual(state.entity?.files.count, 50, "gone from the view at once")

        _ = key(&state, .character("a"))
        XCTAssertEqual(state.tab, .files)
        XCTAssertNil(state.entity)
        _ = key(&state, .space)
        _ = key(&state, .space)
        let surface = MemorySurface(rows: 24, columns: 120)
        Renderer.render(state, into: surface)
        XCTAssertEqual(surface.lines[23].replacingOccurrences(of: "\\s+\\? help$", with: "", options: .regularExpression),
                       " To attach to lead 22859115 «Корпоративное обучение»: Space marks, a attaches, Esc goes back · 2 marked")
        let marked = Array(state.list.items.prefix(2))
        XCTAssertEqual(key(&state, .character("a")), [.loadAttachChoices(lead)], "no record to pick: straight to how")
        XCTAssertEqual(state.entity?.target, lead, "its view comes back")
        XCTAssertEqual(key(&state, .enter), [.runEdit(.attach(marked, to: lead, as: .link))])
    }

    func testAKeyPutsTheLastMessageAwayInEveryView() {
        var state = Samples.state()
        let file = state.list.items[0]
        _ = key(&state, .character("l"))
        _ = Reducer.reduce(&state, .linksLoaded(fileUUID: file.uuid, [LinkedEntity(id: lead.id, name: "Обучение", entityType: "lead", createdBy: nil, mainUserID: nil, dateCreate: nil,
                                                                                    dateUpdate: nil, updatedBy: nil, price: nil, pipelineID: nil, statusID: nil, closestTaskAt: nil)]))
        state.status = StatusMessage(text: "Attached 1 file.", isError: false)
        _ = key(&state, .character("j"))
        XCTAssertNil(state.status, "in a file's links")
        _ = key(&state, .enter)
        XCTAssertNotNil(state.entity)
        state.status = StatusMessage(text: "Detached 1 file.", isError: false)
        _ = key(&state, .character("j"))
        XCTAssertNil(state.status, "in an entity's view")
    }

    func testCommandsCompleteAndRun() {
        var state = Samples.state()
        _ = key(&state, .character(":"))
        _ = type(&state, "tr")
        _ = key(&state, .tab)
        XCTAssertEqual(state.overlay, .command(LineEditor("tra")), "the prefix trash and transfers share")
        let surface = MemorySurface(rows: 24, columns: 80)
        Renderer.render(state, into: surface)
        XCTAssertTrue(surface.lines[23].hasSuffix("trash transfers"), surface.lines[23])
        _ = type(&state, "n")
        _ = key(&state, .enter)
        XCTAssertEqual(state.tab, .transfers, ":tran runs the one command it can be")
        _ = key(&state, .character(":"))
        _ = type(&state, "co")
        _ = key(&state, .tab)
        XCTAssertEqual(state.overlay, .command(LineEditor("co")), "contact and company")
        _ = type(&state, "nt")
        _ = key(&state, .tab)
        XCTAssertEqual(state.overlay, .command(LineEditor("contact ")))
        _ = key(&state, .tab)
        XCTAssertEqual(state.overlay, .command(LineEditor("contact ")), "Tab again adds no second space")
        XCTAssertEqual(key(&state, .enter), [.searchEntities(.contacts, query: "", token: 1, users: state.users)], ":contact alone lists the contacts to choose from")
        guard case .attach(let form)? = state.overlay else { return XCTFail("\(String(describing: state.overlay))") }
        XCTAssertTrue(form.opening)
        _ = key(&state, .escape)
        _ = key(&state, .character(":"))
        _ = type(&state, "bogus")
        _ = key(&state, .enter)
        XCTAssertTrue(state.status?.text.hasPrefix("Unknown command :bogus. Commands: files, trash") == true)
        _ = key(&state, .character(":"))
        _ = key(&state, .character("q"))
        XCTAssertEqual(key(&state, .enter), [.exit(cancellingUploads: false)])
    }

    func testALeadNamedInTheCommandOpensWhenItIsTheOnlyOneAndIsChosenAmongSeveral() {
        var state = Samples.state()
        _ = key(&state, .character(":"))
        _ = type(&state, "deal склад")
        XCTAssertEqual(key(&state, .enter), [.searchEntities(.leads, query: "склад", token: 1, users: state.users)], ":deal is :lead")
        let one = [CRMEntity(id: 77, name: "Склад на Речной", responsibleUserID: nil, createdAt: nil, updatedAt: nil, price: nil)]
        XCTAssertEqual(Reducer.reduce(&state, .entitiesFound(token: 1, one, details: [:])),
                       [.loadEntityPage(LinkTarget(entity: .leads, id: 77), generation: 1, beforeID: nil), .loadRecordUses(LinkTarget(entity: .leads, id: 77), generation: 1)],
                       "one match opens at once")
        XCTAssertNil(state.overlay)
        XCTAssertEqual(state.entity?.title, "lead 77 «Склад на Речной»")

        _ = key(&state, .character(":"))
        _ = type(&state, "lead склад")
        _ = key(&state, .enter)
        let two = [CRMEntity(id: 77, name: "Склад на Речной", responsibleUserID: nil, createdAt: nil, updatedAt: nil, price: nil), CRMEntity(id: 78, name: "Склад №2", responsibleUserID: nil, createdAt: nil, updatedAt: nil, price: nil)]
        _ = Reducer.reduce(&state, .entitiesFound(token: 1, two, details: [:]))
        guard case .attach(let form)? = state.overlay else { return XCTFail("several: a list to choose from") }
        XCTAssertEqual(form.results, two)
        let surface = MemorySurface(rows: 24, columns: 80)
        Renderer.render(state, into: surface)
        XCTAssertTrue(surface.text.contains("Open the files of"), surface.text)
        XCTAssertTrue(surface.text.contains("Enter opens"), surface.text)
        _ = key(&state, .down)
        _ = key(&state, .enter)
        XCTAssertEqual(state.entity?.title, "lead 78 «Склад №2»")
        XCTAssertEqual(state.stack.count, 2, "opened over the first, Esc goes back to it")
    }

    func testANoteCarriesItsCommentAndAFieldThatHoldsAFileAsksFirst() throws {
        var state = Samples.state()
        let files = [state.list.items[0]]
        _ = key(&state, .space)
        _ = key(&state, .character("a"))
        _ = type(&state, "22859115")
        XCTAssertEqual(key(&state, .enter), [.loadAttachChoices(lead)])
        _ = key(&state, .down)
        _ = type(&state, "подписанный экземпляр")
        XCTAssertEqual(key(&state, .enter), [.runEdit(.attach(files, to: lead, as: .note(comment: "подписанный экземпляр")))])
        XCTAssertEqual(state.lastAttachChoice, .note, "the next attach offers a note first")

        state.list.selected = []
        let current = try XCTUnwrap(state.list.current, "Space moved the cursor on")
        _ = key(&state, .character("a"))
        _ = type(&state, "22859115")
        _ = key(&state, .enter)
        guard case .attachWay(let offered)? = state.overlay else { return XCTFail("no way form") }
        XCTAssertEqual(offered.choice, .note)
        let contract = CustomField(id: 1_154_281, name: "Договор", type: "file")
        let scan = CustomField(id: 1_154_283, name: "Скан паспорта", type: "file")
        let held = CustomFieldValue(fieldID: contract.id, values: [FieldValue(.file(FileFieldValue(fileUUID: "held-uuid", fileName: "Старый договор.pdf")))])
        let record = CRMEntity(id: lead.id, name: "Склад", responsibleUserID: nil, createdAt: nil, updatedAt: nil, price: nil, customFieldsValues: [held])
        _ = Reducer.reduce(&state, .attachChoicesLoaded(lead, fields: [contract, scan], record: record))
        _ = key(&state, .down)
        let surface = MemorySurface(rows: 24, columns: 100)
        Renderer.render(state, into: surface)
        XCTAssertTrue(surface.text.contains("File field: “Договор” ‹ › (1 of 2)"), surface.text)
        XCTAssertTrue(surface.text.contains("holds “Старый договор.pdf” now"), surface.text)
        XCTAssertEqual(key(&state, .enter), [], "it asks first")
        guard case .confirm(let question, let edit)? = state.overlay else { return XCTFail("no question") }
        XCTAssertTrue(question.hasPrefix("“Договор” of lead 22859115 holds “Старый договор.pdf”. Replace it"), question)
        XCTAssertTrue(question.contains("upload a new version of it (V on it)"), question)
        XCTAssertEqual(edit, .attach([current], to: lead, as: .field(id: contract.id, replacing: true)))
        _ = key(&state, .character("n"))
        XCTAssertNil(state.overlay)

        _ = key(&state, .character("a"))
        _ = type(&state, "22859115")
        _ = key(&state, .enter)
        _ = Reducer.reduce(&state, .attachChoicesLoaded(lead, fields: [contract, scan], record: record))
        _ = key(&state, .right)
        XCTAssertEqual(key(&state, .enter), [.runEdit(.attach([current], to: lead, as: .field(id: scan.id, replacing: false)))],
                       "an empty field takes the file at once")
        _ = Reducer.reduce(&state, .editDone(.attach([current], to: lead, as: .field(id: scan.id, replacing: false)), files: []))
        XCTAssertEqual(state.status?.text, "Attached “見積書 423.xlsx” to lead 22859115 in “Скан паспорта”; read back, it is there.")
    }

    func testCustomersAreNotOfferedWhenTheAccountHasThemOff() {
        var state = Samples.state()
        state.customersOn = false
        _ = key(&state, .character("a"))
        for expected in [EntityType.contacts, .companies, .leads] {
            XCTAssertEqual(key(&state, .tab), [.searchEntities(expected, query: "", token: (expected == .leads ? 4 : expected == .companies ? 3 : 2), users: state.users)])
        }
        _ = key(&state, .escape)
        _ = key(&state, .character(":"))
        _ = type(&state, "customer 5")
        XCTAssertEqual(key(&state, .enter), [])
        XCTAssertEqual(state.status?.text, "Customers are switched off in this account.")
    }

    func testARecordsFieldsAndNotesComeFirstAndDClearsAFieldOrSaysANoteStays() {
        var state = Samples.state()
        _ = key(&state, .character(":"))
        _ = type(&state, "lead 22859115")
        _ = key(&state, .enter)
        let generation = state.entity?.generation ?? 0
        _ = Reducer.reduce(&state, .entityPageLoaded(lead, generation: generation, files: Array(Samples.mixed.prefix(2)), nextBeforeID: nil))
        let contract = Samples.mixed[3]
        let note = Note(
            id: 9, entityID: lead.id, createdBy: 7, updatedBy: 7, createdAt: 1, updatedAt: 1, responsibleUserID: 7, groupID: 0,
            noteType: Note.attachment, accountID: 1, params: NoteParams(fileUUID: Samples.mixed[2].uuid))
        let field = CustomField(id: 1_154_281, name: "Договор", type: "file")
        let uses = RecordUses(
            notes: [RecordUses.NoteFile(note: note, comment: nil, file: Samples.mixed[2])],
            fields: [RecordUses.FieldFile(field: field, value: FileFieldValue(fileUUID: contract.uuid), file: contract)])
        _ = Reducer.reduce(&state, .recordUsesLoaded(lead, generation: generation + 1, uses))
        XCTAssertEqual(state.entity?.uses, RecordUses(), "an answer to another load is dropped")
        _ = Reducer.reduce(&state, .recordUsesLoaded(lead, generation: generation, uses))
        XCTAssertEqual(state.entity?.current, contract, "the field's file is on top, under the cursor")

        XCTAssertEqual(key(&state, .enter), [.loadVersions(fileUUID: contract.uuid)], "Enter opens the field's file: its versions")
        _ = key(&state, .escape)
        _ = key(&state, .character("d"))
        guard case .confirm(let question, let edit)? = state.overlay else { return XCTFail("no question") }
        XCTAssertTrue(question.hasPrefix("Clear “Договор” of lead 22859115? It holds “\(TerminalText.sanitize(contract.displayName))”"), question)
        XCTAssertEqual(key(&state, .character("y")), [.runEdit(edit)])
        XCTAssertEqual(edit, .clearField(id: field.id, name: "Договор", of: lead))
        XCTAssertEqual(Reducer.reduce(&state, .editDone(edit, files: [])).suffix(2), [
            .loadEntityPage(lead, generation: generation + 1, beforeID: nil), .loadRecordUses(lead, generation: generation + 1),
        ], "the record loads again")
        XCTAssertEqual(state.status?.text, "Cleared “Договор” of lead 22859115; the file stays in Files.")

        _ = Reducer.reduce(&state, .entityPageLoaded(lead, generation: generation + 1, files: Array(Samples.mixed.prefix(2)), nextBeforeID: nil))
        _ = Reducer.reduce(&state, .recordUsesLoaded(lead, generation: generation + 1, RecordUses(notes: uses.notes)))
        _ = key(&state, .character("d"))
        XCTAssertNil(state.overlay)
        XCTAssertEqual(state.status?.text, "A note stays in the record's feed: the API has no way to remove notes.")
        _ = key(&state, .character("j"))
        _ = key(&state, .character("d"))
        guard case .confirm(_, .detach(let files, _))? = state.overlay else { return XCTFail("a linked file is detached") }
        XCTAssertEqual(files, [Samples.mixed[0]])
    }
}
