import AmoFilesAPI
@testable import AmoFilesApp
import AmoFilesTasks
import TerminalUI
import XCTest

/// A file's links and an entity's files, whole screens as a person sees them: pinned
/// before these views move onto the screen stack, so the move changes nothing here.
final class LinksGoldenTests: XCTestCase {
    override func setUp() {
        useUTC(for: self)
    }

    private func render(_ state: AppState) -> [String] {
        let surface = MemorySurface(rows: state.rows, columns: state.columns)
        Renderer.render(state, into: surface)
        return surface.lines
    }

    private func linked(_ id: Int, _ name: String?, _ type: String, price: Int? = nil) -> LinkedEntity {
        LinkedEntity(id: id, name: name, entityType: type, createdBy: 7, mainUserID: 8, dateCreate: Samples.now - 86_400 * Int64(id % 9),
                     dateUpdate: Samples.now, updatedBy: 7, price: price, pipelineID: nil, statusID: nil, closestTaskAt: nil)
    }

    func testTheLinksOfAFile() {
        var state = Samples.state(rows: 12, columns: 80)
        let file = state.list.items[0]
        _ = Reducer.reduce(&state, .input(.key(.character("l"))))
        _ = Reducer.reduce(&state, .linksLoaded(fileUUID: file.uuid, [
            linked(22_859_115, "Корпоративное обучение персонала", "leads", price: 150_000),
            linked(45, "ООО «Ромашка» \u{1B}[2J", "companies"),
            linked(7, nil, "contacts"),
        ]))
        _ = Reducer.reduce(&state, .input(.key(.character("j"))))
        XCTAssertEqual(render(state), [
            " 1 Files   2 Trash   3 Transfers   4 Usage          Ромашка · drive-b.amocrm.ru",
            " Links of Договор поставки №106.pdf                          (Esc back · ? keys)",
            " TYPE              ID NAME",
            " lead        22859115 Корпоративное обучение персонала",
            " company           45 ООО «Ромашка» ␛[2J",
            " contact            7",
            "",
            "",
            "",
            "",
            "",
            " 3 links                                                                 ? help",
        ])
    }

    func testTheFilesOfALead() {
        var state = Samples.state(rows: 12, columns: 80)
        let lead = LinkTarget(entity: .leads, id: 22_859_115)
        _ = Reducer.reduce(&state, .input(.key(.character(":"))))
        for character in "lead 22859115" { _ = Reducer.reduce(&state, .input(.key(character == " " ? .space : .character(character)))) }
        _ = Reducer.reduce(&state, .input(.key(.enter)))
        _ = Reducer.reduce(&state, .entityNamed(lead, name: "Корпоративное обучение персонала"))
        let generation = state.entity?.generation ?? 0
        _ = Reducer.reduce(&state, .entityPageLoaded(lead, generation: generation, files: Array(Samples.mixed.prefix(3)), nextBeforeID: nil))
        let contract = Samples.mixed[4]
        let note = Note(
            id: 1, entityID: lead.id, createdBy: 7, updatedBy: 7, createdAt: 1_795_348_800, updatedAt: 1_795_348_800, responsibleUserID: 7,
            groupID: 0, noteType: Note.attachment, accountID: 1, params: NoteParams(fileUUID: Samples.mixed[1].uuid, fileName: "x"))
        let uses = RecordUses(
            notes: [RecordUses.NoteFile(note: note, comment: "подписанный экземпляр", file: Samples.mixed[1])],
            fields: [RecordUses.FieldFile(field: CustomField(id: 1_154_281, name: "Договор", type: "file"),
                                          value: FileFieldValue(fileUUID: contract.uuid), file: contract)])
        _ = Reducer.reduce(&state, .recordUsesLoaded(lead, generation: generation, uses))
        _ = Reducer.reduce(&state, .input(.key(.character("j"))))
        XCTAssertEqual(render(state), [
            " 1 Files   2 Trash   3 Transfers   4 Usage          Ромашка · drive-b.amocrm.ru",
            " Files of lead 22859115 «Корпоративное обучение персонала»   (Esc back · ? keys)",
            " USED AS                   NAME                            SIZE UPDATED",
            " field “Договор”           report\u{FFFD}fdp.exe.pdf            3.4 MB 2026-11-18 12:00",
            " note: подписанный экземп… 見積書 423.xlsx                16 KB 2026-11-21 12:00",
            " linked                    Договор поставки №106.pdf     1.5 MB 2026-11-22 12:00",
            " linked                    見積書 423.xlsx                16 KB 2026-11-21 12:00",
            " linked                    Фото объекта.jpg               84 KB 2026-11-20 12:00",
            "",
            "",
            "",
            " 3 linked files · 1 in fields · 1 in notes · 2/5                         ? help",
        ])
    }
}
