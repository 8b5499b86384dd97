import AmoFilesAPI
@testable import AmoFilesApp
import TerminalUI
import XCTest

/// The life cycle every screen shares: opened onto the stack, closed off it, drawn
/// only inside the area it is given.
final class ScreenTests: XCTestCase {
    private func versions(of file: DriveFile, count: Int) -> [FileVersion] {
        (1...count).reversed().map { number in
            FileVersion(
                uuid: "v\(number)", fileUUID: file.uuid, type: file.type, name: file.name + " \(number)", sanitizedName: file.name, size: Int64(number) * 1000,
                isMain: number == count, sourceID: nil, createdAt: Samples.now - Int64(10 - number) * 86_400, createdBy: .user(7),
                updatedAt: Samples.now, updatedBy: .user(7), metadata: file.metadata, previews: nil,
                links: FileVersion.Links(download: nil, this: nil))
        }
    }

    func testVersionsOpenOntoTheStackAndEscapeTakesThemOff() {
        var state = Samples.state()
        let file = state.list.items[0]
        XCTAssertEqual(state.stack, [])
        XCTAssertEqual(Reducer.reduce(&state, .input(.key(.character("v")))), [.loadVersions(fileUUID: file.uuid)])
        XCTAssertEqual(state.stack, [.versions(VersionsScreen(list: VersionList(file: file)))])
        _ = Reducer.reduce(&state, .versionsLoaded(fileUUID: file.uuid, versions(of: file, count: 4)))
        _ = Reducer.reduce(&state, .input(.key(.character("j"))))
        guard case .versions(let open)? = state.stack.last else { return XCTFail("\(state.stack)") }
        XCTAssertEqual(open.list.viewport.cursor, 1, "the key moved the screen's own cursor")
        XCTAssertEqual(state.list.viewport.cursor, 0, "not the Files list's")
        XCTAssertEqual(Reducer.reduce(&state, .input(.key(.escape))), [])
        XCTAssertEqual(state.stack, [], "Esc closes the screen")
        _ = Reducer.reduce(&state, .input(.key(.character("v"))))
        _ = Reducer.reduce(&state, .input(.key(.character("v"))))
        XCTAssertEqual(state.stack, [], "its own key closes it too")
        _ = Reducer.reduce(&state, .input(.key(.character("v"))))
        _ = Reducer.reduce(&state, .input(.key(.character("d"))))
        XCTAssertNil(state.overlay, "d is not a key of Versions: nothing is trashed from there")
    }

    func testAScreenDrawsOnlyInsideItsArea() {
        var state = Samples.state(rows: 30, columns: 100)
        let file = state.list.items[5]
        state.users = [7: "Очень длинное имя пользователя 名前 👨‍👩‍👧"]
        var list = VersionList(file: file)
        list.items = versions(of: file, count: 40)
        list.loading = false
        let screen = VersionsScreen(list: list)
        for area in [Area(top: 4, left: 10, height: 12, width: 50), Area(top: 0, left: 0, height: 3, width: 7), Area(top: 20, left: 95, height: 9, width: 5)] {
            let surface = MemorySurface(rows: 30, columns: 100)
            var context = ScreenContext(state)
            context.area = area
            screen.draw(into: surface, context)
            for row in 0..<30 {
                for column in 0..<100 where !(area.top..<area.top + area.height).contains(row) || !(area.left..<area.left + area.width).contains(column) {
                    XCTAssertNil(surface.style(row: row, column: column), "\(area): a cell at \(row),\(column) outside the area was written")
                }
            }
            XCTAssertTrue(surface.lines[area.top].contains("Ver"), "the title starts the area: \(surface.lines[area.top])")
        }
    }
}
