import EmulatorTesting
import Foundation
import XCTest

/// `entity`, `notes`, `fields` and `attach --as` through the binary, against `serve`:
/// the three ways a file is used on a record, read back.
final class RecordCommandTests: XCTestCase {
    private func firstUUID(_ arguments: [String], on served: ServedEmulator) throws -> String {
        let listed = try jsonObject(Binary.run(["ls", "--json", "--limit", "1"] + arguments + ["--account", served.accountURL], environment: served.env))
        let files = try XCTUnwrap((listed["_embedded"] as? [String: Any])?["files"] as? [[String: Any]])
        return try XCTUnwrap(files.first?["uuid"] as? String)
    }

    func testANoteWithACommentAndAFieldShowInTheRecordAndANewVersionShowsThroughTheField() throws {
        let served = try ServedEmulator(arguments: ["--seed", "demo"])
        defer { served.stop() }
        func run(_ arguments: [String]) throws -> (status: Int32, stdout: String, stderr: String) {
            let result = try Binary.run(arguments + ["--account", served.accountURL], environment: served.env)
            return (result.status, result.stdout, result.stderr)
        }
        let noted = try firstUUID([], on: served)
        let note = try run(["attach", "lead:склад", noted, "--as", "note", "--comment", "подписанный экземпляр"])
        XCTAssertEqual(note.status, 0, note.stderr)
        XCTAssertTrue(note.stdout.contains("as a note; read back, it is there"), note.stdout)

        let contract = served.folder.appendingPathComponent("Договор аренды.txt")
        try Data("Договор аренды склада, редакция 1\n".utf8).write(to: contract)
        let up = try run(["upload", contract.path, "--json"])
        XCTAssertEqual(up.status, 0, up.stderr)
        let uploaded = try XCTUnwrap((JSONSerialization.jsonObject(with: Data(up.stdout.utf8)) as? [[String: Any]])?.first)
        let fieldFile = try XCTUnwrap(uploaded["uuid"] as? String)
        let field = try run(["attach", "lead:склад", fieldFile, "--as", "field:Договор"])
        XCTAssertEqual(field.status, 0, field.stderr)

        let shown = try jsonObject(Binary.run(["entity", "lead:склад", "--json", "--account", served.accountURL], environment: served.env))
        XCTAssertEqual((shown["record"] as? [String: Any])?["name"] as? String, "Договор аренды склада в Подольске")
        let notes = try XCTUnwrap(shown["notes"] as? [[String: Any]])
        let ours = try XCTUnwrap(notes.first { (($0["note"] as? [String: Any])?["params"] as? [String: Any])?["file_uuid"] as? String == noted })
        XCTAssertEqual(ours["comment"] as? String, "подписанный экземпляр")
        let fields = try XCTUnwrap(shown["fields"] as? [[String: Any]])
        XCTAssertEqual(fields.count, 1)
        XCTAssertEqual((fields[0]["field"] as? [String: Any])?["name"] as? String, "Договор")
        XCTAssertEqual((fields[0]["value"] as? [String: Any])?["file_uuid"] as? String, fieldFile)
        let firstVersion = try XCTUnwrap((fields[0]["value"] as? [String: Any])?["version_uuid"] as? String)
        XCTAssertEqual(firstVersion, uploaded["version_uuid"] as? String)
        XCTAssertNotNil((shown["details"] as? [String: Any])?["stage"], "the details that tell the lead apart")

        try Data("Договор аренды склада, редакция 2\n".utf8).write(to: contract)
        let newer = try run(["upload", contract.path, "--new-version-of", fieldFile, "--json"])
        XCTAssertEqual(newer.status, 0, newer.stderr)
        let second = try XCTUnwrap((JSONSerialization.jsonObject(with: Data(newer.stdout.utf8)) as? [[String: Any]])?.first?["version_uuid"] as? String)
        let again = try jsonObject(Binary.run(["entity", "lead:склад", "--json", "--account", served.accountURL], environment: served.env))
        let value = try XCTUnwrap(((again["fields"] as? [[String: Any]])?.first?["value"]) as? [String: Any])
        XCTAssertEqual(value["version_uuid"] as? String, second, "the field shows the file's new version")
        XCTAssertNotEqual(second, firstVersion)

        let other = try firstUUID(["--page", "3"], on: served)
        let replace = try run(["attach", "lead:склад", other, "--as", "field:Договор"])
        XCTAssertEqual(replace.status, 1, "a field that holds a file is replaced only on purpose")
        XCTAssertTrue(replace.stderr.contains("--new-version-of") || replace.stderr.contains("new version"), replace.stderr)

        let cleared = try run(["detach", "lead:склад", "--field", "договор"])
        XCTAssertEqual(cleared.status, 0, cleared.stderr)
        XCTAssertTrue(cleared.stdout.contains("Cleared “Договор” of lead 22859108"), cleared.stdout)
        let emptied = try jsonObject(Binary.run(["entity", "lead:склад", "--json", "--account", served.accountURL], environment: served.env))
        XCTAssertEqual((emptied["fields"] as? [[String: Any]])?.count, 0, "the field is empty")
        let listedFiles = try run(["ls", "--uuid", fieldFile, "--json"])
        XCTAssertTrue(listedFiles.stdout.contains(fieldFile), "the file stays on the drive")

        let listed = try run(["notes", "lead:склад", "--type", "common"])
        XCTAssertTrue(listed.stdout.contains("подписанный экземпляр"), listed.stdout)
        let fieldList = try run(["fields", "contacts", "--files"])
        XCTAssertTrue(fieldList.stdout.contains("Скан паспорта"), fieldList.stdout)
    }

