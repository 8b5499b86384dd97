import AmoFilesAPI
@testable import AmoFilesApp
@testable import AmoFilesTasks
import Foundation
import TerminalUI
import XCTest

/// The local picker, the Transfers tab and the resume offer, through the reducer and
/// rendered into memory.
final class TransfersTests: XCTestCase {
    override func setUp() {
        useUTC(for: self)
    }

    private func key(_ state: inout AppState, _ key: Key) -> [Effect] {
        Reducer.reduce(&state, .input(.key(key)))
    }

    private func entries() -> [LocalEntry] {
        [LocalEntry(name: "report.pdf", isFolder: false, size: 6_000_000, modified: Samples.now),
         LocalEntry(name: ".profile", isFolder: false, size: 220, modified: Samples.now),
         LocalEntry(name: "photos", isFolder: true, size: 4096, modified: Samples.now),
         LocalEntry(name: "notes.txt", isFolder: false, size: 1200, modified: Samples.now - 86_400)]
    }

    private func upload(_ id: TaskID, _ path: String, newVersionOf: String? = nil, _ state: TaskState, done: Int64 = 0, total: Int64,
                        rate: Double? = nil) -> TaskSnapshot {
        TaskSnapshot(id: id, work: .upload(FileUpload(path: path, newVersionOf: newVersionOf)), state: state,
                     progress: TransferProgress(done: done, total: total, rate: rate), notes: [], startedAt: Date())
    }

    func testMarkedLocalFilesAreUploadedAndHiddenOnesShowOnAKey() {
        var state = Samples.state()
        state.localFolder = "/srv/out"
        XCTAssertEqual(key(&state, .character("U")), [.listFolder(path: "/srv/out")])
        _ = Reducer.reduce(&state, .folderListed(path: "/srv/out", entries()))
        XCTAssertEqual(state.picker?.rows.map(\.name), ["..", "photos", "notes.txt", "report.pdf"], "folders first, hidden ones not shown")
        _ = key(&state, .character("."))
        XCTAssertEqual(state.picker?.rows.map(\.name), ["..", "photos", ".profile", "notes.txt", "report.pdf"])
        _ = key(&state, .character("."))
        _ = key(&state, .character("j"))
        _ = key(&state, .space)
        XCTAssertEqual(state.picker?.selected, ["photos"], "a folder is marked too")
        _ = key(&state, .character("k"))
        _ = key(&state, .space)
        XCTAssertEqual(state.picker?.selected, [])
        _ = key(&state, .space)
        _ = key(&state, .space)
        XCTAssertEqual(state.picker?.selected, ["notes.txt", "report.pdf"])
        let surface = MemorySurface(rows: 10, columns: 80)
        Renderer.render(state, into: surface)
        XCTAssertEqual(surface.lines, [
            " 1 Files   2 Trash   3 Transfers   4 Usage          Ромашка · drive-b.amocrm.ru",
            " Upload from /srv/out  (Esc back · Space marks · Enter uploads · . shows hidden)",
            " NAME                                                      SIZE MODIFIED",
            " ..",
            " photos/                                                        2026-11-22 12:00",
            "*notes.txt                                               1.2 KB 2026-11-21 12:00",
            "*report.pdf                                              6.0 MB 2026-11-22 12:00",
            "",
            "",
            " 3 entries · 4/4 · 2 marked (6.0 MB)                                     ? help",
        ])
        XCTAssertEqual(key(&state, .enter), [.upload(paths: ["/srv/out/notes.txt", "/srv/out/report.pdf"], newVersionOf: nil, attach: nil)])
        XCTAssertNil(state.picker)
        XCTAssertEqual(state.tab, .transfers, "the bars show at once")
    }

