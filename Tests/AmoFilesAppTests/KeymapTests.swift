@testable import AmoFilesApp
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
        XCTAssertEqual(keymap.action(for: .character("z")), .undo)
        XCTAssertNil(keymap.action(for: .character("Z")))
    }

    func testAUserLineReplacesOneActionAndTakesItsKeys() throws {
        let keymap = try Keymap.defaults.overlaid(with: "# mine\nquit  x C-q\ncancel C-x\ndown  q\nclose none\n").get()
        XCTAssertEqual(keymap.keys(for: .quit), [.character("x"), .control("q")])
        XCTAssertEqual(keymap.action(for: .character("q")), .down, "q moved to down")
        XCTAssertEqual(keymap.keys(for: .close), [])
        XCTAssertEqual(keymap.action(for: .character("j")), nil, "down's old keys are replaced")
        XCTAssertEqual(keymap.action(for: .character("k")), .up, "other actions keep their defaults")
        let unbound = try Keymap.defaults.overlaid(with: "help none").get()
        XCTAssertEqual(unbound.keys(for: .help), [])
    }

    func testABadLineIsReportedWithItsNumber() {
        XCTAssertEqual(Keymap.defaults.overlaid(with: "up k\n\nfly  f").failure?.problems.first?.line, 3)
        XCTAssertEqual(Keymap.defaults.overlaid(with: "up C-ß").failure?.problems.first?.line, 1)
        XCTAssertEqual(Keymap.defaults.overlaid(with: "up").failure?.problems.first?.message, "\"up\" needs at least one key (or none)")
    }

    func testEveryBadLineAndEveryClashOnOneScreenIsReportedWithItsLines() {
        let text = "search /\nfly  f\nfilter /\nup C-ß\n"
        guard case .failure(let found) = Keymap.defaults.overlaid(with: text) else { return XCTFail("accepted") }
        XCTAssertEqual(found.problems.map(\.line), [2, 3, 4])
        XCTAssertEqual(found.problems[1].message,
                       "/ is bound to filter here and to search on line 1; both act in Files, Trash. Give one of them another key.")
        guard case .failure(let taken) = Keymap.defaults.overlaid(with: "down q") else { return XCTFail("accepted") }
        XCTAssertEqual(taken.problems.map(\.description),
                       ["line 1: q is bound to down here and to close by default (keymap.txt line 66); both act on every screen. Give close another key, or \"close none\"."])
        guard case .failure(let twice) = Keymap.defaults.overlaid(with: "up k\nup K") else { return XCTFail("accepted") }
        XCTAssertEqual(twice.problems.map(\.description), ["line 2: \"up\" is bound on line 1 too; one line per action"])
    }

    func testAKeyServesTwoActionsThatNeverActOnTheSameScreen() throws {
        let keymap = try Keymap.defaults.overlaid(with: "cancel d\nrestore r").get()
        XCTAssertEqual(keymap.action(for: .character("d"), on: .transfers), .cancel)
        XCTAssertEqual(keymap.action(for: .character("d"), on: .files), .delete)
        XCTAssertEqual(keymap.action(for: .character("d"), on: .links), .delete)
        XCTAssertEqual(keymap.action(for: .character("r"), on: .trash), .restore)
        XCTAssertEqual(keymap.action(for: .character("r"), on: .files), .rename)

        var state = Samples.state()
        state.keymap = keymap
        let trashed = Samples.file(9, "старый счёт", ext: "pdf", deleted: true)
        state.lists[.trash]?.items = [trashed]
        _ = Reducer.reduce(&state, .input(.key(.character("r"))))
        guard case .rename? = state.overlay else { return XCTFail("r in Files renames: \(String(describing: state.overlay))") }
        _ = Reducer.reduce(&state, .input(.key(.escape)))
        _ = Reducer.reduce(&state, .input(.key(.character("2"))))
        let effects = Reducer.reduce(&state, .input(.key(.character("r"))))
        XCTAssertTrue(effects.contains(.runEdit(.restore([trashed], at: [0]))), "r in Trash restores: \(effects)")
    }

    func testTheDefaultsShareNoKeyOnAnyScreen() {
        for action in KeyAction.allCases {
            for key in Keymap.defaults.keys(for: action) {
                for kind in action.screens {
                    XCTAssertEqual(Keymap.defaults.action(for: key, on: kind), action, "\(key) on \(kind)")
                }
            }
        }
    }
}

extension Result {
    var failure: Failure? {
        if case .failure(let error) = self { return error }
        return nil
    }
}
