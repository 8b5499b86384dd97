import AmoFilesAPI
import AmoFilesTasks
import DriveEmulator
import EmulatorTesting
import Foundation
import XCTest

final class TaskRunnerTests: XCTestCase {
    private var scratch: URL!

    override func setUpWithError() throws {
        scratch = FileManager.default.temporaryDirectory.appendingPathComponent("amofiles-runner-\(UUID().uuidString.prefix(8))")
        try FileManager.default.createDirectory(at: scratch, withIntermediateDirectories: true)
    }

    override func tearDownWithError() throws {
        try? FileManager.default.removeItem(at: scratch)
    }

    func testTwentyFilesThroughThePoolComeBackWithTheSameSHA256InBothFlavors() async throws {
        for flavor in [EmulatorFlavor.amocrm, .kommo] {
            // amoCRM parts are made small here so that 5 MiB takes many; Kommo's are fixed at 128 KiB.
            let emu = try await TestEmulator.start(flavor: flavor, maxPartSize: flavor == .amocrm ? 256 * 1024 : nil)
            addTeardownBlock { await emu.stop() }
            let partSize = try await emu.api.drive.createUploadSession(UploadSessionRequest(fileName: "probe", fileSize: 10)).maxPartSize
            let pattern = [0, 1, partSize - 1, partSize, partSize + 1, 5 * 1024 * 1024]
            let sizes = (0..<20).map { pattern[($0 * 7) % pattern.count] }
            let folder = scratch.appendingPathComponent(flavor.rawValue)
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
            let sources = try sizes.enumerated().map { index, size -> URL in
                let url = folder.appendingPathComponent("source-\(index).bin")
                try Data(testBytes(size, seed: UInt64(500 + index))).write(to: url)
                return url
            }
            let runner = TaskRunner(drive: emu.api.drive, account: emu.api.account, transferSlots: 3)
            let events = await runner.events()
            let watcher = Task { try await withDeadline(120, "twenty uploads to end") { await mostRunningAtOnce(events, tasks: 20) } }
            var ids: [TaskID] = []
            for source in sources { ids.append(await runner.submit(.upload(FileUpload(path: source.path)))) }
            var files: [DriveFile] = []
            for id in ids {
                let snapshot = await runner.finished(id)
                guard case .done(.file(let file)) = snapshot.state else { return XCTFail("\(flavor) upload \(id): \(snapshot.state)") }
                files.append(file)
            }
            let peak = try await watcher.value
            XCTAssertEqual(peak, 3, "\(flavor): the pool runs three transfers at a time")

            for (index, file) in files.enumerated() {
                XCTAssertEqual(file.size, Int64(sizes[index]))
                let back = folder.appendingPathComponent("back-\(index).bin").path
                let download = FileDownload(href: try XCTUnwrap(file.links.download?.href), target: back, overwrite: false)
                let snapshot = await runner.run(.download(download, name: file.displayName, size: file.size))
                guard case .done(.downloaded(_, let bytes)) = snapshot.state else { return XCTFail("download \(index): \(snapshot.state)") }
                XCTAssertEqual(bytes, Int64(sizes[index]))
                XCTAssertEqual(try sha256(back), try sha256(sources[index].path), "\(flavor) file \(index) of \(sizes[index]) bytes")
            }
        }
    }

