@testable import AmoFilesAPI
import Foundation
import Synchronization
import XCTest

/// The one retry layer: what is repeated, how often, and what the person is told.
final class RetryTests: XCTestCase {
    let drive = URL(string: "http://127.0.0.1:9/")!
    /// The reference's example of a file model.
    let fileJSON = String(decoding: try! Data(contentsOf: Bundle.module.url(forResource: "get-v1-0-files-file-uuid.response", withExtension: "json", subdirectory: "Fixtures")!), as: UTF8.self)

    private func client(_ answers: [TransportResponse], notices: Collected = Collected()) -> (DriveClient, ScriptedTransport) {
        let transport = ScriptedTransport(answers)
        let requester = Requester(
            transport: transport, tokens: LongLivedToken("t"), retries: .quick, announcer: RetryAnnouncer { notices.append($0) })
        return (DriveClient(driveURL: drive, requester: requester), transport)
    }

    func testFiveHundredsAndDropsAreRetriedAndEachRepeatIsAnnounced() async throws {
        let notices = Collected()
        let (drive, transport) = client([answer(500, ""), dropped, answer(503, ""), answer(200, fileJSON)], notices: notices)
        let file = try await drive.file("u")
        XCTAssertEqual(file.size, 7526)
        XCTAssertEqual(transport.sent.count, 4)
        let texts = notices.values.map(\.description)
        XCTAssertEqual(texts.count, 3, "\(texts)")
        XCTAssertTrue(texts[0].hasPrefix("the service did not answer (500); trying again in "), texts[0])
        XCTAssertTrue(texts[0].hasSuffix(" s (2 of 5)"), texts[0])
        XCTAssertTrue(texts[1].hasPrefix("no answer from the service (the server closed the connection); trying again in "), texts[1])
        XCTAssertTrue(texts[2].hasSuffix("(4 of 5)"), texts[2])
    }

    func testGivesUpAfterFiveTriesWithTheLastError() async {
        let (drive, transport) = client(Array(repeating: answer(500, ""), count: 9))
        do {
            _ = try await drive.file("u")
            XCTFail("nine 500s cannot pass")
        } catch let error as APIError {
            XCTAssertEqual(error.kind, .server(status: 500))
        } catch {
            XCTFail("\(error)")
        }
        XCTAssertEqual(transport.sent.count, 5)
    }

    func testARefusedFirstCallIsReportedAtOnceButARefusalLaterIsRetried() async throws {
        let (first, firstTransport) = client([refused, answer(200, fileJSON)])
        do {
            _ = try await first.file("u")
            XCTFail("nothing listens: no retry round")
        } catch let error as APIError {
            XCTAssertEqual(error.kind, .transport(reason: "connection refused", unreached: true))
        }
        XCTAssertEqual(firstTransport.sent.count, 1)

        let (later, laterTransport) = client([answer(200, fileJSON), refused, answer(200, fileJSON)])
        _ = try await later.file("u")
        _ = try await later.file("u")
        XCTAssertEqual(laterTransport.sent.count, 3, "once the service answered, a refusal is a restart worth waiting for")
    }

