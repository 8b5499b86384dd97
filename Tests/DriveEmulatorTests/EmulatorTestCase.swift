import AmoFilesAPI
import DriveEmulator
import EmulatorTesting
import Foundation
import XCTest

/// Starts a fresh emulator per test and stops it afterwards.
class EmulatorTestCase: XCTestCase {
    func withEmulator(
        seed: DriveEmulatorSeed = .empty, flavor: DriveEmulatorFlavor = .amocrm, scopes: [String] = ["files", "files_delete"],
        maxPartSize: Int? = nil, customersMode: CustomersMode = .segments, faults: FaultInjection = FaultInjection(),
        _ body: (TestEmulator) async throws -> Void
    ) async throws {
        try await TestEmulator.start(
            seed: seed, flavor: flavor, scopes: scopes, customersMode: customersMode, maxPartSize: maxPartSize, faults: faults
        ).whileRunning(body)
    }

    func json(_ response: TransportResponse) throws -> [String: Any] {
        try XCTUnwrap(JSONSerialization.jsonObject(with: response.body) as? [String: Any], String(decoding: response.body, as: UTF8.self))
    }

    func assertAPIError(_ expected: APIError.Kind, file: StaticString = #filePath, line: UInt = #line, _ call: () async throws -> Void) async {
        do {
            try await call()
            XCTFail("expected \(expected)", file: file, line: line)
        } catch let error as APIError {
            XCTAssertEqual(error.kind, expected, error.description, file: file, line: line)
        } catch {
            XCTFail("unexpected \(error)", file: file, line: line)
        }
    }
}

typealias DriveEmulatorFlavor = EmulatorFlavor
typealias DriveEmulatorSeed = EmulatorOptions.Seed
