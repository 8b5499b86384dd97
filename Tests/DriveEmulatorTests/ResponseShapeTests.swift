import AmoFilesAPI
import EmulatorTesting
import Foundation
import XCTest

/// The emulator's answers have the keys of the documented examples: the check that
/// catches a shape bug the shared models would otherwise hide.
final class ResponseShapeTests: EmulatorTestCase {
    private func fixture(_ name: String) throws -> Any {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        let data = try Data(contentsOf: root.appendingPathComponent("AmoFilesAPITests/Fixtures/\(name).json"))
        return try JSONSerialization.jsonObject(with: data)
    }

    /// Every key path of a JSON value, arrays looked at through their first element.
    private func keyPaths(_ value: Any, prefix: String = "") -> Set<String> {
        if let object = value as? [String: Any] {
            return object.reduce(into: Set<String>()) { paths, entry in
                let path = prefix + "/" + entry.key
                paths.insert(path)
                paths.formUnion(keyPaths(entry.value, prefix: path))
            }
        }
        if let array = value as? [Any], let first = array.first { return keyPaths(first, prefix: prefix + "[]") }
        return []
    }

    private func assertSameKeys(_ response: TransportResponse, _ fixtureName: String, ignoring: Set<String> = [], file: StaticString = #filePath, line: UInt = #line) throws {
        let actual = keyPaths(try JSONSerialization.jsonObject(with: response.body)).subtracting(ignoring)
        let expected = keyPaths(try fixture(fixtureName)).subtracting(ignoring)
        XCTAssertEqual(actual.subtracting(expected).sorted(), [], "keys the documentation does not have", file: file, line: line)
        XCTAssertEqual(expected.subtracting(actual).sorted(), [], "documented keys missing", file: file, line: line)
    }

