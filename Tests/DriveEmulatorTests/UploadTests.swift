import AmoFilesAPI
import EmulatorTesting
import Foundation
import XCTest

final class UploadTests: EmulatorTestCase {
    func testThreeMebibytesRoundTripInBothFlavors() async throws {
        for flavor in DriveEmulatorFlavor.allCases {
            try await withEmulator(flavor: flavor) { emu in
                let bytes = testBytes(3 * 1024 * 1024, seed: 7)
                let (file, parts) = try await emu.upload(bytes, name: "Договор.pdf")
                XCTAssertGreaterThanOrEqual(parts, 6, "\(flavor)")
                XCTAssertEqual(file.size, Int64(bytes.count))
                XCTAssertEqual(file.name, "Договор")
                XCTAssertEqual(file.metadata?.fileExtension, "pdf")
                XCTAssertEqual(file.type, .document)
                XCTAssertEqual(file.sanitizedName, "Dogovor")
                XCTAssertNotNil(file.sessionID)
                let back = DataBox()
                try await emu.api.drive.download(from: XCTUnwrap(file.links.download?.href)) { back.append($0) }
                XCTAssertEqual(back.data, Data(bytes), "\(flavor)")
            }
        }
    }

    func testKommoAnswersNonFinalPartsWith202AndUploadURLs() async throws {
        try await withEmulator(flavor: .kommo) { emu in
            let session = try await emu.api.drive.createUploadSession(UploadSessionRequest(fileName: "a.bin", fileSize: 200_000))
            XCTAssertEqual(session.maxPartSize, 131_072)
            XCTAssertTrue(session.uploadURL.hasPrefix(emu.drive + "/upload/"), session.uploadURL)
            let first = try await emu.raw("POST", session.uploadURL, body: Data(testBytes(131_072)), contentType: "application/octet-stream")
            XCTAssertEqual(first.status, 202)
            let next = try XCTUnwrap(try json(first)["next_url"] as? String)
            let last = try await emu.raw("POST", next, body: Data(testBytes(200_000 - 131_072)), contentType: "application/octet-stream")
            XCTAssertEqual(last.status, 200)
            XCTAssertEqual(try json(last)["size"] as? Int, 200_000)
        }
    }

    func testEmptyAndExactPartSizedFiles() async throws {
        try await withEmulator(maxPartSize: 1000) { emu in
            for size in [0, 1, 999, 1000, 1001, 3000] {
                let bytes = testBytes(size, seed: UInt64(size))
                let (file, parts) = try await emu.upload(bytes, name: "f\(size).bin")
                XCTAssertEqual(parts, max(1, (size + 999) / 1000), "size \(size)")
                let back = DataBox()
                try await emu.api.drive.download(from: XCTUnwrap(file.links.download?.href)) { back.append($0) }
                XCTAssertEqual(back.data, Data(bytes), "size \(size)")
            }
        }
    }

    func testBadUploadsAreRefusedWithReadableDetails() async throws {
        try await withEmulator(maxPartSize: 1000) { emu in
            let malformed = try await emu.raw("POST", emu.drive + "/v1.0/sessions", body: Data("{not json".utf8))
            XCTAssertEqual(malformed.status, 400)
            XCTAssertNotNil(try json(malformed)["detail"] as? String)

            await assertAPIError(.badRequest(details: ["file_size 314572801 exceeds max_file_size 314572800"])) {
                _ = try await emu.api.drive.createUploadSession(UploadSessionRequest(fileName: "big.bin", fileSize: 314_572_801))
            }

            let session = try await emu.api.drive.createUploadSession(UploadSessionRequest(fileName: "a.bin", fileSize: 1500))
            await assertAPIError(.badRequest(details: ["part exceeds max_part_size 1000"])) {
                _ = try await emu.api.drive.uploadPart(Data(testBytes(1001)), to: session.uploadURL, partNumber: 1)
            }
            guard case .next(let next) = try await emu.api.drive.uploadPart(Data(testBytes(1000)), to: session.uploadURL, partNumber: 1) else {
                return XCTFail("expected a next part")
            }
            await assertAPIError(.badRequest(details: ["part brings the upload to 1600 bytes, more than the declared file_size 1500"])) {
                _ = try await emu.api.drive.uploadPart(Data(testBytes(600)), to: next.nextURL, partNumber: 2)
            }
            await assertAPIError(.notFound) {
                _ = try await emu.api.drive.uploadPart(Data(testBytes(10)), to: emu.drive + "/v1.0/sessions/upload/unknown", partNumber: 1)
            }
            emu.emulator.clock.advance(by: 24 * 3600 + 1)
            await assertAPIError(.notFound) {
                _ = try await emu.api.drive.uploadPart(Data(testBytes(500)), to: next.nextURL, partNumber: 2)
            }
        }
    }

