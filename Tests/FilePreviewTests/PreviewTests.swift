import FilePreview
import Foundation
import TerminalUI
import XCTest

final class PreviewTests: XCTestCase {
    private func preview(_ text: String, _ ext: String, whole: Bool = true) -> Preview {
        Preview.make(Data(text.utf8), fileExtension: ext, whole: whole)
    }

    func testPlainTextKeepsItsLinesWithTabsExpandedAndEveryLineEnding() {
        let shown = preview("one\r\ntwo\tthree\rfour\n\nlast\n", "txt")
        XCTAssertEqual(shown.lines, ["one", "two     three", "four", "", "last"])
        XCTAssertEqual(shown.kind, "text, UTF-8")
        XCTAssertFalse(shown.partial)
    }

    func testCyrillicFromWindowsIsReadAsWindows1251() {
        let bytes = "Договор поставки".data(using: .windowsCP1251)!
        let shown = Preview.make(bytes, fileExtension: "txt", whole: true)
        XCTAssertEqual(shown.lines, ["Договор поставки"])
        XCTAssertEqual(shown.kind, "text, Windows-1251")
    }

    func testTheFirstBytesMayEndInsideACharacter() {
        let bytes = Data("цена".utf8).dropLast()
        let shown = Preview.make(bytes, fileExtension: "txt", whole: false)
        XCTAssertEqual(shown.lines, ["цен"])
        XCTAssertTrue(shown.partial)
    }

    func testCSVWithSemicolonsAndQuotesIsAligned() {
        let shown = preview("Товар;Цена\n\"Стол; дубовый\";12 500\nСтул;\"3 \"\"лёгкий\"\"\"\n", "csv")
        XCTAssertEqual(shown.kind, "CSV, 2 columns, UTF-8")
        XCTAssertEqual(shown.lines, [
            "Товар         │ Цена",
            "Стол; дубовый │ 12 500",
            "Стул          │ 3 \"лёгкий\"",
        ])
    }

    func testTSVAndACommaCSV() {
        XCTAssertEqual(preview("a\tbb\nccc\td\n", "tsv").lines, ["a   │ bb", "ccc │ d"])
        XCTAssertEqual(preview("x,y\n1,\"2,5\"\n", "csv").lines, ["x │ y", "1 │ 2,5"])
    }

    func testJSONIsIndentedInItsOwnOrder() {
        let shown = preview(#"{"z":1,"a":[true,null,{}],"s":"a,b{\"c\"}","e":[]}"#, "json")
        XCTAssertEqual(shown.lines, [
            "{", #"  "z": 1,"#, #"  "a": ["#, "    true,", "    null,", "    {}", "  ],", #"  "s": "a,b{\"c\"}","#, #"  "e": []"#, "}",
        ])
        XCTAssertEqual(preview("not json", "json").kind, "JSON (not valid), UTF-8")
    }

    func testImagesSayTheirFormatAndSize() {
        var png = Data([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 13] + Array("IHDR".utf8))
        png += Data([0, 0, 3, 32, 0, 0, 2, 88, 8, 2, 0, 0, 0])
        XCTAssertEqual(Preview.make(png, fileExtension: "png", whole: true).kind, "PNG image, 800×600")
        let gif = Data(Array("GIF89a".utf8) + [0x40, 0x01, 0xF0, 0x00, 0, 0, 0])
        XCTAssertEqual(Preview.make(gif, fileExtension: "gif", whole: true).kind, "GIF image, 320×240")
        let jpeg = Data([0xFF, 0xD8, 0xFF, 0xE0, 0x00, 0x04, 0, 0, 0xFF, 0xC0, 0x00, 0x11, 0x08, 0x01, 0xE0, 0x02, 0x80, 0x03])
        XCTAssertEqual(Preview.make(jpeg, fileExtension: "jpg", whole: true).kind, "JPEG image, 640×480")
    }

    func testBinaryIsShownAsHex() {
        let shown = Preview.make(Data([0x00, 0x01, 0x41, 0x42] + Array(repeating: 0xFF, count: 14)), fileExtension: "bin", whole: true)
        XCTAssertEqual(shown.kind, "binary")
        XCTAssertEqual(shown.lines, [
            "00000000  00 01 41 42 ff ff ff ff  ff ff ff ff ff ff ff ff  |..AB............|",
            "00000010  ff ff                                             |..|",
        ])
    }

    func testHostileTextStaysTextForTheSanitiserToShow() {
        let hostile = "title\u{1B}]0;pwned\u{07} \u{202E}fdp.exe\n" + String(repeating: "x", count: 1_000_000) + "\n"
        let shown = preview(hostile, "txt")
        XCTAssertEqual(shown.lines.count, 2)
        XCTAssertEqual(TerminalText.sanitize(shown.lines[0]), "title␛]0;pwned␇ \u{FFFD}fdp.exe")
        XCTAssertEqual(shown.lines[1].count, 1_000_000)
    }
}