    func testA429WaitsForItsJSONRetryAfterAndAWaitBeyondTheBudgetFailsAtOnce() async throws {
        let (drive, transport) = client([answer(429, #"{"title":"Too Many Requests","status":429,"retry_after":0.2}"#), answer(200, fileJSON)])
        let started = ContinuousClock.now
        _ = try await drive.file("u")
        XCTAssertGreaterThanOrEqual(ContinuousClock.now - started, .milliseconds(200))
        XCTAssertEqual(transport.sent.count, 2)

        let (patient, patientTransport) = client([answer(429, #"{"retry_after":300}"#), answer(200, fileJSON)])
        do {
            _ = try await patient.file("u")
            XCTFail("five minutes is past the budget of a call")
        } catch let error as APIError {
            XCTAssertEqual(error.kind, .rateLimited(retryAfter: 300))
            XCTAssertTrue(error.description.contains("retry after 300"), error.description)
        }
        XCTAssertEqual(patientTransport.sent.count, 1)
    }

    func testTheAddressBlockStopsEveryCallAndIsNeverAScope() async {
        let page = answer(403, "<html><head><title>403 Forbidden</title></head><body><center><h1>403 Forbidden</h1></center><hr><center>nginx</center></body></html>", headers: [("Content-Type", "text/html")])
        let (drive, transport) = client([page, answer(200, fileJSON), answer(200, fileJSON)])
        for call in 0..<2 {
            do {
                try await drive.delete(["u"])
                XCTFail("blocked")
            } catch let error as APIError {
                XCTAssertEqual(error.kind, .blocked, "call \(call)")
                XCTAssertTrue(error.description.contains("the service has blocked this address after too many requests; wait, or ask amoCRM support to lift it"), error.description)
                XCTAssertFalse(error.description.contains("scope"), error.description)
            } catch {
                XCTFail("\(error)")
            }
        }
        XCTAssertEqual(transport.sent.count, 1, "nothing more is sent once the address is blocked")
    }

    func testAScopeRefusalInProblemJSONIsAScope() async {
        let (drive, _) = client([answer(403, #"{"title":"Forbidden","status":403,"detail":"the token lacks the files_delete scope"}"#)])
        do {
            try await drive.delete(["u"])
            XCTFail("refused")
        } catch let error as APIError {
            XCTAssertEqual(error.kind, .forbidden(missingScope: "files_delete"))
        } catch {
            XCTFail("\(error)")
        }
    }

    func testAnUploadURLOnAnotherOriginGetsNoBytesAndNoToken() async {
        for other in ["http://127.0.0.1:10/upload/t", "https://127.0.0.1:9/upload/t", "http://evil.example.com/upload/t"] {
            let (drive, transport) = client([answer(200, fileJSON)])
            do {
                _ = try await drive.uploadPart(Data([1]), to: other, partNumber: 1)
                XCTFail("\(other) is not the drive host")
            } catch let error as APIError {
                guard case .refused(let reason) = error.kind else { return XCTFail("\(error)") }
                XCTAssertTrue(reason.contains(URL(string: other)!.host!), reason)
            } catch {
                XCTFail("\(error)")
            }
            XCTAssertTrue(transport.sent.isEmpty, "\(other): nothing sent")
        }
    }

    func testARedirectIsNotFollowed() async {
        let (drive, transport) = client([answer(302, "", headers: [("Location", "https://elsewhere.example.com/v1.0/files/u")])])
        do {
            _ = try await drive.file("u")
            XCTFail("a redirect is not an answer")
        } catch let error as APIError {
            XCTAssertTrue(error.description.contains("a redirect to elsewhere.example.com, not followed"), error.description)
        } catch {
            XCTFail("\(error)")
        }
        XCTAssertEqual(transport.sent.count, 1)
    }

    func testTheServicesVariationsAreReadForWhatTheyAre() async throws {
        let (drive, _) = client([answer(200, "{}"), answer(204), answer(204), answer(200, #"{"_embedded":{"files":[]}}"#), answer(200, "{}"), answer(200, "[]")])
        try await drive.delete(["u"])
        try await drive.delete(["u"])
        do {
            _ = try await drive.file("u")
            XCTFail("a 204 for a file is not a file")
        } catch let error as APIError {
            XCTAssertEqual(error.kind, .notFound)
        }
        let empty = try await drive.listFiles()
        XCTAssertTrue(empty.items.isEmpty, "an empty list in the documented shape")
        for shape in ["{}", "[]"] {
            do {
                _ = try await drive.listFiles()
                XCTFail("\(shape) is not a page of files")
            } catch let error as APIError {
                guard case .undecodable = error.kind else { return XCTFail("\(error)") }
            }
        }
    }
}

/// Notices collected from the announcer.
final class Collected: Sendable {
    private let items = Mutex<[RetryNotice]>([])
    var values: [RetryNotice] { items.withLock { $0 } }
    func append(_ notice: RetryNotice) { items.withLock { $0.append(notice) } }
}
