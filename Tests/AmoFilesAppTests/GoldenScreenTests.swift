import AmoFilesAPI
@testable import AmoFilesApp
import Foundation
import TerminalUI
import XCTest

/// Whole screens rendered into memory and compared with the text a person would see.
final class GoldenScreenTests: XCTestCase {
    override func setUp() {
        useUTC(for: self)
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
             1 Files   2 Trash   3 Transfers   4 Usage          Ромашка · drive-b.amocrm.ru
             NAME                          TYPE         SIZE UPDATED          BY
             Договор поставки №106.pdf     document   1.5 MB 2026-11-22 12:00 Анна Смирнова
             見積書 423.xlsx               document    16 KB 2026-11-21 12:00 Li Wei
             Фото объекта.jpg              image       84 KB 2026-11-20 12:00 robot
             title␛]0;pwned␇.txt           document     12 B 2026-11-19 12:00 Анна Смирнова
             report�fdp.exe.pdf            document   3.4 MB 2026-11-18 12:00 client
             Очень длинн…роком экране.docx document   1.5 MB 2026-11-17 12:00 Анна Смирнова
            """, bottom: " 6 files · 1/6                                                           ? help", rows: 24))
        XCTAssertEqual(surface.style(row: 2, column: 5), .cursor, "the cursor row is marked")
        XCTAssertEqual(surface.style(row: 3, column: 5), .normal)
        XCTAssertEqual(surface.style(row: 0, column: 3), .tabActive)
    }

    func testFilesAt120x40GiveTheNameTheRoom() {
        var state = Samples.state(rows: 40, columns: 120, complete: false)
        state.lists[.files]?.loading = true
        XCTAssertEqual(render(state).lines, screen("""
             1 Files   2 Trash   3 Transfers   4 Usage                                                  Ромашка · drive-b.amocrm.ru
             NAME                                                            TYPE         SIZE UPDATED          BY
             Договор поставки №106.pdf                                       document   1.5 MB 2026-11-22 12:00 Анна Смирнова
             見積書 423.xlsx                                                 document    16 KB 2026-11-21 12:00 Li Wei
             Фото объекта.jpg                                                image       84 KB 2026-11-20 12:00 robot
             title␛]0;pwned␇.txt                                             document     12 B 2026-11-19 12:00 Анна Смирнова
             report�fdp.exe.pdf                                              document   3.4 MB 2026-11-18 12:00 client
             Очень длинное имя файла,… в колонку даже на широком экране.docx document   1.5 MB 2026-11-17 12:00 Анна Смирнова
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
             1 Files   2 Trash   3 Transfers   4 Usage          Ромашка · drive-b.amocrm.ru
             NAME                              SIZE DELETED          BY             PURGE IN
             Договор поставки №106.pdf       1.5 MB 2026-11-22 12:00 Анна Смирнова      30 d
             見積書 423.xlsx                  16 KB 2026-11-10 12:00 Li Wei             18 d
             title␛[2J.txt                     12 B 2026-10-24 12:00 robot               1 d
            """, bottom: " 3 files · 1/3                                                           ? help", rows: 24))
    }

    func testTrashAt120x40() {
        var state = Samples.state(rows: 40, columns: 120)
        state.tab = .trash
        state.lists[.trash]?.items = [Samples.file(3, "見積書 423", ext: "xlsx", size: 16_000, by: .client(5), deleted: true)]
        state.lists[.trash]?.nextPage = nil
        let lines = render(state).lines
        XCTAssertEqual(lines[1], " NAME                                                                SIZE DELETED          BY                   PURGE IN")
        XCTAssertEqual(lines[2], " 見積書 423.xlsx                                                    16 KB 2026-11-19 12:00 client                   27 d")
        XCTAssertEqual(lines[39], " 1 file · 1/1" + String(repeating: " ", count: 100) + "? help")
    }

    func testAnEmptyTrashSaysSo() {
        var state = Samples.state()
        state.tab = .trash
        state.lists[.trash]?.nextPage = nil
        XCTAssertEqual(render(state).lines[2], " The trash is empty.")
    }

    func testNarrowAndTinyTerminals() {
        let narrow = render(Samples.state(rows: 12, columns: 40)).lines
        XCTAssertEqual(narrow[0], " 1 Files   2 Trash   3 Transfers   4 Us…")
        XCTAssertEqual(narrow[1], " NAME                               SIZE")
        XCTAssertEqual(narrow[2], " Договор поставки №106.pdf        1.5 MB")
        XCTAssertEqual(render(Samples.state(rows: 5, columns: 20)).lines, ["", " terminal too small", "enlarge it · q quits", "", ""])
    }

    func testHelpListsTheKeymapInForce() throws {
        var state = Samples.state()
        state.keymap = try Keymap.defaults.overlaid(with: "quit x\ncancel C-x").get()
        state.rows = 60
        state.overlay = .help(scroll: 0)
        let text = render(state).text
        XCTAssertTrue(text.contains("x              quit from anywhere"), text)
        XCTAssertTrue(text.contains("? F1           this help"), text)
    }

    func testAnErrorLandsInTheStatusLine() {
        var state = Samples.state()
        _ = Reducer.reduce(&state, .pageFailed(.files, generation: 0, message: "the service cannot be reached (connection refused)"))
        let surface = render(state)
        XCTAssertEqual(surface.lines[23], " Could not load Files: the service cannot be reached (connect… m reads it whole")
        XCTAssertEqual(surface.style(row: 23, column: 2), .error)
        // m: the message whole, with the others before it.
        _ = Reducer.reduce(&state, .input(.key(.character("m"))))
        Renderer.render(state, into: surface)
        let said = surface.lines(styled: .dialog).map { $0.trimmingCharacters(in: .whitespaces) }
        XCTAssertEqual(said.first, "Messages (any key closes)")
        XCTAssertEqual(said[1], "!2026-11-22 12:00 Could not load Files: the service cannot be reached")
        XCTAssertEqual(said[2], "(connection refused). Press C-r to try again.")
        _ = Reducer.reduce(&state, .input(.key(.character("x"))))
        XCTAssertNil(state.overlay)
    }
}

final class DetailsAndSortTests: XCTestCase {
    override func setUp() {
        useUTC(for: self)
    }

    func testDetailsBesideTheListOnAWideTerminalAndInsteadOfItOnANarrowOne() {
        var state = Samples.state(rows: 40, columns: 120)
        _ = Reducer.reduce(&state, .input(.key(.character("i"))))
        let wide = MemorySurface(rows: 40, columns: 120)
        Renderer.render(state, into: wide)
        XCTAssertEqual(Array(wide.lines[1...4]), [
            " NAME                          TYPE         SIZE UPDATED          │ Договор поставки №106.pdf",
            " Договор поставки №106.pdf     document   1.5 MB 2026-11-22 12:00 │ uuid           00000000-0000-4000-8000-000000000000",
            " 見積書 423.xlsx               document    16 KB 2026-11-21 12:00 │ name           Договор поставки №106",
            " Фото объекта.jpg              image       84 KB 2026-11-20 12:00 │ extension      pdf",
        ], "the pane takes what a uuid needs before the name column grows")
        XCTAssertTrue(wide.text.contains("│ created        2026-11-22 12:00 by Анна Смирнова\n"), wide.text)

        state.columns = 80
        state.rows = 24
        _ = Reducer.reduce(&state, .input(.key(.character("j"))))
        let narrow = MemorySurface(rows: 24, columns: 80)
        Renderer.render(state, into: narrow)
        XCTAssertEqual(narrow.lines[1], " 見積書 423.xlsx", "the details of the next file, instead of the list")
        XCTAssertEqual(narrow.lines[7], " size           16 KB (16000 bytes)")
        _ = Reducer.reduce(&state, .input(.key(.escape)))
        XCTAssertFalse(state.showingDetails)
    }

    func testAt200ColumnsEveryValueShowsWholeAndALinkWrapsInsteadOfBeingCut() {
        var file = Samples.file(0, "Договор поставки №106", ext: "pdf")
        let link = "https://drive-b.amocrm.ru/download/5f504c94-68ca-40f1-805c-189aa37c1f51/10000000-0000-4000-8000-000000000000/Договор поставки №106.pdf"
        file.links = DriveFile.Links(download: HALLink(href: link), downloadVersion: nil, this: nil)
        var state = Samples.state(rows: 50, columns: 200, files: [file] + Samples.mixed.dropFirst())
        _ = Reducer.reduce(&state, .input(.key(.character("i"))))
        let surface = MemorySurface(rows: 50, columns: 200)
        Renderer.render(state, into: surface)
        let pane = surface.lines.compactMap { line in line.range(of: "│ ").map { String(line[$0.upperBound...]) } }
        XCTAssertTrue(pane.contains("uuid           00000000-0000-4000-8000-000000000000"), pane.joined(separator: "\n"))
        XCTAssertTrue(pane.contains("active version 10000000-0000-4000-8000-000000000000"), pane.joined(separator: "\n"))
        XCTAssertFalse(pane.contains { $0.contains("…") }, pane.joined(separator: "\n"))
        let start = try! XCTUnwrap(pane.firstIndex { $0.hasPrefix("download") })
        let wrapped = pane[start...].prefix { $0.hasPrefix("download") || $0.hasPrefix("               ") }
        XCTAssertGreaterThan(wrapped.count, 1, "the link goes on under itself")
        XCTAssertEqual(wrapped.map { String($0.dropFirst(15)) }.joined(), link, "all of it")
    }

    func testSortCyclesThroughTheLoadedColumnsKeepingTheCursorOnItsFile() {
        var state = Samples.state()
        _ = Reducer.reduce(&state, .input(.key(.character("j"))))
        let current = state.list.current?.uuid
        XCTAssertEqual(Reducer.reduce(&state, .input(.key(.character("s")))), [])
        XCTAssertEqual(state.filesTab.sort, FileSort(.name, descending: false))
        XCTAssertEqual(state.list.current?.uuid, current, "the cursor stays on its file")
        XCTAssertEqual(state.list.items.map(\.name).first, "report\u{202E}fdp.exe")
        _ = Reducer.reduce(&state, .input(.key(.character("s"))))
        XCTAssertEqual(state.list.items.map(\.size), state.list.items.map(\.size).sorted(by: >))
        let surface = MemorySurface(rows: 24, columns: 80)
        Renderer.render(state, into: surface)
        XCTAssertTrue(surface.lines[1].contains("SIZE ▼"), surface.lines[1])
        _ = Reducer.reduce(&state, .input(.key(.character("s"))))
        _ = Reducer.reduce(&state, .input(.key(.character("s"))))
        XCTAssertEqual(Reducer.reduce(&state, .input(.key(.character("s")))), [.loadPage(.files, generation: 1, page: 1, filter: Tab.files.baseFilter)],
                       "back to the service's order: loaded again")
    }
}

final class HelpScrollTests: XCTestCase {
    func testHelpScrollsWhenTheKeysDoNotFit() {
        var state = Samples.state(rows: 24, columns: 80)
        _ = Reducer.reduce(&state, .input(.key(.character("?"))))
        _ = Reducer.reduce(&state, .input(.key(.character("j"))))
        XCTAssertEqual(state.overlay, .help(scroll: 1))
        let surface = MemorySurface(rows: 24, columns: 80)
        Renderer.render(state, into: surface)
        XCTAssertTrue(surface.text.contains("2–20 of \(HelpView.lines(state).count)"), surface.text)
        XCTAssertFalse(surface.text.contains("  Files\n"), "the first line scrolled away")
        _ = Reducer.reduce(&state, .input(.key(.character("x"))))
        XCTAssertNil(state.overlay)
    }
}

final class DialogScreenTests: XCTestCase {
    override func setUp() {
        useUTC(for: self)
    }

    private func screens(rows: Int, columns: Int) -> (confirm: String, form: String) {
        var state = Samples.state(rows: rows, columns: columns)
        let surface = MemorySurface(rows: rows, columns: columns)
        _ = Reducer.reduce(&state, .input(.key(.character("d"))))
        Renderer.render(state, into: surface)
        let confirm = surface.text
        state.overlay = nil
        _ = Reducer.reduce(&state, .input(.key(.character("f"))))
        Renderer.render(state, into: surface)
        return (confirm, surface.text)
    }

    func testConfirmAndFilterFormAt80x24() {
        let (confirm, form) = screens(rows: 24, columns: 80)
        XCTAssertEqual(confirm, """
             1 Files   2 Trash   3 Transfers   4 Usage          Ромашка · drive-b.amocrm.ru
             NAME                          TYPE         SIZE UPDATED          BY
             Договор поставки №106.pdf     document   1.5 MB 2026-11-22 12:00 Анна Смирнова
             見積書 423.xlsx               document    16 KB 2026-11-21 12:00 Li Wei
             Фото объекта.jpg              image       84 KB 2026-11-20 12:00 robot
             title␛]0;pwned␇.txt           document     12 B 2026-11-19 12:00 Анна Смирнова
             report�fdp.exe.pdf            document   3.4 MB 2026-11-18 12:00 client
             Очень длинн…роком экране.docx document   1.5 MB 2026-11-17 12:00 Анна Смирнова



                             Move “Договор поставки №106.pdf” to the trash?

                             y yes   n no









             6 files · 1/6                                                           ? help
            """)
        XCTAssertEqual(form, """
             1 Files   2 Trash   3 Transfers   4 Usage          Ромашка · drive-b.amocrm.ru
             NAME                          TYPE         SIZE UPDATED          BY
             Договор поставки №106.pdf     document   1.5 MB 2026-11-22 12:00 Анна Смирнова
             見積書 423.xlsx               document    16 KB 2026-11-21 12:00 Li Wei
             Фото об Filter
             title␛]  Extensions                                                    мирнова
             report�  Size from
             Очень д  Size up to                                                    мирнова
                      Date of      ‹ updated ›
                      Period       ‹ any time ›
                      From date
                      Up to date
                      Created by   ‹ anyone ›
                      Updated by   ‹ anyone ›
                      Source id

                      sizes: 500, 20KB, 1.5MB · dates: 2026-11-22
                      Tab/↑↓ field · ←→ choose · Enter apply · Esc cancel





             6 files · 1/6                                                           ? help
            """)
    }

    func testConfirmAndFilterFormAt120x40() {
        let (confirm, form) = screens(rows: 40, columns: 120)
        XCTAssertEqual(confirm, """
             1 Files   2 Trash   3 Transfers   4 Usage                                                  Ромашка · drive-b.amocrm.ru
             NAME                                                            TYPE         SIZE UPDATED          BY
             Договор поставки №106.pdf                                       document   1.5 MB 2026-11-22 12:00 Анна Смирнова
             見積書 423.xlsx                                                 document    16 KB 2026-11-21 12:00 Li Wei
             Фото объекта.jpg                                                image       84 KB 2026-11-20 12:00 robot
             title␛]0;pwned␇.txt                                             document     12 B 2026-11-19 12:00 Анна Смирнова
             report�fdp.exe.pdf                                              document   3.4 MB 2026-11-18 12:00 client
             Очень длинное имя файла,… в колонку даже на широком экране.docx document   1.5 MB 2026-11-17 12:00 Анна Смирнова











                                                 Move “Договор поставки №106.pdf” to the trash?

                                                 y yes   n no

















             6 files · 1/6                                                                                                   ? help
            """)
        XCTAssertEqual(form, """
             1 Files   2 Trash   3 Transfers   4 Usage                                                  Ромашка · drive-b.amocrm.ru
             NAME                                                            TYPE         SIZE UPDATED          BY
             Договор поставки №106.pdf                                       document   1.5 MB 2026-11-22 12:00 Анна Смирнова
             見積書 423.xlsx                                                 document    16 KB 2026-11-21 12:00 Li Wei
             Фото объекта.jpg                                                image       84 KB 2026-11-20 12:00 robot
             title␛]0;pwned␇.txt                                             document     12 B 2026-11-19 12:00 Анна Смирнова
             report�fdp.exe.pdf                                              document   3.4 MB 2026-11-18 12:00 client
             Очень длинное имя файла,… в колонку даже на широком экране.docx document   1.5 MB 2026-11-17 12:00 Анна Смирнова




                                         Filter
                                          Extensions
                                          Size from
                                          Size up to
                                          Date of      ‹ updated ›
                                          Period       ‹ any time ›
                                          From date
                                          Up to date
                                          Created by   ‹ anyone ›
                                          Updated by   ‹ anyone ›
                                          Source id

                                          sizes: 500, 20KB, 1.5MB · dates: 2026-11-22
                                          Tab/↑↓ field · ←→ choose · Enter apply · Esc cancel













             6 files · 1/6                                                                                                   ? help
            """)
    }

    func testTheRenamePromptStartsWithTheName() {
        var state = Samples.state()
        _ = Reducer.reduce(&state, .input(.key(.character("r"))))
        let surface = MemorySurface(rows: 24, columns: 80)
        Renderer.render(state, into: surface)
        XCTAssertEqual(surface.lines[23], " Rename to: Договор поставки №106                                    .pdf stays")
        XCTAssertEqual(surface.style(row: 23, column: 33), .cursor, "the cursor after the last character")
    }
}