    func testAMarkedFolderIsWalkedThenAskedAboutAndPushed() throws {
        var state = Samples.state()
        state.localFolder = "/srv/out"
        _ = key(&state, .character("U"))
        _ = Reducer.reduce(&state, .folderListed(path: "/srv/out", entries()))
        _ = key(&state, .character("j"))
        _ = key(&state, .space)
        _ = key(&state, .space)
        let chosen = PushPlan(files: ["/srv/out/notes.txt"], folders: ["/srv/out/photos"], attach: nil)
        XCTAssertEqual(key(&state, .character("U")), [.planPush(chosen)])
        XCTAssertNil(state.picker)
        XCTAssertEqual(state.tab, .transfers)

        var planned = chosen
        planned.filesBytes = 1200
        planned.push.items = [FolderPush.Item(path: "/srv/out/photos/a.jpg", newVersionOf: nil, size: 3000, modified: 1),
                              FolderPush.Item(path: "/srv/out/photos/b.jpg", newVersionOf: "f-uuid", size: 800, modified: 1)]
        planned.push.unchanged = 4
        _ = Reducer.reduce(&state, .pushPlanned(planned))
        guard case .ask(let question, let then)? = state.overlay else { return XCTFail("no question") }
        XCTAssertEqual(question, "Upload 3 files (5.0 KB) from “photos” (1 changed: each a new version of the file it became); 4 unchanged since the last push?")
        XCTAssertEqual(then, [.push(planned)])
        XCTAssertEqual(key(&state, .character("y")), [.push(planned)])

        var nothing = chosen
        nothing.files = []
        nothing.push.unchanged = 2
        _ = Reducer.reduce(&state, .pushPlanned(nothing))
        XCTAssertNil(state.overlay)
        XCTAssertEqual(state.status?.text, "Nothing to upload from “photos”: its 2 files are unchanged since the last push.")
    }

    func testFoldersOpenAndTheCursorComesBackToTheFolderLeft() {
        var state = Samples.state()
        state.localFolder = "/srv/out"
        _ = key(&state, .character("U"))
        _ = Reducer.reduce(&state, .folderListed(path: "/srv/out", entries()))
        _ = key(&state, .character("j"))
        XCTAssertEqual(key(&state, .enter), [.listFolder(path: "/srv/out/photos")])
        _ = Reducer.reduce(&state, .folderListed(path: "/srv/out/photos", []))
        XCTAssertEqual(state.picker?.rows.map(\.name), [".."])
        XCTAssertEqual(key(&state, .backspace), [.listFolder(path: "/srv/out")])
        _ = Reducer.reduce(&state, .folderListed(path: "/srv/out", entries()))
        XCTAssertEqual(state.picker?.current?.name, "photos")
        XCTAssertEqual(state.localFolder, "/srv/out", "the next picker opens where this one was")
        _ = Reducer.reduce(&state, .folderFailed(path: "/root", message: "permission denied"))
        XCTAssertEqual(state.status?.text, "Cannot open /root: permission denied.")
        _ = key(&state, .escape)
        XCTAssertNil(state.picker)
    }

    func testANewVersionIsOneLocalFileAndReplacesTheFilesRowWhenDone() throws {
        var state = Samples.state()
        state.localFolder = "/srv/out"
        let file = state.list.items[0]
        _ = key(&state, .character("V"))
        _ = Reducer.reduce(&state, .folderListed(path: "/srv/out", entries()))
        XCTAssertEqual(state.picker?.purpose, .newVersion(of: file))
        _ = key(&state, .character("G"))
        _ = key(&state, .space)
        XCTAssertEqual(state.picker?.selected, [], "one file only")
        XCTAssertEqual(key(&state, .enter), [], "asked first")
        XCTAssertEqual(Reducer.newVersionQuestion(try XCTUnwrap(state.picker?.current), of: file),
                       "Upload “report.pdf” (6.0 MB) as the new active version of “Договор поставки №106.pdf”?")
        XCTAssertEqual(key(&state, .character("n")), [])
        XCTAssertNotNil(state.picker, "n goes back to the picker")
        _ = key(&state, .enter)
        XCTAssertEqual(key(&state, .character("y")), [.upload(paths: ["/srv/out/report.pdf"], newVersionOf: file.uuid, attach: nil)])
        XCTAssertNil(state.picker)
        XCTAssertEqual(state.tab, .transfers)
        var updated = file
        updated.size = 6_000_000
        updated.versionUUID = "new-version"
        var done = upload(1, "/srv/out/report.pdf", newVersionOf: file.uuid, .done(.file(updated)), done: 6_000_000, total: 6_000_000)
        _ = Reducer.reduce(&state, .transferChanged(done))
        let row = try XCTUnwrap(state.lists[.files]?.items.first { $0.uuid == file.uuid })
        XCTAssertEqual(row.size, 6_000_000)
        XCTAssertEqual(state.lists[.files]?.items.count, Samples.mixed.count, "replaced, not added")
        done.state = .done(.file(updated))
        XCTAssertEqual(Reducer.reduce(&state, .transferChanged(done)), [], "the same end reported twice changes nothing")
    }

