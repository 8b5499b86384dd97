import AmoFilesAPI
@testable import AmoFilesApp
import TerminalUI
import XCTest

final class FilterFormTests: XCTestCase {
    private func type(_ form: inout FilterForm, _ text: String) {
        for character in text { _ = form.handle(character == " " ? .space : .character(character)) }
    }

    func testEveryFieldBecomesTheDocumentedFilter() {
        var base = Tab.files.baseFilter
        base.term = "договор"
        var form = FilterForm(filter: base, users: [7: "Анна", 3: "Борис"])
        type(&form, ".pdf docx")
        _ = form.handle(.tab)
        type(&form, "1MB")
        _ = form.handle(.tab)
        type(&form, "20MB")
        _ = form.handle(.tab)
        _ = form.handle(.right)  // created
        _ = form.handle(.tab)
        _ = form.handle(.right)  // the first preset
        _ = form.handle(.down)
        _ = form.handle(.down)
        _ = form.handle(.down)   // created by
        _ = form.handle(.right)
        _ = form.handle(.right)
        _ = form.handle(.right)  // anyone -> client -> robot -> Анна (users by name)
        _ = form.handle(.down)
        _ = form.handle(.left)   // anyone -> Борис (the last one)
        _ = form.handle(.down)
        type(&form, "42")
        guard case .apply(let filter) = form.handle(.enter) else { return XCTFail("the form did not apply: \(String(describing: form.error))") }
        XCTAssertEqual(filter.term, "договор", "the search term stays")
        XCTAssertEqual(filter.extensions, ["pdf", "docx"])
        XCTAssertEqual(filter.size, FileFilter.SizeRange(from: 1_000_000, to: 20_000_000))
        XCTAssertEqual(filter.date, FileFilter.DateFilter(field: .createdAt, preset: FileFilter.DatePreset.allCases[0]))
        XCTAssertEqual(filter.createdBy, [7])
        XCTAssertEqual(filter.updatedBy, [3])
        XCTAssertEqual(filter.sourceID, 42)
        // Opened again, it shows what is in force.
        let again = FilterForm(filter: filter, users: [7: "Анна", 3: "Борис"])
        XCTAssertEqual(again.texts[.minSize]?.text, "1000000")
        XCTAssertEqual(again.createdBy, 7)
    }

    func testBadInputStaysInTheFormWithAReason() {
        var form = FilterForm(filter: Tab.files.baseFilter, users: [:])
        _ = form.handle(.down)
        type(&form, "lots")
        XCTAssertEqual(form.handle(.enter), .editing)
        XCTAssertEqual(form.error, "“lots” is not a size; write 500, 20KB or 1.5MB")
        XCTAssertEqual(form.focus, .minSize)
        XCTAssertEqual(form.handle(.escape), .cancel)
    }

    func testAppliedThroughTheReducerItReloadsWithTheFilter() {
        var state = Samples.state()
        _ = Reducer.reduce(&state, .input(.key(.character("f"))))
        for character in "pdf" { _ = Reducer.reduce(&state, .input(.key(.character(character)))) }
        var expected = Tab.files.baseFilter
        expected.extensions = ["pdf"]
        XCTAssertEqual(Reducer.reduce(&state, .input(.key(.enter))), [.loadPage(.files, generation: 1, page: 1, filter: expected)])
        XCTAssertNil(state.overlay)
    }
}
