import AmoFilesAPI
@testable import AmoFilesTasks
import DriveEmulator
import EmulatorTesting
import Synchronization
import XCTest

/// The last page of a paged list in about 2·log₂(pages) requests, whatever the count,
/// and the same answer the emulator's own paging gives.
final class LastPageTests: XCTestCase {
    /// A list of `count` rows served `size` to a page; a full last page may or may not say more follow.
    private func find(count: Int, size: Int = 50, saysMoreWhenFull: Bool = false) async throws -> (page: Int, rows: [Int], probes: Int) {
        let probes = Mutex(0)
        let found = try await LastPage.find { page -> (rows: [Int], hasMore: Bool) in
            probes.withLock { $0 += 1 }
            let start = (page - 1) * size
            let rows = start < count ? Array(start..<min(count, start + size)) : []
            return (rows, start + size < count || (saysMoreWhenFull && rows.count == size))
        }
        return (found.page, found.rows, probes.withLock { $0 })
    }

    func testEveryCountFindsItsLastPageAndItsRows() async throws {
        for count in [0, 1, 49, 50, 51, 99, 100, 101, 149, 250, 1000, 1001, 4999, 5000, 5001] {
            for full in [false, true] {
                let found = try await find(count: count, saysMoreWhenFull: full)
                let expected = max(1, (count + 49) / 50)
                XCTAssertEqual(found.page, expected, "\(count) rows, full page says more: \(full)")
                XCTAssertEqual(found.rows.last, count == 0 ? nil : count - 1, "\(count)")
                XCTAssertEqual(found.rows.first, count == 0 ? nil : (expected - 1) * 50, "\(count)")
            }
        }
    }

    func testAHundredThousandRowsTakeFewerThanFortyRequests() async throws {
        let found = try await find(count: 100_000)
        XCTAssertEqual(found.page, 2000)
        XCTAssertEqual(found.rows.count, 50)
        // Doubling to 2048 is 12 requests, halving the gap about 10 more.
        XCTAssertLessThanOrEqual(found.probes, 2 * 11 + 2)
        let odd = try await find(count: 98_765)
        XCTAssertLessThan(odd.probes, 40)
    }

    func testTheEmulatorsLastPageIsWhatPagingToTheEndFinds() async throws {
        try await TestEmulator.start(seed: .demo).whileRunning { emu in
            let drive = emu.api.drive
            let all = try await drive.allFiles()
            for limit in [7, 50, 250] {
                let last = try await drive.lastPage(FileFilter(), limit: limit)
                XCTAssertEqual(last.page, (all.count + limit - 1) / limit, "limit \(limit)")
                XCTAssertEqual(last.files.map(\.uuid), Array(all.suffix(all.count - (last.page - 1) * limit)).map(\.uuid), "limit \(limit)")
            }
        }
    }

    func testAWholeListIsHadOnlyWhenItIsShortEnoughAndNoMorePagesAreAskedPast() async throws {
        try await TestEmulator.start(seed: .demo).whileRunning { emu in
            let drive = emu.api.drive
            let all = try await drive.allFiles()
            let whole = try await drive.allFiles(FileFilter(), pageSize: 50, atMost: all.count)
            XCTAssertEqual(whole?.map(\.uuid), all.map(\.uuid))
            let pages = Mutex(0)
            try await drive.eachPage(FileFilter(), pageSize: 50) { _ in
                pages.withLock { $0 += 1 }
                return pages.withLock { $0 } < 2
            }
            XCTAssertEqual(pages.withLock { $0 }, 2, "a body that says stop gets no more pages")
            let short = try await drive.allFiles(FileFilter(), pageSize: 50, atMost: all.count - 1)
            XCTAssertNil(short)
        }
    }
}
