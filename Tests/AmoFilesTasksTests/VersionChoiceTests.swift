import AmoFilesAPI
import AmoFilesTasks
import XCTest

final class VersionChoiceTests: XCTestCase {
    /// Newest first, as the service lists them.
    private let versions = ["ab12c0de-0000-4000-8000-000000000003", "ab12f00d-0000-4000-8000-000000000002", "123456ff-0000-4000-8000-000000000001"].map {
        FileVersion(uuid: $0, fileUUID: "f", type: .document, name: "a", sanitizedName: "a", size: 1, isMain: false, sourceID: nil,
                    createdAt: 0, createdBy: .robot, updatedAt: 0, updatedBy: .robot, metadata: nil, previews: nil,
                    links: FileVersion.Links(download: nil, this: nil))
    }

    private func found(_ text: String) -> String? {
        try? VersionChoice.find(text, in: versions).get().uuid
    }

    func testANumberCountsFromTheOldest() {
        XCTAssertEqual(found("1"), versions[2].uuid)
        XCTAssertEqual(found("3"), versions[0].uuid)
        XCTAssertEqual(found(" 2 "), versions[1].uuid)
        XCTAssertEqual(VersionChoice.number(of: versions[0], in: versions), 3)
    }

    func testAUuidOrAStartNoOtherShares() {
        XCTAssertEqual(found(versions[1].uuid.uppercased()), versions[1].uuid)
        XCTAssertEqual(found("ab12f"), versions[1].uuid)
        // Six digits or fewer are a number; more, the start of a uuid.
        XCTAssertEqual(found("123456f"), versions[2].uuid)
        XCTAssertNil(found("123456"), "six digits are the number 123456")
    }

    func testWhatMatchesNoneOrSeveralIsSaid() {
        XCTAssertEqual(VersionChoice.find("4", in: versions), .failure(.missing("there is no version 4: it has 3, 1 the oldest")))
        XCTAssertEqual(VersionChoice.find("0", in: versions), .failure(.missing("there is no version 0: it has 3, 1 the oldest")))
        XCTAssertEqual(VersionChoice.find("", in: versions),
                       .failure(.missing("no version is numbered or has a uuid starting with “”: it has 3, 1 the oldest")))
        XCTAssertEqual(VersionChoice.find("zz", in: versions),
                       .failure(.missing("no version is numbered or has a uuid starting with “zz”: it has 3, 1 the oldest")))
        XCTAssertEqual(VersionChoice.find("ab12", in: versions), .failure(.ambiguous(
            "“ab12” starts the uuids of versions 3 (ab12c0de-0000-4000-8000-000000000003), 2 (ab12f00d-0000-4000-8000-000000000002); give more of it, or the number")))
    }
}
