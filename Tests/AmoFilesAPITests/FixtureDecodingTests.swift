import AmoFilesAPI
import Foundation
import XCTest

/// Every JSON example of the seed reference decodes with the client's models, unchanged.
final class FixtureDecodingTests: XCTestCase {
    private func fixture(_ name: String) throws -> Data {
        let url = try XCTUnwrap(Bundle.module.url(forResource: name, withExtension: "json", subdirectory: "Fixtures"))
        return try Data(contentsOf: url)
    }

    private func decode<T: Decodable>(_ type: T.Type, _ name: String) throws -> T {
        try JSONDecoder().decode(T.self, from: fixture(name))
    }

    func testEveryFixtureIsCovered() throws {
        let folder = try XCTUnwrap(Bundle.module.url(forResource: "Fixtures", withExtension: nil))
        let names = try FileManager.default.contentsOfDirectory(atPath: folder.path).filter { $0.hasSuffix(".json") }.sorted()
        XCTAssertEqual(names.count, 26, "a new fixture needs a decoding test here")
    }

    func testFilesPageDecodes() throws {
        let page = try decode(Page<DriveFile>.self, "get-v1-0-files.response")
        XCTAssertEqual(page.count, 25)
        XCTAssertEqual(page.embeddedKey, "files")
        XCTAssertEqual(page.items.count, 2)
        XCTAssertEqual(page.items[0].uuid, "26ec7266-d953-433b-8bc5-737eb70da87a")
        XCTAssertEqual(page.items[0].type, .image)
        XCTAssertEqual(page.items[0].metadata?.fileExtension, "jpg")
        XCTAssertEqual(page.items[1].name, "_96")
        XCTAssertEqual(page.items[1].sanitizedName, "-96")
        XCTAssertEqual(page.items[1].createdBy, UserRef(type: "internal", id: 2_647_957))
        XCTAssertTrue(page.nextHref?.contains("page=2") ?? false)
    }

    func testSingleFileDecodes() throws {
        for name in ["get-v1-0-files-file-uuid.response", "patch-v1-0-files-file-uuid.response", "post-v1-0-sessions-upload-session-token.response-last-part"] {
            let file = try decode(DriveFile.self, name)
            XCTAssertEqual(file.uuid, "367b9f38-5f01-4cea-947e-dfab47aea522", name)
            XCTAssertEqual(file.versionUUID, "43de3be7-307b-4766-a23e-5e88211b9a8d", name)
            XCTAssertEqual(file.size, 7526, name)
            XCTAssertEqual(file.sessionID, 26_136_001, name)
            XCTAssertNil(file.deletedBy, name)
            XCTAssertEqual(file.displayName, "product.png", name)
            XCTAssertTrue(file.links.download?.href.hasSuffix("/picture.png") ?? false, name)
        }
    }

    func testRestoreAnswerDecodes() throws {
        let page = try decode(Page<DriveFile>.self, "post-v1-0-files-restore.response")
        XCTAssertEqual(page.count, 2)
        XCTAssertEqual(page.items.map(\.uuid), ["26ec7266-d953-433b-8bc5-737eb70da87a", "9403badc-5690-4c7d-a999-be09f8c57566"])
    }

    func testVersionsDecode() throws {
        let page = try decode(Page<FileVersion>.self, "get-v1-0-files-file-uuid-versions.response")
        XCTAssertEqual(page.items.count, 2)
        XCTAssertTrue(page.items[0].isMain)
        XCTAssertFalse(page.items[1].isMain)
        XCTAssertEqual(page.items[1].metadata?.mimeType, "")
        XCTAssertEqual(page.items[1].fileUUID, "89a61e7b-ba30-476f-b2f6-705a964e85c6")
    }

    func testUploadSessionAndPartsDecode() throws {
        let session = try decode(UploadSession.self, "post-v1-0-sessions.response")
        XCTAssertEqual(session.maxPartSize, 524_288)
        XCTAssertEqual(session.maxFileSize, 314_572_800)
        XCTAssertEqual(session.sessionID, 26_136_001)
        XCTAssertTrue(session.uploadURL.hasPrefix("https://drive-b.amocrm.ru/v1.0/sessions/upload/"))

        let next = try decode(UploadNextPart.self, "post-v1-0-sessions-upload-session-token.response")
        XCTAssertEqual(next.sessionID, 26_434_413)

        let request = try decode(UploadSessionRequest.self, "post-v1-0-sessions.request")
        XCTAssertEqual(request, UploadSessionRequest(fileName: "aaa", fileSize: 3435, fileUUID: "367b9f38-5f01-4cea-947e-dfab47aea522", contentType: "image/jpeg"))
    }