    func testTransfersShowBarsStatesAndErrorsAndNewFilesGoOnTopOfFiles() {
        var state = Samples.state(rows: 12, columns: 100)
        _ = key(&state, .character("2"))
        _ = key(&state, .character("1"))
        _ = key(&state, .character("j"))
        let cursorFile = state.list.current?.uuid
        let failure = TaskError(title: "upload broken.bin", cause: "the service cannot be reached", outcome: "it stays in the journal",
                                underlying: CancellationError(), resumable: true)
        for snapshot in [
            upload(1, "/srv/report.pdf", .running, done: 2_700_000, total: 6_000_000, rate: 1_500_000),
            upload(2, "/srv/notes.txt", .queued, total: 1200),
            upload(3, "/srv/broken.bin", .failed(failure), done: 100, total: 5000),
            upload(4, "/srv/old.txt", .cancelled, total: 10),
        ] {
            _ = Reducer.reduce(&state, .transferChanged(snapshot))
        }
        XCTAssertEqual(state.transfers.items.count, 4)
        let summary = MemorySurface(rows: 12, columns: 100)
        Renderer.render(state, into: summary)
        XCTAssertEqual(summary.lines[11], " 6 files · 2/6                                      ⇅ 1 running, 1 queued · 44% · 1.5 MB/s   ? help",
                       "the summary shows from any tab")
        _ = key(&state, .character("3"))
        let surface = MemorySurface(rows: 12, columns: 100)
        Renderer.render(state, into: surface)
        XCTAssertEqual(surface.lines, [
            " 1 Files   2 Trash   3 Transfers   4 Usage                              Ромашка · drive-b.amocrm.ru",
            "   NAME                                                x cancel · R retry · c clear done · U upload",
            " ↑ report.pdf           [#########.............]   45%  2.7 MB / 6.0 MB      1.5 MB/s    ETA 0:03",
            " ↑ notes.txt            queued · 1.2 KB",
            " ↑ broken.bin           failed: the service cannot be reached; it stays in the journal",
            " ↑ old.txt              cancelled",
            "",
            "",
            "",
            "",
            "   total                [#########.............]   44%  2.7 MB / 6.0 MB      1.5 MB/s    ETA 0:03",
            " 4 transfers · 1/4 · 0/4 done, 1 failed, 1 cancelled, 1 queued                               ? help",
        ])
        XCTAssertEqual(key(&state, .character("x")), [], "asked first")
        XCTAssertEqual(state.overlay, .ask(question: "Cancel the upload of “report.pdf” (45%); what it sent is dropped?", then: [.cancelTransfer(1)]))
        XCTAssertEqual(key(&state, .character("n")), [])
        XCTAssertNil(state.overlay)
        _ = key(&state, .character("x"))
        XCTAssertEqual(key(&state, .character("y")), [.cancelTransfer(1)])
        XCTAssertEqual(key(&state, .character("R")), [])
        XCTAssertEqual(state.status?.text, "Only a failed or cancelled transfer can be started again.")
        _ = key(&state, .character("j"))
        _ = key(&state, .character("j"))
        let failed = MemorySurface(rows: 12, columns: 100)
        Renderer.render(state, into: failed)
        XCTAssertEqual(failed.lines[11], " upload broken.bin failed: the service cannot be reached; it stays in the journal",
                       "the whole error of the failed transfer under the cursor")
        XCTAssertEqual(key(&state, .character("R")), [.retryTransfer(3)])
        XCTAssertEqual(state.transfers.items.map(\.id), [1, 2, 4], "the new attempt takes the row's place")

        let uploaded = Samples.file(9, "report", ext: "pdf", size: 6_000_000)
        _ = Reducer.reduce(&state, .transferChanged(upload(1, "/srv/report.pdf", .done(.file(uploaded)), done: 6_000_000, total: 6_000_000)))
        XCTAssertEqual(state.lists[.files]?.items.first?.uuid, uploaded.uuid, "a new file goes on top of Files")
        XCTAssertEqual(state.lists[.files]?.current?.uuid, cursorFile, "the cursor stays on its file")
    }