    func testLastAcceptedPartCanBeSentAgainAfterALostAnswer() async throws {
        try await withEmulator(maxPartSize: 1000) { emu in
            let bytes = testBytes(2500, seed: 3)
            let session = try await emu.api.drive.createUploadSession(UploadSessionRequest(fileName: "r.bin", fileSize: 2500))
            guard case .next(let second) = try await emu.api.drive.uploadPart(Data(bytes[0..<1000]), to: session.uploadURL, partNumber: 1) else {
                return XCTFail("expected a next part")
            }
            // The answer to part 1 "was lost": the client sends it again to the same URL.
            guard case .next(let again) = try await emu.api.drive.uploadPart(Data(bytes[0..<1000]), to: session.uploadURL, partNumber: 1) else {
                return XCTFail("expected a next part")
            }
            XCTAssertEqual(again.nextURL, second.nextURL)
            guard case .next(let third) = try await emu.api.drive.uploadPart(Data(bytes[1000..<2000]), to: second.nextURL, partNumber: 2) else {
                return XCTFail("expected a next part")
            }
            // A part older than the last one is refused.
            await assertAPIError(.notFound) {
                _ = try await emu.api.drive.uploadPart(Data(bytes[0..<1000]), to: session.uploadURL, partNumber: 1)
            }
            guard case .finished(let file) = try await emu.api.drive.uploadPart(Data(bytes[2000...]), to: third.nextURL, partNumber: 3) else {
                return XCTFail("expected the file")
            }
            // The final answer lost too: sending the last part again returns the same file, not a second one.
            guard case .finished(let same) = try await emu.api.drive.uploadPart(Data(bytes[2000...]), to: third.nextURL, partNumber: 3) else {
                return XCTFail("expected the file")
            }
            XCTAssertEqual(same.uuid, file.uuid)
            let listed = try await emu.api.drive.listFiles().items
            XCTAssertEqual(listed.count, 1)
            let back = DataBox()
            try await emu.api.drive.download(from: XCTUnwrap(file.links.download?.href)) { back.append($0) }
            XCTAssertEqual(back.data, Data(bytes))
        }
    }

    func testNewVersionBecomesActiveAndAnOlderOneCanBeActivatedAgain() async throws {
        try await withEmulator { emu in
            let (first, _) = try await emu.upload(testBytes(3000, seed: 1), name: "contract.docx")
            let (second, _) = try await emu.upload(testBytes(1234, seed: 2), name: "contract.docx", newVersionOf: first.uuid)
            XCTAssertEqual(second.uuid, first.uuid)
            XCTAssertNotEqual(second.versionUUID, first.versionUUID)
            XCTAssertTrue(second.hasMultipleVersions)
            let versions = try await emu.api.drive.versions(of: first.uuid)
            XCTAssertEqual(versions.map(\.uuid), [second.versionUUID, first.versionUUID], "newest first")
            XCTAssertEqual(versions.map(\.isMain), [true, false])
            let reactivated = try await emu.api.drive.activateVersion(first.versionUUID, of: first.uuid)
            XCTAssertEqual(reactivated.versionUUID, first.versionUUID)
            XCTAssertEqual(reactivated.size, 3000)
            let after = try await emu.api.drive.versions(of: first.uuid)
            XCTAssertEqual(after.map(\.isMain), [false, true])
            let back = DataBox()
            try await emu.api.drive.download(from: XCTUnwrap(reactivated.links.download?.href)) { back.append($0) }
            XCTAssertEqual(back.data, Data(testBytes(3000, seed: 1)))
            let old = DataBox()
            try await emu.api.drive.download(from: XCTUnwrap(versions[0].links.download?.href)) { old.append($0) }
            XCTAssertEqual(old.data, Data(testBytes(1234, seed: 2)), "any version can be downloaded")
        }
    }
}

