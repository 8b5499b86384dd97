import AmoFilesAPI
@testable import AmoFilesApp
import TerminalUI
import XCTest

final class VersionsTests: XCTestCase {
    private func version(_ number: Int, of file: DriveFile, size: Int64, active: Bool) -> FileVersion {
        FileVersion(
            uuid: "v\(number)", fileUUID: file.uuid, type: file.type, name: file.name, sanitizedName: file.name, size: size,
            isMain: active, sourceID: nil, createdAt: Samples.now - Int64(10 - number) * 86_400, createdBy: .user(7),
            updatedAt: Samples.now, updatedBy: .user(7), metadata: file.metadata, previews: nil,
            links: FileVersion.Links(download: nil, this: nil))
    }

    func testMakingTheOldestVersionActiveShowsAtOnceAndUpdatesTheFilesRow() {
        useUTC(for: self)
        var state = Samples.state()
        let file = state.list.items[0]
        XCTAssertEqual(Reducer.reduce(&state, .input(.key(.character("v")))), [.loadVersions(fileUUID: file.uuid)])
        let versions = [version(3, of: file, size: 1_500_000, active: true), version(2, of: file, size: 900, active: false),
                        version(1, of: file, size: 42_000, active: false)]
        _ = Reducer.reduce(&state, .versionsLoaded(fileUUID: file.uuid, versions))
        _ = Reducer.reduce(&state, .input(.key(.character("G"))))
        _ = Reducer.reduce(&state, .input(.key(.enter)))
        guard case .confirm(let question, let edit)? = state.overlay else { return XCTFail("no question") }
        XCTAssertEqual(question, "Make version 1 of 3 (2026-11-13 12:00, 42 KB) active?")
        XCTAssertEqual(Reducer.reduce(&state, .input(.key(.character("y")))), [.runEdit(edit)])
        XCTAssertEqual(state.versions?.items.map(\.isMain), [false, false, true], "shown active at once")

        var updated = file
        updated.size = 42_000
        updated.versionUUID = "v1"
        XCTAssertEqual(Reducer.reduce(&state, .editDone(edit, files: [updated])), [.loadVersions(fileUUID: file.uuid)])
        XCTAssertEqual(state.lists[.files]?.items[0].size, 42_000, "the Files row has the active version's size")
        XCTAssertEqual(state.status?.text, "Version 1 of 3 (2026-11-13 12:00, 42 KB) is now active · z undoes")
        let surface = MemorySurface(rows: 24, columns: 80)
        Renderer.render(state, into: surface)
        XCTAssertEqual(surface.lines[1], " Versions of Договор поставки №106.pdf           (Esc back · Enter makes active)")
        XCTAssertEqual(surface.lines[3], "↺   3 Договор поставки №106.pdf         1.5 MB 2026-11-15 12:00 Анна Смирнова")
        XCTAssertEqual(surface.lines[5], "*   1 Договор поставки №106.pdf          42 KB 2026-11-13 12:00 Анна Смирнова")
        state.status = nil
        Renderer.render(state, into: surface)
        XCTAssertTrue(surface.lines[23].hasPrefix(" 3 versions · 3/3 · ↺ was active, z undoes "), surface.lines[23])

        // `z` goes back at once through the task layer, and `z` again goes forth.
        var switchedFrom = versions[0]
        switchedFrom.isMain = false
        let back = Edit.activate(file: updated, version: switchedFrom, previous: "v1")
        XCTAssertEqual(Reducer.reduce(&state, .input(.key(.character("z")))), [.runEdit(back)])
        XCTAssertEqual(state.versions?.items.map(\.isMain), [true, false, false], "shown active at once")
        XCTAssertEqual(state.status?.text, "Making version 3 of 3 (2026-11-15 12:00, 1.5 MB) active again…")
        _ = Reducer.reduce(&state, .editDone(back, files: [file]))
        XCTAssertEqual(state.versions?.previousActive, "v1")
        XCTAssertEqual(state.lists[.files]?.items[0].size, 1_500_000)
        XCTAssertEqual(Reducer.reduce(&state, .input(.key(.character("z")))),
                       [.runEdit(.activate(file: file, version: versions[2], previous: "v3"))])
        _ = Reducer.reduce(&state, .input(.key(.escape)))
        XCTAssertNil(state.versions)
        Renderer.render(state, into: surface)
        XCTAssertTrue(surface.lines[2].contains("1.5 MB"), surface.lines[2])
    }