    func testEventsGoFromQueuedThroughProgressToDone() async throws {
        let emu = try await TestEmulator.start(maxPartSize: 1000)
        addTeardownBlock { await emu.stop() }
        let source = scratch.appendingPathComponent("events.bin")
        try Data(testBytes(5500)).write(to: source)
        let runner = TaskRunner(drive: emu.api.drive, account: emu.api.account)
        let events = await runner.events()
        let id = await runner.submit(.upload(FileUpload(path: source.path)))
        let (seen, progress) = try await withDeadline(60, "the upload's events to its end") {
            var seen: [String] = []
            var progress: [Int64] = []
            for await snapshot in events where snapshot.id == id {
                switch snapshot.state {
                case .queued: seen.append("queued")
                case .running:
                    if seen.last != "running" { seen.append("running") }
                    if let done = snapshot.progress?.done { progress.append(done) }
                case .done: seen.append("done")
                case .failed(let error): seen.append("failed: \(error)")
                case .cancelled: seen.append("cancelled")
                }
                if snapshot.state.isFinished { break }
            }
            return (seen, progress)
        }
        XCTAssertEqual(seen, ["queued", "running", "done"])
        XCTAssertEqual(progress.first, 0)
        XCTAssertEqual(progress, progress.sorted(), "progress only grows")
        let final = await runner.snapshot(id)
        XCTAssertEqual(final?.progress?.done, 5500)
        XCTAssertEqual(final?.title, "upload events.bin")
    }

    func testAFailedEditSaysWhatStaysAsItWas() async throws {
        let emu = try await TestEmulator.start(seed: .demo)
        addTeardownBlock { await emu.stop() }
        let runner = TaskRunner(drive: emu.api.drive, account: emu.api.account)
        let file = try await emu.api.drive.listFiles(limit: 1).items[0]

        let renamed = await runner.run(.rename(uuid: file.uuid, from: file.name, to: "переименован"))
        guard case .done(.file(let after)) = renamed.state else { return XCTFail("\(renamed.state)") }
        XCTAssertEqual(after.name, "переименован")

        let missing = await runner.run(.rename(uuid: "00000000-0000-0000-0000-000000000000", from: "старое имя", to: "x"))
        guard case .failed(let error) = missing.state else { return XCTFail("\(missing.state)") }
        XCTAssertTrue(error.message.contains("keeps the name “старое имя”"), error.message)
        XCTAssertEqual((error.underlying as? APIError)?.kind, .notFound)

        let attach = await runner.run(.attach([file.uuid], to: LinkTarget(entity: .leads, id: 1)))
        guard case .failed(let attachError) = attach.state else { return XCTFail("\(attach.state)") }
        XCTAssertTrue(attachError.message.hasSuffix("nothing was attached"), attachError.message)

        _ = try await runner.outcome(of: .delete([file.uuid]))
        let restored = try await runner.outcome(of: .restore([file.uuid]))
        guard case .edited(let back, let unchanged) = restored else { return XCTFail("\(restored)") }
        XCTAssertEqual(back.map(\.uuid), [file.uuid])
        XCTAssertEqual(unchanged, [])
        let again = try await runner.outcome(of: .restore([file.uuid]))
        guard case .edited(let none, let already) = again else { return XCTFail("\(again)") }
        XCTAssertEqual(none.map(\.uuid), [], "nothing sent for a file that is not in the trash")
        XCTAssertEqual(already, [file.uuid])
    }

    func testCancelStopsQueuedAndRunningUploadsAndLeavesNothing() async throws {
        var faults = FaultInjection()
        faults.latencyMilliseconds = 100
        let emu = try await TestEmulator.start(maxPartSize: 1000, faults: faults)
        addTeardownBlock { await emu.stop() }
        let journal = UploadJournal(folder: scratch.appendingPathComponent("journal"))
        let source = scratch.appendingPathComponent("cancel.bin")
        try Data(testBytes(30_000)).write(to: source)
        let runner = TaskRunner(drive: emu.api.drive, account: emu.api.account, transferSlots: 1)
        let events = await runner.events()
        let first = await runner.submit(.upload(FileUpload(path: source.path, journal: journal)))
        let second = await runner.submit(.upload(FileUpload(path: source.path, journal: journal)))
        // Every state the second task passes through, until it ends.
        let secondStates = Task {
            try await withDeadline(60, "the second task's end") {
                var states: [String] = []
                for await snapshot in events where snapshot.id == second {
                    states.append("\(snapshot.state)")
                    if snapshot.state.isFinished { break }
                }
                return states
            }
        }
        try await waitUntil(60, "2000 bytes of the first upload") { (await runner.snapshot(first)?.progress?.done ?? 0) >= 2000 }
        guard case .queued = await runner.snapshot(second)?.state else { return XCTFail("one slot: the second waits") }
        await runner.cancelAll()
        for id in [first, second] {
            guard case .cancelled = await runner.finished(id).state else { return XCTFail("task \(id) was not cancelled") }
        }
        let states = try await secondStates.value
        XCTAssertEqual(states.first, "queued")
        XCTAssertEqual(states.last, "cancelled")
        XCTAssertFalse(states.contains("running"), "the queued upload never started: \(states)")
        XCTAssertTrue(journal.records().isEmpty, "no journal entry")
        let listed = try await emu.api.drive.listFiles().items
        XCTAssertTrue(listed.isEmpty, "no file in the drive")
    }

