import Foundation
import Logging

/// Sends one API call: adds the bearer token, repeats once after a refreshed 401,
/// and turns every non-2xx answer into an `APIError`. Shared by both clients.
public struct Requester: Sendable {
    let transport: any HTTPTransport
    let tokens: (any AccessTokenSource)?
    let pacer: Pacer
    let logger: Logger
    /// How many 429s in a row one call waits out before it fails.
    static let rateLimitAttempts = 6

    public init(
        transport: any HTTPTransport, tokens: (any AccessTokenSource)?, pacer: Pacer = Pacer(),
        logger: Logger = Logger(label: "amofiles.api")
    ) {
        self.transport = transport
        self.tokens = tokens
        self.pacer = pacer
        self.logger = logger
    }

    /// Performs the call and returns a 2xx answer; anything else throws `APIError`.
    /// `scope` names the scope the call needs, for a 403 whose body does not say.
    public func perform(
        _ call: String, method: String, url: URL, json body: Data? = nil, rawBody: Data? = nil,
        scope: String? = nil, timeout: TimeInterval = 60
    ) async throws -> TransportResponse {
        var request = TransportRequest(method: method, url: url, body: body ?? rawBody, timeout: timeout)
        request.headers.append(("Accept", "application/json"))
        if body != nil { request.headers.append(("Content-Type", "application/json")) }
        if rawBody != nil { request.headers.append(("Content-Type", "application/octet-stream")) }
        let response = try await sendAuthorized(request, call: call)
        guard (200..<300).contains(response.status) else {
            throw Self.error(for: response, call: call, scope: scope)
        }
        return response
    }

    /// Streams a 2xx body to `consume`; anything else throws `APIError`.
    public func stream(
        _ call: String, url: URL, authorized: Bool,
        consume: @Sendable (Data) async throws -> Void
    ) async throws -> TransportResponse {
        var request = TransportRequest(method: "GET", url: url, timeout: 3600)
        if authorized, let tokens {
            try checkSafeForToken(url, call: call)
            request.headers.append(("Authorization", "Bearer \(try await tokens.accessToken())"))
        }
        let response: TransportResponse
        do {
            try await pacer.admit()
            response = try await transport.stream(request, consume: consume)
        } catch let failure as TransportFailure {
            throw APIError(call: call, kind: .transport(reason: failure.reason))
        }
        guard (200..<300).contains(response.status) else {
            throw Self.error(for: response, call: call, scope: nil)
        }
        return response
    }

    public func decode<T: Decodable>(_ type: T.Type, from response: TransportResponse, call: String) throws -> T {
        do {
            return try JSONDecoder().decode(T.self, from: response.body)
        } catch {
            throw APIError(call: call, kind: .undecodable(reason: Self.describeUndecodable(error, response: response)), status: response.status)
        }
    }

    private func sendAuthorized(_ request: TransportRequest, call: String) async throws -> TransportResponse {
        guard let tokens else { return try await send(request, call: call) }
        try checkSafeForToken(request.url, call: call)
        let token = try await tokens.accessToken()
        var first = request
        first.headers.append(("Authorization", "Bearer \(token)"))
        let response = try await send(first, call: call)
        guard response.status == 401, try await tokens.tokenRejected(token) else { return response }
        var second = request
        second.headers.append(("Authorization", "Bearer \(try await tokens.accessToken())"))
        return try await send(second, call: call)
    }

    /// Sends through the pacer; a 429 pauses every call for its `Retry-After` (or a
    /// growing guess) and is sent again: a refused request was not handled.
    private func send(_ request: TransportRequest, call: String) async throws -> TransportResponse {
        var attempt = 0
        while true {
            try await pacer.admit()
            let started = ContinuousClock.now
            let response: TransportResponse
            do {
                response = try await transport.send(request)
            } catch let failure as TransportFailure {
                logger.debug("\(call) -> transport failure: \(failure.reason)")
                throw APIError(call: call, kind: .transport(reason: failure.reason))
            }
            logger.debug("\(call) -> \(response.status) in \(ContinuousClock.now - started)")
            attempt += 1
            guard response.status == 429, attempt < Self.rateLimitAttempts else { return response }
            let wait = response.header("Retry-After").flatMap(Self.parseRetryAfter) ?? Double(1 << (attempt - 1))
            logger.debug("\(call) -> 429, pausing all calls for \(wait) s")
            await pacer.pause(seconds: wait)
        }
    }

