import AmoFilesAPI
import DriveEmulator
import EmulatorTesting
import Foundation
import XCTest

final class FaultInjectionTests: EmulatorTestCase {
    private func withFaults(_ configure: (inout FaultInjection) -> Void, _ body: (TestEmulator) async throws -> Void) async throws {
        var faults = FaultInjection()
        configure(&faults)
        let emu = try await TestEmulator.start(faults: faults)
        do { try await body(emu) } catch {
            await emu.stop()
            throw error
        }
        await emu.stop()
    }

    func testLatencyIsAddedToEveryAnswer() async throws {
        try await withFaults({ $0.latencyMilliseconds = 150 }) { emu in
            let started = ContinuousClock.now
            _ = try await emu.api.drive.listFiles()
            XCTAssertGreaterThanOrEqual(ContinuousClock.now - started, .milliseconds(150))
        }
    }

    func testFailRateAnswers500WithoutHandlingTheRequest() async throws {
        try await withFaults({ $0.failRate = 1 }) { emu in
            await assertAPIError(.server(status: 500)) {
                _ = try await emu.api.drive.createUploadSession(UploadSessionRequest(fileName: "a", fileSize: 1))
            }
            let sessions = try await emu.raw("POST", emu.account + "/_emulator/clock?advance=0")
            XCTAssertEqual(sessions.status, 200, "the controls are never faulted")
        }
    }

    func testRateLimitAnswers429WithRetryAfter() async throws {
        try await withFaults({ $0.rateLimit = 3 }) { emu in
            var statuses: [Int] = []
            var retryAfter: String?
            for _ in 0..<8 {
                let response = try await emu.raw("GET", emu.drive + "/v1.0/files")
                statuses.append(response.status)
                if response.status == 429 { retryAfter = response.header("Retry-After") }
            }
            XCTAssertTrue(statuses.contains(429), "\(statuses)")
            XCTAssertTrue(statuses.contains(204), "\(statuses)")
            XCTAssertEqual(retryAfter, "1")
        }
    }

    func testDropRateClosesTheConnectionWithoutAnAnswer() async throws {
        try await withFaults({ $0.dropRate = 1 }) { emu in
            for _ in 0..<4 {
                await assertTransportFailure { _ = try await emu.api.drive.listFiles() }
            }
        }
    }

    func testRestartOnTheSameDataKeepsFilesSessionsAndPorts() async throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("amofiles-restart-\(UUID().uuidString.prefix(8))")
        // Teardown blocks run last first: the emulators stop, then their folder goes.
        addTeardownBlock { try? FileManager.default.removeItem(at: folder) }
        // The same ports again after a stop: on a loopback address of its own, nobody takes them meanwhile.
        let host = TestEmulator.privateLoopbackHost()
        let first = try await TestEmulator.start(maxPartSize: 1000, dataFolder: folder, token: "restart-token", host: host)
        addTeardownBlock { await first.emulator.stop() }
        let bytes = testBytes(2500, seed: 9)
        let session = try await first.api.drive.createUploadSession(UploadSessionRequest(fileName: "r.bin", fileSize: 2500))
        guard case .next(let next) = try await first.api.drive.uploadPart(Data(bytes[0..<1000]), to: session.uploadURL, partNumber: 1) else {
            return XCTFail("expected a next part")
        }
        let ports = (first.emulator.accountURL.port!, first.emulator.driveURL.port!)
        await first.emulator.stop()

        let second = try await TestEmulator.start(maxPartSize: 1000, dataFolder: folder, token: "restart-token", host: host, accountPort: ports.0, drivePort: ports.1)
        addTeardownBlock { await second.emulator.stop() }
        XCTAssertEqual(second.emulator.driveURL, first.emulator.driveURL)
        guard case .next(let third) = try await second.api.drive.uploadPart(Data(bytes[1000..<2000]), to: next.nextURL, partNumber: 2),
              case .finished(let file) = try await second.api.drive.uploadPart(Data(bytes[2000...]), to: third.nextURL, partNumber: 3) else {
            return XCTFail("the session did not survive the restart")
        }
        let back = DataBox()
        try await second.api.drive.download(from: XCTUnwrap(file.links.download?.href)) { back.append($0) }
        XCTAssertEqual(back.data, Data(bytes))
    }

    private func assertTransportFailure(file: StaticString = #filePath, line: UInt = #line, _ call: () async throws -> Void) async {
        do {
            try await call()
            XCTFail("expected a transport failure", file: file, line: line)
        } catch let error as APIError {
            guard case .transport = error.kind else { return XCTFail("got \(error)", file: file, line: line) }
        } catch {
            XCTFail("unexpected \(error)", file: file, line: line)
        }
    }
}
