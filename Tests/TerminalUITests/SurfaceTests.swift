import TerminalUI
import XCTest

final class SurfaceTests: XCTestCase {
    func testDrawMakesTextSafeAndFitsWideCharactersToTheColumn() {
        let surface = MemorySurface(rows: 2, columns: 10)
        surface.draw("日本語のファイル", row: 0, column: 0, width: 7)
        surface.draw("a\u{1B}[2Jb", row: 1, column: 2, width: 20)
        XCTAssertEqual(surface.lines, ["日本語…", "  a␛[2Jb"])
        XCTAssertEqual(surface.style(row: 0, column: 1), .normal, "the right half of a wide character")
    }

    func testTheViewportFollowsTheCursorWithAMargin() {
        var viewport = ListViewport()
        viewport.move(by: 15, count: 1000, height: 10)
        XCTAssertEqual(viewport.cursor, 15)
        XCTAssertEqual(viewport.visible(count: 1000, height: 10), 8..<18, "two rows of margin below the cursor")
        viewport.move(by: -1, count: 1000, height: 10)
        XCTAssertEqual(viewport.top, 8, "moving inside the window does not scroll")
        viewport.move(by: 10_000, count: 1000, height: 10)
        XCTAssertEqual(viewport.visible(count: 1000, height: 10), 990..<1000)
        viewport.follow(count: 5, height: 10)
        XCTAssertEqual(viewport, ListViewport(top: 0, cursor: 4), "rows removed: the cursor stays on the list")
    }

    func testKeyNamesRoundTrip() {
        for name in ["j", "G", "/", "?", "C-x", "M-x", "Enter", "Esc", "Tab", "S-Tab", "Space", "PageDown", "F1", "F12", "Home"] {
            XCTAssertEqual(Key(name: name)?.description, name)
        }
        for bad in ["", "ab", "C-", "F13", "C-1", "Ctrl-x"] { XCTAssertNil(Key(name: bad), bad) }
        XCTAssertEqual(Key(name: "pagedown"), .pageDown)
    }

    func testQuantities() {
        XCTAssertEqual(Quantities.bytes(999), "999 B")
        XCTAssertEqual(Quantities.bytes(1_536_000), "1.5 MB")
        XCTAssertEqual(Quantities.duration(75), "1:15")
        XCTAssertEqual(Quantities.duration(3725), "1:02:05")
        XCTAssertEqual(Quantities.bar(0.5, columns: 12), "[#####.....]")
    }
}

final class LineEditorTests: XCTestCase {
    func testEditingKeys() {
        var editor = LineEditor("договор поставки")
        _ = editor.handle(.control("w"))
        XCTAssertEqual(editor.text, "договор ")
        _ = editor.handle(.home)
        _ = editor.handle(.character("Н"))
        _ = editor.handle(.delete)
        XCTAssertEqual(editor.text, "Ноговор ")
        _ = editor.handle(.control("k"))
        XCTAssertEqual(editor.text, "Н")
        XCTAssertFalse(editor.handle(.up), "not an editing key")
    }

    func testALongLineScrollsToKeepTheCursorVisible() {
        let surface = MemorySurface(rows: 1, columns: 10)
        LineEditor(String(repeating: "я", count: 30) + "日本").draw(into: surface, row: 0, column: 0, width: 10, style: .normal, cursorStyle: .cursor)
        XCTAssertEqual(surface.lines, ["яяяяя日本"])
        XCTAssertEqual(surface.style(row: 0, column: 9), .cursor)
    }
}
