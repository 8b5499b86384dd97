import DriveEmulator
@testable import FilePreview
import Foundation
import XCTest

/// Word, Excel and PDF files as the preview reads them, written by the demo seed's writers.
final class DocumentPreviewTests: XCTestCase {
    func testADocxShowsItsParagraphsAndItsTableAsRows() {
        let data = DocumentWriters.docx(
            paragraphs: ["Договор поставки №12", "1. Поставщик передаёт товар & документы <в срок>."],
            table: [["Товар", "Цена"], ["Стол дубовый", "12 500"]])
        let shown = Preview.make(data, fileExtension: "docx", whole: true)
        XCTAssertEqual(shown.kind, "Word document")
        XCTAssertEqual(shown.lines, [
            "Договор поставки №12", "1. Поставщик передаёт товар & документы <в срок>.",
            "Товар        │ Цена", "Стол дубовый │ 12 500",
        ])
    }

    func testAnXlsxShowsEachSheetAligned() {
        let data = DocumentWriters.xlsx(sheets: [
            ("Прайс", [["Товар", "Цена"], ["Стул", "3500"], ["Шкаф", "41000.5"]]),
            ("Склад", [["Стул", "12"]]),
        ])
        let shown = Preview.make(data, fileExtension: "xlsx", whole: true)
        XCTAssertEqual(shown.kind, "Excel workbook, 2 sheets")
        XCTAssertEqual(shown.sheets.map(\.name), ["Прайс", "Склад"])
        XCTAssertEqual(shown.lines, ["Товар │ Цена", "Стул  │ 3500", "Шкаф  │ 41000.5"])
        XCTAssertEqual(shown.sheets[1].lines, ["Стул │ 12"])
    }

    func testAnOdsAndAnOdtFromTheirXML() {
        let ods = Array("""
            <office:document-content><office:body><office:spreadsheet><table:table table:name="Лист1">\
            <table:table-row><table:table-cell office:value-type="string"><text:p>Итого</text:p></table:table-cell>\
            <table:table-cell office:value-type="float" office:value="1250"><text:p>1 250</text:p></table:table-cell>\
            <table:table-cell table:number-columns-repeated="1000"/></table:table-row>\
            <table:table-row table:number-rows-repeated="1048570"><table:table-cell table:number-columns-repeated="1024"/></table:table-row>\
            </table:table></office:spreadsheet></office:body></office:document-content>
            """.utf8)
        XCTAssertEqual(Workbook.ods(ods), [Sheet(name: "Лист1", lines: ["Итого │ 1 250"])], "a million repeated empty rows are not copied")
        let odt = Array("""
            <office:text><text:h>Заголовок</text:h><text:p>Один<text:s text:c="3"/>два<text:tab/>три</text:p>\
            <text:list><text:list-item><text:p>пункт</text:p></text:list-item></text:list></office:text>
            """.utf8)
        XCTAssertEqual(WordText.lines(odt, paragraph: "text:p", text: nil, table: "table:table", row: "table:table-row", cell: "table:table-cell"),
                       ["Заголовок", "Один   два    три", "• пункт"])
    }

    func testAPDFIsReadThroughPdftotextOrSaysWhatToInstall() throws {
        let data = DocumentWriters.pdf(lines: ["Supply contract No. 12", "Price: 1,250,000 RUB (incl. VAT)"])
        guard PDFText.tool != nil else {
            if ProcessInfo.processInfo.environment["AMOFILES_CI"] != nil { XCTFail("CI installs poppler-utils") }
            throw XCTSkip("pdftotext is not installed")
        }
        let shown = Preview.make(data, fileExtension: "pdf", whole: true)
        XCTAssertEqual(shown.kind, "PDF, its text")
        XCTAssertEqual(shown.lines.map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty },
                       ["Supply contract No. 12", "Price: 1,250,000 RUB (incl. VAT)"])

        let path = ProcessInfo.processInfo.environment["PATH"] ?? ""
        setenv("PATH", "/nonexistent", 1)
        defer { setenv("PATH", path, 1) }
        let without = Preview.make(data, fileExtension: "pdf", whole: true)
        XCTAssertEqual(without.lines, [])
        XCTAssertEqual(without.note, "pdftotext reads the text of PDFs: apt-get install poppler-utils (or dnf install poppler-utils)")
    }

    func testRepeatCountsOfAnyValueAreTakenWithinBounds() {
        let ods = Array("""
            <table:table table:name="x"><table:table-row table:number-rows-repeated="-4"><table:table-cell table:number-columns-repeated="-2">\
            <text:p>a<text:s text:c="-9"/>b</text:p></table:table-cell><table:table-cell table:number-columns-repeated="x"><text:p>c</text:p>\
            </table:table-cell></table:table-row></table:table>
            """.utf8)
        XCTAssertEqual(Workbook.ods(ods), [Sheet(name: "x", lines: ["ab │ c"])])
        let odt = Array("<text:p>a<text:s text:c=\"-9\"/>b<text:s text:c=\"99999999\"/>c</text:p>".utf8)
        XCTAssertEqual(WordText.lines(odt, paragraph: "text:p", text: nil, table: "table:table", row: "table:table-row", cell: "table:table-cell"),
                       ["a b" + String(repeating: " ", count: 100) + "c"])
    }

    func testADamagedDocumentFallsBackToItsBytes() {
        let shown = Preview.make(Data("PK\u{03}\u{04}not really a zip".utf8), fileExtension: "docx", whole: true)
        XCTAssertFalse(shown.kind.hasPrefix("Word"), shown.kind)
    }
}
