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
            " 1 Files   2 Trash   3 Transfers                    Ромашка · drive-b.amocrm.ru",
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
        _ = Reducer.reduce(&state, .entityPageLoaded(lead, generation: state.entity?.generation ?? 0, files: Array(Samples.mixed.prefix(4)), nextBeforeID: nil))
        _ = Reducer.reduce(&state, .input(.key(.character("j"))))
        XCTAssertEqual(render(state), [
            " 1 Files   2 Trash   3 Transfers                    Ромашка · drive-b.amocrm.ru",
            " Files of lead 22859115 «Корпоративное обучение персонала»   (Esc back · ? keys)",
            " NAME                          TYPE         SIZE UPDATED          BY",
            " Договор поставки №106.pdf     document   1.5 MB 2026-11-22 12:00 Анна Смирнова",
            " 見積書 423.xlsx               document    16 KB 2026-11-21 12:00 Li Wei",
            " Фото объекта.jpg              image       84 KB 2026-11-20 12:00 robot",
            " title␛]0;pwned␇.txt           document     12 B 2026-11-19 12:00 Анна Смирнова",
            "",
            "",
            "",
            "",
            " 4 files · 2/4                                                           ? help",
        ])
    }
}