    func testRequestBodiesDecodeAndEncodeTheSame() throws {
        for name in ["delete-v1-0-files.request", "post-v1-0-files-restore.request"] {
            let items = try decode([UUIDItem].self, name)
            XCTAssertEqual(items.map(\.uuid), ["367b9f38-5f01-4cea-947e-dfab47aea522", "bf1097fb-58fe-42c1-b385-ac443228ddd0"])
            try assertSameJSON(JSONEncoder().encode(items), fixture(name))
        }
        let links = try decode([FileUUIDItem].self, "put-api-v4-leads-entity-id-files.request")
        try assertSameJSON(JSONEncoder().encode(links), fixture("put-api-v4-leads-entity-id-files.request"))
        let rename = try decode([String: String].self, "patch-v1-0-files-file-uuid.request.1")
        XCTAssertEqual(rename, ["name": "Новое имя файла"])
        let activate = try decode([String: String].self, "patch-v1-0-files-file-uuid.request.2")
        XCTAssertEqual(activate.keys.sorted(), ["version_uuid"])
    }

    func testModelsEncodeBackToTheDocumentedShape() throws {
        for name in ["get-v1-0-files-file-uuid.response", "patch-v1-0-files-file-uuid.response"] {
            try assertSameJSON(JSONEncoder().encode(decode(DriveFile.self, name)), fixture(name))
        }
        try assertSameJSON(JSONEncoder().encode(decode(FileEntityLinks.self, "get-api-v4-files-file-uuid-links.response")),
                           fixture("get-api-v4-files-file-uuid-links.response"))
        try assertSameJSON(JSONEncoder().encode(decode(UploadSession.self, "post-v1-0-sessions.response")), fixture("post-v1-0-sessions.response"))
    }

    func testEntityLinksDecode() throws {
        let page = try decode(Page<EntityFileLink>.self, "get-api-v4-leads-entity-id-files.response")
        XCTAssertEqual(page.items, [
            EntityFileLink(fileUUID: "50ca4b6b-0b88-4ece-9f89-d48961579ae0", id: 2_140_857),
            EntityFileLink(fileUUID: "5ef222cd-bce4-4df8-8466-3dee7d16e70d", id: 2_128_681),
        ])
        let links = try decode(FileEntityLinks.self, "get-api-v4-files-file-uuid-links.response")
        XCTAssertEqual(links.entities.map(\.id), [22_859_207, 19_229_439])
        XCTAssertEqual(links.entities[0].name, "Сделка #22859207")
        XCTAssertNil(links.entities[1].updatedBy)
        XCTAssertEqual(links.entities[0].entityType, "leads")
    }

    // MARK: API v4 beyond the seed: notes, custom fields, records, pipelines

    func testNotesDecodeAndTheirRequestsEncodeTheSame() throws {
        let request = try decode([NewNote].self, "post-api-v4-leads-notes.request")
        XCTAssertEqual(request.map(\.noteType), ["attachment", "common"])
        XCTAssertEqual(request[0].params.fileUUID, "9905db7c-0000-4000-8000-000000000001")
        XCTAssertEqual(request[1].params.text, "Комментарий")
        try assertSameJSON(JSONEncoder().encode(request), fixture("post-api-v4-leads-notes.request"))

        let created = try decode(Page<CreatedNote>.self, "post-api-v4-leads-notes.response")
        XCTAssertEqual(created.items, [CreatedNote(id: 76_787_983, entityID: 167_353, requestID: "0"), CreatedNote(id: 76_787_984, entityID: 167_353, requestID: "1")])

        let page = try decode(Page<Note>.self, "get-api-v4-leads-entity-id-notes.response")
        XCTAssertEqual(page.page, 1)
        XCTAssertNotNil(page.nextHref)
        let attachment = page.items[0]
        XCTAssertTrue(attachment.isAttachment)
        XCTAssertEqual(attachment.params.isDriveAttachment, true)
        XCTAssertEqual(attachment.params.shownName, "Снимок экрана (1).jpg")
        XCTAssertEqual(attachment.params.versionUUID, "4e316440-0000-4000-8000-000000000004")
        XCTAssertEqual(page.items[1].params.text, "подписанный экземпляр")
        XCTAssertEqual(page.items[1].createdAt, attachment.createdAt, "a comment is paired with its file by the time")
    }