    func testFilesWithSeveralVersionsAreMarkedAndTheDetailsCountThem() {
        useUTC(for: self)
        var state = AppState(rows: 12, columns: 120, accountName: "a", driveHost: "d")
        state.users = Samples.users
        state.now = Samples.now
        var files = Array(Samples.mixed.prefix(3))
        files[1].hasMultipleVersions = true
        _ = Reducer.start(&state)
        _ = Reducer.reduce(&state, .pageLoaded(.files, generation: 0, page: 1, files: files, hasMore: false))
        var lines = Samples.render(state)
        XCTAssertTrue(lines[1].contains(" SIZE VER UPDATED"), lines[1])
        XCTAssertTrue(lines[3].contains("16 KB  2+ 2026-11-21"), "the second file has several: \(lines[3])")
        XCTAssertTrue(lines[2].contains("1.5 MB     2026-11-22"), "the first has one: \(lines[2])")

        XCTAssertEqual(Reducer.reduce(&state, .input(.key(.character("i")))), [], "one version: nothing to count")
        XCTAssertEqual(Reducer.reduce(&state, .input(.key(.character("j")))), [.loadVersions(fileUUID: files[1].uuid)], "counted while the details show")
        XCTAssertEqual(Reducer.reduce(&state, .input(.key(.character("j")))), [])
        XCTAssertEqual(Reducer.reduce(&state, .input(.key(.character("k")))), [], "asked once")
        _ = Reducer.reduce(&state, .versionsLoaded(fileUUID: files[1].uuid, (1...3).reversed().map { version($0, of: files[1], size: 10, active: $0 == 3) }))
        XCTAssertNil(state.versions, "no versions screen opened")
        lines = Samples.render(state)
        XCTAssertTrue(lines.contains { $0.contains("│ versions       3") }, lines.joined(separator: "\n"))
        XCTAssertTrue(lines[3].contains("16 KB   3 2026-11-21"), lines[3])
    }

    func testZWithNoSwitchMadeSaysSo() {
        var state = Samples.state()
        let file = state.list.items[0]
        _ = Reducer.reduce(&state, .input(.key(.character("v"))))
        _ = Reducer.reduce(&state, .versionsLoaded(fileUUID: file.uuid, [version(2, of: file, size: 1, active: true), version(1, of: file, size: 2, active: false)]))
        XCTAssertEqual(Reducer.reduce(&state, .input(.key(.character("z")))), [])
        XCTAssertEqual(state.status?.text, "Nothing to undo: no version was made active here.")
    }

    func testARefusedSwitchPutsTheActiveMarkBack() {
        var state = Samples.state()
        let file = state.list.items[0]
        _ = Reducer.reduce(&state, .input(.key(.character("v"))))
        _ = Reducer.reduce(&state, .versionsLoaded(fileUUID: file.uuid, [version(2, of: file, size: 1, active: true), version(1, of: file, size: 2, active: false)]))
        _ = Reducer.reduce(&state, .input(.key(.character("j"))))
        _ = Reducer.reduce(&state, .input(.key(.enter)))
        guard case .confirm(_, let edit)? = state.overlay else { return XCTFail("no question") }
        _ = Reducer.reduce(&state, .input(.key(.enter)))
        _ = Reducer.reduce(&state, .editFailed(edit, message: "Could not switch the active version: …"))
        XCTAssertEqual(state.versions?.items.map(\.isMain), [true, false])
        _ = Reducer.reduce(&state, .input(.key(.character("k"))))
        _ = Reducer.reduce(&state, .input(.key(.enter)))
        XCTAssertNil(state.overlay, "the active version is not offered again")
        XCTAssertEqual(state.status?.text, "Version 2 is already the active one.")
    }
}

