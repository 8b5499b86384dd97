@testable import AmoFilesAPI
import Foundation
import Synchronization
import XCTest

/// A transport that answers from a script and records what was sent.
final class ScriptedTransport: HTTPTransport {
    private let state: Mutex<(answers: [TransportResponse], sent: [TransportRequest])>

    init(_ answers: [TransportResponse]) { state = Mutex((answers, [])) }

    var sent: [TransportRequest] { state.withLock { $0.sent } }

    func send(_ request: TransportRequest) async throws -> TransportResponse {
        try state.withLock { state in
            state.sent.append(request)
            guard !state.answers.isEmpty else { throw TransportFailure(reason: "connection refused") }
            let next = state.answers.removeFirst()
            switch next.status {
            case refusedStatus: throw TransportFailure(reason: "connection refused", unreached: true)
            case droppedStatus: throw TransportFailure(reason: "the server closed the connection")
            default: return next
            }
        }
    }

    func stream(_ request: TransportRequest, consume: @Sendable (Data) async throws -> Void) async throws -> TransportResponse {
        let response = try await send(request)
        if (200..<300).contains(response.status) { try await consume(response.body) }
        return response
    }
}

/// Stand-ins in a script for a refused connection and one closed before its answer.
let refusedStatus = -1, droppedStatus = -2
let refused = TransportResponse(status: refusedStatus, headers: [], body: Data())
let dropped = TransportResponse(status: droppedStatus, headers: [], body: Data())

func answer(_ status: Int, _ body: String = "", headers: [(String, String)] = [("Content-Type", "application/json")]) -> TransportResponse {
    TransportResponse(status: status, headers: headers, body: Data(body.utf8))
}

final class RequesterTests: XCTestCase {
    let drive = URL(string: "http://127.0.0.1:9/")!
    let secret = "SECRET-TOKEN-123"

    private func client(_ answers: [TransportResponse]) -> (DriveClient, ScriptedTransport) {
        let transport = ScriptedTransport(answers)
        let requester = Requester(transport: transport, tokens: LongLivedToken(secret), retries: .quick)
        return (DriveClient(driveURL: drive, requester: requester), transport)
    }

    private func failure(_ answers: [TransportResponse], _ call: (DriveClient) async throws -> Void) async -> APIError? {
        let (drive, _) = client(answers)
        do {
            try await call(drive)
            return nil
        } catch {
            return error as? APIError
        }
    }

    func testSendsBearerTokenAndBracketedFilterQuery() async throws {
        let (drive, transport) = client([answer(204)])
        var filter = FileFilter()
        filter.extensions = ["pdf", "jpg"]
        filter.size = .init(unit: 1_000_000, from: 1)
        filter.deleted = true
        let page = try await drive.listFiles(filter, limit: 25, page: 2)
        XCTAssertTrue(page.items.isEmpty, "204 is an empty page, not an error")
        let request = try XCTUnwrap(transport.sent.first)
        XCTAssertEqual(request.headers.first { $0.0 == "Authorization" }?.1, "Bearer \(secret)")
        XCTAssertEqual(
            request.url.query,
            "filter%5Bextensions%5D%5B%5D=pdf&filter%5Bextensions%5D%5B%5D=jpg&filter%5Bdeleted%5D=true&filter%5Bsize%5D%5Bunit%5D=1000000&filter%5Bsize%5D%5Bfrom%5D=1&limit=25&page=2")
    }

    func testBadRequestCarriesValidationDetails() async {
        let body = #"{"title":"Bad Request","status":400,"detail":"x","validation-errors":[{"request_id":"0","errors":[{"code":"NotSupportedChoice","path":"name","detail":"too long"}]}]}"#
        let error = await failure([answer(400, body)]) { _ = try await $0.rename("u", to: "n") }
        XCTAssertEqual(error?.kind, .badRequest(details: ["name: too long"]))
        XCTAssertEqual(error?.call, "PATCH /v1.0/files/{uuid}")
    }

