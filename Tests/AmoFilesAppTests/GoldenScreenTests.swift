import AmoFilesAPI
import AmoFilesApp
import Foundation
import TerminalUI
import XCTest

/// Whole screens rendered into memory and compared with the text a person would see.
final class GoldenScreenTests: XCTestCase {
    override func setUp() {
        setenv("TZ", "UTC", 1)
        tzset()
    }

    private func render(_ state: AppState) -> MemorySurface {
        let surface = MemorySurface(rows: state.rows, columns: state.columns)
        Renderer.render(state, into: surface)
        return surface
    }

    /// `top`, blank rows, then `bottom` as the last row: a screen of `rows`.
    private func screen(_ top: String, bottom: String, rows: Int) -> [String] {
        let lines = top.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        return lines + Array(repeating: "", count: rows - lines.count - 1) + [bottom]
    }

    func testFilesAt80x24WithRussianCJKAndHostileNames() {
        let surface = render(Samples.state())
        XCTAssertEqual(surface.lines, screen("""
             1 Files   2 Trash                                  Ромашка · drive-b.amocrm.ru
             NAME                          TYPE         SIZE UPDATED          BY
             Договор поставки №106.pdf     document   1.5 MB 2026-11-22 12:00 Анна Смирнова
             見積書 423.xlsx               document    16 KB 2026-11-21 12:00 Li Wei
             Фото объекта.jpg              image       84 KB 2026-11-20 12:00 robot
             title␛]0;pwned␇.txt           document     12 B 2026-11-19 12:00 Анна Смирнова
             report�fdp.exe.pdf            document   3.4 MB 2026-11-18 12:00 client
             Очень длинное имя файла, кот… document   1.5 MB 2026-11-17 12:00 Анна Смирнова
            """, bottom: " 6 files · 1/6                                                           ? help", rows: 24))
        XCTAssertEqual(surface.style(row: 2, column: 5), .cursor, "the cursor row is marked")
        XCTAssertEqual(surface.style(row: 3, column: 5), .normal)
        XCTAssertEqual(surface.style(row: 0, column: 3), .tabActive)
    }

    func testFilesAt120x40GiveTheNameTheRoom() {
        var state = Samples.state(rows: 40, columns: 120, complete: false)
        state.lists[.files]?.loading = true
        XCTAssertEqual(render(state).lines, screen("""
             1 Files   2 Trash                                                                          Ромашка · drive-b.amocrm.ru
             NAME                                                                  TYPE         SIZE UPDATED          BY
             Договор поставки №106.pdf                                             document   1.5 MB 2026-11-22 12:00 Анна Смирнова
             見積書 423.xlsx                                                       document    16 KB 2026-11-21 12:00 Li Wei
             Фото объекта.jpg                                                      image       84 KB 2026-11-20 12:00 robot
             title␛]0;pwned␇.txt                                                   document     12 B 2026-11-19 12:00 Анна Смирнова
             report�fdp.exe.pdf                                                    document   3.4 MB 2026-11-18 12:00 client
             Очень длинное имя файла, которое не помещается в колонку даже на шир… document   1.5 MB 2026-11-17 12:00 Анна Смирнова
             loading…
            """, bottom: " 6 files loaded · 1/6                                                                                            ? help", rows: 40))
    }

    func testTrashShowsWhoDeletedAndDaysUntilPurge() {
        var state = Samples.state()
        state.tab = .trash
        state.lists[.trash]?.items = [
            Samples.file(0, "Договор поставки №106", ext: "pdf", deleted: true),
            Samples.file(12, "見積書 423", ext: "xlsx", size: 16_000, by: .user(8), deleted: true),
            Samples.file(29, "title\u{1B}[2J", ext: "txt", size: 12, by: .robot, deleted: true),
        ]
        state.lists[.trash]?.nextPage = nil
        XCTAssertEqual(render(state).lines, screen("""
             1 Files   2 Trash                                  Ромашка · drive-b.amocrm.ru
             NAME                              SIZE DELETED          BY             PURGE IN
             Договор поставки №106.pdf       1.5 MB 2026-11-22 12:00 Анна Смирнова      30 d
             見積書 423.xlsx                  16 KB 2026-11-10 12:00 Li Wei             18 d
             title␛[2J.txt                     12 B 2026-10-24 12:00 robot               1 d
            """, bottom: " 3 files · 1/3                                                           ? help", rows: 24))
    }

    func testAnEmptyTrashSaysSo() {
        var state = Samples.state()
        state.tab = .trash
        state.lists[.trash]?.nextPage = nil
        XCTAssertEqual(render(state).lines[2], " The trash is empty.")
    }

    func testNarrowAndTinyTerminals() {
        let narrow = render(Samples.state(rows: 12, columns: 40)).lines
        XCTAssertEqual(narrow[0], " 1 Files   2 Trash  Ромашка · drive-b.a…")
        XCTAssertEqual(narrow[1], " NAME                               SIZE")
        XCTAssertEqual(narrow[2], " Договор поставки №106.pdf        1.5 MB")
        XCTAssertEqual(render(Samples.state(rows: 5, columns: 20)).lines, ["", "", " terminal too small", "", ""])
    }

    func testHelpListsTheKeymapInForce() throws {
        var state = Samples.state()
        state.keymap = try Keymap.defaults.overlaid(with: "quit x").get()
        state.overlay = .help
        let text = render(state).text
        XCTAssertTrue(text.contains("x              quit"), text)
        XCTAssertTrue(text.contains("? F1           this help"), text)
    }

    func testAnErrorLandsInTheStatusLine() {
        var state = Samples.state()
        _ = Reducer.reduce(&state, .pageFailed(.files, generation: 0, message: "the service cannot be reached (connection refused)"))
        let surface = render(state)
        XCTAssertEqual(surface.lines[23], " Could not load Files: the service cannot be reached (connection refused). Pres…")
        XCTAssertEqual(surface.style(row: 23, column: 2), .error)
    }
}
