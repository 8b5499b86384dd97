import AmoFilesAPI
@testable import AmoFilesTasks
import DriveEmulator
import EmulatorTesting
import Foundation
import XCTest

/// A version's bytes for the terminal: only what is needed, once.
final class VersionBytesTests: XCTestCase {
    private var cacheFolder: String!

    override func setUp() {
        cacheFolder = NSTemporaryDirectory() + "amofiles-cache-\(UUID().uuidString.prefix(8))"
    }

    override func tearDown() {
        try? FileManager.default.removeItem(atPath: cacheFolder)
    }

    private func version(of file: DriveFile, _ emu: TestEmulator) async throws -> VersionSource {
        let versions = try await emu.api.drive.versions(of: file.uuid)
        return VersionSource(version: try XCTUnwrap(versions.first))
    }

    func testTheFirstBytesAreAskedForWithRangeAndASecondReadAsksNothing() async throws {
        let emulator = try await TestEmulator.start()
        addTeardownBlock { await emulator.stop() }
        let bytes = testBytes(3 * 1024 * 1024, seed: 5)
        let (file, _) = try await emulator.upload(bytes, name: "big.log")
        let version = try await version(of: file, emulator)
        let cache = VersionCache(folder: cacheFolder)
        let before = emulator.emulator.downloads.sent

        let head = try await VersionBytes.fetch(version, first: 256 * 1024, drive: emulator.api.drive, cache: cache)
        XCTAssertEqual(head.data, Data(bytes.prefix(256 * 1024)))
        XCTAssertFalse(head.whole)
        let after = emulator.emulator.downloads.sent
        XCTAssertEqual(after.answers - before.answers, 1)
        XCTAssertEqual(after.bytes - before.bytes, 256 * 1024, "only the span asked for was sent")

        let again = try await VersionBytes.fetch(version, first: 100_000, drive: emulator.api.drive, cache: cache)
        XCTAssertEqual(again.data, Data(bytes.prefix(100_000)))
        XCTAssertEqual(emulator.emulator.downloads.sent.answers, after.answers, "the cache answered")

        let whole = try await VersionBytes.fetch(version, first: nil, drive: emulator.api.drive, cache: cache)
        XCTAssertEqual(whole.data, Data(bytes))
        XCTAssertTrue(whole.whole)
        let small = try await VersionBytes.fetch(version, first: 10, drive: emulator.api.drive, cache: cache)
        XCTAssertEqual(small.data, Data(bytes.prefix(10)))
        XCTAssertEqual(emulator.emulator.downloads.sent.answers, after.answers + 1, "the whole, once; then from the cache")
        let mode = try FileManager.default.attributesOfItem(atPath: cacheFolder + "/" + version.uuid)[.posixPermissions] as? Int
        XCTAssertEqual(mode, 0o600, "only the owner reads the account's files")
    }

    func testAHostThatIgnoresRangeIsCutOffAfterTheBytesWanted() async throws {
        var faults = FaultInjection()
        faults.ignoresRange = true
        let emulator = try await TestEmulator.start(faults: faults)
        addTeardownBlock { await emulator.stop() }
        let bytes = testBytes(24 * 1024 * 1024, seed: 6)
        let (file, _) = try await emulator.upload(bytes, name: "big.txt")
        let href = try XCTUnwrap(file.links.download?.href)
        let before = emulator.emulator.downloads.sent.bytes
        let head = try await emulator.api.drive.firstBytes(of: href, limit: 1000)
        XCTAssertEqual(head, Data(bytes.prefix(1000)))
        // Read to its end, the whole file would have been sent before the call returned;
        // cut, the host got only as far as the connection's buffers took it.
        let sent = emulator.emulator.downloads.sent.bytes - before
        XCTAssertLessThan(sent, 16 * 1024 * 1024, "the transfer was cut, not read to its end")
    }

    func testAnEmptyFileHasNoFirstBytes() async throws {
        let emulator = try await TestEmulator.start()
        addTeardownBlock { await emulator.stop() }
        let (file, _) = try await emulator.upload([], name: "empty.txt")
        let href = try XCTUnwrap(file.links.download?.href)
        let head = try await emulator.api.drive.firstBytes(of: href, limit: 1000)
        XCTAssertEqual(head, Data())
    }

    func testTheLeastRecentlyUsedGoFirstPastTheLimit() throws {
        let cache = VersionCache(folder: cacheFolder, limit: 2_500)
        let versions = (1...3).map { VersionSource(uuid: "v\($0)", name: "a", fileExtension: nil, size: 1_000, href: nil) }
        cache.keep(Data(repeating: 1, count: 1_000), of: versions[0])
        cache.keep(Data(repeating: 2, count: 1_000), of: versions[1])
        // v1 read after v2 was kept: v2 is now the least recently used.
        let past = Date(timeIntervalSinceNow: -60)
        try FileManager.default.setAttributes([.modificationDate: past], ofItemAtPath: cacheFolder + "/v2")
        try FileManager.default.setAttributes([.modificationDate: past.addingTimeInterval(-60)], ofItemAtPath: cacheFolder + "/v1")
        XCTAssertNotNil(cache.bytes(of: versions[0]))
        cache.keep(Data(repeating: 3, count: 1_000), of: versions[2])
        XCTAssertNil(cache.bytes(of: versions[1]), "the least recently used went")
        XCTAssertEqual(cache.bytes(of: versions[0]), Data(repeating: 1, count: 1_000))
        XCTAssertEqual(cache.bytes(of: versions[2]), Data(repeating: 3, count: 1_000))
        var hostile = versions[0]
        hostile.uuid = "../escape"
        cache.keep(Data([1]), of: hostile)
        XCTAssertFalse(FileManager.default.fileExists(atPath: cacheFolder + "/../escape"), "a uuid never names a path")
    }
}
