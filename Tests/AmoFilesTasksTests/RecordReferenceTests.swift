import AmoFilesAPI
@testable import AmoFilesTasks
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