    func testTrashedFilesAreRefusedEveryWayWithNothingSent() throws {
        let served = try ServedEmulator(arguments: ["--seed", "demo"])
        let log = served.log
        defer { served.stop() }
        let trashed = try firstUUID(["--trash"], on: served)
        for way in ["link", "note", "field:1154281"] {
            let result = try Binary.run(["attach", "lead:склад", trashed, "--as", way, "--account", served.accountURL], environment: served.env)
            XCTAssertEqual(result.status, 1, way)
            XCTAssertTrue(result.stderr.contains("is in the trash"), result.stderr)
        }
        let requests = try String(contentsOfFile: log, encoding: .utf8).split(separator: "\n").filter { $0.contains(" request ") }
        XCTAssertFalse(requests.isEmpty, "the log has the reads")
        let changes = requests.filter { $0.contains("request PUT") || $0.contains("request POST") || $0.contains("request PATCH") }
        XCTAssertEqual(changes, [], "no attach was sent")
    }

    func testAnAttachTheServiceDropsExitsOneAndSeveralMatchesExitTwo() throws {
        let served = try ServedEmulator(arguments: ["--seed", "demo", "--lose-attaches"])
        defer { served.stop() }
        let file = try firstUUID([], on: served)
        for way in ["link", "note", "field:Договор"] {
            let result = try Binary.run(["attach", "lead:склад", file, "--as", way, "--account", served.accountURL], environment: served.env)
            XCTAssertEqual(result.status, 1, "\(way): \(result.stdout)")
            XCTAssertTrue(result.stderr.contains("does not show"), result.stderr)
        }
        let several = try Binary.run(["entity", "lead:Ромашка", "--account", served.accountURL], environment: served.env)
        XCTAssertEqual(several.status, 2)
        XCTAssertTrue(several.stderr.contains("matches 2 leads"), several.stderr)
        XCTAssertTrue(several.stderr.contains("Архив 2025 › Успешно реализовано"), "the candidates come with what tells them apart: \(several.stderr)")
        let none = try Binary.run(["entity", "lead:нет-такой-сделки", "--account", served.accountURL], environment: served.env)
        XCTAssertEqual(none.status, 1, none.stderr)
        let older = try Binary.run(["entity", "leads", "22859108", "--account", served.accountURL], environment: served.env)
        XCTAssertEqual(older.status, 0, older.stderr)
        XCTAssertTrue(older.stdout.contains("Договор аренды склада"), older.stdout)
    }
}
