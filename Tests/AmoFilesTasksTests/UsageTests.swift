import AmoFilesAPI
@testable import AmoFilesTasks
import DriveEmulator
import EmulatorTesting
import Foundation
import XCTest

/// The account's space: the drive's stats count every version out of the trash, and a
/// walk totals what the listing shows, by every grouping.
final class UsageTests: XCTestCase {
    private func withEmulator(seed: EmulatorOptions.Seed = .empty, _ body: (TestEmulator) async throws -> Void) async throws {
        try await TestEmulator.start(seed: seed).whileRunning(body)
    }

    func testStatsCountEveryVersionAndTrashedFilesStopCountingAtOnce() async throws {
        try await withEmulator { emu in
            let drive = emu.api.drive
            let first = try await emu.upload(testBytes(1000), name: "a.pdf").file
            _ = try await emu.upload(testBytes(300, seed: 2), name: "a.pdf", newVersionOf: first.uuid)
            let other = try await emu.upload(testBytes(500, seed: 3), name: "b.txt").file
            let before = try await drive.stats()
            XCTAssertEqual(before?.used, 1800, "both versions of a.pdf and b.txt")
            XCTAssertEqual(before?.limit, 10_000_000_000)
            try await drive.delete([other.uuid])
            let after = try await drive.stats()
            XCTAssertEqual(after?.used, 1300)

            let totals = try await drive.walkUsage()
            XCTAssertEqual(totals.files, 1)
            XCTAssertEqual(totals.bytes, 300, "the listing's size is the active version's")
            XCTAssertEqual(totals.groups(by: .ext), [UsageGroup(key: "pdf", files: 1, bytes: 300)])
            let trash = try await drive.walkUsage(trash: true)
            XCTAssertEqual(trash.groups(by: .type).map(\.bytes), [500])
        }
    }

    func testAWalkOfTheDemoEqualsWhatTheListingSumsTo() async throws {
        try await withEmulator(seed: .demo) { emu in
            let files = try await emu.api.drive.allFiles()
            let totals = try await emu.api.drive.walkUsage()
            XCTAssertEqual(totals.files, files.count)
            XCTAssertEqual(totals.bytes, files.reduce(0) { $0 + $1.size })
            for grouping in UsageGrouping.allCases {
                let groups = totals.groups(by: grouping)
                XCTAssertEqual(groups.reduce(0) { $0 + $1.bytes }, totals.bytes, "\(grouping)")
                XCTAssertEqual(groups.map(\.bytes), groups.map(\.bytes).sorted(by: >), "\(grouping): the biggest first")
            }
            let pdf = try XCTUnwrap(totals.groups(by: .ext).first { $0.key == "pdf" })
            XCTAssertEqual(pdf.bytes, files.filter { $0.metadata?.fileExtension == "pdf" }.reduce(0) { $0 + $1.size })
        }
    }

    func testEachGroupsFilterListsExactlyItsFilesAndAWholeWalkIsKeptPerAccount() async throws {
        try await withEmulator(seed: .demo) { emu in
            let drive = emu.api.drive
            let walk = try await drive.walkWholeUsage { _, _ in }
            var listed = 0
            for grouping in UsageGrouping.allCases {
                for group in walk.files.groups(by: grouping) {
                    guard let filter = grouping.filter(for: group.key, in: walk.files) else {
                        XCTAssertTrue(group.key.isEmpty || grouping == .type, "\(grouping) \(group.key) has a filter")
                        continue
                    }
                    // Clients are filtered as one: a client's filter lists every client's files.
                    if group.key.hasPrefix("contact:") { continue }
                    let files = try await drive.allFiles(filter)
                    XCTAssertEqual(files.count, group.files, "\(grouping) \(group.key)")
                    XCTAssertEqual(files.reduce(0) { $0 + $1.size }, group.bytes, "\(grouping) \(group.key)")
                    listed += 1
                }
            }
            XCTAssertGreaterThan(listed, 20)
            var trash = FileFilter()
            trash.deleted = true
            let trashed = try await drive.allFiles(trash)
            XCTAssertEqual(walk.trash.files, trashed.count)
            XCTAssertNotNil(walk.stats)

            let folder = FileManager.default.temporaryDirectory.appendingPathComponent(UUID().uuidString).path
            defer { try? FileManager.default.removeItem(atPath: folder) }
            UsageWalks(account: "https://a.amocrm.ru", folder: folder).save(walk)
            XCTAssertEqual(UsageWalks(account: "https://a.amocrm.ru", folder: folder).last, walk)
            XCTAssertNil(UsageWalks(account: "https://b.amocrm.ru", folder: folder).last)
        }
    }
}
