@testable import AmoFilesAPI
import DriveEmulator
import Foundation
import XCTest

/// Every answer the client reads, mutated thousands of ways from the reference's
/// examples (keys removed, nulls, wrong types, huge numbers, hostile strings,
/// truncation, garbage) and fed through the real clients: each one decodes or is an
/// `APIError`, never a crash. Seeded, so a failure replays.
final class DecoderFuzzTests: XCTestCase {
    private static let answers = [
        "get-v1-0-files-file-uuid.response", "get-v1-0-files.response", "get-v1-0-files-file-uuid-versions.response",
        "patch-v1-0-files-file-uuid.response", "post-v1-0-files-restore.response", "post-v1-0-sessions.response",
        "post-v1-0-sessions-upload-session-token.response", "post-v1-0-sessions-upload-session-token.response-last-part",
        "get-api-v4-files-file-uuid-links.response", "get-api-v4-leads-entity-id-files.response",
    ]

    private func fixture(_ name: String) throws -> Any {
        let url = try XCTUnwrap(Bundle.module.url(forResource: name, withExtension: "json", subdirectory: "Fixtures"))
        return try JSONSerialization.jsonObject(with: Data(contentsOf: url), options: [.fragmentsAllowed])
    }

    /// Sends `body` as the answer of every call of both clients.
    private func feed(_ body: Data, status: Int = 200) async {
        let drive = URL(string: "http://127.0.0.1:9")!
        let calls: [@Sendable (DriveClient, AccountClient) async throws -> Void] = [
            { drive, _ in _ = try await drive.file("u") },
            { drive, _ in _ = try await drive.listFiles() },
            { drive, _ in _ = try await drive.versions(of: "u") },
            { drive, _ in _ = try await drive.rename("u", to: "n") },
            { drive, _ in _ = try await drive.restore(["u"]) },
            { drive, _ in try await drive.delete(["u"]) },
            { drive, _ in _ = try await drive.createUploadSession(UploadSessionRequest(fileName: "a", fileSize: 1)) },
            { drive, _ in _ = try await drive.uploadPart(Data([1]), to: "http://127.0.0.1:9/upload/t", partNumber: 1) },
            { _, account in _ = try await account.account() },
            { _, account in _ = try await account.links(ofFile: "u") },
            { _, account in _ = try await account.entityFiles(.leads, id: 1) },
            { _, account in _ = try await account.searchEntities(.contacts, query: "a") },
            { _, account in _ = try await account.userNames() },
            { _, account in _ = try await account.entity(.companies, id: 1) },
        ]
        for call in calls {
            let transport = ScriptedTransport([TransportResponse(status: status, headers: [("Content-Type", "application/json")], body: body)])
            let requester = Requester(transport: transport, tokens: LongLivedToken("t"), retries: RetryPolicies(calls: .once, uploadParts: .once))
            do {
                try await call(DriveClient(driveURL: drive, requester: requester), AccountClient(accountURL: drive, requester: requester))
            } catch is APIError {
                // An answer that cannot be read is an error with a reason: what this test wants.
            } catch {
                XCTFail("not an APIError: \(error)")
            }
        }
    }

    func testMutatedAnswersDecodeOrFailWithAnErrorNeverACrash() async throws {
        var random = SeededRandom(seed: 20261202)
        var fed = 0
        for name in Self.answers {
            let original = try fixture(name)
            for _ in 0..<60 {
                var mutated = original
                for _ in 0..<Int.random(in: 1...3, using: &random) { mutated = Mutator.mutate(mutated, &random) }
                guard let data = try? JSONSerialization.data(withJSONObject: mutated, options: [.fragmentsAllowed]) else { continue }
                await feed(data)
                fed += 1
            }
            // The same answer cut short, at a few places.
            let whole = try JSONSerialization.data(withJSONObject: original)
            for _ in 0..<5 { await feed(whole.prefix(Int.random(in: 0..<whole.count, using: &random))) }
        }
        XCTAssertGreaterThan(fed, 500)
    }

    func testGarbageAndErrorBodiesOfEveryStatusAreErrors() async {
        var random = SeededRandom(seed: 7)
        let problems = [
            #"{"title":"Bad Request","status":400,"validation-errors":[{"request_id":null,"errors":[{"code":5,"path":null}]}]}"#,
            #"{"validation-errors":"nope"}"#, #"{"retry_after":1e308}"#, #"{"retry_after":-5}"#, #"{"detail":"\#(String(repeating: "x", count: 100_000))"}"#,
            "<html><title>403 Forbidden</title></html>", "\u{1B}[2J\u{1B}]0;owned\u{07}", "",
        ]
        for status in [200, 201, 202, 204, 301, 400, 401, 403, 404, 409, 429, 500, 502] {
            for body in problems { await feed(Data(body.utf8), status: status) }
            let noise = Data((0..<Int.random(in: 0...300, using: &random)).map { _ in UInt8.random(in: 0...255, using: &random) })
            await feed(noise, status: status)
        }
    }
}


/// One change at one random place of a JSON tree.
enum Mutator {
    /// Values that break naive code: wrong types, nulls, extremes, hostile text.
    nonisolated(unsafe) static let replacements: [Any] = [
        NSNull(), "", "x", String(repeating: "é", count: 5000), "\u{1B}[31m\u{202E}evil\u{0}", 0, -1, Int64.max, Int64.min,
        1e308, -1e308, 0.5, Double.greatestFiniteMagnitude, true, false, [Any](), [String: Any](), ["nested": [1, "a", NSNull()]],
        NSDecimalNumber(string: "18446744073709551616"), "not-a-url", "http://evil.example.com/x", "9999999999999999999999",
    ]

    static func mutate(_ value: Any, _ random: inout SeededRandom) -> Any {
        switch value {
        case var object as [String: Any] where !object.isEmpty && Int.random(in: 0..<4, using: &random) > 0:
            let key = object.keys.sorted()[Int.random(in: 0..<object.count, using: &random)]
            switch Int.random(in: 0..<4, using: &random) {
            case 0: object.removeValue(forKey: key)
            case 1: object[key] = replacements[Int.random(in: 0..<replacements.count, using: &random)]
            default: object[key] = mutate(object[key]!, &random)
            }
            return object
        case var array as [Any] where !array.isEmpty && Int.random(in: 0..<4, using: &random) > 0:
            let index = Int.random(in: 0..<array.count, using: &random)
            switch Int.random(in: 0..<3, using: &random) {
            case 0: array.remove(at: index)
            case 1: array.append(array[index])
            default: array[index] = mutate(array[index], &random)
            }
            return array
        default:
            return replacements[Int.random(in: 0..<replacements.count, using: &random)]
        }
    }
}
