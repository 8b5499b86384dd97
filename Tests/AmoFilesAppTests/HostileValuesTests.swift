@testable import AmoFilesApp
import AmoFilesAPI
import AmoFilesTasks
import DriveEmulator
import TerminalUI
import XCTest

/// What the service or a keymap file may hold, however odd, is drawn or refused,
/// never a crash: extreme sizes and dates, hostile names, any terminal size; random
/// keymap text. Seeded, so a failure replays.
final class HostileValuesTests: XCTestCase {
    private let extremes: [Int64] = [Int64.min, -86_400, -1, 0, 1, 999, 1_000_000_000_000, Int64.max - 1, Int64.max]
    private let names = ["", " ", "\u{1B}[2J\u{1B}]0;x\u{07}", "\u{202E}exe.pdf", String(repeating: "長", count: 3000), "a\u{0}b", "Z̷̢a̶l̸g̵o̴", "👩‍👩‍👧‍👦"]

    func testExtremeSizesDatesAndNamesAreDrawnAtEverySize() {
        var files: [DriveFile] = []
        for index in 0..<40 {
            var file = Samples.file(index, names[index % names.count], ext: index % 3 == 0 ? "" : names[(index + 1) % names.count],
                                    size: extremes[index % extremes.count], deleted: index % 2 == 0)
            file.createdAt = extremes[(index + 2) % extremes.count]
            file.updatedAt = extremes[(index + 3) % extremes.count]
            file.deletedAt = index % 2 == 0 ? extremes[(index + 4) % extremes.count] : nil
            file.createdBy = [UserRef.user(Int.max), .user(Int.min), .robot, .client(-5)][index % 4]
            files.append(file)
        }
        for (rows, columns) in [(24, 80), (5, 20), (6, 30), (60, 200), (1, 1), (40, 45)] {
            var state = Samples.state(rows: rows, columns: columns, files: files)
            state.lists[.trash]?.items = files
            for keys in [[Key](), [.character("i")], [.character("2")], [.character("G")], [.character("3")]] {
                for key in keys { _ = Reducer.reduce(&state, .input(.key(key))) }
                let surface = MemorySurface(rows: rows, columns: columns)
                Renderer.render(state, into: surface)
                XCTAssertEqual(surface.lines.count, rows)
                XCTAssertTrue(surface.lines.allSatisfy { TerminalText.width($0) <= columns }, "\(rows)x\(columns)")
            }
        }
        for size in extremes {
            for done in extremes {
                let progress = TransferProgress(done: done, total: size, rate: Double(done) / 1e300)
                _ = TransferLine.text(label: "x", progress, width: 80)
                _ = Quantities.bytes(size)
            }
        }
    }

    func testRandomKeymapTextIsTakenOrRefusedWithALineNumber() {
        var random = SeededRandom(seed: 4242)
        let words = KeyAction.allCases.map(\.rawValue) + ["none", "C-x", "M-", "C-", "F0", "F13", "F99999999999999999999", "Enter", "Space", "#", "\t",
                                                           "\u{0}", "\u{1B}", "ё", "Up", "PageDown", "q", "Q", "-", "C-C-c", "M-M-x", String(repeating: "x", count: 500)]
        for _ in 0..<3000 {
            var text = ""
            for _ in 0..<Int.random(in: 0...8, using: &random) {
                let count = Int.random(in: 0...5, using: &random)
                text += (0..<count).map { _ in words[Int.random(in: 0..<words.count, using: &random)] }.joined(separator: Bool.random(using: &random) ? " " : "  ")
                text += ["\n", "\r\n", "\n\n", ""][Int.random(in: 0..<4, using: &random)]
            }
            switch Keymap.defaults.overlaid(with: text) {
            case .success(let keymap):
                for action in KeyAction.allCases { _ = keymap.keys(for: action) }
            case .failure(let problem):
                XCTAssertTrue(String(describing: problem).contains("line "), String(describing: problem))
            }
        }
    }
}