    func testUnfinishedUploadsAreOfferedAtStart() {
        var state = Samples.state()
        let record = Samples.unfinishedUpload
        _ = Reducer.reduce(&state, .journalRead([record]))
        XCTAssertEqual(state.overlay, .resumeOffer([record]))
        let surface = MemorySurface(rows: 24, columns: 80)
        Renderer.render(state, into: surface)
        XCTAssertTrue(surface.text.contains("Resume 1 unfinished upload (big.iso 40% of 1.2 GB)?"), surface.text)
        XCTAssertEqual(key(&state, .character("y")), [.resume([record])])
        XCTAssertEqual(state.tab, .transfers)

        var declined = Samples.state()
        _ = Reducer.reduce(&declined, .journalRead([record]))
        XCTAssertEqual(key(&declined, .character("n")), [])
        XCTAssertEqual(declined.status?.text,
                       "The unfinished uploads wait in Transfers: Press R on one to resume it. `amofiles upload --resume` finishes them all.")
        // In Transfers, its row: R resumes it.
        _ = key(&declined, .character("3"))
        let rows = MemorySurface(rows: 24, columns: 80)
        Renderer.render(declined, into: rows)
        XCTAssertEqual(rows.lines[2], " ↑ big.iso                                 unfinished: 40% of 1.2 GB · R resumes")
        XCTAssertTrue(rows.lines[23].hasPrefix(" 1 transfer · 1/1 · "), rows.lines[23])
        XCTAssertTrue(rows.lines[23].contains("1 unfinished from before"), rows.lines[23])
        _ = key(&declined, .character("x"))
        XCTAssertNil(declined.overlay, "x on it cancels nothing")
        XCTAssertEqual(key(&declined, .character("R")), [.resume([record])])
        XCTAssertEqual(declined.transfers.waiting, [], "its row goes; the resumed upload comes as a transfer")
        _ = key(&declined, .character("1"))
        XCTAssertEqual(Reducer.reduce(&declined, .journalRead([])), [])
        // :resume offers them again.
        _ = key(&declined, .character(":"))
        for character in "resume" { _ = key(&declined, .character(character)) }
        XCTAssertEqual(key(&declined, .enter), [.readJournal])
        _ = Reducer.reduce(&declined, .journalRead([record]))
        XCTAssertEqual(declined.overlay, .resumeOffer([record]))
        _ = key(&declined, .character("n"))
        _ = key(&declined, .character(":"))
        for character in "resume" { _ = key(&declined, .character(character)) }
        _ = key(&declined, .enter)
        _ = Reducer.reduce(&declined, .journalRead([]))
        XCTAssertEqual(declined.status?.text, "No unfinished uploads of this account to resume.", "an empty journal asked for is said")
    }

    func testQuittingWhileUploadsRunAsksAndKeepsThemByDefault() {
        var state = Samples.state(rows: 24, columns: 100)
        _ = Reducer.reduce(&state, .transferChanged(upload(1, "/srv/big.bin", .running, done: 64, total: 100)))
        _ = Reducer.reduce(&state, .transferChanged(upload(2, "/srv/report.pdf", .running, done: 10, total: 100)))
        _ = Reducer.reduce(&state, .transferChanged(upload(3, "/srv/old.txt", .done(.file(Samples.file(7, "old", ext: "txt", size: 10))), done: 10, total: 10)))
        for quitKey in [Key.character("q"), .control("c")] {
            XCTAssertEqual(key(&state, quitKey), [], "\(quitKey) asks first")
            XCTAssertEqual(state.overlay, .quitWhileTransfers)
            let surface = MemorySurface(rows: 24, columns: 100)
            Renderer.render(state, into: surface)
            XCTAssertTrue(surface.text.contains("2 uploads running: big.bin 64%, report.pdf 10%. Quit?"), surface.text)
            XCTAssertTrue(surface.text.contains("Enter/y quit, uploads resume next time   c cancel them and quit   n stay"), surface.text)
            XCTAssertEqual(key(&state, .escape), [], "Esc stays")
            XCTAssertNil(state.overlay)
        }
        _ = key(&state, .character(":"))
        _ = key(&state, .character("q"))
        XCTAssertEqual(key(&state, .enter), [])
        XCTAssertEqual(key(&state, .enter), [.exit(cancellingUploads: false)], "the default keeps the uploads")
        _ = key(&state, .character("q"))
        XCTAssertEqual(key(&state, .character("c")), [.exit(cancellingUploads: true)], "cancelling is its own answer")
        _ = key(&state, .character("q"))
        XCTAssertEqual(key(&state, .character("x")), [], "other keys do nothing")
        XCTAssertEqual(state.overlay, .quitWhileTransfers)
        _ = Reducer.reduce(&state, .transferChanged(upload(1, "/srv/big.bin", .done(.file(Samples.file(8, "big", ext: "bin", size: 100))), done: 100, total: 100)))
        XCTAssertEqual(state.overlay, .quitWhileTransfers, "one upload still runs")
        XCTAssertEqual(Reducer.reduce(&state, .transferChanged(upload(2, "/srv/report.pdf", .cancelled, done: 10, total: 100))),
                       [.exit(cancellingUploads: false)], "the last one over: the quit goes ahead")
        XCTAssertNil(state.overlay)
    }

