import AmoFilesAPI
@testable import AmoFilesApp
import TerminalUI
import XCTest

/// A long list in Files: `G` finds the true end, `:50%` opens a window in the middle,
/// pages come before and after the window as the cursor goes, and only the pages near
/// the cursor are kept.
final class JumpTests: XCTestCase {
    private static let total = 99_972

    /// The files of page `page` (50 a page) of a list of `total` rows, each named for its row.
    private func page(_ page: Int) -> [DriveFile] {
        let start = (page - 1) * FileList.pageSize
        return (start..<min(Self.total, start + FileList.pageSize)).map { Samples.file($0, "row \($0)", ext: "txt") }
    }

    /// Answers every page asked for, and the pages those answers ask for, as the runtime would.
    @discardableResult
    private func deliver(_ state: inout AppState, _ effects: [Effect]) -> [Effect] {
        var pending = effects
        var asked: [Effect] = []
        while let effect = pending.first {
            pending.removeFirst()
            guard case .loadPage(let tab, let generation, let number, _) = effect else { continue }
            asked.append(effect)
            pending += Reducer.reduce(&state, .pageLoaded(tab, generation: generation, page: number, files: page(number),
                                                          hasMore: number * FileList.pageSize < Self.total))
        }
        return asked
    }

    /// The rows the window holds are one run of the whole list, with no gap and none twice.
    private func assertOneRun(_ list: FileList, file: StaticString = #filePath, line: UInt = #line) {
        let rows = list.items.map { Int($0.name.dropFirst(4))! }
        XCTAssertEqual(rows, Array(list.offset..<(list.offset + rows.count)), file: file, line: line)
        XCTAssertLessThanOrEqual(rows.count, FileList.keptRows, file: file, line: line)
    }

    private func position(_ state: AppState) -> String { Samples.render(state).last ?? "" }

    func testGFindsTheEndThenFiftyPercentAndPageOpenWindowsAndGComesBack() {
        var state = Samples.state(columns: 100, files: page(1), complete: false)
        let effects = Reducer.reduce(&state, .input(.key(.character("G"))))
        let generation = state.list.generation
        XCTAssertEqual(effects, [.findLastPage(.files, generation: generation, filter: FileFilter())])
        XCTAssertTrue(position(state).contains("finding the end of the list…"), position(state))

        _ = Reducer.reduce(&state, .lastPageFound(.files, generation: generation, page: 2000, files: page(2000)))
        XCTAssertEqual(state.list.current?.name, "row 99971")
        XCTAssertEqual(state.list.offset, 99_950)
        XCTAssertTrue(position(state).contains("row 99,972 of 99,972"), position(state))
        assertOneRun(state.list)

        var asked = Reducer.reduce(&state, .input(.key(.character(":"))))
        for character in "50%" { asked += Reducer.reduce(&state, .input(.key(.character(character)))) }
        asked += Reducer.reduce(&state, .input(.key(.enter)))
        XCTAssertEqual(asked, [.loadPage(.files, generation: state.list.generation, page: 1000, filter: FileFilter())])
        deliver(&state, asked)
        XCTAssertEqual(state.list.current?.name, "row 49986")
        XCTAssertTrue(position(state).contains("row 49,987 of 99,972"), position(state))

        // Up past the window's top: the page before comes, the cursor stays on its file.
        for _ in 0..<60 { deliver(&state, Reducer.reduce(&state, .input(.key(.character("k"))))) }
        XCTAssertEqual(state.list.current?.name, "row 49926")
        XCTAssertLessThan(state.list.offset, 49_900)
        assertOneRun(state.list)

        state.overlay = .command(LineEditor("page 3"))
        deliver(&state, Reducer.reduce(&state, .input(.key(.enter))))
        XCTAssertEqual(state.list.current?.name, "row 100")

        deliver(&state, Reducer.reduce(&state, .input(.key(.character("g")))))
        XCTAssertEqual(state.list.current?.name, "row 0")
        XCTAssertEqual(state.list.offset, 0)
    }

    func testALongListHasAScrollBarAndAClickOnItGoesToThatShare() {
        var state = Samples.state(columns: 100, files: page(1), complete: false)
        XCTAssertFalse(Samples.render(state).contains { $0.hasSuffix("│") }, "no bar while the length is not known")
        let generation = state.list.generation + 1
        _ = Reducer.reduce(&state, .input(.key(.character("G"))))
        _ = Reducer.reduce(&state, .lastPageFound(.files, generation: generation, page: 2000, files: page(2000)))
        var screen = Samples.render(state)
        // Rows 2 to 22 are the list's; at the end of the list the thumb is on the last of them.
        XCTAssertEqual(screen[2].last, "│")
        XCTAssertEqual(screen[22].last, "█", screen.joined(separator: "\n"))

        // The middle of the bar: the middle of the list.
        let effects = Reducer.reduce(&state, .input(.click(row: 12, column: 99, double: false)))
        XCTAssertEqual(effects, [.loadPage(.files, generation: state.list.generation, page: 1000, filter: FileFilter())])
        deliver(&state, effects)
        XCTAssertEqual(state.list.current?.name, "row 49986")
        screen = Samples.render(state)
        XCTAssertEqual(screen[12].last, "█", screen.joined(separator: "\n"))
        // Beside the bar, a click is on a row as before.
        let drawnOnRow5 = state.list.offset + state.list.viewport.top + 3
        _ = Reducer.reduce(&state, .input(.click(row: 5, column: 10, double: false)))
        XCTAssertEqual(state.list.offset + state.list.viewport.cursor, drawnOnRow5)
    }

