import AmoFilesAPI
import EmulatorTesting
import Foundation
import XCTest

final class AccountTests: EmulatorTestCase {
    func testAccountReportsItsDriveURLOnlyWhenAsked() async throws {
        try await withEmulator { emu in
            let with = try await emu.api.account.account(withDriveURL: true)
            XCTAssertEqual(with.driveURL, emu.drive)
            let without = try await emu.api.account.account(withDriveURL: false)
            XCTAssertNil(without.driveURL)
            let users = try await emu.api.account.users()
            XCTAssertTrue(users.contains { $0.name == "Анна Смирнова" })
        }
    }

    func testAttachListDetachAndTrashedFilesAreRefused() async throws {
        try await withEmulator { emu in
            let account = emu.api.account
            let leads = try await account.searchEntities(.leads, query: "склад")
            let lead = try XCTUnwrap(leads.first)
            XCTAssertTrue(lead.name.lowercased().contains("склад"))
            let files = try await (0..<5).asyncMap { try await emu.upload(testBytes(10), name: "f\($0).txt").file }
            try await account.attach(files.map(\.uuid), to: .leads, id: lead.id)
            let firstPage = try await account.entityFiles(.leads, id: lead.id, limit: 2)
            XCTAssertEqual(firstPage.items.count, 2)
            XCTAssertNotNil(firstPage.nextHref)
            let all = try await account.allEntityFiles(.leads, id: lead.id)
            XCTAssertEqual(Set(all.map(\.fileUUID)), Set(files.map(\.uuid)))
            XCTAssertEqual(all.map(\.id), all.map(\.id).sorted(by: >), "newest link first")

            let links = try await account.links(ofFile: files[0].uuid)
            XCTAssertEqual(links.entities.map(\.id), [lead.id])
            XCTAssertEqual(links.entities.first?.entityType, "leads")

            try await account.detach([files[0].uuid], from: .leads, id: lead.id)
            let afterDetach = try await account.links(ofFile: files[0].uuid)
            XCTAssertTrue(afterDetach.entities.isEmpty)

            try await emu.api.drive.delete([files[1].uuid])
            await assertAPIError(.badRequest(details: ["[0].file_uuid: file \(files[1].uuid) is in the trash and cannot be attached"])) {
                try await account.attach([files[1].uuid], to: .contacts, id: 41_200_001)
            }
            let visible = try await account.allEntityFiles(.leads, id: lead.id)
            XCTAssertEqual(visible.count, 3, "a trashed file's link is hidden")
            await assertAPIError(.notFound) { _ = try await account.entityFiles(.companies, id: 1) }
            await assertAPIError(.notFound) { try await account.attach([files[2].uuid], to: .customers, id: 99) }
            let none = try await account.entityFiles(.customers, id: 1201)
            XCTAssertTrue(none.items.isEmpty, "204 when nothing is attached")
            let raw = try await emu.raw("PUT", emu.account + "/api/v4/leads/\(lead.id)/files", body: Data("[]".utf8))
            XCTAssertEqual(raw.status, 400)
            XCTAssertTrue(raw.headers.contains { $0.0.lowercased() == "content-type" && $0.1 == "application/problem+json" })
        }
    }

    func testEntityLookupBySearchAndID() async throws {
        try await withEmulator { emu in
            let byID = try await emu.api.account.entity(.leads, id: 22_859_207)
            XCTAssertEqual(byID.name, "Сделка #22859207")
            let contacts = try await emu.api.account.searchEntities(.contacts, query: "мария")
            XCTAssertEqual(contacts.map(\.name), ["Мария Александровна Кузнецова"])
            await assertAPIError(.notFound) { _ = try await emu.api.account.entity(.companies, id: 5) }
        }
    }

    func testOAuthRefreshTokensWorkOnce() async throws {
        try await withEmulator { emu in
            let oauth = emu.emulator.oauth
            let saved = Collected<OAuthTokens>()
            let session = OAuthSession(
                accountURL: emu.emulator.accountURL,
                client: OAuthClientCredentials(clientID: oauth.clientID, clientSecret: oauth.clientSecret, redirectURI: oauth.redirectURI),
                tokens: OAuthTokens(accessToken: "expired", refreshToken: oauth.refreshToken, expiresAt: 0),
                transport: emu.transport, save: { saved.append($0) })
            let api = try await AmoConnection.connect(accountURL: emu.emulator.accountURL, tokens: session, transport: emu.transport)
            _ = try await api.drive.listFiles()
            XCTAssertEqual(saved.values.count, 1, "one refresh after the 401, saved")
            XCTAssertNotEqual(saved.values[0].refreshToken, oauth.refreshToken)

            let body = try JSONEncoder().encode(OAuthTokenRequest(
                clientID: oauth.clientID, clientSecret: oauth.clientSecret, grantType: "refresh_token",
                refreshToken: oauth.refreshToken, code: nil, redirectURI: oauth.redirectURI))
            let reused = try await emu.raw("POST", emu.account + "/oauth2/access_token", body: body, token: "")
            XCTAssertEqual(reused.status, 400)
            XCTAssertEqual(try json(reused)["hint"] as? String, "Refresh token has been revoked")

            emu.emulator.clock.advance(by: 86_401)
            let expired = try await emu.raw("GET", emu.drive + "/v1.0/files", token: saved.values[0].accessToken)
            XCTAssertEqual(expired.status, 401, "access tokens live 24 hours")
        }
    }

    func testDemoSeedHasEverythingTheDemoShows() async throws {
        try await withEmulator(seed: .demo) { emu in
            let files = try await emu.api.drive.allFiles()
            XCTAssertGreaterThan(files.count, 300)
            XCTAssertGreaterThan(files.filter(\.hasMultipleVersions).count, 20)
            var trash = FileFilter()
            trash.deleted = true
            let trashed = try await emu.api.drive.allFiles(trash)
            XCTAssertGreaterThan(trashed.count, 10)
            let names = files.map(\.name) + trashed.map(\.name)
            XCTAssertTrue(names.contains { $0.contains("Договор") })
            XCTAssertTrue(names.contains { $0.contains("契約書") })
            XCTAssertTrue(names.contains { $0.contains("Invoice") })
            XCTAssertTrue(names.contains { $0.contains("\u{1b}]0;") }, "a hostile name that sets the window title")
            XCTAssertTrue(names.contains { $0.contains("\u{202e}") }, "a bidi override")
            let manyVersions = try XCTUnwrap(files.first { $0.hasMultipleVersions })
            let versions = try await emu.api.drive.versions(of: manyVersions.uuid)
            XCTAssertGreaterThanOrEqual(versions.count, 2)
            let active = try XCTUnwrap(versions.first(where: \.isMain))
            XCTAssertEqual(active.uuid, manyVersions.versionUUID)
            let back = DataBox()
            try await emu.api.drive.download(from: XCTUnwrap(manyVersions.links.download?.href)) { back.append($0) }
            XCTAssertEqual(Int64(back.data.count), manyVersions.size)
            var linked = FileFilter()
            linked.term = "ромашка"
            let linkedFiles = try await emu.api.drive.listFiles(linked).items
            XCTAssertFalse(linkedFiles.isEmpty, "files are linked to entities")
        }
    }
}


extension Sequence {
    func asyncMap<T>(_ transform: (Element) async throws -> T) async rethrows -> [T] {
        var out: [T] = []
        for element in self { out.append(try await transform(element)) }
        return out
    }
}
