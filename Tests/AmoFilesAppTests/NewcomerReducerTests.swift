import AmoFilesAPI
import Foundation
@testable import AmoFilesApp
@testable import AmoFilesTasks
import TerminalUI
import XCTest

/// The reducer's side of what a newcomer ran into (the binary's side is in EndToEndTests).
final class NewcomerReducerTests: XCTestCase {
    func testKeysDoNothingWhileTheTerminalIsTooSmall() {
        var state = Samples.state(rows: 5, columns: 20)
        XCTAssertTrue(state.isTooSmall)
        let keys: [Key] = [.character("j"), .character("v"), .character("d"), .character(" "), .character("/"), .character("f"),
                           .character(":"), .character("2"), .tab, .enter, .character("?"), .character("r"), .character("U"), .control("r")]
        for key in keys {
            XCTAssertEqual(Reducer.reduce(&state, .input(.key(key))), [], "\(key) acts on a screen nobody sees")
        }
        XCTAssertEqual(Reducer.reduce(&state, .input(.click(row: 3, column: 2, double: true))), [])
        XCTAssertEqual(Reducer.reduce(&state, .input(.wheel(up: false))), [])
        XCTAssertEqual(state.status?.text, "C-r ignored: the terminal is too small", "the last key is said to have done nothing")
        XCTAssertNil(state.overlay)
        XCTAssertNil(state.versions)
        XCTAssertEqual(state.tab, .files)
        XCTAssertEqual(state.list.viewport.cursor, 0)
        XCTAssertTrue(state.list.selected.isEmpty)

        _ = Reducer.reduce(&state, .input(.resize(rows: 30, columns: 100)))
        XCTAssertNil(state.overlay, "no question waits behind the small screen")
        XCTAssertNil(state.status, "the notice of the small screen goes with it")
        _ = Reducer.reduce(&state, .input(.resize(rows: 5, columns: 20)))
        XCTAssertEqual(Reducer.reduce(&state, .input(.key(.character("q")))), [.exit(cancellingUploads: false)], "quitting still works")
    }

    func testTheTooSmallScreenSaysHowToGetOut() {
        let state = Samples.state(rows: 5, columns: 20)
        let surface = MemorySurface(rows: 5, columns: 20)
        Renderer.render(state, into: surface)
        let text = surface.lines.joined(separator: "\n")
        XCTAssertTrue(text.contains("terminal too small"), text)
        XCTAssertTrue(text.contains("q quits"), text)
    }

    func testADateRangeOfOneDayTakesInTheWholeDay() throws {
        useUTC(for: self)
        var state = Samples.state(rows: 30, columns: 120)
        _ = Reducer.reduce(&state, .input(.key(.character("f"))))
        for _ in 0..<5 { _ = Reducer.reduce(&state, .input(.key(.tab))) }  // to "since"
        for character in "2026-04-09" { _ = Reducer.reduce(&state, .input(.key(.character(character)))) }
        _ = Reducer.reduce(&state, .input(.key(.tab)))
        for character in "2026-04-09" { _ = Reducer.reduce(&state, .input(.key(.character(character)))) }
        let effects = Reducer.reduce(&state, .input(.key(.enter)))
        guard case .loadPage(_, _, _, let filter)? = effects.first else { return XCTFail("the form did not apply: \(effects) \(String(describing: state.overlay))") }
        let midnight: Int64 = 1_775_692_800  // 2026-04-09 00:00 UTC
        XCTAssertEqual(filter.date?.from, midnight)
        XCTAssertEqual(filter.date?.to, midnight + 86_399, "up to the day's last second")
        let surface = MemorySurface(rows: 30, columns: 120)
        Renderer.render(state, into: surface)
        let screen = surface.lines.joined(separator: "\n")
        XCTAssertTrue(screen.contains("updated 2026-04-09 00:00 – 2026-04-09 23:59"), "the form shows the range it applies:\n\(screen)")
    }

    func testTheEndOfARangeIsTheLastSecondItNames() {
        useUTC(for: self)
        let midnight: Int64 = 1_775_692_800
        let halfPastFive: Int64 = midnight + 17 * 3600 + 30 * 60
        XCTAssertEqual(Quantities.parseEndTime("2026-04-09"), midnight + 86_399)
        XCTAssertEqual(Quantities.parseEndTime("2026-04-09 17:30"), halfPastFive + 59)
        XCTAssertEqual(Quantities.parseEndTime("2026-04-09T17:30:05"), halfPastFive + 5)
        XCTAssertEqual(Quantities.parseEndTime("1775692800"), 1_775_692_800, "Unix seconds are exact")
        XCTAssertEqual(Quantities.parseTime("2026-04-09"), 1_775_692_800)
        XCTAssertNil(Quantities.parseEndTime("9 April"))
    }

    private func page(_ range: Range<Int>) -> [DriveFile] {
        range.map { Samples.file($0, "file \($0)", ext: "pdf", size: Int64(1000 + $0 * 37 % 500)) }
    }

