import AmoFilesAPI
@testable import AmoFilesApp
import TerminalUI
import XCTest

/// Search, rename, delete and restore as the reducer sees them.
final class EditTests: XCTestCase {
    private func keys(_ state: inout AppState, _ keys: Key...) -> [Effect] {
        keys.flatMap { Reducer.reduce(&state, .input(.key($0))) }
    }

    func testSearchWaitsForAPauseAndEscBringsThePreviousTermBack() {
        var state = Samples.state()
        XCTAssertEqual(keys(&state, .character("/")), [])
        XCTAssertEqual(keys(&state, .character("д"), .character("о")), [.pauseSearch(token: 1), .pauseSearch(token: 2)])
        XCTAssertEqual(Reducer.reduce(&state, .searchPaused(token: 1)), [], "a pause overtaken by typing does nothing")
        var filter = Tab.files.baseFilter
        filter.term = "до"
        XCTAssertEqual(Reducer.reduce(&state, .searchPaused(token: 2)), [.loadPage(.files, generation: 1, page: 1, filter: filter)])
        XCTAssertTrue(state.list.items.isEmpty, "the old rows go; the matching ones come")
        XCTAssertTrue(state.isFiltered)
        XCTAssertTrue(Samples.render(state)[1].hasPrefix(" Filter: "), "the filter line takes a row")
        XCTAssertTrue(Samples.render(state)[2].hasPrefix(" NAME"), "the header goes below it")
        _ = Reducer.reduce(&state, .pageLoaded(.files, generation: 1, page: 1, files: [Samples.mixed[0]], hasMore: false))
        XCTAssertEqual(keys(&state, .escape), [.loadPage(.files, generation: 2, page: 1, filter: Tab.files.baseFilter)])
        XCTAssertNil(state.overlay)
        XCTAssertFalse(state.isFiltered)
    }

    func testClearFilterIsOneKey() {
        var state = Samples.state()
        state.lists[.files]?.filter.extensions = ["pdf"]
        XCTAssertEqual(keys(&state, .character("c")), [.loadPage(.files, generation: 1, page: 1, filter: Tab.files.baseFilter)])
        XCTAssertEqual(keys(&state, .character("c")), [], "nothing to clear")
    }

    func testDeleteAsksThenRemovesTheMarkedRowsAndPutsThemBackIfRefused() {
        var state = Samples.state()
        _ = keys(&state, .space, .space)
        XCTAssertEqual(state.list.selected.count, 2)
        XCTAssertEqual(keys(&state, .character("d")), [])
        guard case .confirm(let question, let edit)? = state.overlay else { return XCTFail("no question asked") }
        XCTAssertEqual(question, "Move 2 files (“Договор поставки №106.pdf” and “見積書 423.xlsx”) to the trash?")
        XCTAssertEqual(keys(&state, .character("n")), [])
        XCTAssertEqual(state.list.items.count, 6, "no: nothing happens")
        _ = keys(&state, .character("d"))
        XCTAssertEqual(keys(&state, .character("y")), [.runEdit(edit)])
        XCTAssertEqual(state.list.items.map(\.uuid), Samples.mixed.dropFirst(2).map(\.uuid))
        XCTAssertTrue(state.list.selected.isEmpty)

        _ = Reducer.reduce(&state, .editFailed(edit, message: "Could not move 2 files to the trash: this token lacks the files_delete scope; the files stay in Files."))
        XCTAssertEqual(state.list.items.map(\.uuid), Samples.mixed.map(\.uuid), "back where they were")
        XCTAssertEqual(state.status?.isError, true)
    }

    func testADoneDeleteSendsTheTrashBackForAFreshLoad() {
        var state = Samples.state()
        state.lists[.trash]?.items = [Samples.file(9, "old", ext: "txt", deleted: true)]
        state.lists[.trash]?.nextPage = nil
        _ = keys(&state, .character("d"))
        guard case .confirm(let question, let edit)? = state.overlay else { return XCTFail("no question asked") }
        XCTAssertEqual(question, "Move “Договор поставки №106.pdf” to the trash?")
        _ = keys(&state, .enter)
        _ = Reducer.reduce(&state, .editDone(edit, files: []))
        XCTAssertEqual(state.lists[.trash]?.items.count, 0)
        XCTAssertEqual(state.lists[.trash]?.nextPage, 1)
        XCTAssertEqual(keys(&state, .character("2")), [.loadPage(.trash, generation: 1, page: 1, filter: Tab.trash.baseFilter)])
    }

    func testRenameShowsTheNewNameAtOnceAndUndoesItWhenRefused() {
        var state = Samples.state()
        _ = keys(&state, .character("r"))
        guard case .rename(_, _, let editor)? = state.overlay else { return XCTFail("no editor") }
        XCTAssertEqual(editor.text, "Договор поставки №106", "prefilled with the current name")
        let effects = keys(&state, .control("w"), .character("№"), .character("7"), .enter)
        let edit = Edit.rename(uuid: Samples.mixed[0].uuid, from: "Договор поставки №106", to: "Договор поставки №7")
        XCTAssertEqual(effects, [.runEdit(edit)])
        XCTAssertEqual(state.list.items[0].name, "Договор поставки №7")
        _ = Reducer.reduce(&state, .editFailed(edit, message: "Could not rename: …"))
        XCTAssertEqual(state.list.items[0].name, "Договор поставки №106")
    }

    func testRestoreOnlyInTheTrash() {
        var state = Samples.state()
        XCTAssertEqual(keys(&state, .character("u")), [])
        XCTAssertEqual(state.status?.text, "Restoring works in the Trash tab. Press 2 to open it.")
        state.tab = .trash
        let trashed = Samples.file(1, "x", ext: "pdf", deleted: true)
        state.lists[.trash]?.items = [trashed]
        state.lists[.trash]?.nextPage = nil
        XCTAssertEqual(keys(&state, .character("u")), [.runEdit(.restore([trashed], at: [0]))])
        XCTAssertTrue(state.list.items.isEmpty)
    }
}
