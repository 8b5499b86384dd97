import AmoFilesAPI
import EmulatorTesting
import Foundation
import XCTest

/// Download links answer `Range` as a file host does: 206 with the bytes asked for,
/// 416 past the end, the whole file for what cannot be read.
final class RangeTests: EmulatorTestCase {
    private func header(_ response: TransportResponse, _ name: String) -> String? {
        response.headers.first { $0.0.lowercased() == name.lowercased() }?.1
    }

    func testOneSpanOfAnUploadedFileAnd416PastItsEnd() async throws {
        try await withEmulator { emu in
            let bytes = testBytes(1_000_000, seed: 3)
            let (file, _) = try await emu.upload(bytes, name: "big.txt")
            let link = try XCTUnwrap(file.links.download?.href)
            let cases: [(String, Range<Int>)] = [
                ("bytes=0-262143", 0..<262_144), ("bytes=999990-", 999_990..<1_000_000), ("bytes=-10", 999_990..<1_000_000),
                ("bytes=500000-2000000", 500_000..<1_000_000), ("bytes=7-7", 7..<8),
            ]
            for (range, expected) in cases {
                let response = try await emu.raw("GET", link, token: "", headers: [("Range", range)])
                XCTAssertEqual(response.status, 206, range)
                XCTAssertEqual(response.body, Data(bytes[expected]), range)
                XCTAssertEqual(header(response, "Content-Range"), "bytes \(expected.lowerBound)-\(expected.upperBound - 1)/1000000", range)
                XCTAssertEqual(header(response, "Content-Length"), String(expected.count), range)
            }
            let past = try await emu.raw("GET", link, token: "", headers: [("Range", "bytes=1000000-")])
            XCTAssertEqual(past.status, 416)
            XCTAssertEqual(header(past, "Content-Range"), "bytes */1000000")
            for ignored in ["bytes=0-1,5-9", "items=0-5", "bytes=9-2", "bytes=x-"] {
                let whole = try await emu.raw("GET", link, token: "", headers: [("Range", ignored)])
                XCTAssertEqual(whole.status, 200, ignored)
                XCTAssertEqual(whole.body.count, bytes.count, ignored)
            }
            let plain = try await emu.raw("GET", link, token: "")
            XCTAssertEqual(header(plain, "Accept-Ranges"), "bytes")
        }
    }

    func testASpanOfAGeneratedDemoFileIsThatPartOfTheWhole() async throws {
        try await withEmulator(seed: .demo) { emu in
            let listed = try await emu.api.drive.listFiles(limit: 10).items
            let file = try XCTUnwrap(listed.first { $0.size > 5_000 })
            let link = try XCTUnwrap(file.links.download?.href)
            let whole = try await emu.raw("GET", link, token: "")
            let part = try await emu.raw("GET", link, token: "", headers: [("Range", "bytes=1000-4999")])
            XCTAssertEqual(part.status, 206)
            XCTAssertEqual(part.body, whole.body.subdata(in: 1000..<5000))
        }
    }
}
