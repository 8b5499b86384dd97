import AmoFilesAPI
@testable import AmoFilesApp
import TerminalUI
import XCTest

final class ReducerTests: XCTestCase {
    private func page(_ range: Range<Int>) -> [DriveFile] {
        range.map { Samples.file($0, "file \($0)", ext: "pdf") }
    }

    func testTheNextPageIsAskedForBeforeTheCursorReachesTheEnd() {
        var state = AppState(rows: 24, columns: 80, accountName: "a", driveHost: "d")
        XCTAssertEqual(Reducer.start(&state), [.loadUsers, .readJournal, .loadPage(.files, generation: 0, page: 1, filter: Tab.files.baseFilter)])
        XCTAssertTrue(state.list.loading)
        // 100 rows in, the cursor at the top: far from the end, nothing more is asked.
        XCTAssertEqual(Reducer.reduce(&state, .pageLoaded(.files, generation: 0, page: 1, files: page(0..<100), hasMore: true)), [])
        XCTAssertFalse(state.list.loading)
        var asked: [Effect] = []
        var moves = 0
        while asked.isEmpty, moves < 100 {
            asked = Reducer.reduce(&state, .input(.key(.character("j"))))
            moves += 1
        }
        XCTAssertEqual(asked, [.loadPage(.files, generation: 0, page: 2, filter: Tab.files.baseFilter)])
        XCTAssertLessThan(state.list.viewport.cursor, 80, "asked while more than a screen of rows was still ahead")
        // Further moves while it loads ask nothing more.
        XCTAssertEqual(Reducer.reduce(&state, .input(.key(.down))), [])
        let cursor = state.list.viewport.cursor
        _ = Reducer.reduce(&state, .pageLoaded(.files, generation: 0, page: 2, files: page(100..<130), hasMore: false))
        XCTAssertEqual(state.list.items.count, 130)
        XCTAssertEqual(state.list.viewport.cursor, cursor, "the cursor does not jump when rows arrive")
        XCTAssertTrue(state.list.isComplete)
        XCTAssertEqual(Reducer.reduce(&state, .input(.key(.character("G")))), [], "nothing more to load")
        XCTAssertEqual(state.list.viewport.cursor, 129)
    }

    func testAnAnswerToAnOlderRequestIsDropped() {
        var state = AppState(rows: 24, columns: 80, accountName: "a", driveHost: "d")
        _ = Reducer.start(&state)
        XCTAssertEqual(Reducer.reduce(&state, .input(.key(.control("r")))), [.loadPage(.files, generation: 1, page: 1, filter: Tab.files.baseFilter)])
        _ = Reducer.reduce(&state, .pageLoaded(.files, generation: 0, page: 1, files: page(0..<50), hasMore: true))
        XCTAssertTrue(state.list.items.isEmpty, "the answer from before the refresh is ignored")
        _ = Reducer.reduce(&state, .pageLoaded(.files, generation: 1, page: 1, files: page(0..<5), hasMore: false))
        XCTAssertEqual(state.list.items.count, 5)
    }

    func testTabsLoadOnFirstVisitAndKeepTheirPlace() {
        var state = AppState(rows: 24, columns: 80, accountName: "a", driveHost: "d")
        _ = Reducer.start(&state)
        _ = Reducer.reduce(&state, .pageLoaded(.files, generation: 0, page: 1, files: page(0..<10), hasMore: false))
        _ = Reducer.reduce(&state, .input(.key(.character("j"))))
        XCTAssertEqual(Reducer.reduce(&state, .input(.key(.tab))), [.loadPage(.trash, generation: 0, page: 1, filter: Tab.trash.baseFilter)])
        XCTAssertEqual(state.tab, .trash)
        XCTAssertEqual(Reducer.reduce(&state, .input(.key(.character("1")))), [])
        XCTAssertEqual(state.list.viewport.cursor, 1)
    }

    func testAFailureSaysWhatToDoAndTheNextKeyClearsIt() {
        var state = AppState(rows: 24, columns: 80, accountName: "a", driveHost: "d")
        _ = Reducer.start(&state)
        _ = Reducer.reduce(&state, .pageFailed(.files, generation: 0, message: "this token lacks the files scope"))
        XCTAssertEqual(state.status?.text, "Could not load Files: this token lacks the files scope. Press C-r to try again.")
        XCTAssertFalse(state.list.loading)
        _ = Reducer.reduce(&state, .input(.key(.character("j"))))
        XCTAssertNil(state.status)
    }

    func testARetryIsShownUntilTheNextAnswerAndAFailureStays() {
        var state = AppState(rows: 24, columns: 80, accountName: "a", driveHost: "d")
        _ = Reducer.start(&state)
        _ = Reducer.reduce(&state, .retrying("the service did not answer (500); trying again in 2 s (2 of 5)"))
        XCTAssertEqual(state.status?.text, "The service did not answer (500); trying again in 2 s (2 of 5)")
        _ = Reducer.reduce(&state, .tick(now: 5))
        XCTAssertNotNil(state.status, "the clock is not an answer")
        _ = Reducer.reduce(&state, .pageLoaded(.files, generation: 0, page: 1, files: [], hasMore: false))
        XCTAssertNil(state.status, "the answer came: the notice goes")
        _ = Reducer.reduce(&state, .pageFailed(.files, generation: 0, message: "the service answered 500"))
        _ = Reducer.reduce(&state, .usersLoaded([:]))
        XCTAssertEqual(state.status?.isError, true, "a failure stays until a key")
    }

    func testQuitHelpAndSuspend() {
        var state = AppState(rows: 24, columns: 80, accountName: "a", driveHost: "d")
        XCTAssertEqual(Reducer.reduce(&state, .input(.key(.function(10)))), [.exit(cancellingUploads: false)], "nothing runs: quit at once")
        _ = Reducer.reduce(&state, .input(.key(.character("?"))))
        XCTAssertEqual(state.overlay, .help(scroll: 0))
        XCTAssertEqual(Reducer.reduce(&state, .input(.key(.escape))), [])
        XCTAssertNil(state.overlay)
        XCTAssertEqual(Reducer.reduce(&state, .input(.suspend)), [.suspend])
        XCTAssertEqual(Reducer.reduce(&state, .input(.key(.control("c")))), [.exit(cancellingUploads: false)], "Ctrl-C quits like q")
    }

    func testClicksSelectARowAndTheWheelScrolls() {
        var state = Samples.state()
        _ = Reducer.reduce(&state, .input(.click(row: 4, column: 10, double: false)))
        XCTAssertEqual(state.list.viewport.cursor, 2, "row 4 is the third file under the tab bar and header")
        _ = Reducer.reduce(&state, .input(.click(row: 20, column: 10, double: false)))
        XCTAssertEqual(state.list.viewport.cursor, 2, "a click below the last row does nothing")
        _ = Reducer.reduce(&state, .input(.wheel(up: false)))
        XCTAssertEqual(state.list.viewport.cursor, 5)
        _ = Reducer.reduce(&state, .input(.wheel(up: true)))
        XCTAssertEqual(state.list.viewport.cursor, 2)
        XCTAssertEqual(Reducer.reduce(&state, .input(.click(row: 3, column: 5, double: true))), [.loadVersions(fileUUID: state.list.items[1].uuid)],
                       "a double click opens the versions of the file clicked")
    }
}
