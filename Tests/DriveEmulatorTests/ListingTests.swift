import AmoFilesAPI
import EmulatorTesting
import Foundation
import XCTest

final class ListingTests: EmulatorTestCase {
    func testPagesFollowNextLinksUntilTheLastAndEmptyIs204() async throws {
        try await withEmulator { emu in
            let empty = try await emu.raw("GET", emu.drive + "/v1.0/files")
            XCTAssertEqual(empty.status, 204)
            XCTAssertTrue(empty.body.isEmpty)
            for index in 0..<7 { _ = try await emu.upload(testBytes(10 + index), name: "file \(index).txt") }
            var filter = FileFilter()
            filter.extensions = ["txt"]
            let first = try await emu.api.drive.listFiles(filter, limit: 3)
            XCTAssertEqual(first.count, 3)
            let next = try XCTUnwrap(first.nextHref)
            XCTAssertTrue(next.contains("filter%5Bextensions%5D%5B%5D=txt"), next)
            XCTAssertTrue(next.contains("page=2"), next)
            let second = try await XCTUnwrapAsync(try await emu.api.drive.nextPage(of: first))
            let third = try await XCTUnwrapAsync(try await emu.api.drive.nextPage(of: second))
            XCTAssertEqual(third.items.count, 1)
            XCTAssertNil(third.nextHref)
            let all = first.items + second.items + third.items
            XCTAssertEqual(Set(all.map(\.uuid)).count, 7, "no file twice across pages")
            XCTAssertEqual(all.map(\.name), (0..<7).reversed().map { "file \($0)" }, "newest first")
            let beyond = try await emu.raw("GET", emu.drive + "/v1.0/files?limit=3&page=4")
            XCTAssertEqual(beyond.status, 204)
            let tooMany = try await emu.raw("GET", emu.drive + "/v1.0/files?limit=251")
            XCTAssertEqual(tooMany.status, 400)
        }
    }

    func testEveryFilter() async throws {
        try await withEmulator(seed: .empty) { emu in
            // The emulator's clock at the next 12:00 UTC (15:00 in the account's Moscow): the
            // uploads and the `.day` query below cannot fall on two sides of a midnight.
            let real = emu.emulator.clock.now()
            emu.emulator.clock.advance(by: (86_400 + 43_200 - real % 86_400) % 86_400)
            let contract = try await emu.upload(testBytes(2_500_000), name: "Договор поставки.pdf").file
            let photo = try await emu.upload(testBytes(300_000), name: "photo.JPG").file
            let notes = try await emu.upload(testBytes(500), name: "契約書 notes.txt").file
            let drive = emu.api.drive
            func names(_ configure: (inout FileFilter) -> Void) async throws -> Set<String> {
                var filter = FileFilter()
                configure(&filter)
                return Set(try await drive.listFiles(filter).items.map(\.uuid))
            }
            var result = try await names { $0.term = "ДОГОВОР" }
            XCTAssertEqual(result, [contract.uuid], "term is case-insensitive in Cyrillic")
            result = try await names { $0.term = "契約" }
            XCTAssertEqual(result, [notes.uuid])
            result = try await names { $0.extensions = ["pdf", "jpg"] }
            XCTAssertEqual(result, [contract.uuid, photo.uuid])
            result = try await names { $0.size = .init(unit: 1_000_000, from: 1) }
            XCTAssertEqual(result, [contract.uuid], "size with a unit")
            result = try await names { $0.size = .init(from: 400, to: 300_000) }
            XCTAssertEqual(result, [photo.uuid, notes.uuid])
            result = try await names { $0.name = "photo" }
            XCTAssertEqual(result, [photo.uuid])
            result = try await names { $0.uuids = [notes.uuid, contract.uuid] }
            XCTAssertEqual(result, [notes.uuid, contract.uuid])
            result = try await names { $0.createdBy = [7_758_337] }
            XCTAssertEqual(result.count, 3)
            result = try await names { $0.createdBy = [-1, 0] }
            XCTAssertEqual(result, [])
            result = try await names { $0.updatedBy = [2_647_957] }
            XCTAssertEqual(result, [])
            result = try await names { $0.sourceID = 5 }
            XCTAssertEqual(result, [])
            result = try await names { $0.date = .init(field: .createdAt, preset: .day) }
            XCTAssertEqual(result.count, 3)
            result = try await names { $0.date = .init(field: .updatedAt, preset: .previousMonth) }
            XCTAssertEqual(result, [])
            let now = emu.emulator.clock.now()
            result = try await names { $0.date = .init(field: .createdAt, from: now - 3600, to: now + 3600) }
            XCTAssertEqual(result.count, 3)
            result = try await names { $0.date = .init(field: .createdAt, to: now - 3600) }
            XCTAssertEqual(result, [])

            // A linked entity's name matches the term too.
            try await emu.api.account.attach([photo.uuid], to: .leads, id: 22_859_101)
            result = try await names { $0.term = "ромашка" }
            XCTAssertEqual(result, [photo.uuid])

            // The name index follows renames; quotes in a term are searched for, not parsed.
            _ = try await drive.rename(notes.uuid, to: "Протокол \"встречи\"")
            result = try await names { $0.term = "протокол \"вст" }
            XCTAssertEqual(result, [notes.uuid])
            result = try await names { $0.term = "notes" }
            XCTAssertEqual(result, [])

            let badPreset = try await emu.raw("GET", emu.drive + "/v1.0/files?filter%5Bdate%5D%5Bdate_preset%5D=someday")
            XCTAssertEqual(badPreset.status, 400)
            XCTAssertTrue((try json(badPreset)["detail"] as? String ?? "").contains("someday"))
            let badSize = try await emu.raw("GET", emu.drive + "/v1.0/files?filter%5Bsize%5D%5Bfrom%5D=big")
            XCTAssertEqual(badSize.status, 400)
        }
    }

