import AmoFilesAPI
import AmoFilesTasks
import DriveEmulator
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
            let seen = Collected<Int64>()
            let file = try await FileUpload(path: source.path).run(drive: emu.api.drive) { sent, total in seen.append(sent) }
            XCTAssertEqual(file.size, 50_000)
            XCTAssertEqual(seen.values.last, 50_000)
            XCTAssertEqual(seen.values.first, 0, "the starting point is reported first")
            XCTAssertEqual(seen.values.count, 14, "then one report per part")
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
        addTeardownBlock { await emu.stop() }
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
        try? FileManager.default.removeItem(at: folder)
    }
}


final class ResilientUploadTests: XCTestCase {
    func testTenUploadsSurviveRateLimitFailuresAndDroppedConnections() async throws {
        var faults = FaultInjection()
        faults.rateLimit = 5
        faults.failRate = 0.1
        faults.dropRate = 0.05
        let emu = try await TestEmulator.start(maxPartSize: 64 * 1024, faults: faults, pacer: Pacer(requestsPerSecond: 7))
        addTeardownBlock { await emu.stop() }
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("amofiles-faults-\(UUID().uuidString.prefix(8))")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let sizes = [0, 1, 65_535, 65_536, 65_537, 100_000, 150_000, 200_000, 131_072, 7]
        let paths = try sizes.enumerated().map { index, size -> String in
            let path = folder.appendingPathComponent("file-\(index).bin").path
            try Data(testBytes(size, seed: UInt64(100 + index))).write(to: URL(fileURLWithPath: path))
            return path
        }
        let drive = emu.api.drive
        let runner = TaskRunner(drive: drive, account: emu.api.account, transferSlots: 3)
        var ids: [TaskID] = []
        for path in paths { ids.append(await runner.submit(.upload(FileUpload(path: path)))) }
        for (index, id) in ids.enumerated() {
            let snapshot = await runner.finished(id)
            guard case .done(.file(let file)) = snapshot.state else { return XCTFail("upload \(index): \(snapshot.state)") }
            XCTAssertEqual(file.size, Int64(sizes[index]))
            let target = folder.appendingPathComponent("back-\(index).bin").path
            try await FileDownload(href: XCTUnwrap(file.links.download?.href), target: target, overwrite: false).run(drive: drive)
            XCTAssertEqual(try Data(contentsOf: URL(fileURLWithPath: target)), Data(testBytes(sizes[index], seed: UInt64(100 + index))), "file \(index)")
        }
        var all = FileFilter()
        all.extensions = ["bin"]
        let listed = try await drive.allFiles(all)
        XCTAssertEqual(listed.count, 10, "each file exactly once, even when an answer was lost")
    }

    func testAFileThatGrowsDuringTheUploadFailsAndLeavesNothing() async throws {
        let emu = try await TestEmulator.start(maxPartSize: 1000)
        addTeardownBlock { await emu.stop() }
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("amofiles-grow-\(UUID().uuidString.prefix(8)).bin").path
        defer { unlink(path) }
        try Data(testBytes(5000)).write(to: URL(fileURLWithPath: path))
        do {
            _ = try await FileUpload(path: path).run(drive: emu.api.drive) { sent, _ in
                if sent == 2000, let handle = FileHandle(forWritingAtPath: path) {
                    handle.seekToEndOfFile()
                    handle.write(Data("more".utf8))
                    try? handle.close()
                }
            }
            XCTFail("expected the upload to fail")
        } catch let failure as TaskFailure {
            XCTAssertTrue(failure.description.contains("changed during the upload"), failure.description)
        }
        let listed = try await emu.api.drive.listFiles().items
        XCTAssertEqual(listed.count, 0, "nothing half-written appears")
    }
}
