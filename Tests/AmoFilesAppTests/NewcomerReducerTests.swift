import AmoFilesAPI
import AmoFilesApp
import TerminalUI
import XCTest

/// The reducer's side of what a newcomer ran into (the binary's side is in EndToEndTests).
final class NewcomerReducerTests: XCTestCase {
    func testKeysDoNothingWhileTheTerminalIsTooSmall() {
        var state = Samples.state(rows: 5, columns: 20)
        XCTAssertTrue(state.isTooSmall)
        let keys: [Key] = [.character("j"), .character("v"), .character("d"), .character(" "), .character("/"), .character("f"),
                           .character(":"), .character("2"), .tab, .enter, .character("?"), .character("r"), .character("U"), .control("r")]
        for key in keys {
            XCTAssertEqual(Reducer.reduce(&state, .input(.key(key))), [], "\(key) acts on a screen nobody sees")
        }
        XCTAssertEqual(Reducer.reduce(&state, .input(.click(row: 3, column: 2, double: true))), [])
        XCTAssertEqual(Reducer.reduce(&state, .input(.wheel(up: false))), [])
        XCTAssertNil(state.overlay)
        XCTAssertNil(state.versions)
        XCTAssertEqual(state.tab, .files)
        XCTAssertEqual(state.list.viewport.cursor, 0)
        XCTAssertTrue(state.list.selected.isEmpty)

        _ = Reducer.reduce(&state, .input(.resize(rows: 30, columns: 100)))
        XCTAssertNil(state.overlay, "no question waits behind the small screen")
        _ = Reducer.reduce(&state, .input(.resize(rows: 5, columns: 20)))
        XCTAssertEqual(Reducer.reduce(&state, .input(.key(.character("q")))), [.exit(cancellingUploads: false)], "quitting still works")
    }

    func testTheTooSmallScreenSaysHowToGetOut() {
        let state = Samples.state(rows: 5, columns: 20)
        let surface = MemorySurface(rows: 5, columns: 20)
        Renderer.render(state, into: surface)
        let text = surface.lines.joined(separator: "\n")
        XCTAssertTrue(text.contains("terminal too small"), text)
        XCTAssertTrue(text.contains("q quits"), text)
    }
}