    /// A bearer token goes over plain http only to this machine.
    private func checkSafeForToken(_ url: URL, call: String) throws {
        guard url.scheme?.lowercased() == "http" else { return }
        let host = (url.host ?? "").lowercased()
        let loopback = host == "localhost" || host == "::1" || host == "[::1]" || host.hasPrefix("127.")
        if !loopback {
            throw APIError(call: call, kind: .refused(reason: "refusing to send the token over plain http to \(host); use https"))
        }
    }

    static func error(for response: TransportResponse, call: String, scope: String?) -> APIError {
        let problem = try? JSONDecoder().decode(ProblemDetails.self, from: response.body)
        let message = problem.flatMap { [$0.detail, $0.hint].compactMap { $0 }.first ?? $0.title }
            ?? plainTextMessage(response)
        let kind: APIError.Kind
        switch response.status {
        case 400:
            var details = problem?.validationMessages ?? []
            if details.isEmpty, let detail = problem?.detail { details = [detail] }
            kind = .badRequest(details: details)
            return APIError(call: call, kind: kind, status: 400, serverMessage: details.isEmpty ? message : nil)
        case 401: kind = .unauthorized
        case 403: kind = .forbidden(missingScope: mentionedScope(in: message) ?? scope)
        case 404: kind = .notFound
        case 429: kind = .rateLimited(retryAfter: response.header("Retry-After").flatMap(parseRetryAfter))
        default: kind = .server(status: response.status)
        }
        return APIError(call: call, kind: kind, status: response.status, serverMessage: message)
    }

    private static func mentionedScope(in message: String?) -> String? {
        guard let message else { return nil }
        if message.contains("files_delete") { return "files_delete" }
        if message.range(of: #"\bfiles\b"#, options: .regularExpression) != nil, message.contains("scope") { return "files" }
        return nil
    }

    /// Only short plain text is quoted; HTML pages and binary noise are not.
    private static func plainTextMessage(_ response: TransportResponse) -> String? {
        guard !response.body.isEmpty, response.body.count < 500,
              let text = String(data: response.body, encoding: .utf8),
              !text.contains("<") else { return nil }
        return text.trimmingCharacters(in: .whitespacesAndNewlines)
    }

    /// `Retry-After` is seconds or an HTTP date.
    static func parseRetryAfter(_ value: String) -> Double? {
        if let seconds = Double(value.trimmingCharacters(in: .whitespaces)) { return max(0, seconds) }
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.dateFormat = "EEE, dd MMM yyyy HH:mm:ss zzz"
        guard let date = formatter.date(from: value) else { return nil }
        return max(0, date.timeIntervalSinceNow)
    }

    private static func describeUndecodable(_ error: any Error, response: TransportResponse) -> String {
        if response.body.isEmpty { return "empty body with status \(response.status)" }
        let contentType = response.header("Content-Type") ?? "no content type"
        if !contentType.contains("json") { return "expected JSON, got \(contentType)" }
        if let error = error as? DecodingError {
            switch error {
            case .keyNotFound(let key, let context):
                return "missing \(path(context.codingPath + [key]))"
            case .typeMismatch(_, let context), .valueNotFound(_, let context):
                return "unexpected value at \(path(context.codingPath))"
            case .dataCorrupted(let context):
                return context.codingPath.isEmpty ? "not valid JSON" : "bad value at \(path(context.codingPath))"
            @unknown default:
                return "unreadable JSON"
            }
        }
        return "unreadable JSON"
    }

    private static func path(_ keys: [any CodingKey]) -> String {
        keys.map { $0.intValue.map { "[\($0)]" } ?? $0.stringValue }.joined(separator: ".")
    }
}

/// Query strings in the spelling the service uses: brackets percent-encoded too.
enum QueryString {
    private static let unreserved = CharacterSet(charactersIn: "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-._~")

    static func encode(_ items: [(String, String)]) -> String {
        items.map { escape($0.0) + "=" + escape($0.1) }.joined(separator: "&")
    }

    static func escape(_ text: String) -> String {
        text.addingPercentEncoding(withAllowedCharacters: unreserved) ?? text
    }

    static func url(_ base: URL, path: String, query: [(String, String)] = []) -> URL {
        var text = base.absoluteString
        while text.hasSuffix("/") { text.removeLast() }
        text += path
        if !query.isEmpty { text += "?" + encode(query) }
        return URL(string: text)!
    }
}
