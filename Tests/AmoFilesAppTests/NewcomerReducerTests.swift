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

    func testADateRangeOfOneDayTakesInTheWholeDay() throws {
        useUTC(for: self)
        var state = Samples.state(rows: 30, columns: 120)
        _ = Reducer.reduce(&state, .input(.key(.character("f"))))
        for _ in 0..<5 { _ = Reducer.reduce(&state, .input(.key(.tab))) }  // to "since"
        for character in "2026-04-09" { _ = Reducer.reduce(&state, .input(.key(.character(character)))) }
        _ = Reducer.reduce(&state, .input(.key(.tab)))
        for character in "2026-04-09" { _ = Reducer.reduce(&state, .input(.key(.character(character)))) }
        let effects = Reducer.reduce(&state, .input(.key(.enter)))
        guard case .loadPage(_, _, _, let filter)? = effects.first else { return XCTFail("the form did not apply: \(effects) \(String(describing: state.overlay))") }
        let midnight: Int64 = 1_775_692_800  // 2026-04-09 00:00 UTC
        XCTAssertEqual(filter.date?.from, midnight)
        XCTAssertEqual(filter.date?.to, midnight + 86_399, "up to the day's last second")
        let surface = MemorySurface(rows: 30, columns: 120)
        Renderer.render(state, into: surface)
        let screen = surface.lines.joined(separator: "\n")
        XCTAssertTrue(screen.contains("updated 2026-04-09 00:00 – 2026-04-09 23:59"), "the form shows the range it applies:\n\(screen)")
    }

    func testTheEndOfARangeIsTheLastSecondItNames() {
        useUTC(for: self)
        let midnight: Int64 = 1_775_692_800
        let halfPastFive: Int64 = midnight + 17 * 3600 + 30 * 60
        XCTAssertEqual(Quantities.parseEndTime("2026-04-09"), midnight + 86_399)
        XCTAssertEqual(Quantities.parseEndTime("2026-04-09 17:30"), halfPastFive + 59)
        XCTAssertEqual(Quantities.parseEndTime("2026-04-09T17:30:05"), halfPastFive + 5)
        XCTAssertEqual(Quantities.parseEndTime("1775692800"), 1_775_692_800, "Unix seconds are exact")
        XCTAssertEqual(Quantities.parseTime("2026-04-09"), 1_775_692_800)
        XCTAssertNil(Quantities.parseEndTime("9 April"))
    }
}