    func testAnUploadWaitingForASlotIsInTheJournalAndAnotherProcessCanFinishIt() async throws {
        var faults = FaultInjection()
        faults.latencyMilliseconds = 100
        let emu = try await TestEmulator.start(maxPartSize: 1000, faults: faults)
        addTeardownBlock { await emu.stop() }
        let journal = UploadJournal(folder: scratch.appendingPathComponent("journal"))
        let (running, waiting) = (scratch.appendingPathComponent("running.bin"), scratch.appendingPathComponent("waiting.bin"))
        try Data(testBytes(30_000, seed: 1)).write(to: running)
        let bytes = Data(testBytes(2500, seed: 2))
        try bytes.write(to: waiting)
        let runner = TaskRunner(drive: emu.api.drive, account: emu.api.account, transferSlots: 1)
        let first = await runner.submit(.upload(FileUpload(path: running.path, journal: journal)))
        let second = await runner.submit(.upload(FileUpload(path: waiting.path, journal: journal)))
        guard case .queued = await runner.snapshot(second)?.state else { return XCTFail("one slot: the second waits") }
        // What a quit or a dropped connection leaves now: both, the waiting one with no session yet.
        let reserved = try XCTUnwrap(journal.records().first { $0.path == waiting.path })
        XCTAssertFalse(reserved.hasSession)
        XCTAssertEqual(reserved.size, 2500)
        XCTAssertEqual(reserved.driveURL, emu.drive)

        // The next process finishes it from the record alone.
        let other = TaskRunner(drive: emu.api.drive, account: emu.api.account)
        let outcome = try await other.outcome(of: .upload(.resume(reserved, journal: journal), resuming: reserved))
        guard case .file(let file) = outcome else { return XCTFail("\(outcome)") }
        let back = DataBox()
        try await emu.api.drive.download(from: XCTUnwrap(file.links.download?.href)) { back.append($0) }
        XCTAssertEqual(back.data, bytes)
        XCTAssertFalse(journal.records().contains { $0.path == waiting.path }, "a finished upload leaves the journal")

        // Cancelled while it waits, an upload leaves the journal too.
        await runner.cancel(second)
        await runner.cancel(first)
        _ = await runner.finished(first)
        XCTAssertTrue(journal.records().isEmpty, "\(journal.records().map(\.path))")
    }

}

/// The most transfers seen running at the same time, until `tasks` have finished.
private func mostRunningAtOnce(_ events: AsyncStream<TaskSnapshot>, tasks: Int) async -> Int {
        var running: Set<TaskID> = []
        var finished = 0
        var peak = 0
        for await snapshot in events {
            switch snapshot.state {
            case .running: running.insert(snapshot.id)
            case .queued: break
            default:
                running.remove(snapshot.id)
                finished += 1
            }
            peak = max(peak, running.count)
            if finished >= tasks { break }
        }
    return peak
}

/// SHA-256 of a file, by the system's sha256sum.
private func sha256(_ path: String) throws -> String {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: "/usr/bin/sha256sum")
    process.arguments = [path]
    let out = Pipe()
    process.standardOutput = out
    try process.run()
    let data = out.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    return String(decoding: data, as: UTF8.self).split(separator: " ").first.map(String.init) ?? ""
}
