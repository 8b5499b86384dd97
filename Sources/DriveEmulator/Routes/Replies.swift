import Foundation
import HTTPTypes
import Hummingbird

/// Builds answers in the service's content types.
enum Reply {
    static func json<T: Encodable>(_ value: T, status: HTTPResponse.Status = .ok, contentType: String = "application/json") throws -> Response {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        let data = try encoder.encode(value)
        return Response(
            status: status,
            headers: [.contentType: contentType, .contentLength: String(data.count)],
            body: ResponseBody(byteBuffer: ByteBuffer(bytes: data)))
    }

    static func empty(_ status: HTTPResponse.Status) -> Response {
        Response(status: status, headers: [.contentLength: "0"])
    }
}

/// Which listener a failure happened on: the drive answers `application/json`
/// `{title, status, detail}`, API v4 answers `application/problem+json` with
/// `type` and, on 400, `validation-errors`.
enum FailureStyle: Sendable {
    case drive, account
}

/// Turns every thrown error into the listener's error body; the emulator never
/// answers a bare 500 without a readable detail.
struct FailureMiddleware<Context: RequestContext>: RouterMiddleware {
    let style: FailureStyle

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        do {
            return try await next(request, context)
        } catch let failure as EmulatorFailure {
            return try reply(failure)
        } catch let failure as OAuthFailure {
            let body = ["title": failure.status == 401 ? "Unauthorized" : "Bad Request", "type": "https://httpstatus.es/\(failure.status)",
                        "status": "\(failure.status)", "detail": failure.hint, "hint": failure.hint]
            return try Reply.json(ProblemBody(body), status: .init(code: failure.status), contentType: "application/problem+json")
        } catch let error as HTTPError {
            return try reply(EmulatorFailure(status: Int(error.status.code), title: error.status.reasonPhrase, detail: error.body ?? error.status.reasonPhrase))
        } catch let error as DecodingError {
            return try reply(.badRequest("request body is not valid JSON of the expected shape: \(Self.describe(error))"))
        } catch {
            return try reply(EmulatorFailure(status: 500, title: "Internal Server Error", detail: String(describing: error)))
        }
    }

    private func reply(_ failure: EmulatorFailure) throws -> Response {
        try Self.reply(failure, style: style)
    }

    static func reply(_ failure: EmulatorFailure, style: FailureStyle) throws -> Response {
        let status = HTTPResponse.Status(code: failure.status)
        switch style {
        case .drive:
            return try Reply.json(DriveErrorBody(title: failure.title, status: failure.status, detail: failure.detail), status: status)
        case .account:
            let requests = failure.validation.map(\.requestID).reduce(into: [String]()) { if !$0.contains($1) { $0.append($1) } }
            let validation = requests.isEmpty ? nil : requests.map { request in
                ValidationGroup(request_id: request, errors: failure.validation.filter { $0.requestID == request }.map {
                    ValidationItem(code: $0.code, path: $0.path, detail: $0.detail)
                })
            }
            let body = AccountErrorBody(
                title: failure.title, type: "https://httpstatus.es/\(failure.status)", status: failure.status,
                detail: failure.detail, validationErrors: validation)
            return try Reply.json(body, status: status, contentType: "application/problem+json")
        }
    }

    private static func describe(_ error: DecodingError) -> String {
        switch error {
        case .keyNotFound(let key, _): "missing \(key.stringValue)"
        case .typeMismatch(_, let context), .valueNotFound(_, let context):
            "wrong type at \(context.codingPath.map(\.stringValue).joined(separator: "."))"
        case .dataCorrupted: "malformed JSON"
        @unknown default: "malformed JSON"
        }
    }
}

private struct DriveErrorBody: Encodable {
    var title: String
    var status: Int
    var detail: String
}

private struct ValidationItem: Encodable {
    var code: String
    var path: String
    var detail: String
}

private struct ValidationGroup: Encodable {
    var request_id: String
    var errors: [ValidationItem]
}

private struct AccountErrorBody: Encodable {
    var title: String
    var type: String
    var status: Int
    var detail: String
    var validationErrors: [ValidationGroup]?

    enum CodingKeys: String, CodingKey {
        case title, type, status, detail, validationErrors = "validation-errors"
    }
}

private struct ProblemBody: Encodable {
    let fields: [String: String]
    init(_ fields: [String: String]) { self.fields = fields }

    func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: JSONKey.self)
        for (key, value) in fields.sorted(by: { $0.key < $1.key }) {
            if key == "status", let number = Int(value) {
                try c.encode(number, forKey: JSONKey(key))
            } else {
                try c.encode(value, forKey: JSONKey(key))
            }
        }
    }
}