    func testForbiddenNamesTheMissingScope() async {
        let error = await failure([answer(403, #"{"title":"Forbidden","status":403,"detail":"no"}"#)]) { try await $0.delete(["u"]) }
        XCTAssertEqual(error?.kind, .forbidden(missingScope: "files_delete"))
        XCTAssertTrue(error?.description.contains("files_delete scope") ?? false)
    }

    func testA429IsWaitedOutForItsRetryAfterAndSentAgain() async throws {
        let file = String(decoding: try Data(contentsOf: XCTUnwrap(Bundle.module.url(forResource: "get-v1-0-files-file-uuid.response", withExtension: "json", subdirectory: "Fixtures"))), as: UTF8.self)
        let (drive, transport) = client([answer(429, "", headers: [("Retry-After", "0.3")]), answer(200, file)])
        let started = ContinuousClock.now
        let got = try await drive.file("u")
        XCTAssertEqual(got.size, 7526)
        XCTAssertEqual(transport.sent.count, 2)
        XCTAssertGreaterThanOrEqual(ContinuousClock.now - started, .milliseconds(300))
    }

    func testA429IsSentAtMostFiveTimesInAll() async {
        let refusals = Array(repeating: answer(429, "", headers: [("Retry-After", "0")]), count: 10)
        let (drive, transport) = client(refusals)
        do {
            _ = try await drive.file("u")
            XCTFail("ten refusals cannot pass")
        } catch let error as APIError {
            XCTAssertEqual(error.kind, .rateLimited(retryAfter: 0))
        } catch {
            XCTFail("\(error)")
        }
        XCTAssertEqual(transport.sent.count, 5, "one layer of retries: 5 tries, not 6 times 8")
    }

    func testPacerKeepsAnyOneSecondWithinTheRate() async throws {
        let pacer = Pacer(requestsPerSecond: 10)
        let started = ContinuousClock.now
        var admitted: [ContinuousClock.Instant] = []
        for _ in 0..<25 {
            admitted.append(try await pacer.admit())
        }
        XCTAssertLessThan(admitted[9] - started, .milliseconds(900), "the first ten go out at once (paced, the tenth would wait 0.9 s)")
        for index in 10..<admitted.count {
            XCTAssertGreaterThanOrEqual(admitted[index] - admitted[index - 10], .seconds(1), "call \(index): at most 10 in any second")
        }
        let unpaced = Pacer(requestsPerSecond: nil)
        let quick = ContinuousClock.now
        for _ in 0..<100 { try await unpaced.admit() }
        XCTAssertLessThan(ContinuousClock.now - quick, .milliseconds(900), "unpaced: 100 calls would take 14 s at 7 per second")
    }

    func testStatusesMapToKinds() async {
        let unauthorized = await failure([answer(401, "")]) { _ = try await $0.file("u") }
        XCTAssertEqual(unauthorized?.kind, .unauthorized)
        let notFound = await failure([answer(404, #"{"title":"Not Found","status":404,"detail":"file u not found"}"#)]) { _ = try await $0.file("u") }
        XCTAssertEqual(notFound?.kind, .notFound)
        XCTAssertEqual(notFound?.serverMessage, "file u not found")
        let gateway = answer(502, "<html><body>Bad gateway</body></html>", headers: [("Content-Type", "text/html")])
        let server = await failure(Array(repeating: gateway, count: 5)) { _ = try await $0.file("u") }
        XCTAssertEqual(server?.kind, .server(status: 502))
        XCTAssertNil(server?.serverMessage, "HTML pages are not quoted")
        let transport = await failure([]) { _ = try await $0.file("u") }
        XCTAssertEqual(transport?.kind, .transport(reason: "connection refused"))
    }

    func testGarbageAnswersAreUndecodableNotCrashes() async {
        let html = await failure([answer(200, "<html>hi</html>", headers: [("Content-Type", "text/html")])]) { _ = try await $0.file("u") }
        XCTAssertEqual(html?.kind, .undecodable(reason: "expected JSON, got text/html"))
        let empty = await failure([answer(200, "")]) { _ = try await $0.file("u") }
        XCTAssertEqual(empty?.kind, .undecodable(reason: "empty body with status 200"))
        let truncated = await failure([answer(200, #"{"uuid": "x""#)]) { _ = try await $0.file("u") }
        XCTAssertEqual(truncated?.kind, .undecodable(reason: "not valid JSON"))
        let wrongShape = await failure([answer(200, #"{"uuid": 5}"#)]) { _ = try await $0.file("u") }
        if case .undecodable = wrongShape?.kind {} else { XCTFail("expected undecodable, got \(String(describing: wrongShape))") }
    }

    func testPartAnswersAreToldApartByBodyNotStatus() async throws {
        let (drive, _) = client([answer(202, #"{"session_id": 5, "next_url": "http://127.0.0.1:9/upload/t2"}"#)])
        let outcome = try await drive.uploadPart(Data([1, 2]), to: "http://127.0.0.1:9/upload/t1", partNumber: 1)
        XCTAssertEqual(outcome, .next(UploadNextPart(sessionID: 5, nextURL: "http://127.0.0.1:9/upload/t2")))
    }

    func testTokenIsNotSentOverPlainHTTPToOtherHosts() async {
        let transport = ScriptedTransport([answer(200, "{}")])
        let requester = Requester(transport: transport, tokens: LongLivedToken(secret))
        let drive = DriveClient(driveURL: URL(string: "http://drive.example.com")!, requester: requester)
        do {
            _ = try await drive.file("u")
            XCTFail("expected a refusal")
        } catch let error as APIError {
            guard case .refused = error.kind else { return XCTFail("got \(error)") }
            XCTAssertTrue(transport.sent.isEmpty, "nothing may be sent")
        } catch {
            XCTFail("got \(error)")
        }
    }

    func testNoTokenInAnyErrorMessageEvenWhenTheServerEchoesIt() async {
        let bodies = [
            answer(401, "token \(secret) rejected", headers: []),
            answer(400, #"{"title":"Bad Request","detail":"bad token \#(secret)"}"#),
            answer(403, #"{"detail":"Bearer \#(secret) lacks files_delete scope"}"#),
        ]
        for body in bodies {
            let error = await failure([body]) { _ = try await $0.file("u") }
            let text = String(describing: error)
            XCTAssertNotNil(error, "\(body.status) is an error")
            XCTAssertFalse(text.contains(secret), text)
            XCTAssertTrue(text.contains("[token]"), "where the server quoted it, a stand-in:\n\(text)")
        }
        let transport = await failure([]) { _ = try await $0.file("u") }
        XCTAssertFalse(transport?.description.contains(secret) ?? true)
    }

    func testADownloadErrorNeverCarriesTheTokenAndAStorageHostsHTMLRefusalIsNotTheAddressBlock() async throws {
        let echo = answer(400, #"{"title":"Bad Request","detail":"bad token \#(secret)"}"#)
        let storagePage = answer(403, "<html><body>AccessDenied</body></html>", headers: [("Content-Type", "text/html")])
        let file = String(decoding: try Data(contentsOf: XCTUnwrap(Bundle.module.url(forResource: "get-v1-0-files-file-uuid.response", withExtension: "json", subdirectory: "Fixtures"))), as: UTF8.self)
        let (drive, transport) = client([echo, storagePage, answer(200, file)])
        do {
            try await drive.download(from: "http://127.0.0.1:9/download/u") { _ in }
            XCTFail("a 400 is an error")
        } catch let error as APIError {
            XCTAssertFalse(error.description.contains(secret), error.description)
            XCTAssertTrue(error.description.contains("[token]"), error.description)
        }
        do {
            try await drive.download(from: "https://storage.example.com/u?signature=s") { _ in }
            XCTFail("a 403 is an error")
        } catch let error as APIError {
            XCTAssertEqual(error.kind, .forbidden(missingScope: nil), "a signed link's refusal, not the service's block")
        }
        XCTAssertNil(transport.sent[1].headers.first { $0.0 == "Authorization" }, "no token to another origin")
        let after = try await drive.file("u")
        XCTAssertEqual(after.size, 7526, "the run goes on: nothing was blocked")
    }

    func testTheRetryBudgetBoundsTheWaitsNotTheTriesThemselves() async throws {
        // Each try takes 0.4 s to fail; with a budget of 1 s of waiting all five are made.
        let transport = SlowFailingTransport(delay: .milliseconds(400))
        let policy = RetryPolicy(attempts: 5, budget: 1, baseDelay: 0.01, maxDelay: 0.02)
        let requester = Requester(transport: transport, tokens: LongLivedToken(secret), retries: RetryPolicies(calls: policy))
        let drive = DriveClient(driveURL: drive, requester: requester)
        do {
            _ = try await drive.file("u")
            XCTFail("every try fails")
        } catch let error as APIError {
            XCTAssertEqual(error.kind, .server(status: 503))
        }
        XCTAssertEqual(transport.count, 5)
    }

    func testRetryAfterParsesHTTPDates() {
        XCTAssertEqual(Requester.parseRetryAfter("7"), 7)
        XCTAssertEqual(Requester.parseRetryAfter("Wed, 21 Oct 2015 07:28:00 GMT"), 0)
        XCTAssertNil(Requester.parseRetryAfter("soon"))
    }
}

final class OAuthSessionTests: XCTestCase {
    func testRefreshesOn401AndSavesTheNewPairBeforeUsingIt() async throws {
        let account = URL(string: "http://127.0.0.1:9")!
        let transport = ScriptedTransport([
            answer(401, ""),
            answer(200, #"{"token_type":"Bearer","expires_in":86400,"access_token":"A2","refresh_token":"R2","server_time":1000}"#),
            answer(200, #"{"id":1,"name":"Demo"}"#),
        ])
        // Each saved pair, with how many requests had gone out when it was saved.
        let saved = Mutex<[(OAuthTokens, Int)]>([])
        let session = OAuthSession(
            accountURL: account, client: OAuthClientCredentials(clientID: "c", clientSecret: "s", redirectURI: "https://r"),
            tokens: OAuthTokens(accessToken: "A1", refreshToken: "R1", expiresAt: 0), transport: transport,
            now: { Date(timeIntervalSince1970: 1000) },
            save: { fresh in saved.withLock { $0.append((fresh, transport.sent.count)) } })
        let client = AccountClient(accountURL: account, requester: Requester(transport: transport, tokens: session))
        let info = try await client.account(withDriveURL: false)
        XCTAssertEqual(info.name, "Demo")
        let pairs = saved.withLock { $0 }
        XCTAssertEqual(pairs.map(\.0), [OAuthTokens(accessToken: "A2", refreshToken: "R2", expiresAt: 87_400)])
        XCTAssertEqual(pairs.first?.1, 2, "saved after the refresh answered and before the call went out again with A2")
        let sent = transport.sent
        XCTAssertEqual(sent.count, 3)
        XCTAssertEqual(sent[0].headers.first { $0.0 == "Authorization" }?.1, "Bearer A1")
        XCTAssertTrue(sent[1].url.path.hasSuffix("/oauth2/access_token"))
        let refreshBody = try JSONDecoder().decode(OAuthTokenRequest.self, from: XCTUnwrap(sent[1].body))
        XCTAssertEqual(refreshBody.refreshToken, "R1")
        XCTAssertEqual(sent[2].headers.first { $0.0 == "Authorization" }?.1, "Bearer A2")
    }

    func testUnsavablePairIsReported() async {
        struct DiskFull: Error {}
        let transport = ScriptedTransport([
            answer(200, #"{"token_type":"Bearer","expires_in":86400,"access_token":"A2","refresh_token":"R2"}"#),
        ])
        let session = OAuthSession(
            accountURL: URL(string: "http://127.0.0.1:9")!, client: OAuthClientCredentials(clientID: "c", clientSecret: "s", redirectURI: "r"),
            tokens: OAuthTokens(accessToken: "A1", refreshToken: "R1", expiresAt: 1), transport: transport, save: { _ in throw DiskFull() })
        do {
            _ = try await session.accessToken()
            XCTFail("expected an error")
        } catch let error as APIError {
            XCTAssertTrue(error.description.contains("could not be saved"))
        } catch {
            XCTFail("\(error)")
        }
    }
}

/// Answers 503 to everything, each after `delay`.
final class SlowFailingTransport: HTTPTransport {
    let delay: Duration
    private let sent = Mutex(0)

    init(delay: Duration) { self.delay = delay }

    var count: Int { sent.withLock { $0 } }

    func send(_ request: TransportRequest) async throws -> TransportResponse {
        sent.withLock { $0 += 1 }
        try await Task.sleep(for: delay)
        return answer(503, "")
    }

    func stream(_ request: TransportRequest, consume: @Sendable (Data) async throws -> Void) async throws -> TransportResponse {
        try await send(request)
    }
}