    func testAReloadKeepsTheCursorOnItsFile() {
        var state = AppState(rows: 24, columns: 80, accountName: "a", driveHost: "d")
        _ = Reducer.start(&state)
        _ = Reducer.reduce(&state, .pageLoaded(.files, generation: 0, page: 1, files: page(0..<100), hasMore: true))
        for _ in 0..<60 { _ = Reducer.reduce(&state, .input(.key(.character("j")))) }
        let file = try! XCTUnwrap(state.list.current)
        // The file's own row after a restore elsewhere: one new file on top, so it is one further down.
        _ = Reducer.reduce(&state, .input(.key(.control("r"))))
        let generation = state.list.generation
        let restored = [Samples.file(900, "restored", ext: "txt")]
        let first = Reducer.reduce(&state, .pageLoaded(.files, generation: generation, page: 1, files: restored + page(0..<49), hasMore: true))
        XCTAssertEqual(first, [.loadPage(.files, generation: generation, page: 2, filter: Tab.files.baseFilter)], "the file is sought in the next page")
        _ = Reducer.reduce(&state, .pageLoaded(.files, generation: generation, page: 2, files: page(49..<99), hasMore: true))
        XCTAssertEqual(state.list.current?.uuid, file.uuid, "the cursor is on the same file")
        XCTAssertNil(state.list.returnTo)
    }

    func testASortedListReloadsWholeWithTheCursorOnItsFile() {
        var state = AppState(rows: 24, columns: 80, accountName: "a", driveHost: "d")
        _ = Reducer.start(&state)
        _ = Reducer.reduce(&state, .pageLoaded(.files, generation: 0, page: 1, files: page(0..<50), hasMore: true))
        XCTAssertEqual(Reducer.reduce(&state, .input(.key(.character("s")))), [.loadWholeList(.files, generation: 1, filter: Tab.files.baseFilter)])
        _ = Reducer.reduce(&state, .wholeListLoaded(.files, generation: 1, files: page(0..<100)))
        for _ in 0..<60 { _ = Reducer.reduce(&state, .input(.key(.character("j")))) }
        let file = try! XCTUnwrap(state.list.current)
        XCTAssertEqual(Reducer.reduce(&state, .input(.key(.control("r")))), [.loadWholeList(.files, generation: 2, filter: Tab.files.baseFilter)])
        _ = Reducer.reduce(&state, .wholeListLoaded(.files, generation: 2, files: [Samples.file(900, "restored", ext: "txt")] + page(0..<100)))
        XCTAssertEqual(state.list.current?.uuid, file.uuid, "the cursor is on the same file")
        XCTAssertEqual(state.list.items.count, 101)
    }

    func testAFileThatIsGoneLeavesTheCursorOnItsRow() {
        var state = AppState(rows: 24, columns: 80, accountName: "a", driveHost: "d")
        _ = Reducer.start(&state)
        _ = Reducer.reduce(&state, .pageLoaded(.files, generation: 0, page: 1, files: page(0..<50), hasMore: false))
        for _ in 0..<20 { _ = Reducer.reduce(&state, .input(.key(.character("j")))) }
        _ = Reducer.reduce(&state, .input(.key(.control("r"))))
        let without = page(0..<50).filter { $0.name != "file 20" }
        XCTAssertEqual(Reducer.reduce(&state, .pageLoaded(.files, generation: 1, page: 1, files: without, hasMore: false)), [])
        XCTAssertEqual(state.list.viewport.cursor, 20, "its neighbour, not the top")
    }

    func testReloadingAnEntitysFilesKeepsTheCursorOnItsFile() {
        let lead = LinkTarget(entity: .leads, id: 22_859_115)
        var state = Samples.state()
        _ = Reducer.reduce(&state, .input(.key(.character(":"))))
        for character in "lead 22859115" { _ = Reducer.reduce(&state, .input(.key(character == " " ? .space : .character(character)))) }
        _ = Reducer.reduce(&state, .input(.key(.enter)))
        let generation = state.entity?.generation ?? 0
        _ = Reducer.reduce(&state, .entityPageLoaded(lead, generation: generation, files: page(0..<50), nextBeforeID: 900))
        for _ in 0..<30 { _ = Reducer.reduce(&state, .input(.key(.character("j")))) }
        let file = state.entity?.current
        XCTAssertEqual(Reducer.reduce(&state, .input(.key(.control("r")))).suffix(2), [
            .loadEntityPage(lead, generation: generation + 1, beforeID: nil), .loadRecordUses(lead, generation: generation + 1),
        ])
        XCTAssertEqual(Reducer.reduce(&state, .entityPageLoaded(lead, generation: generation + 1, files: page(0..<20), nextBeforeID: 800)),
                       [.loadEntityPage(lead, generation: generation + 1, beforeID: 800)], "the file is sought in the next page")
        _ = Reducer.reduce(&state, .entityPageLoaded(lead, generation: generation + 1, files: page(20..<50), nextBeforeID: nil))
        XCTAssertEqual(state.entity?.current, file)
        XCTAssertEqual(state.entity?.viewport.cursor, 30)
    }