    func testCClearsTheRowsOfFinishedTransfersAndKeepsFailedOnes() {
        var state = Samples.state(rows: 24, columns: 100)
        _ = Reducer.reduce(&state, .transferChanged(upload(1, "/srv/a.bin", .running, done: 64, total: 100)))
        _ = Reducer.reduce(&state, .transferChanged(upload(2, "/srv/b.bin", .done(.file(Samples.mixed[0])), done: 100, total: 100)))
        _ = Reducer.reduce(&state, .transferChanged(upload(3, "/srv/c.bin", .cancelled, done: 10, total: 100)))
        _ = Reducer.reduce(&state, .transferChanged(upload(4, "/srv/d.bin", .failed(TaskError(title: "upload d.bin", cause: "no answer", outcome: "it stays in the journal", underlying: CancellationError(), resumable: true)), done: 5, total: 100)))
        _ = key(&state, .character("3"))
        _ = key(&state, .character("c"))
        XCTAssertEqual(state.transfers.items.map(\.id), [1, 4])
        XCTAssertEqual(state.status?.text, "Cleared 2 finished transfers. 1 failed one stays for R.")
    }

    func testAFailureIsWordedOnceOnTheRowAndWholeOnTheStatusLine() {
        var state = Samples.state(rows: 12, columns: 120)
        let failure = TaskError(title: "upload a.pdf", step: "attach it to lead 5", cause: "403 forbidden",
                                outcome: "the file was uploaded all the same and is in Files", underlying: CancellationError(), resumable: false)
        _ = Reducer.reduce(&state, .transferChanged(upload(1, "/srv/a.pdf", .failed(failure), done: 100, total: 100)))
        _ = key(&state, .character("3"))
        let lines = Samples.render(state)
        XCTAssertTrue(lines.contains { $0.contains("a.pdf") && $0.contains("attach it to lead 5 failed: 403 forbidden; the file was uploaded") },
                      "the row names the step that failed, not the upload again: \(lines)")
        XCTAssertEqual(lines[11].trimmingCharacters(in: .whitespaces),
                       "upload a.pdf: attach it to lead 5 failed: 403 forbidden; the file was uploaded all the same and is in Files")
    }

    func testSlashInTransfersShowsOnlyTheRowsOfMatchingFilesAndXAsksAboutTheRowUnderTheCursor() {
        var state = Samples.state(rows: 24, columns: 100)
        _ = Reducer.reduce(&state, .transferChanged(upload(1, "/srv/отчёт-март.pdf", .running, done: 10, total: 100)))
        _ = Reducer.reduce(&state, .transferChanged(upload(2, "/srv/фото.jpg", .running, done: 20, total: 100)))
        _ = Reducer.reduce(&state, .transferChanged(upload(3, "/srv/отчёт-май.pdf", .running, done: 30, total: 100)))
        _ = key(&state, .character("3"))
        _ = key(&state, .character("/"))
        for character in "отчёт" { _ = key(&state, .character(character)) }
        _ = key(&state, .enter)
        XCTAssertEqual(state.transfers.rowCount, 2)
        _ = key(&state, .character("j"))
        _ = key(&state, .character("x"))
        XCTAssertEqual(state.overlay, .ask(question: "Cancel the upload of “отчёт-май.pdf” (30%); what it sent is dropped?", then: [.cancelTransfer(3)]))
        _ = key(&state, .character("n"))
        let surface = MemorySurface(rows: 24, columns: 100)
        Renderer.render(state, into: surface)
        XCTAssertTrue(surface.lines[23].contains("“отчёт”: 2 of 3 shown"), surface.lines[23])
        _ = key(&state, .escape)
        XCTAssertEqual(state.transfers.rowCount, 3, "Esc shows every row again")
    }

    func testATaskNoteStaysOnItsTransfersRow() {
        var state = Samples.state(rows: 24, columns: 100)
        let running = TaskSnapshot(id: 7, work: .upload(FileUpload(path: "/srv/big.bin")), state: .running,
                                   progress: TransferProgress(done: 10, total: 100), notes: ["the upload session expired; starting over"], startedAt: Date())
        _ = Reducer.reduce(&state, .transferChanged(running))
        _ = key(&state, .character("3"))
        let surface = MemorySurface(rows: 24, columns: 100)
        Renderer.render(state, into: surface)
        XCTAssertEqual(surface.lines[23], " big.bin: the upload session expired; starting over", "said under the cursor while it runs")
        var done = running
        done.state = .done(.file(Samples.mixed[0]))
        done.progress = TransferProgress(done: 100, total: 100)
        _ = Reducer.reduce(&state, .transferChanged(done))
        Renderer.render(state, into: surface)
        XCTAssertTrue(surface.lines[2].hasSuffix("done · 1.5 MB · the upload session expired; starting over"), surface.lines[2])
    }
}