    func testDriveAnswersHaveTheDocumentedKeys() async throws {
        try await withEmulator(maxPartSize: 100) { emu in
            let body = try JSONEncoder().encode(UploadSessionRequest(fileName: "picture.png", fileSize: 150, contentType: "image/png"))
            let session = try await emu.raw("POST", emu.drive + "/v1.0/sessions", body: body)
            try assertSameKeys(session, "post-v1-0-sessions.response")
            let upload = try XCTUnwrap(try json(session)["upload_url"] as? String)
            let part = try await emu.raw("POST", upload, body: Data(testBytes(100)), contentType: "application/octet-stream")
            try assertSameKeys(part, "post-v1-0-sessions-upload-session-token.response")
            let next = try XCTUnwrap(try json(part)["next_url"] as? String)
            let last = try await emu.raw("POST", next, body: Data(testBytes(50)), contentType: "application/octet-stream")
            try assertSameKeys(last, "post-v1-0-sessions-upload-session-token.response-last-part")
            let uuid = try XCTUnwrap(try json(last)["uuid"] as? String)

            // Single-file answers carry no session_id outside an upload.
            try assertSameKeys(try await emu.raw("GET", emu.drive + "/v1.0/files/\(uuid)"), "get-v1-0-files-file-uuid.response", ignoring: ["/session_id"])
            let patch = try await emu.raw("PATCH", emu.drive + "/v1.0/files/\(uuid)", body: Data(#"{"name":"Новое имя файла"}"#.utf8))
            try assertSameKeys(patch, "patch-v1-0-files-file-uuid.response", ignoring: ["/session_id"])
            _ = try await emu.upload(testBytes(120), name: "second.png")
            let list = try await emu.raw("GET", emu.drive + "/v1.0/files?limit=1")
            try assertSameKeys(list, "get-v1-0-files.response")
            try assertSameKeys(try await emu.raw("GET", emu.drive + "/v1.0/files/\(uuid)/versions"), "get-v1-0-files-file-uuid-versions.response")
            try assertSameKeys(try await emu.raw("GET", emu.drive + "/v1.0/files/stats"), "get-v1-0-files-stats.response")
            _ = try await emu.raw("DELETE", emu.drive + "/v1.0/files", body: Data(#"[{"uuid":"\#(uuid)"}]"#.utf8))
            let restore = try await emu.raw("POST", emu.drive + "/v1.0/files/restore", body: Data(#"[{"uuid":"\#(uuid)"}]"#.utf8))
            try assertSameKeys(restore, "post-v1-0-files-restore.response")
        }
    }

    func testAccountAnswersHaveTheDocumentedKeys() async throws {
        try await withEmulator { emu in
            let file = try await emu.upload(testBytes(10), name: "a.txt").file
            let put = try await emu.raw("PUT", emu.account + "/api/v4/leads/22859207/files", body: Data(#"[{"file_uuid":"\#(file.uuid)"}]"#.utf8))
            XCTAssertEqual(put.status, 202)
            XCTAssertTrue(put.body.isEmpty)
            try assertSameKeys(try await emu.raw("GET", emu.account + "/api/v4/leads/22859207/files"), "get-api-v4-leads-entity-id-files.response")
            try assertSameKeys(try await emu.raw("GET", emu.account + "/api/v4/files/\(file.uuid)/links"), "get-api-v4-files-file-uuid-links.response")
            let delete = try await emu.raw("DELETE", emu.account + "/api/v4/leads/22859207/files", body: Data(#"[{"file_uuid":"\#(file.uuid)"}]"#.utf8))
            XCTAssertEqual(delete.status, 202)
        }
    }

    /// Notes, custom fields, a lead with a file field, pipelines, a batch update and a
    /// validation error have the keys of the API v4 examples (../shared/fixtures/api-v4).
    func testRecordAnswersHaveTheDocumentedKeys() async throws {
        try await withEmulator { emu in
            let file = try await emu.upload(testBytes(10), name: "Договор.pdf").file
            let leads = try await emu.api.account.searchEntities(.leads, query: "")
            let lead = try XCTUnwrap(leads.first { !$0.companyIDs.isEmpty })
            let notes = Data(#"""
                [{"entity_id": \#(lead.id), "note_type": "attachment", "params": {"file_uuid": "\#(file.uuid)", "file_name": "Договор.pdf"}},
                 {"entity_id": \#(lead.id), "note_type": "common", "params": {"text": "подписанный экземпляр"}},
                 {"entity_id": \#(lead.id), "note_type": "common", "params": {"text": "третья"}}]
                """#.utf8)
            try assertSameKeys(try await emu.raw("POST", emu.account + "/api/v4/leads/notes", body: notes), "post-api-v4-leads-notes.response")
            try assertSameKeys(try await emu.raw("GET", emu.account + "/api/v4/leads/\(lead.id)/notes?limit=2"), "get-api-v4-leads-entity-id-notes.response")
            try assertSameKeys(try await emu.raw("GET", emu.account + "/api/v4/leads/custom_fields"), "get-api-v4-leads-custom_fields.response")
            try assertSameKeys(try await emu.raw("GET", emu.account + "/api/v4/leads/pipelines"), "get-api-v4-leads-pipelines.response")

            // The lead's only value is the file, as in the example: its source is cleared in the same batch.
            let update = Data(#"""
                [{"id": \#(lead.id), "custom_fields_values": [{"field_id": 1016236, "values": null},
                                                             {"field_id": 1154281, "values": [{"value": {"file_uuid": "\#(file.uuid)"}}]}]}]
                """#.utf8)
            try assertSameKeys(try await emu.raw("PATCH", emu.account + "/api/v4/leads", body: update), "patch-api-v4-leads.response")
            try assertSameKeys(try await emu.raw("GET", emu.account + "/api/v4/leads/\(lead.id)"), "get-api-v4-leads-entity-id.response")

            let wrong = try await emu.raw("PATCH", emu.account + "/api/v4/leads/\(lead.id)", body: Data(#"{"custom_fields_values": [{"field_id": 1, "values": null}]}"#.utf8))
            XCTAssertEqual(wrong.status, 400)
            try assertSameKeys(wrong, "error-400-validation.response")
            let problem = try JSONDecoder().decode(ProblemDetails.self, from: wrong.body)
            XCTAssertEqual(problem.validationErrors?.first?.errors.first?.code, "NotSupportedChoice")
            XCTAssertEqual(problem.validationErrors?.first?.errors.first?.path, "custom_fields_values.0.field_id")
        }
    }
}