final class DownloadTests: XCTestCase {
    func testDownloadAsksWhereAndBeforeOverwriting() {
        var state = Samples.state()
        state.lists[.files]?.items[0].links.download = HALLink(href: "http://drive/download/1")
        _ = Reducer.reduce(&state, .input(.key(.character("D"))))
        guard case .saveAs(let request, let editor)? = state.overlay else { return XCTFail("no prompt") }
        XCTAssertEqual(editor.text, "Договор поставки №106.pdf")
        XCTAssertEqual(Reducer.reduce(&state, .input(.key(.enter))), [.download(request, path: "Договор поставки №106.pdf", overwrite: false)])
        _ = Reducer.reduce(&state, .downloadTargetExists(request, path: "Договор поставки №106.pdf"))
        XCTAssertEqual(state.overlay, .overwrite(request, path: "Договор поставки №106.pdf"))
        XCTAssertEqual(Reducer.reduce(&state, .input(.key(.character("y")))), [.download(request, path: "Договор поставки №106.pdf", overwrite: true)])
        _ = Reducer.reduce(&state, .downloadFinished(request, path: "Договор поставки №106.pdf", bytes: 1_500_000))
        XCTAssertEqual(state.status?.text, "Downloaded Договор поставки №106.pdf to Договор поставки №106.pdf (1.5 MB).")
    }

    func testMarkedFilesGoIntoAFolderAndTheRuntimesNewsIsSaid() {
        var state = Samples.state()
        state.now = 1_764_806_400  // 2025-12-04 in UTC
        Samples.press(&state, .character("j"), .space, .space)
        let marked = Array(state.lists[.files]!.items[1...2])
        _ = Reducer.reduce(&state, .input(.key(.character("D"))))
        guard case .saveInto(let files, let editor)? = state.overlay else { return XCTFail("no prompt") }
        XCTAssertEqual(files, .files(marked))
        XCTAssertTrue(editor.text.hasPrefix("amofiles-2025-12-0"), editor.text)
        Samples.press(&state, .control("u"), .character("o"), .character("u"), .character("t"))
        XCTAssertEqual(Reducer.reduce(&state, .input(.key(.enter))), [.downloadInto(.files(marked), folder: "out")])
        XCTAssertNil(state.overlay)
        _ = Reducer.reduce(&state, .downloadsQueued(folder: "out", count: 1, bytes: 1_500_000, already: 1, unlinked: 0))
        XCTAssertEqual(state.status?.text, "Downloading 1 file (1.5 MB) into out; 1 already there. Press 3 to see them.")
        _ = Reducer.reduce(&state, .downloadsFinished(folder: "out", done: 1, bytes: 1_500_000, failed: 0))
        XCTAssertEqual(state.status?.text, "Downloaded 1 file (1.5 MB) into out.")
        _ = Reducer.reduce(&state, .downloadsFinished(folder: "out", done: 0, bytes: 0, failed: 1))
        XCTAssertEqual(state.status?.isError, true)
        _ = Reducer.reduce(&state, .downloadsQueued(folder: "out", count: 0, bytes: 0, already: 2, unlinked: 0))
        XCTAssertEqual(state.status?.text, "Nothing to download: every copy is in out already.")
    }

    func testNoDownloadFromTheTrashOrWithoutALink() {
        var state = Samples.state()
        _ = Reducer.reduce(&state, .input(.key(.character("D"))))
        XCTAssertNil(state.overlay)
        XCTAssertEqual(state.status?.isError, true, "the sample files have no download link")
        state.tab = .trash
        _ = Reducer.reduce(&state, .input(.key(.character("D"))))
        XCTAssertEqual(state.status?.text, "A file in the trash has to be restored before it can be downloaded.")
    }
}