    func testScrollingFarKeepsOnlyThePagesNearTheCursorAndGoingBackAsksForThemAgain() {
        var state = Samples.state(columns: 100, files: page(1), complete: false)
        state.list.nextPage = 2
        for _ in 0..<120 { deliver(&state, Reducer.reduce(&state, .input(.key(.pageDown)))) }
        XCTAssertGreaterThan(state.list.offset + state.list.viewport.cursor, 2000)
        XCTAssertGreaterThan(state.list.offset, 0, "pages far behind went")
        assertOneRun(state.list)
        let row = Quantities.grouped(state.list.offset + state.list.viewport.cursor + 1)
        XCTAssertTrue(position(state).contains("row \(row) of more than"), position(state))

        var asked: [Effect] = []
        for _ in 0..<200 { asked += deliver(&state, Reducer.reduce(&state, .input(.key(.pageUp)))) }
        XCTAssertFalse(asked.isEmpty, "the pages that went are asked for again")
        XCTAssertEqual(state.list.offset, 0)
        XCTAssertEqual(state.list.current?.name, "row 0")
        assertOneRun(state.list)
    }
}

/// A sort is of the whole list: it is loaded whole first, up to 5,000 files; a longer
/// list is said and stays in the service's order. The trash sorts by its own columns.
final class WholeListSortTests: XCTestCase {
    func testAListNotAllLoadedIsLoadedWholeToSortAndALongOneIsNotSorted() {
        var state = Samples.state(files: Array(Samples.mixed.prefix(2)), complete: false)
        let effects = Reducer.reduce(&state, .input(.key(.character("s"))))
        let generation = state.list.generation
        XCTAssertEqual(effects, [.loadWholeList(.files, generation: generation, filter: FileFilter())])
        XCTAssertEqual(state.filesTab.sort, FileSort(.name, descending: false))
        _ = Reducer.reduce(&state, .wholeListLoaded(.files, generation: generation, files: Samples.mixed))
        XCTAssertEqual(state.list.items.count, Samples.mixed.count)
        XCTAssertTrue(state.list.isWhole)
        XCTAssertEqual(state.list.items.map(\.displayName), Samples.mixed.map(\.displayName).sorted { $0.localizedStandardCompare($1) == .orderedAscending })
        XCTAssertTrue(Samples.render(state)[1].contains("NAME ▲"))
        XCTAssertEqual(Reducer.reduce(&state, .input(.key(.character("s")))), [], "a whole list sorts at once")
        XCTAssertEqual(state.list.items.map(\.size), state.list.items.map(\.size).sorted(by: >))

        // More than 5,000: the answer says so, and the service's order comes back.
        var long = Samples.state(files: Array(Samples.mixed.prefix(2)), complete: false)
        _ = Reducer.reduce(&long, .input(.key(.character("s"))))
        let reload = Reducer.reduce(&long, .wholeListLoaded(.files, generation: long.list.generation, files: nil))
        XCTAssertNil(long.filesTab.sort)
        XCTAssertEqual(reload, [.loadPage(.files, generation: long.list.generation, page: 1, filter: FileFilter())])
        XCTAssertTrue(long.status?.text.hasPrefix("Not sorted: the list has more than 5,000 files") == true, long.status?.text ?? "")

        // Known to be long: said at once, nothing asked.
        long.list.total = 98_322
        XCTAssertEqual(Reducer.reduce(&long, .input(.key(.character("s")))), [])
        XCTAssertTrue(long.status?.text.hasPrefix("Not sorted: the list has 98,322 files") == true, long.status?.text ?? "")
        XCTAssertNil(long.filesTab.sort)
    }

    func testTheTrashSortsByNameSizeAndDeletionOnly() {
        XCTAssertEqual(FileSort.next(after: nil, in: .trash), FileSort(.name, descending: false))
        XCTAssertEqual(FileSort.next(after: FileSort(.size, descending: true), in: .trash), FileSort(.deleted, descending: false))
        XCTAssertNil(FileSort.next(after: FileSort(.deleted, descending: false), in: .trash))
        XCTAssertEqual(FileSort.next(after: FileSort(.updated, descending: true), in: .files), FileSort(.type, descending: false))

        var state = Samples.state(columns: 100)
        state.trashTab.list.items = [Samples.file(3, "c", ext: "txt", deleted: true), Samples.file(9, "a", ext: "txt", deleted: true),
                                     Samples.file(5, "b", ext: "txt", deleted: true)]
        state.trashTab.list.nextPage = nil
        Samples.press(&state, .character("2"), .character("s"), .character("s"), .character("s"))
        XCTAssertEqual(state.trashTab.sort, FileSort(.deleted, descending: false))
        XCTAssertEqual(state.trashTab.list.items.map(\.name), ["a", "b", "c"], "the oldest deletion first: the first purged")
        XCTAssertTrue(Samples.render(state)[1].contains("DELETED ▲"), Samples.render(state)[1])
        XCTAssertNil(state.filesTab.sort, "each tab has its own order")
    }
}