    func testCustomFieldsAndAFileFieldValueDecode() throws {
        let fields = try decode(Page<CustomField>.self, "get-api-v4-leads-custom_fields.response")
        XCTAssertEqual(fields.items.map(\.name), ["Client Type", "Договор"])
        XCTAssertEqual(fields.items.filter(\.isFile).map(\.id), [1_154_281])
        XCTAssertEqual(fields.items[0].enums?.first?.value, "New")

        let lead = try decode(CRMEntity.self, "get-api-v4-leads-entity-id.response")
        XCTAssertEqual(lead.pipelineID, 1113)
        XCTAssertEqual(lead.statusID, 2030)
        XCTAssertEqual(lead.price, 25_000)
        XCTAssertEqual(lead.companyIDs, [40_401_297])
        XCTAssertNil(lead.contactIDs, "contacts come only with with=contacts")
        let contract = try XCTUnwrap(lead.field(1_154_281)?.file)
        XCTAssertEqual(contract, FileFieldValue(
            fileUUID: "367b9f38-5f01-4cea-947e-dfab47aea522", versionUUID: "43de3be7-307b-4766-a23e-5e88211b9a8d", fileName: "Договор.pdf", fileSize: 7526))

        let update = try decode(RecordFieldsUpdate.self, "patch-api-v4-leads-entity-id.request")
        XCTAssertEqual(update.customFieldsValues.first?.file?.fileUUID, contract.fileUUID)
        try assertSameJSON(JSONEncoder().encode(update), fixture("patch-api-v4-leads-entity-id.request"))
        let answer = try decode(Page<RecordUpdate>.self, "patch-api-v4-leads.response")
        XCTAssertEqual(answer.items, [RecordUpdate(id: 17_657, updatedAt: 1_588_241_643, requestID: "0")])
    }

    func testClearingAFieldSendsNull() throws {
        let clear = RecordFieldsUpdate(customFieldsValues: [CustomFieldValue(fieldID: 1_154_281, values: nil)])
        let encoder = JSONEncoder()
        encoder.outputFormatting = .sortedKeys
        let text = String(decoding: try encoder.encode(clear), as: UTF8.self)
        XCTAssertEqual(text, #"{"custom_fields_values":[{"field_id":1154281,"values":null}]}"#)
    }

    func testPipelinesName() throws {
        let page = try decode(Page<Pipeline>.self, "get-api-v4-leads-pipelines.response")
        let stages = PipelineStages(page.items)
        XCTAssertEqual(stages.describe(pipelineID: 3_177_727, statusID: 32_392_159), "Воронка › Первичный контакт")
        XCTAssertEqual(stages.describe(pipelineID: 3_177_727, statusID: 142), "Воронка › Успешно реализовано")
        XCTAssertEqual(stages.describe(pipelineID: 99, statusID: 142), "pipeline 99 › stage 142")
    }

    func testDriveStatsDecode() throws {
        let stats = try decode(DriveStats.self, "get-v1-0-files-stats.response")
        XCTAssertEqual(stats.limit, 1_048_576_000)
        XCTAssertEqual(stats.used, 13_320_204)
        try assertSameJSON(JSONEncoder().encode(stats), fixture("get-v1-0-files-stats.response"))
    }

    func testValidationErrorsDecode() throws {
        let problem = try decode(ProblemDetails.self, "error-400-validation.response")
        XCTAssertEqual(problem.status, 400)
        XCTAssertEqual(problem.validationErrors?.first?.errors.first?.code, "NotSupportedChoice")
        XCTAssertEqual(problem.validationMessages, ["custom_fields_values.0.field_id: The value you selected is not a valid choice."])
    }

    private func assertSameJSON(_ a: Data, _ b: Data, file: StaticString = #filePath, line: UInt = #line) throws {
        let left = try JSONSerialization.jsonObject(with: a) as? NSObject
        let right = try JSONSerialization.jsonObject(with: b) as? NSObject
        XCTAssertEqual(left, right, file: file, line: line)
    }
}
