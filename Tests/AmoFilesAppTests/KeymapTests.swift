import AmoFilesApp
import Foundation
import TerminalUI
import XCTest

final class KeymapTests: XCTestCase {
    func testTheBinaryCarriesKeymapTxtUnchanged() throws {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        let file = try String(contentsOf: root.appendingPathComponent("keymap.txt"), encoding: .utf8)
        XCTAssertEqual(Keymap.defaultText + "\n", file)
    }

    func testDefaultsBindVimKeysArrowsAndFunctionKeys() {
        let keymap = Keymap.defaults
        XCTAssertEqual(keymap.action(for: .character("j")), .down)
        XCTAssertEqual(keymap.action(for: .down), .down)
        XCTAssertEqual(keymap.action(for: .function(1)), .help)
        XCTAssertEqual(keymap.action(for: .function(10)), .quit)
        XCTAssertEqual(keymap.action(for: .control("r")), .refresh)
        XCTAssertNil(keymap.action(for: .character("z")))
    }

    func testAUserLineReplacesOneActionAndTakesItsKeys() throws {
        let keymap = try Keymap.defaults.overlaid(with: "# mine\nquit  x C-q\ndown  q\n").get()
        XCTAssertEqual(keymap.keys(for: .quit), [.character("x"), .control("q")])
        XCTAssertEqual(keymap.action(for: .character("q")), .down, "q moved to down")
        XCTAssertEqual(keymap.action(for: .character("j")), nil, "down's old keys are replaced")
        XCTAssertEqual(keymap.action(for: .character("k")), .up, "other actions keep their defaults")
        let unbound = try Keymap.defaults.overlaid(with: "help none").get()
        XCTAssertEqual(unbound.keys(for: .help), [])
    }

    func testABadLineIsReportedWithItsNumber() {
        XCTAssertEqual(Keymap.defaults.overlaid(with: "up k\n\nfly  f").failure?.line, 3)
        XCTAssertEqual(Keymap.defaults.overlaid(with: "up C-ß").failure?.line, 1)
        XCTAssertEqual(Keymap.defaults.overlaid(with: "up").failure?.message, "\"up\" needs at least one key (or none)")
    }
}

extension Result {
    var failure: Failure? {
        if case .failure(let error) = self { return error }
        return nil
    }
}
