import AmoFilesAPI
@testable import AmoFilesTasks
import DriveEmulator
import EmulatorTesting
import Foundation
import XCTest

/// A set of files copied into one folder: names that would escape it or collide land
/// safely inside it, each once, and a copy already whole is found again.
final class DownloadSetTests: XCTestCase {
    func testALongNameKeepsItsExtensionWithinWhatAFileSystemTakes() {
        let long = String(repeating: "Очень длинное имя ", count: 20) + ".pdf"
        let safe = FileDownload.safeFileName(long)
        XCTAssertTrue(safe.hasSuffix(".pdf"), safe)
        XCTAssertLessThanOrEqual(safe.utf8.count, 200)
        XCTAssertEqual(FileDownload.safeFileName("Договор.pdf"), "Договор.pdf")
    }

    func testNamesThatEscapeOrCollideLandInsideTheFolderEachOnce() async throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("amofiles-set-\(UUID().uuidString.prefix(8))").path
        defer { try? FileManager.default.removeItem(atPath: folder) }
        try await TestEmulator.start().whileRunning { emu in
            var expected: [String: Data] = [:]
            for (index, name) in ["../x.txt", "a/b.txt", "dup.txt", "DUP.txt", "..", "\u{1b}[2Jclear.txt"].enumerated() {
                let bytes = testBytes(100 + index, seed: UInt64(index + 1))
                let file = try await emu.upload(bytes, name: name).file
                expected[file.uuid] = Data(bytes)
            }
            let files = try await emu.api.drive.allFiles()
            let items = DownloadSet.plan(files, in: folder)
            XCTAssertEqual(items.count, 6)
            XCTAssertEqual(Set(items.map(\.target)).count, 6, "no two land on the same name: \(items.map(\.target))")
            try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
            for item in items {
                let resolved = URL(fileURLWithPath: item.target).standardizedFileURL.deletingLastPathComponent().path
                XCTAssertEqual(resolved, URL(fileURLWithPath: folder).standardizedFileURL.path, "\(item.target) stays in the folder")
                try await FileDownload(href: item.href, target: item.target, overwrite: false).run(drive: emu.api.drive)
                XCTAssertEqual(try Data(contentsOf: URL(fileURLWithPath: item.target)), expected[item.file.uuid])
                XCTAssertTrue(DownloadSet.isComplete(item))
            }
            let collided = items.filter { $0.file.displayName.lowercased() == "dup.txt" }.map { ($0.target as NSString).lastPathComponent }
            XCTAssertEqual(collided.count, 2)
            XCTAssertTrue(collided.allSatisfy { $0.hasPrefix("dup [") || $0.hasPrefix("DUP [") }, "\(collided)")
            try Data("short".utf8).write(to: URL(fileURLWithPath: items[0].target))
            XCTAssertFalse(DownloadSet.isComplete(items[0]), "a copy of the wrong size is not whole")
        }
    }
}
