import TerminalUI
import XCTest

final class TerminalTextTests: XCTestCase {
    func testControlCharactersBecomeVisibleStandIns() {
        XCTAssertEqual(TerminalText.sanitize("\u{1b}]0;HACKED\u{07}x"), "␛]0;HACKED␇x")
        XCTAssertEqual(TerminalText.sanitize("a\nb\tc\u{7f}"), "a␊b␉c␡")
        XCTAssertEqual(TerminalText.sanitize("C1 \u{9b}31m"), "C1 \u{FFFD}31m")
    }

    func testBidiOverridesAndInvisibleFormatCharactersAreNeutralised() {
        XCTAssertEqual(TerminalText.sanitize("invoice\u{202e}fdp.exe"), "invoice\u{FFFD}fdp.exe")
        XCTAssertEqual(TerminalText.sanitize("a\u{200b}b\u{feff}"), "a\u{FFFD}b\u{FFFD}")
    }

    func testWidthCountsWideAndCombiningCharacters() {
        XCTAssertEqual(TerminalText.width("Договор"), 7)
        XCTAssertEqual(TerminalText.width("契約書"), 6)
        XCTAssertEqual(TerminalText.width("📊"), 2)
        XCTAssertEqual(TerminalText.width("e\u{301}"), 1)
    }

    /// The fast path for plain letters must agree with the Unicode tables it skips.
    func testPlainLettersAgreeWithTheUnicodeTables() {
        for value in UInt32(0x20)...0x5FF {
            guard let scalar = Unicode.Scalar(value), value != 0x7F, !(0x80...0x9F).contains(value) else { continue }
            let category = scalar.properties.generalCategory
            let invisible = category == .format
            let combining = category == .nonspacingMark || category == .enclosingMark
            let text = String(Character(scalar))
            XCTAssertEqual(TerminalText.sanitize(text), invisible ? "\u{FFFD}" : text, "U+\(String(value, radix: 16))")
            XCTAssertEqual(TerminalText.width(of: Character(scalar)), invisible || combining ? 0 : 1, "U+\(String(value, radix: 16))")
        }
        XCTAssertEqual(TerminalText.sanitize("soft\u{AD}hyphen"), "soft\u{FFFD}hyphen")
        XCTAssertEqual(TerminalText.width("Ѐ\u{483}x"), 2, "a Cyrillic combining mark takes no column")
    }

    func testFitTruncatesToTheColumnBudgetWithAnEllipsis() {
        XCTAssertEqual(TerminalText.fit("Договор поставки", columns: 8), "Договор…")
        XCTAssertEqual(TerminalText.fit("契約書契約書", columns: 5), "契約…")
        XCTAssertEqual(TerminalText.width(TerminalText.pad("契約書", columns: 9)), 9)
        XCTAssertEqual(TerminalText.fit("short", columns: 10), "short")
    }

    func testWrapBreaksBetweenWordsAndSplitsOnlyWordsLongerThanALine() {
        XCTAssertEqual(TerminalText.wrap("move the marked files to the trash", columns: 14), ["move the", "marked files", "to the trash"])
        XCTAssertEqual(TerminalText.wrap("", columns: 10), [""])
        XCTAssertEqual(TerminalText.wrap("a 5f504c94-68ca-40f1-805c-189aa", columns: 10), ["a", "5f504c94-6", "8ca-40f1-8", "05c-189aa"])
        XCTAssertEqual(TerminalText.wrap("見積書見積書 x", columns: 5), ["見積", "書見", "積書", "x"], "wide characters count two")
        XCTAssertEqual(TerminalText.wrap("a\u{1B}[2Jb c", columns: 20), ["a␛[2Jb c"], "sanitized first")
        for columns in 1...12 {
            for line in TerminalText.wrap("Дополнительное соглашение к договору 見積書 12.pdf", columns: columns) {
                XCTAssertLessThanOrEqual(TerminalText.width(line), max(columns, 2), "\(columns): \(line)")
            }
        }
    }

    func testAMiddleCutKeepsTheEndOfANameAndOfAPath() {
        XCTAssertEqual(TerminalText.fitMiddle("Дополнительное соглашение к договору 12.pdf", columns: 30), "Дополнитель… к договору 12.pdf")
        XCTAssertEqual(TerminalText.fitMiddle("short.pdf", columns: 30), "short.pdf")
        XCTAssertEqual(TerminalText.fitPath("/srv/exports/clients/ООО Ромашка/2026/March", columns: 28), "/srv/exports/…/2026/March")
        XCTAssertEqual(TerminalText.fitPath("/tmp/to-upload", columns: 40), "/tmp/to-upload")
        XCTAssertEqual(TerminalText.fitPath("/a-very-long-folder-name-that-alone-does-not-fit", columns: 20).count, 20)
        for columns in 1...50 {
            for text in ["Дополнительное соглашение к договору 見積書 12.pdf", "/srv/exports/見積書/2026/March/\u{1B}[2J", "x"] {
                for cut in [TerminalText.fitMiddle(text, columns: columns), TerminalText.fitPath(text, columns: columns)] {
                    XCTAssertLessThanOrEqual(TerminalText.width(cut), columns, "\(columns): \(cut)")
                    XCTAssertFalse(cut.contains("\u{1B}"))
                }
            }
        }
    }
}

