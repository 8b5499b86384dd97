import AmoFilesAPI
@testable import AmoFilesTasks
import Foundation
import XCTest

final class RecordReferenceTests: XCTestCase {
    func testRecordsAreNamedByIdOrText() {
        XCTAssertEqual(RecordReference("lead:123"), RecordReference(entity: .leads, id: 123))
        XCTAssertEqual(RecordReference("deal:7")?.entity, .leads, "deal is a lead")
        XCTAssertEqual(RecordReference("contacts:Сидоров")?.text, "Сидоров")
        XCTAssertEqual(RecordReference("lead: склад ")?.text, "склад")
        XCTAssertEqual(RecordReference("lead:a:b")?.text, "a:b", "only the first colon separates")
        for bad in ["lead:", "lead:0", "lead:-3", "invoice:5", "lead", ":5"] {
            XCTAssertNil(RecordReference(bad), bad)
        }
    }

    func testWaysAreNamedAsOnTheCommandLine() {
        XCTAssertEqual(AttachWay("link"), .link)
        XCTAssertEqual(AttachWay("note", comment: "c"), .note(comment: "c"))
        XCTAssertEqual(AttachWay("field:1154281", replacing: true), .field(id: 1_154_281, replacing: true))
        XCTAssertNil(AttachWay("field:Договор"), "a field by name is looked up by the caller")
        XCTAssertNil(AttachWay("field:0"))
        XCTAssertNil(AttachWay("email"))
    }

    func testDetailsReadInTheOrderAListShowsThem() {
        let details = RecordDetails(stage: "Продажи › Переговоры", price: 1_250_000, responsible: "Анна Смирнова", updatedAt: 5)
        XCTAssertEqual(details.parts(time: { "t\($0)" }), ["Продажи › Переговоры", "1 250 000", "Анна Смирнова", "changed t5"])
        XCTAssertEqual(RecordDetails.grouped(-1000), "-1 000")
        XCTAssertEqual(RecordDetails.grouped(999), "999")
        let contact = RecordDetails(company: "ООО «Ромашка»", phone: nil, email: "a@b.c")
        XCTAssertEqual(contact.parts(time: { _ in "" }), ["ООО «Ромашка»", "a@b.c"])
    }
}

final class RecentRecordsTests: XCTestCase {
    func testRecordsUsedLastComeFirstPerAccountAndSurviveARestart() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("recent-\(UUID().uuidString.prefix(8))").path
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let one = RecentRecords(account: "https://one.amocrm.ru", folder: folder)
        one.use(LinkTarget(entity: .leads, id: 5))
        one.use(LinkTarget(entity: .contacts, id: 9))
        one.use(LinkTarget(entity: .leads, id: 7))
        one.use(LinkTarget(entity: .leads, id: 5))
        let other = RecentRecords(account: "https://two.amocrm.ru", folder: folder)
        other.use(LinkTarget(entity: .leads, id: 1))

        let again = RecentRecords(account: "https://one.amocrm.ru", folder: folder)
        XCTAssertEqual(again.ids(of: .leads), [5, 7], "newest first, each once, this account's only")
        XCTAssertEqual(again.ids(of: .contacts), [9])
        for id in 100..<140 { again.use(LinkTarget(entity: .companies, id: id)) }
        XCTAssertEqual(RecentRecords(account: "https://one.amocrm.ru", folder: folder).records.count, RecentRecords.limit)

        func record(_ id: Int) -> CRMEntity { CRMEntity(id: id, name: "r\(id)", responsibleUserID: nil, createdAt: nil, updatedAt: nil, price: nil) }
        let ordered = RecentRecords.ordered([1, 2, 5, 3, 7].map(record), recent: [7, 5])
        XCTAssertEqual(ordered.map(\.id), [7, 5, 1, 2, 3])
    }
}
