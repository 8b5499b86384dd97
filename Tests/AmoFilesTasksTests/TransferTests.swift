import AmoFilesAPI
import AmoFilesTasks
import EmulatorTesting
import Foundation
import XCTest

final class TransferTests: XCTestCase {
    func testDownloadTargetNamesAreMadeSafe() {
        XCTAssertEqual(FileDownload.safeFileName("../../etc/passwd"), "_.._etc_passwd")
        XCTAssertEqual(FileDownload.safeFileName("\u{1b}]0;x\u{07}name.pdf"), "_]0;x_name.pdf")
        XCTAssertEqual(FileDownload.safeFileName("invoice\u{202e}fdp.exe"), "invoice_fdp.exe")
        XCTAssertEqual(FileDownload.safeFileName("..."), "download")
        XCTAssertEqual(FileDownload.safeFileName("Договор.pdf"), "Договор.pdf")
    }

    func testUploadThenDownloadLeavesNoPartialFiles() async throws {
        let emu = try await TestEmulator.start(maxPartSize: 4096)
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("amofiles-tasks-\(UUID().uuidString.prefix(8))")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        do {
            let source = folder.appendingPathComponent("source.bin")
            let bytes = Data(testBytes(50_000, seed: 5))
            try bytes.write(to: source)
            let seen = ProgressLog()
            let file = try await FileUpload(path: source.path).run(drive: emu.api.drive) { sent, total in seen.add(sent, total) }
            XCTAssertEqual(file.size, 50_000)
            XCTAssertEqual(seen.values.last?.0, 50_000)
            XCTAssertEqual(seen.values.count, 13, "one report per part")
            let target = folder.appendingPathComponent("back.bin").path
            let written = try await FileDownload(href: XCTUnwrap(file.links.download?.href), target: target, overwrite: false).run(drive: emu.api.drive)
            XCTAssertEqual(written, 50_000)
            XCTAssertEqual(try Data(contentsOf: URL(fileURLWithPath: target)), bytes)
            let leftovers = try FileManager.default.contentsOfDirectory(atPath: folder.path).filter { $0.hasSuffix(".part") }
            XCTAssertEqual(leftovers, [])
            do {
                try await FileDownload(href: XCTUnwrap(file.links.download?.href), target: target, overwrite: false).run(drive: emu.api.drive)
                XCTFail("an existing file must not be overwritten")
            } catch TaskFailure.exists {}
        } catch {
            await emu.stop()
            throw error
        }
        await emu.stop()
        try? FileManager.default.removeItem(at: folder)
    }

    func testAFailedDownloadLeavesNothingBehind() async throws {
        let emu = try await TestEmulator.start()
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("amofiles-tasks-\(UUID().uuidString.prefix(8))")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let href = emu.drive + "/download/nope/nope/x.bin"
        do {
            try await FileDownload(href: href, target: folder.appendingPathComponent("x.bin").path, overwrite: false).run(drive: emu.api.drive)
            XCTFail("expected a 404")
        } catch let error as APIError {
            XCTAssertEqual(error.kind, .notFound)
        }
        XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: folder.path), [])
        await emu.stop()
        try? FileManager.default.removeItem(at: folder)
    }
}

final class ProgressLog: @unchecked Sendable {
    private let lock = NSLock()
    private var stored: [(Int64, Int64)] = []
    var values: [(Int64, Int64)] { lock.withLock { stored } }
    func add(_ sent: Int64, _ total: Int64) { lock.withLock { stored.append((sent, total)) } }
}
