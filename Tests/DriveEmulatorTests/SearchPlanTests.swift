@testable import DriveEmulator
import Foundation
import XCTest

/// A term is searched one of two ways (from the name matches when they are few, along
/// the date index when they are many); both must give the same pages.
final class SearchPlanTests: XCTestCase {
    func testBothPlansGiveTheSamePages() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("amofiles-plans-\(UUID().uuidString.prefix(8))")
        defer { try? FileManager.default.removeItem(at: folder) }
        let store = try DriveStore(folder: folder, clock: EmulatorClock(), limits: UploadLimits(maxPartSize: 524_288))
        try DemoSeed(store: store).plant(.demo, extraFiles: 300)
        var compared = 0
        for term in ["договор", "ОТЧЁТ", "ромашка", "pdf", "no-such-name", "10 1"] {
            for trash in [false, true] {
                for extensions in [[], ["pdf", "xlsx"]] {
                    var query = FileListQuery()
                    query.term = term
                    query.trash = trash
                    query.extensions = extensions
                    query.limit = 7
                    for page in 1...4 {
                        query.page = page
                        let fromMatches = try store.listFiles(query, fewMatches: .max)
                        let alongDates = try store.listFiles(query, fewMatches: 0)
                        XCTAssertEqual(fromMatches.files.map(\.uuid), alongDates.files.map(\.uuid), "\(term), trash \(trash), \(extensions), page \(page)")
                        XCTAssertEqual(fromMatches.hasMore, alongDates.hasMore)
                        compared += fromMatches.files.count
                    }
                }
            }
        }
        XCTAssertGreaterThan(compared, 100, "the terms match enough files to compare")
    }
}
