import AmoFilesAPI
@testable import AmoFilesApp
import AmoFilesTasks
import FilePreview
import Foundation
import TerminalUI
import XCTest

/// `p`: what a file or a version holds, read, found in and wrapped, as the reducer and
/// the renderer see it.
final class PreviewScreenTests: XCTestCase {
    private func press(_ state: inout AppState, _ keys: Key...) -> [Effect] {
        keys.flatMap { Reducer.reduce(&state, .input(.key($0))) }
    }

    private func withLink(_ file: DriveFile) -> DriveFile {
        var file = file
        file.links.download = HALLink(href: "http://drive/download/\(file.uuid)")
        return file
    }

    /// Files with `p` pressed on the first one and `text` as its preview.
    private func previewing(_ text: String, rows: Int = 12, columns: Int = 60) -> AppState {
        var files = Samples.mixed
        files[0] = withLink(files[0])
        var state = Samples.state(rows: rows, columns: columns, files: files)
        let effects = press(&state, .character("p"))
        XCTAssertEqual(effects, [.loadPreview(VersionSource(file: files[0]), request: 1)])
        _ = Reducer.reduce(&state, .previewLoaded(request: 1, Preview.make(Data(text.utf8), fileExtension: "txt", whole: true)))
        return state
    }

    func testPOpensThePreviewNumberedAndEscComesBack() {
        var state = previewing((1...30).map { "строка \($0)" }.joined(separator: "\n"))
        XCTAssertEqual(Samples.render(state), [
            " 1 Files   2 Trash   3 Transfers   4 Usage  Ромашка · drive…",
            " Preview of Договор поставки №106.pdf    (Esc back · ? keys)",
            " 1 строка 1",
            " 2 строка 2",
            " 3 строка 3",
            " 4 строка 4",
            " 5 строка 5",
            " 6 строка 6",
            " 7 строка 7",
            " 8 строка 8",
            " 9 строка 9",
            " lines 1–9 of 30 · text, UTF-8                       ? help",
        ])
        _ = press(&state, .character("G"))
        XCTAssertEqual(Samples.render(state)[10], " 30 строка 30")
        _ = press(&state, .escape)
        XCTAssertEqual(state.screenKind, .files)
    }

    func testSlashFindsNAndShiftNMoveAndEscForgetsItFirst() {
        var state = previewing((1...30).map { $0 % 10 == 0 ? "итого \($0)" : "строка \($0)" }.joined(separator: "\n"))
        _ = press(&state, .character("/"))
        for character in "итого" { _ = press(&state, .character(character)) }
        _ = press(&state, .enter)
        XCTAssertEqual(Samples.render(state)[2], " 10 итого 10")
        _ = press(&state, .character("n"))
        XCTAssertEqual(Samples.render(state)[2], " 20 итого 20")
        _ = press(&state, .character("n"), .character("n"))
        XCTAssertEqual(state.status?.text, "“итого” is not found below.")
        _ = press(&state, .character("N"))
        XCTAssertEqual(Samples.render(state)[2], " 20 итого 20")
        _ = press(&state, .escape)
        XCTAssertEqual(state.screenKind, .preview, "Esc forgets the text first")
        XCTAssertFalse(Samples.render(state)[11].contains("finding"))
        _ = press(&state, .escape)
        XCTAssertEqual(state.screenKind, .files)
    }

    func testShiftNOnTheFirstLineAndNInAnEmptyFileSayNothingIsFound() {
        var state = previewing("итого\nстрока")
        _ = press(&state, .character("/"), .character("и"), .enter, .character("N"))
        XCTAssertEqual(state.status?.text, "“и” is not found above.")
        state = previewing("")
        _ = press(&state, .character("/"), .character("и"), .enter, .character("N"))
        XCTAssertEqual(state.status?.text, "“и” is not found above.")
        _ = press(&state, .character("n"))
        XCTAssertEqual(state.status?.text, "“и” is not found below.")
    }

    func testWWrapsALongLineAndArrowsMoveAlongACutOne() {
        var state = previewing("0123456789" + String(repeating: "abcdefghij", count: 10) + "\nshort", rows: 8, columns: 40)
        XCTAssertEqual(Samples.render(state)[2], " 1 0123456789abcdefghijabcdefghijabcdef…", "a cut line says so")
        _ = press(&state, .right)
        XCTAssertEqual(Samples.render(state)[2], " 1 89abcdefghijabcdefghijabcdefghijabcd…")
        _ = press(&state, .character("w"))
        XCTAssertEqual(Array(Samples.render(state)[2...5]), [
            " 1 0123456789abcdefghijabcdefghijabcdefg",
            "   hijabcdefghijabcdefghijabcdefghijabcd",
            "   efghijabcdefghijabcdefghijabcdefghij",
            " 2 short",
        ])
    }

