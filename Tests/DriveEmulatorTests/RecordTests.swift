import AmoFilesAPI
import DriveEmulator
import EmulatorTesting
import Foundation
import GRDB
import XCTest

/// The three ways a file is used on a record (a link, an attachment note, a file field),
/// the records' details that tell them apart, and pipelines, as the emulator serves them.
final class RecordTests: EmulatorTestCase {
    private func lead(_ emu: TestEmulator, _ text: String) async throws -> CRMEntity {
        let found = try await emu.api.account.searchEntities(.leads, query: text).first
        return try XCTUnwrap(found, "no lead matching \(text)")
    }

    func testAttachmentNoteReadsBackWithItsCommentAndShowsOnTheFilesTab() async throws {
        try await withEmulator { emu in
            let account = emu.api.account
            let lead = try await lead(emu, "склад")
            let file = try await emu.upload(testBytes(10), name: "Снимок экрана (1).jpg").file
            let time: Int64 = 1_700_000_000
            let created = try await account.addNotes(
                [.attachment(fileUUID: file.uuid, fileName: "Снимок экрана (1).jpg", at: time), .comment("подписанный экземпляр", at: time)],
                to: .leads, id: lead.id)
            XCTAssertEqual(created.map(\.requestID), ["0", "1"])
            XCTAssertEqual(created.map(\.entityID), [lead.id, lead.id])

            let notes = try await account.allNotes(.leads, id: lead.id)
            XCTAssertEqual(notes.map(\.id), created.map(\.id))
            let attachment = try XCTUnwrap(notes.first)
            XCTAssertEqual(attachment.params, NoteParams(
                text: "Снимок экрана (1).jpg", isDriveAttachment: true, originalName: "Снимок экрана (1).jpg", fileUUID: file.uuid,
                versionUUID: file.versionUUID, fileName: "Snimok_ekrana_-1-.jpg"))
            XCTAssertEqual(notes[1].params.text, "подписанный экземпляр")
            XCTAssertEqual(notes.map(\.createdAt), [time, time], "the comment keeps the attachment's time, which pairs them")

            let onlyFiles = try await account.allNotes(.leads, id: lead.id, types: ["attachment"])
            XCTAssertEqual(onlyFiles.map(\.id), [attachment.id])
            let tab = try await account.allEntityFiles(.leads, id: lead.id)
            XCTAssertEqual(tab.map(\.fileUUID), [file.uuid], "a file in a note shows on the card's Files tab")
        }
    }

