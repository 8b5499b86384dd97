import AmoFilesAPI
@testable import AmoFilesApp
import AmoFilesTasks
import DriveEmulator
import TerminalUI
import XCTest

/// Every text a person types that becomes a path, a name or a filter, fed the
/// shapes that broke things before (one character, `-`, `.`, `..`, `/`, empty, very
/// long, control characters, right-to-left text, emoji) and random mixes of them:
/// each gives an answer or a clear refusal, and the screen still draws.
final class TypedTextTests: XCTestCase {
    static let shapes = [
        "", "a", "q", "-", ".", "..", "/", "//", "./", "../", "~", " ", "  a  ", ".bin", "a.", "a/b/", "/a",
        String(repeating: "x", count: 300), String(repeating: "я/", count: 200), "\u{7}\u{1B}[2J", "a\u{0}b", "\u{7F}", "\u{85}",
        "\u{202E}fdp.exe", "שלום עולם.pdf", "مرحبا", "😀", "👨‍👩‍👧‍👦.txt", "e\u{301}", "1.5MB", "-1", "99999999999999999999", "2026-02-30",
        "2026-04-09", "0", "pdf docx", ",,,", "lead 5", "lead", "lead 0", "upload", "q", "files",
    ]

    /// The shapes, and random mixes of up to four of them.
    static func inputs(count: Int = 300) -> [String] {
        var random = SeededRandom(seed: 20261204)
        let mixes = (0..<count).map { _ in
            (0..<Int.random(in: 1...4, using: &random)).map { _ in shapes[Int.random(in: 0..<shapes.count, using: &random)] }.joined()
        }
        return shapes + mixes
    }

    private func type(_ state: inout AppState, _ text: String) {
        for character in text { _ = Reducer.reduce(&state, .input(.key(character == " " ? .space : .character(character)))) }
    }

    private func draw(_ state: AppState) {
        for (rows, columns) in [(24, 80), (6, 30), (5, 20)] {
            var sized = state
            sized.rows = rows
            sized.columns = columns
            Renderer.render(sized, into: MemorySurface(rows: rows, columns: columns))
        }
    }

    func testPathsNamesAndFiltersTypedInTheUI() {
        for text in Self.inputs() {
            // Save as: a download is asked for, or nothing happens on an empty path.
            var state = Samples.state()
            state.lists[.files]?.items[0].links.download = HALLink(href: "http://drive/download/1")
            _ = Reducer.reduce(&state, .input(.key(.character("D"))))
            guard case .saveAs? = state.overlay else { return XCTFail("D did not ask where to save") }
            _ = Reducer.reduce(&state, .input(.key(.control("u"))))
            type(&state, text)
            draw(state)
            let download = Reducer.reduce(&state, .input(.key(.enter)))
            let path = text.trimmingCharacters(in: .whitespaces)
            if path.isEmpty {
                XCTAssertEqual(download, [], text.debugDescription)
            } else {
                guard case .download(_, let asked, false)? = download.first else { return XCTFail("no download for \(text.debugDescription)") }
                XCTAssertEqual(asked, path)
            }
            draw(state)

            // Rename: sent, or refused with a reason in the status line.
            state = Samples.state()
            _ = Reducer.reduce(&state, .input(.key(.character("r"))))
            _ = Reducer.reduce(&state, .input(.key(.control("u"))))
            type(&state, text)
            let renamed = Reducer.reduce(&state, .input(.key(.enter)))
            if renamed.isEmpty, state.status?.isError == true {
                XCTAssertTrue(state.status?.text.hasPrefix("Not renamed:") == true, state.status?.text ?? "")
            } else if let first = renamed.first {
                guard case .runEdit(.rename(_, _, let name)) = first else { return XCTFail("\(first)") }
                XCTAssertNil(FileNameRules.problem(name), "a name that breaks the rules was sent: \(name.debugDescription)")
            }
            draw(state)

            // Search: the term goes to the service as typed.
            state = Samples.state()
            _ = Reducer.reduce(&state, .input(.key(.character("/"))))
            type(&state, text)
            draw(state)
            _ = Reducer.reduce(&state, .input(.key(.enter)))
            draw(state)

            // Every field of the filter form: applied, or a problem named in the form.
            for field in 0..<FilterForm.Field.allCases.count {
                state = Samples.state()
                _ = Reducer.reduce(&state, .input(.key(.character("f"))))
                for _ in 0..<field { _ = Reducer.reduce(&state, .input(.key(.tab))) }
                type(&state, text)
                draw(state)
                let applied = Reducer.reduce(&state, .input(.key(.enter)))
                if applied.isEmpty, case .filterForm(let form)? = state.overlay {
                    XCTAssertNotNil(form.error, "field \(field), \(text.debugDescription): neither applied nor refused")
                }
                draw(state)
            }

            // The command line: a command, or a message saying what it takes.
            state = Samples.state()
            _ = Reducer.reduce(&state, .input(.key(.character(":"))))
            type(&state, text)
            _ = Reducer.reduce(&state, .input(.key(.tab)))
            draw(state)
            _ = Reducer.reduce(&state, .input(.key(.enter)))
            draw(state)
        }
    }

    func testLocalPathsAndSafeNames() {
        for text in Self.inputs() {
            let folder = LocalPath.folder(of: text), name = LocalPath.name(of: text)
            XCTAssertFalse(folder.isEmpty, text.debugDescription)
            if text.contains("/"), !text.contains("//"), !text.hasSuffix("/") {
                XCTAssertEqual(LocalPath.join(folder, name), text, "folder and name put back together")
            }
            let safe = FileDownload.safeFileName(text)
            XCTAssertFalse(safe.isEmpty)
            XCTAssertFalse(safe.contains("/"), safe)
            XCTAssertFalse(safe.hasPrefix("."), safe)
            XCTAssertLessThanOrEqual(safe.count, 200)
            _ = FileNameRules.problem(text)
            _ = FileNameRules.name(text, keeping: "bin")
            _ = FileNameRules.otherExtension(in: text, than: "bin")
            _ = Quantities.parseBytes(text)
            _ = Quantities.parseTime(text)
            _ = Quantities.parseEndTime(text)
        }
    }
}
