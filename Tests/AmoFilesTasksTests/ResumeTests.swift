import AmoFilesAPI
import AmoFilesTasks
import DriveEmulator
import EmulatorTesting
import Foundation
import Synchronization
import XCTest

/// Forwards to a real transport, records the URLs parts were posted to, and can run
/// an action (stopping the emulator) before a chosen part goes out.
final class RecordingTransport: HTTPTransport {
    let inner: AsyncHTTPTransport
    private let state = Mutex<(parts: [String], beforePart: [Int: @Sendable () async -> Void])>(([], [:]))

    init(_ inner: AsyncHTTPTransport) { self.inner = inner }

    var partURLs: [String] { state.withLock { $0.parts } }

    func before(part number: Int, _ action: @escaping @Sendable () async -> Void) {
        state.withLock { $0.beforePart[number] = action }
    }

    func send(_ request: TransportRequest) async throws -> TransportResponse {
        if request.url.path.contains("/sessions/upload/") || request.url.path.hasPrefix("/upload/") {
            let action = state.withLock { state -> (@Sendable () async -> Void)? in
                state.parts.append(request.url.absoluteString)
                return state.beforePart.removeValue(forKey: state.parts.count)
            }
            await action?()
        }
        return try await inner.send(request)
    }

    func stream(_ request: TransportRequest, consume: @Sendable (Data) async throws -> Void) async throws -> TransportResponse {
        try await inner.stream(request, consume: consume)
    }
}

final class ResumeTests: XCTestCase {
    private var scratch: URL!

    override func setUp() {
        scratch = FileManager.default.temporaryDirectory.appendingPathComponent("amofiles-resume-\(UUID().uuidString.prefix(8))")
        try? FileManager.default.createDirectory(at: scratch, withIntermediateDirectories: true)
    }

    override func tearDown() {
        try? FileManager.default.removeItem(at: scratch)
    }

    private func connect(_ emulator: Emulator, transport: any HTTPTransport) async throws -> AmoConnection {
        try await AmoConnection.connect(
            accountURL: emulator.accountURL, tokens: LongLivedToken(emulator.token), driveURL: emulator.driveURL,
            transport: transport, pacer: Pacer(requestsPerSecond: nil), retries: .quick)
    }

    func testResumesAtPartFourAfterTheEmulatorRestartsOnTheSameData() async throws {
        let data = scratch.appendingPathComponent("data")
        let journal = UploadJournal(folder: scratch.appendingPathComponent("journal"))
        let source = scratch.appendingPathComponent("ten-parts.bin")
        let bytes = Data(testBytes(10_000, seed: 21))
        try bytes.write(to: source)

        // The same ports again after a stop: on a loopback address of its own, nobody takes them meanwhile.
        let host = TestEmulator.privateLoopbackHost()
        let first = try await TestEmulator.start(maxPartSize: 1000, dataFolder: data, token: "resume-token", host: host)
        let ports = (first.emulator.accountURL.port!, first.emulator.driveURL.port!)
        let recording = RecordingTransport(first.transport)
        // The service stops while part 4 is on its way.
        recording.before(part: 4) { await first.emulator.stop() }
        let api = try await connect(first.emulator, transport: recording)
        do {
            _ = try await FileUpload(path: source.path, journal: journal).run(drive: api.drive)
            XCTFail("the upload cannot finish while the service is down")
        } catch let error as APIError {
            guard case .transport = error.kind else { return XCTFail("\(error)") }
        }
        let record = try XCTUnwrap(journal.records().first)
        XCTAssertEqual(record.accepted, 3000)
        XCTAssertEqual(record.partsAccepted, 3)

        let second = try await TestEmulator.start(maxPartSize: 1000, dataFolder: data, token: "resume-token", host: host, accountPort: ports.0, drivePort: ports.1)
        let again = RecordingTransport(second.transport)
        let resumedAPI = try await connect(second.emulator, transport: again)
        let file = try await FileUpload.resume(record, journal: journal).run(drive: resumedAPI.drive, resuming: record)
        XCTAssertEqual(file.size, 10_000)
        XCTAssertEqual(again.partURLs.count, 7, "parts 4 to 10, nothing sent twice")
        XCTAssertEqual(again.partURLs.first, recording.partURLs.last, "part 4 goes to the URL it was headed for")
        XCTAssertEqual(Set(recording.partURLs.dropLast() + again.partURLs).count, 10)
        XCTAssertTrue(journal.records().isEmpty, "a finished upload leaves no journal entry")
        let back = DataBox()
        try await resumedAPI.drive.download(from: XCTUnwrap(file.links.download?.href)) { back.append($0) }
        XCTAssertEqual(back.data, bytes)
        await second.emulator.stop(removingData: false)
    }

    func testAResumedUploadWhoseSessionIsGoneStartsOverAndSaysSo() async throws {
        let emu = try await TestEmulator.start(maxPartSize: 1000)
        addTeardownBlock { await emu.stop() }
        let journal = UploadJournal(folder: scratch.appendingPathComponent("journal"))
        let source = scratch.appendingPathComponent("gone.bin")
        let bytes = Data(testBytes(3500, seed: 4))
        try bytes.write(to: source)
        let (size, modified) = (Int64(3500), try XCTUnwrap((FileManager.default.attributesOfItem(atPath: source.path)[.modificationDate] as? Date)?.timeIntervalSince1970))
        let stale = UploadRecord(
            id: "stale", path: source.path, fileName: "gone.bin", newVersionOf: nil, size: size, modified: modified,
            driveURL: emu.drive, sessionID: 1, partSize: 1000, sessionExpiresAt: Date().timeIntervalSince1970 + 3600,
            accepted: 2000, nextURL: emu.drive + "/v1.0/sessions/upload/forgotten", partsAccepted: 2)
        try journal.save(stale)
        let notes = Collected<String>()
        let file = try await FileUpload.resume(stale, journal: journal).run(drive: emu.api.drive, resuming: stale, note: { notes.append($0) })
        XCTAssertTrue(notes.values.contains { $0.contains("starting over") }, "\(notes.values)")
        let back = DataBox()
        try await emu.api.drive.download(from: XCTUnwrap(file.links.download?.href)) { back.append($0) }
        XCTAssertEqual(back.data, bytes)
        XCTAssertTrue(journal.records().isEmpty)
    }

    func testAChangedSourceIsNotResumed() async throws {
        let emu = try await TestEmulator.start(maxPartSize: 1000)
        addTeardownBlock { await emu.stop() }
        let journal = UploadJournal(folder: scratch.appendingPathComponent("journal"))
        let source = scratch.appendingPathComponent("changed.bin")
        try Data(testBytes(3000)).write(to: source)
        let record = UploadRecord(
            id: "changed", path: source.path, fileName: "changed.bin", newVersionOf: nil, size: 2999, modified: 1,
            driveURL: emu.drive, sessionID: 1, partSize: 1000, sessionExpiresAt: Date().timeIntervalSince1970 + 3600,
            accepted: 1000, nextURL: emu.drive + "/v1.0/sessions/upload/x", partsAccepted: 1)
        try journal.save(record)
        do {
            _ = try await FileUpload.resume(record, journal: journal).run(drive: emu.api.drive, resuming: record)
            XCTFail("a changed file must not be resumed")
        } catch let failure as TaskFailure {
            XCTAssertTrue(failure.description.contains("changed since its upload began"), failure.description)
        }
        XCTAssertTrue(journal.records().isEmpty)
    }
}