    func testNotesPageAndRefuseWhatTheServiceRefuses() async throws {
        try await withEmulator { emu in
            let lead = try await lead(emu, "склад")
            let empty = try await emu.raw("GET", emu.account + "/api/v4/leads/\(lead.id)/notes")
            XCTAssertEqual(empty.status, 204)
            let unknownLead = try await emu.raw("GET", emu.account + "/api/v4/leads/1/notes").status
            XCTAssertEqual(unknownLead, 404)
            let comments = (1...5).map { NewNote.comment("заметка \($0)") }
            _ = try await emu.api.account.addNotes(comments, to: .leads, id: lead.id)
            let first = try await emu.api.account.notes(.leads, id: lead.id, limit: 2)
            XCTAssertEqual(first.items.map(\.params.text), ["заметка 1", "заметка 2"])
            XCTAssertNotNil(first.nextHref)
            let newest = try json(try await emu.raw("GET", emu.account + "/api/v4/leads/\(lead.id)/notes?order[id]=desc&limit=1"))
            let embedded = try XCTUnwrap((newest["_embedded"] as? [String: Any])?["notes"] as? [[String: Any]])
            XCTAssertEqual((embedded.first?["params"] as? [String: Any])?["text"] as? String, "заметка 5")

            for (body, path) in [
                (#"[{"note_type": "common", "params": {"text": ""}}]"#, "params.text"),
                (#"[{"note_type": "call_in", "params": {}}]"#, "note_type"),
                (#"[{"note_type": "attachment", "params": {"file_uuid": "00000000-0000-4000-8000-000000000000"}}]"#, "params.file_uuid"),
            ] {
                let answer = try await emu.raw("POST", emu.account + "/api/v4/leads/\(lead.id)/notes", body: Data(body.utf8))
                XCTAssertEqual(answer.status, 400, body)
                let problem = try JSONDecoder().decode(ProblemDetails.self, from: answer.body)
                XCTAssertEqual(problem.validationErrors?.first?.errors.first?.path, path, body)
            }
            let none = try await emu.raw("POST", emu.account + "/api/v4/leads/\(lead.id)/notes", body: Data("[]".utf8))
            XCTAssertEqual(none.status, 400)
            let kept = try await emu.api.account.allNotes(.leads, id: lead.id).count
            XCTAssertEqual(kept, 5, "a refused batch adds nothing")
        }
    }

    func testAFileFieldShowsTheFilesActiveVersionAndClears() async throws {
        try await withEmulator { emu in
            let account = emu.api.account
            let fields = try await account.customFields(.leads)
            let contract = try XCTUnwrap(fields.first { $0.name == "Договор" })
            XCTAssertTrue(contract.isFile)
            XCTAssertEqual(Set(fields.filter(\.isFile).map(\.name)), ["Договор", "Скан паспорта"])
            let contactFiles = try await account.customFields(.contacts).filter(\.isFile).map(\.name)
            XCTAssertEqual(Set(contactFiles), ["Договор", "Скан паспорта"])

            let lead = try await lead(emu, "склад")
            let first = try await emu.upload(testBytes(100), name: "Договор аренды.pdf").file
            try await account.setFields([CustomFieldValue(fieldID: contract.id, values: [FieldValue(.file(FileFieldValue(fileUUID: first.uuid)))])], of: .leads, id: lead.id)
            let read = try await account.entity(.leads, id: lead.id)
            XCTAssertEqual(read.field(contract.id)?.file, FileFieldValue(fileUUID: first.uuid, versionUUID: first.versionUUID, fileName: "Договор аренды.pdf", fileSize: 100))
            XCTAssertEqual(read.field(contract.id)?.fieldName, "Договор")
            let tabIsEmpty = try await account.allEntityFiles(.leads, id: lead.id).isEmpty
            XCTAssertTrue(tabIsEmpty, "files in fields do not show on the Files tab")

            let second = try await emu.upload(testBytes(150, seed: 2), name: "Договор аренды.pdf", newVersionOf: first.uuid).file
            let again = try await account.entity(.leads, id: lead.id)
            XCTAssertEqual(again.field(contract.id)?.file?.versionUUID, second.versionUUID, "a new version of the file shows through the field")
            XCTAssertEqual(again.field(contract.id)?.file?.fileSize, 150)

            try await account.setFields([CustomFieldValue(fieldID: contract.id, values: nil)], of: .leads, id: lead.id)
            let cleared = try await account.entity(.leads, id: lead.id).field(contract.id)
            XCTAssertNil(cleared)
        }
    }

    func testTrashedFilesAreRefusedInNotesAndFields() async throws {
        try await withEmulator { emu in
            let lead = try await lead(emu, "склад")
            let file = try await emu.upload(testBytes(10), name: "удалённый.txt").file
            try await emu.api.drive.delete([file.uuid])
            await assertAPIError(.badRequest(details: ["params.file_uuid: file \(file.uuid) is in the trash and cannot be used in a note"])) {
                _ = try await emu.api.account.addNotes([.attachment(fileUUID: file.uuid, fileName: "удалённый.txt")], to: .leads, id: lead.id)
            }
            let value = CustomFieldValue(fieldID: RecordSeedIDs.contract, values: [FieldValue(.file(FileFieldValue(fileUUID: file.uuid)))])
            await assertAPIError(.badRequest(details: [
                "custom_fields_values.0.values.0.value.file_uuid: file \(file.uuid) is in the trash and cannot be used in a field",
            ])) {
                try await emu.api.account.setFields([value], of: .leads, id: lead.id)
            }
            let read = try await emu.api.account.entity(.leads, id: lead.id)
            XCTAssertNil(read.field(RecordSeedIDs.contract))
            let noNotes = try await emu.api.account.allNotes(.leads, id: lead.id).isEmpty
            XCTAssertTrue(noNotes)
        }
    }

    func testLostAttachesAnswerAsDoneAndKeepNothing() async throws {
        var faults = FaultInjection()
        faults.losesAttaches = true
        try await withEmulator(faults: faults) { emu in
            let account = emu.api.account
            let lead = try await lead(emu, "склад")
            let file = try await emu.upload(testBytes(10), name: "потерянный.txt").file
            try await account.attach([file.uuid], to: .leads, id: lead.id)
            let created = try await account.addNotes([.attachment(fileUUID: file.uuid, fileName: "потерянный.txt")], to: .leads, id: lead.id)
            XCTAssertEqual(created.count, 1, "the answer looks like success")
            try await account.setFields(
                [CustomFieldValue(fieldID: RecordSeedIDs.contract, values: [FieldValue(.file(FileFieldValue(fileUUID: file.uuid)))])], of: .leads, id: lead.id)
            let noLinks = try await account.allEntityFiles(.leads, id: lead.id).isEmpty
            XCTAssertTrue(noLinks)
            let noNotes = try await account.allNotes(.leads, id: lead.id).isEmpty
            XCTAssertTrue(noNotes)
            let noField = try await account.entity(.leads, id: lead.id).field(RecordSeedIDs.contract)
            XCTAssertNil(noField)
        }
    }

    func testRecordsCarryWhatTellsThemApart() async throws {
        try await withEmulator { emu in
            let account = emu.api.account
            let stages = PipelineStages(try await account.pipelines())
            let twins = try await account.searchEntities(.leads, query: "Поставка оборудования — ООО «Ромашка»")
            XCTAssertEqual(twins.count, 2, "every emulated account has two leads of this name")
            let described = twins.map { stages.describe(pipelineID: $0.pipelineID, statusID: $0.statusID) ?? "" }
            XCTAssertEqual(Set(described).count, 2, "their pipeline › stage differ: \(described)")
            XCTAssertTrue(described.contains("Архив 2025 › Успешно реализовано"), "\(described)")

            let contacts = try await account.searchEntities(.contacts, query: "Сидоров")
            let contact = try XCTUnwrap(contacts.first)
            XCTAssertNotNil(contact.firstText(code: "PHONE"))
            XCTAssertEqual(contact.firstText(code: "EMAIL"), "ivan.sidorov@demo.example")
            let companies = try await account.entities(.companies, ids: contact.companyIDs)
            let company = try XCTUnwrap(companies.first)
            XCTAssertNotNil(company.firstText(code: "PHONE"))

            let lead = try await account.entity(.leads, id: twins[0].id, withContacts: true)
            XCTAssertEqual(lead.contactIDs?.count, 1)
            let withoutContacts = try await account.entity(.leads, id: twins[0].id).contactIDs
            XCTAssertNil(withoutContacts)
        }
    }

    func testADataFolderFromBeforeFieldsGetsThemWhenServedAgain() async throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("amofiles-upgrade-\(UUID().uuidString.prefix(8))")
        defer { try? FileManager.default.removeItem(at: folder) }
        let first = try await TestEmulator.start(dataFolder: folder)
        await first.emulator.stop()
        // What an older emulator left: the tables, none of the rows.
        let database = try DatabaseQueue(path: folder.appendingPathComponent("drive.sqlite").path)
        try await database.write { db in
            for table in ["field_values", "custom_fields", "statuses", "pipelines", "notes"] { try db.execute(sql: "DELETE FROM \(table)") }
            try db.execute(sql: "DELETE FROM entities WHERE id = 22859262")
        }
        try database.close()
        let again = try await TestEmulator.start(dataFolder: folder)
        let fields = try await again.api.account.customFields(.leads)
        let pipelines = try await again.api.account.pipelines()
        await again.emulator.stop()
        XCTAssertEqual(fields.filter(\.isFile).map(\.name), ["Договор", "Скан паспорта"])
        XCTAssertEqual(pipelines.map(\.name), ["Продажи", "Тендеры", "Архив 2025"])
    }

    func testCustomersAreRefusedWhenTheAccountHasThemOff() async throws {
        try await withEmulator(customersMode: .disabled) { emu in
            let mode = try await emu.api.account.account().customersMode
            XCTAssertEqual(mode, .disabled)
            let isOn = try await emu.api.account.account().customersMode?.isOn ?? true
            XCTAssertFalse(isOn)
            await assertAPIError(.forbidden(missingScope: nil)) { _ = try await emu.api.account.searchEntities(.customers, query: "") }
        }
        try await withEmulator { emu in
            let mode = try await emu.api.account.account().customersMode
            XCTAssertEqual(mode, .segments)
            let noCustomers = try await emu.api.account.searchEntities(.customers, query: "").isEmpty
            XCTAssertFalse(noCustomers)
        }
    }
}

/// Ids of the fields every emulated account has (`RecordSeed`).
enum RecordSeedIDs {
    static let contract = 1_154_281
}
