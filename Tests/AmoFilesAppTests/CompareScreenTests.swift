import AmoFilesAPI
@testable import AmoFilesApp
import AmoFilesTasks
import FilePreview
import Foundation
import TerminalUI
import XCTest

/// `=` in Versions: two versions compared, unified or side by side.
final class CompareScreenTests: XCTestCase {
    private func version(_ number: Int, of file: DriveFile, active: Bool = false) -> FileVersion {
        FileVersion(uuid: "v\(number)", fileUUID: file.uuid, type: .document, name: "Договор", sanitizedName: "", size: Int64(number * 100), isMain: active,
                    sourceID: nil, createdAt: Samples.now, createdBy: .robot, updatedAt: Samples.now, updatedBy: .robot,
                    metadata: FileMetadata(fileExtension: "txt", mimeType: nil), previews: nil,
                    links: FileVersion.Links(download: HALLink(href: "http://drive/v\(number)"), this: nil))
    }

    private func comparing(columns: Int, keys: [Key]) -> (AppState, [Effect]) {
        var state = Samples.state(rows: 10, columns: columns)
        let file = state.list.items[0]
        Samples.press(&state, .character("v"))
        let versions = [version(3, of: file, active: true), version(2, of: file), version(1, of: file)]
        _ = Reducer.reduce(&state, .versionsLoaded(fileUUID: file.uuid, versions))
        let effects = keys.flatMap { Reducer.reduce(&state, .input(.key($0))) }
        return (state, effects)
    }

    private let diff = TextDiff(old: ["Договор", "Цена — 1 250 000 руб.", "Срок — 30 дней"], new: ["Договор", "Цена — 1 180 000 руб.", "Срок — 30 дней", "Пеня — 0,1%"])

    func testEqualsComparesTheVersionUnderTheCursorWithTheActiveOne() {
        var (state, effects) = comparing(columns: 80, keys: [.character("G"), .character("=")])
        guard case .compare(let old, let new, let request)? = effects.first else { return XCTFail("\(effects)") }
        XCTAssertEqual([old.uuid, new.uuid], ["v1", "v3"], "the older on the left")
        _ = Reducer.reduce(&state, .compared(request: request, .text(diff)))
        let surface = MemorySurface(rows: 10, columns: 80)
        Renderer.render(state, into: surface)
        XCTAssertEqual(Array(surface.lines[1...7]), [
            " Version 1 → 3 of Договор поставки №106.pdf                  (Esc back · ? keys)",
            " @@ -1,3 +1,4 @@",
            " Договор",
            "-Цена — 1 250 000 руб.",
            "+Цена — 1 180 000 руб.",
            " Срок — 30 дней",
            "+Пеня — 0,1%",
        ])
        XCTAssertEqual(surface.lines(styled: .removedWord), ["250"])
        XCTAssertEqual(surface.lines(styled: .addedWord), ["180"])
        XCTAssertTrue(surface.lines[9].hasPrefix(" +2 −1 lines in 1 place · rows 1–6 of 6"), surface.lines[9])
        _ = Reducer.reduce(&state, .input(.key(.escape)))
        XCTAssertEqual(state.screenKind, .versions)
    }

    func testTwoMarkedVersionsAndSideBySideFrom160Columns() {
        var (state, effects) = comparing(columns: 160, keys: [.character("j"), .space, .space, .character("=")])
        guard case .compare(let old, let new, let request)? = effects.last else { return XCTFail("\(effects)") }
        XCTAssertEqual([old.uuid, new.uuid], ["v1", "v2"])
        _ = Reducer.reduce(&state, .compared(request: request, .text(diff)))
        let lines = Samples.render(state)
        XCTAssertEqual(lines[4], "-Цена — 1 250 000 руб." + String(repeating: " ", count: 57) + "│+Цена — 1 180 000 руб.")
        XCTAssertEqual(lines[6], String(repeating: " ", count: 79) + "│+Пеня — 0,1%")
    }

    /// Escape sequences, bidi overrides and a line of a megabyte compare harmlessly.
    func testHostileTextIsComparedHarmlessly() {
        var (state, effects) = comparing(columns: 60, keys: [.character("G"), .character("=")])
        guard case .compare(_, _, let request)? = effects.first else { return XCTFail("\(effects)") }
        let long = String(repeating: "Ж", count: 1_000_000)
        let hostile = TextDiff(old: ["title\u{1B}]0;pwned\u{07}", "\u{202E}fdp.exe", long],
                               new: ["title\u{1B}[2J", "\u{202E}fdp.exe", long + "!"])
        _ = Reducer.reduce(&state, .compared(request: request, .text(hostile)))
        XCTAssertEqual(Samples.render(state), [
            " 1 Files   2 Trash   3 Transfers   4 Usage  Ромашка · drive…",
            " Version 1 → 3 of Договор поставки №106.pdf",
            " @@ -1,3 +1,3 @@",
            "-title␛]0;pwned␇",
            "+title␛[2J",
            " \u{FFFD}fdp.exe",
            "-ЖЖЖЖЖЖЖЖЖЖЖЖЖЖЖЖЖЖЖЖЖЖЖЖЖЖЖЖЖЖЖЖЖЖЖЖЖЖЖЖЖЖЖЖЖЖЖЖЖЖЖЖЖЖЖЖЖЖ…",
            "+ЖЖЖЖЖЖЖЖЖЖЖЖЖЖЖЖЖЖЖЖЖЖЖЖЖЖЖЖЖЖЖЖЖЖЖЖЖЖЖЖЖЖЖЖЖЖЖЖЖЖЖЖЖЖЖЖЖЖ…",
            "",
            " +2 −2 lines in 1 place · rows 1–6 of 6              ? help",
        ])
    }

    func testNAndShiftNGoFromOneChangeToTheNext() {
        var (state, effects) = comparing(columns: 80, keys: [.character("G"), .character("=")])
        guard case .compare(_, _, let request)? = effects.first else { return XCTFail("\(effects)") }
        let old = (1...30).map { "строка \($0)" }
        var new = old
        new[2] = "первая правка"
        new[25] = "вторая правка"
        _ = Reducer.reduce(&state, .compared(request: request, .text(TextDiff(old: old, new: new))))
        XCTAssertEqual(Samples.render(state)[2], " @@ -1,6 +1,6 @@")
        Samples.press(&state, .character("n"))
        XCTAssertEqual(Samples.render(state)[2], " @@ -23,7 +23,7 @@", "the second change on top")
        Samples.press(&state, .character("n"))
        XCTAssertEqual(state.status?.text, "No change below.")
        Samples.press(&state, .character("N"))
        XCTAssertEqual(Samples.render(state)[2], " @@ -1,6 +1,6 @@")
    }

    func testTheActiveVersionAloneHasNothingToCompareWith() {
        let (state, effects) = comparing(columns: 80, keys: [.character("=")])
        XCTAssertEqual(effects, [])
        XCTAssertEqual(state.status?.text, "This is the active version: mark two with Space to compare them, or move to another.")
    }
}