    func testRetryingAFailedDownloadAsksBeforeOverwriting() {
        var state = Samples.state()
        let failure = TaskError(title: "download v3.pdf", cause: "no answer", outcome: "nothing was written", underlying: CancellationError(), resumable: false)
        let download = FileDownload(href: "http://drive/v3", target: "dl/v3.pdf", overwrite: false)
        let snapshot = TaskSnapshot(id: 7, work: .download(download, name: "v3.pdf", size: 18_000), state: .failed(failure),
                                    progress: TransferProgress(done: 100, total: 18_000, rate: nil), notes: [], startedAt: Date())
        _ = Reducer.reduce(&state, .transferChanged(snapshot))
        _ = Reducer.reduce(&state, .input(.key(.character("3"))))
        let request = DownloadRequest(href: "http://drive/v3", name: "v3.pdf", size: 18_000)
        XCTAssertEqual(Reducer.reduce(&state, .input(.key(.character("R")))), [.download(request, path: "dl/v3.pdf", overwrite: false)],
                       "R goes the way D goes: the runtime says when the target is there")
        _ = Reducer.reduce(&state, .downloadTargetExists(request, path: "dl/v3.pdf"))
        XCTAssertEqual(state.overlay, .overwrite(request, path: "dl/v3.pdf"), "asked, as D asks")
        XCTAssertFalse(TaskFailure.exists("dl/v3.pdf").description.contains("--force"), "no flag of the command line in the UI")
    }

    func testTheUISaysWhatWasAlreadySo() {
        var state = Samples.state()
        let files = Array(Samples.mixed.prefix(2))
        _ = Reducer.reduce(&state, .editDone(.delete(files, at: [0, 1]), files: [], unchanged: [files[1].uuid]))
        XCTAssertTrue(state.status?.text.hasPrefix("Moved “Договор поставки №106.pdf” to the trash. “見積書 423.xlsx” was already in the trash.") == true,
                      state.status?.text ?? "")
        _ = Reducer.reduce(&state, .editDone(.restore([files[0]], at: [0]), files: [], unchanged: [files[0].uuid]))
        XCTAssertEqual(state.status?.text, "“Договор поставки №106.pdf” was already out of the trash.")
        let lead = LinkTarget(entity: .leads, id: 5)
        _ = Reducer.reduce(&state, .editDone(.detach(files, from: lead), files: [], unchanged: files.map(\.uuid)))
        XCTAssertEqual(state.status?.text, "2 files were not attached to it.")
    }

    func testTheRenameEditorShowsTheExtensionBesideTheName() {
        var state = Samples.state(rows: 24, columns: 100)
        _ = Reducer.reduce(&state, .input(.key(.character("r"))))
        let surface = MemorySurface(rows: 24, columns: 100)
        Renderer.render(state, into: surface)
        let prompt = surface.lines[23]
        XCTAssertTrue(prompt.hasPrefix(" Rename to: Договор поставки №106 "), prompt)
        XCTAssertTrue(prompt.hasSuffix(".pdf stays"), prompt)
        // Typing the own extension does not double it.
        for character in ".pdf" { _ = Reducer.reduce(&state, .input(.key(.character(character)))) }
        XCTAssertEqual(Reducer.reduce(&state, .input(.key(.enter))), [])
        XCTAssertNil(state.overlay)

        XCTAssertEqual(FileNameRules.name("offer.BIN", keeping: "bin"), "offer")
        XCTAssertEqual(FileNameRules.name(".bin", keeping: "bin"), ".bin", "a name is never emptied")
        XCTAssertEqual(FileNameRules.otherExtension(in: "новое имя.pdf", than: "bin"), "pdf")
        XCTAssertNil(FileNameRules.otherExtension(in: "report v2.1", than: "bin"))
        XCTAssertNil(FileNameRules.otherExtension(in: "offer.bin", than: "bin"))
    }

    func testTheTaskLayersNotesReachTheStatusLine() {
        var state = Samples.state()
        let upload = FileUpload(path: "/srv/big.iso")
        var snapshot = TaskSnapshot(id: 3, work: .upload(upload), state: .running, progress: TransferProgress(done: 10, total: 100, rate: nil),
                                    notes: [], startedAt: Date())
        _ = Reducer.reduce(&state, .transferChanged(snapshot))
        XCTAssertNil(state.status)
        snapshot.notes = ["the upload session expired; starting over"]
        _ = Reducer.reduce(&state, .transferChanged(snapshot))
        XCTAssertEqual(state.status?.text, "big.iso: the upload session expired; starting over")
        state.status = nil
        snapshot.progress = TransferProgress(done: 20, total: 100, rate: nil)
        _ = Reducer.reduce(&state, .transferChanged(snapshot))
        XCTAssertNil(state.status, "said once")
    }
}
