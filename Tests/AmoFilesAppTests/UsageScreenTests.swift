import AmoFilesAPI
import AmoFilesTasks
@testable import AmoFilesApp
import TerminalUI
import XCTest

/// The Usage tab: read or walk on first look, totals growing while it walks, groupings,
/// and a group listed in Files with the API's own filter.
final class UsageScreenTests: XCTestCase {
    private func totals(_ files: [DriveFile]) -> UsageTotals {
        var totals = UsageTotals()
        for file in files { totals.add(file) }
        return totals
    }

    func testTheFirstLookReadsTheLastWalkOnceAndTheTotalsGrowWhileItWalks() {
        var state = Samples.state(columns: 100)
        XCTAssertEqual(Reducer.reduce(&state, .input(.key(.character("4")))), [.loadUsage])
        XCTAssertEqual(state.tab, .usage)
        Samples.press(&state, .character("1"))
        XCTAssertEqual(Reducer.reduce(&state, .input(.key(.character("4")))), [], "asked once per run")

        _ = Reducer.reduce(&state, .usageProgress(totals(Array(Samples.mixed.prefix(2))), inTrash: false))
        var screen = Samples.render(state).joined(separator: "\n")
        XCTAssertTrue(screen.contains("Walking the files: 2 files, 1.5 MB so far… (x stops)"), screen)
        XCTAssertTrue(screen.contains(" document "), "the groups show while it walks:\n\(screen)")
        XCTAssertEqual(Reducer.reduce(&state, .input(.key(.character("x")))), [.stopUsageWalk])

        let walk = UsageWalk(files: totals(Samples.mixed), trash: totals([Samples.file(9, "old", ext: "txt", size: 10, deleted: true)]),
                             stats: DriveStats(limit: 10_000_000_000, used: 7_000_000), at: Samples.now)
        _ = Reducer.reduce(&state, .usageWalked(walk, earlier: false))
        screen = Samples.render(state).joined(separator: "\n")
        XCTAssertTrue(screen.contains("6 files, 6.5 MB · in the trash 1 file, 10 B · walked 2026-11-22"), screen)
        XCTAssertTrue(screen.contains("The account uses 7.0 MB of 10 GB (<1%): every version counts, the trash does not."), screen)
        XCTAssertTrue(screen.contains(" document                                                    5     6.4 MB    99%"), screen)
        XCTAssertEqual(Reducer.reduce(&state, .input(.key(.control("r")))), [.walkUsage])
    }

    func testEnterOnAnExtensionListsItsFilesInFilesAndAGroupTheAPICannotFilterIsSaid() throws {
        var state = Samples.state(columns: 100)
        Samples.press(&state, .character("4"))
        _ = Reducer.reduce(&state, .usageWalked(UsageWalk(files: totals(Samples.mixed), trash: UsageTotals(), stats: nil, at: Samples.now), earlier: true))
        Samples.press(&state, .right)
        XCTAssertTrue(Samples.render(state).contains { $0.hasPrefix(" EXTENSION") })
        // .pdf holds the most bytes: it is on top.
        let effects = Reducer.reduce(&state, .input(.key(.enter)))
        XCTAssertEqual(state.tab, .files)
        var pdf = FileFilter()
        pdf.extensions = ["pdf"]
        XCTAssertEqual(state.filesTab.list.filter, pdf)
        XCTAssertEqual(effects, [.loadPage(.files, generation: state.filesTab.list.generation, page: 1, filter: pdf)])
        XCTAssertTrue(Samples.render(state)[1].contains("Filter: .pdf"))

        // A month is a range of the last change; a source of none has no filter.
        Samples.press(&state, .character("4"), .right)
        Samples.press(&state, .enter)
        XCTAssertEqual(state.filesTab.list.filter.date?.field, .updatedAt)
        Samples.press(&state, .character("4"), .right, .right, .right)
        XCTAssertTrue(Samples.render(state).contains { $0.hasPrefix(" SOURCE") })
        Samples.press(&state, .enter)
        XCTAssertEqual(state.tab, .usage)
        XCTAssertEqual(state.status?.text, "The API has no filter for files that came from no source.")
    }
}