    func testTrashRestoreAndPurgeAfterThirtyDays() async throws {
        try await withEmulator { emu in
            let keep = try await emu.upload(testBytes(100), name: "keep.txt").file
            let gone = try await emu.upload(testBytes(100), name: "gone.txt").file
            try await emu.api.drive.delete([keep.uuid, gone.uuid])
            var trash = FileFilter()
            trash.deleted = true
            let trashed = try await emu.api.drive.listFiles(trash).items
            XCTAssertEqual(Set(trashed.map(\.uuid)), [keep.uuid, gone.uuid])
            XCTAssertTrue(trashed.allSatisfy { $0.isTrashed && $0.deletedAt != nil && $0.deletedBy == .user(7_758_337) })
            let active = try await emu.api.drive.listFiles().items
            XCTAssertTrue(active.isEmpty)
            let download = try await emu.raw("GET", try XCTUnwrap(keep.links.download?.href), token: "")
            XCTAssertEqual(download.status, 404, "a trashed file's link answers 404")

            let restored = try await emu.api.drive.restore([keep.uuid])
            XCTAssertEqual(restored.map(\.uuid), [keep.uuid])
            XCTAssertFalse(restored[0].isTrashed)

            emu.emulator.clock.advance(by: 29 * 86_400)
            let stillThere = try await emu.api.drive.file(gone.uuid)
            XCTAssertTrue(stillThere.isTrashed)
            emu.emulator.clock.advance(by: 86_400 + 1)
            await assertAPIError(.notFound) { _ = try await emu.api.drive.file(gone.uuid) }
            let remaining = try await emu.api.drive.listFiles().items
            XCTAssertEqual(remaining.map(\.uuid), [keep.uuid])
            await assertAPIError(.badRequest(details: ["file \(gone.uuid) not found in the trash"])) {
                _ = try await emu.api.drive.restore([gone.uuid])
            }
        }
    }

    func testDocumentedErrorStatuses() async throws {
        try await withEmulator { emu in
            let file = try await emu.upload(testBytes(10), name: "a.txt").file
            await assertAPIError(.notFound) { _ = try await emu.api.drive.file("00000000-0000-4000-8000-000000000000") }
            await assertAPIError(.notFound) { _ = try await emu.api.drive.versions(of: "nope") }
            await assertAPIError(.badRequest(details: ["file nope not found"])) { try await emu.api.drive.delete(["nope"]) }
            let both = try await emu.raw("PATCH", emu.drive + "/v1.0/files/\(file.uuid)", body: Data(#"{"name":"x","version_uuid":"y"}"#.utf8))
            XCTAssertEqual(both.status, 400)
            XCTAssertEqual(try json(both)["detail"] as? String, "name and version_uuid cannot be changed in one request")
            let malformed = try await emu.raw("DELETE", emu.drive + "/v1.0/files", body: Data("[{".utf8))
            XCTAssertEqual(malformed.status, 400)
            let noToken = try await emu.raw("GET", emu.drive + "/v1.0/files", token: "")
            XCTAssertEqual(noToken.status, 401)
            let wrongToken = try await emu.raw("GET", emu.drive + "/v1.0/files", token: "wrong")
            XCTAssertEqual(wrongToken.status, 401)
            let renamed = try await emu.api.drive.rename(file.uuid, to: "Новое имя файла")
            XCTAssertEqual(renamed.name, "Новое имя файла")
            XCTAssertEqual(renamed.sanitizedName, "Novoe_imya_fayla")
            await assertAPIError(.badRequest(details: ["name must not be empty"])) { _ = try await emu.api.drive.rename(file.uuid, to: "  ") }
        }
    }

    func testScopesAreEnforced() async throws {
        try await withEmulator(scopes: ["files"]) { emu in
            let file = try await emu.upload(testBytes(10), name: "a.txt").file
            await assertAPIError(.forbidden(missingScope: "files_delete")) { try await emu.api.drive.delete([file.uuid]) }
            let still = try await emu.api.drive.file(file.uuid)
            XCTAssertFalse(still.isTrashed)
        }
        try await withEmulator(scopes: []) { emu in
            await assertAPIError(.forbidden(missingScope: "files")) { _ = try await emu.api.drive.listFiles() }
        }
    }
}

func XCTUnwrapAsync<T>(_ value: T?, file: StaticString = #filePath, line: UInt = #line) async throws -> T {
    try XCTUnwrap(value, file: file, line: line)
}