    /// Untrusted content: escape sequences, bidi overrides, a line of a megabyte.
    func testHostileContentIsShownHarmlessly() {
        let hostile = "title\u{1B}]0;pwned\u{07}\u{1B}[2J\n\u{202E}fdp.exe\n" + String(repeating: "Ж", count: 1_000_000)
        let state = previewing(hostile, rows: 6, columns: 40)
        XCTAssertEqual(Samples.render(state), [
            " 1 Files   2 Trash   3 Transfers   4 Us…",
            " Preview of Договор поставки №106.pdf",
            " 1 title␛]0;pwned␇␛[2J",
            " 2 \u{FFFD}fdp.exe",
            " 3 ЖЖЖЖЖЖЖЖЖЖЖЖЖЖЖЖЖЖЖЖЖЖЖЖЖЖЖЖЖЖЖЖЖЖЖЖ…",
            " lines 1–3 of 3 · text, UTF-8    ? help",
        ])
    }

    func testAWorkbookTurnsItsSheetsAndABigDocumentIsReadOnlyWhenAsked() {
        var files = Samples.mixed
        files[0] = withLink(Samples.file(0, "Прайс", ext: "xlsx", size: 60 * 1024 * 1024))
        files[1] = withLink(Samples.file(1, "Прайс", ext: "xlsx", size: 9_000))
        var state = Samples.state(rows: 8, columns: 90, files: files)
        XCTAssertEqual(press(&state, .character("p")), [], "60 MB read whole: asked first")
        XCTAssertTrue(Samples.render(state)[2].contains("It is 63 MB, and its preview reads all of it. Enter reads it"), Samples.render(state)[2])
        XCTAssertEqual(press(&state, .enter), [.loadPreview(VersionSource(file: files[0]), request: 1)])
        _ = press(&state, .escape)

        XCTAssertEqual(press(&state, .character("j"), .character("p")), [.loadPreview(VersionSource(file: files[1]), request: 2)])
        let preview = Preview(kind: "Excel workbook, 2 sheets", lines: ["a │ 1"], partial: false)
        var book = preview
        book.sheets = [Sheet(name: "Прайс", lines: ["a │ 1"]), Sheet(name: "Склады", lines: ["Основной │ Москва"])]
        _ = Reducer.reduce(&state, .previewLoaded(request: 2, book))
        XCTAssertEqual(Samples.render(state)[2], " 1 a │ 1")
        XCTAssertTrue(Samples.render(state)[7].contains("sheet 1 “Прайс” ([ ] turn)"), Samples.render(state)[7])
        _ = press(&state, .character("]"))
        XCTAssertEqual(Samples.render(state)[2], " 1 Основной │ Москва")
        XCTAssertTrue(Samples.render(state)[7].contains("sheet 2 “Склады”"), Samples.render(state)[7])
        _ = press(&state, .character("]"))
        XCTAssertEqual(Samples.render(state)[2], " 1 a │ 1", "round again")
    }

    func testPInVersionsNamesTheVersionAndATrashedFileIsRefused() {
        var state = Samples.state()
        let file = state.list.items[0]
        _ = press(&state, .character("v"))
        var version = FileVersion(uuid: "v1", fileUUID: file.uuid, type: .document, name: "old", sanitizedName: "old", size: 5, isMain: false,
                                  sourceID: nil, createdAt: 0, createdBy: .robot, updatedAt: 0, updatedBy: .robot, metadata: nil, previews: nil,
                                  links: FileVersion.Links(download: HALLink(href: "http://drive/v1"), this: nil))
        var active = version
        (active.uuid, active.isMain) = ("v2", true)
        version.links.download = HALLink(href: "http://drive/v1")
        _ = Reducer.reduce(&state, .versionsLoaded(fileUUID: file.uuid, [active, version]))
        XCTAssertEqual(press(&state, .character("j"), .character("p")), [.loadPreview(VersionSource(version: version), request: 1)])
        XCTAssertTrue(Samples.render(state)[1].hasPrefix(" Preview of old, version 1 of 2"), Samples.render(state)[1])

        state = Samples.state()
        _ = press(&state, .character("2"))
        state.lists[.trash]?.items = [Samples.file(9, "gone", ext: "pdf", deleted: true)]
        state.lists[.trash]?.nextPage = nil
        XCTAssertEqual(press(&state, .character("p")), [])
        XCTAssertEqual(state.status?.text, "A file in the trash has to be restored before it can be read.")
    }
}
