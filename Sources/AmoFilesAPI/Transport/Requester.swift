import Foundation
import Logging

/// Sends one API call: adds the bearer token, repeats once after a refreshed 401,
/// turns every non-2xx answer into an `APIError`, and is the one place where calls
/// are retried (no answer, a dropped connection, 5xx, 429), each repeat announced.
/// Shared by both clients.
public struct Requester: Sendable {
    let transport: any HTTPTransport
    let tokens: (any AccessTokenSource)?
    let pacer: Pacer
    let logger: Logger
    let retries: RetryPolicies
    /// Hears of every repeat, to show it.
    public let announcer: RetryAnnouncer

    public init(
        transport: any HTTPTransport, tokens: (any AccessTokenSource)?, pacer: Pacer = Pacer(),
        retries: RetryPolicies = .standard, announcer: RetryAnnouncer = RetryAnnouncer(),
        logger: Logger = Logger(label: "amofiles.api")
    ) {
        self.transport = transport
        self.tokens = tokens
        self.pacer = pacer
        self.retries = retries
        self.announcer = announcer
        self.logger = logger
    }

    /// Which retry policy a call follows. Every call of both clients is safe to repeat
    /// (edits are idempotent, a lost session answer costs an unused session, a part
    /// re-posted to its URL replaces itself); `.once` is for the rest.
    public enum Repeat: Sendable {
        case call, uploadPart, once
    }

    /// Performs the call and returns a 2xx answer; anything else throws `APIError`.
    /// `scope` names the scope the call needs, for a 403 whose body does not say.
    public func perform(
        _ call: String, method: String, url: URL, json body: Data? = nil, rawBody: Data? = nil,
        scope: String? = nil, timeout: TimeInterval = 60, repeat mode: Repeat = .call
    ) async throws -> TransportResponse {
        var request = TransportRequest(method: method, url: url, body: body ?? rawBody, timeout: timeout)
        request.headers.append(("Accept", "application/json"))
        if body != nil { request.headers.append(("Content-Type", "application/json")) }
        if rawBody != nil { request.headers.append(("Content-Type", "application/octet-stream")) }
        return try await retrying(call, mode) {
            let (response, token) = try await sendAuthorized(request, call: call)
            guard (200..<300).contains(response.status) else {
                throw Self.error(for: response, call: call, scope: scope).redacting(token)
            }
            return response
        }
    }

    /// Streams a 2xx body to `consume`; anything else throws `APIError`. A broken
    /// stream is fetched again from the start, after `restart` resets the consumer.
    public func stream(
        _ call: String, url: URL, authorized: Bool, headers: [(String, String)] = [], restart: @Sendable () throws -> Void = {},
        consume: @Sendable (Data) async throws -> Void
    ) async throws -> TransportResponse {
        var request = TransportRequest(method: "GET", url: url, timeout: 3600)
        request.headers += headers
        var token: String?
        if authorized, let tokens {
            try checkSafeForToken(url, call: call)
            token = try await tokens.accessToken()
            request.headers.append(("Authorization", "Bearer \(token ?? "")"))
        }
        var first = true
        return try await retrying(call, .call) {
            if !first { try restart() }
            first = false
            let response: TransportResponse
            do {
                try await pacer.admit()
                response = try await transport.stream(request, consume: consume)
            } catch let failure as TransportFailure {
                throw APIError(call: call, kind: failure.kind)
            }
            await pacer.noteAnswer()
            guard (200..<300).contains(response.status) else {
                // Only the service's own hosts block an address; a storage host's HTML 403 is its own refusal.
                throw Self.error(for: response, call: call, scope: nil, canBlock: authorized).redacting(token)
            }
            return response
        }
    }

    public func decode<T: Decodable>(_ type: T.Type, from response: TransportResponse, call: String) throws -> T {
        do {
            return try JSONDecoder().decode(T.self, from: response.body)
        } catch {
            throw APIError(call: call, kind: .undecodable(reason: Self.describeUndecodable(error, response: response)), status: response.status)
        }
    }

    /// A HAL page whose collection must be `key` (`files`, `versions`, `leads`): an
    /// answer without it is not an empty page but an answer of another shape.
    public func decodePage<Item>(_ type: Item.Type, key: String, from response: TransportResponse, call: String) throws -> Page<Item> {
        let page = try decode(Page<Item>.self, from: response, call: call)
        guard page.embeddedKey == key else {
            let found = page.embeddedKey.isEmpty ? "nothing" : "“\(page.embeddedKey)”"
            throw APIError(call: call, kind: .undecodable(reason: "expected _embedded.\(key), found \(found)"), status: response.status)
        }
        return page
    }

    /// Runs `attempt` until it passes, fails for good, or the policy's tries or time
    /// run out. A 429 holds every call of the run back for its wait; the address
    /// block stops them all.
    private func retrying(
        _ call: String, _ mode: Repeat, _ attempt: () async throws -> TransportResponse
    ) async throws -> TransportResponse {
        let policy = switch mode {
        case .call: retries.calls
        case .uploadPart: retries.uploadParts
        case .once: RetryPolicy.once
        }
        var waited = 0.0
        var tries = 1
        while true {
            do {
                return try await attempt()
            } catch let error as APIError {
                if error.kind == .blocked { await pacer.stopAll(error) }
                guard let wait = await wait(before: tries + 1, after: error, policy: policy, waited: waited) else { throw error }
                announcer.announce(RetryNotice(call: call, reason: error.retryReason, delay: wait, attempt: tries + 1, attempts: policy.attempts))
                logger.debug("\(call) -> \(error.retryReason); try \(tries + 1) of \(policy.attempts) in \(wait) s")
                if case .rateLimited = error.kind {
                    await pacer.pause(seconds: wait)
                } else {
                    try await Task.sleep(for: .milliseconds(Int64(wait * 1000)))
                }
                waited += wait
                tries += 1
            }
        }
    }

    /// How long to wait before try `next`, or nil when the error is final. The budget
    /// bounds the waits between tries; each try is bounded by its own timeout.
    private func wait(before next: Int, after error: APIError, policy: RetryPolicy, waited: Double) async -> Double? {
        guard error.isRetryable, next <= policy.attempts else { return nil }
        // Nothing listens there: say so at once rather than after a round of retries.
        if case .transport(_, unreached: true) = error.kind, await !pacer.hasAnswered { return nil }
        var wait = policy.delay(after: next - 1)
        if case .rateLimited(let after?) = error.kind { wait = after }
        guard waited + wait <= policy.budget else { return nil }
        return wait
    }

    /// Sends with the token (once more after a refreshed 401); returns the answer and the token it went with.
    private func sendAuthorized(_ request: TransportRequest, call: String) async throws -> (TransportResponse, String?) {
        guard let tokens else { return (try await send(request, call: call), nil) }
        try checkSafeForToken(request.url, call: call)
        let token = try await tokens.accessToken()
        var first = request
        first.headers.append(("Authorization", "Bearer \(token)"))
        let response = try await send(first, call: call)
        guard response.status == 401, try await tokens.tokenRejected(token) else { return (response, token) }
        let fresh = try await tokens.accessToken()
        var second = request
        second.headers.append(("Authorization", "Bearer \(fresh)"))
        return (try await send(second, call: call), fresh)
    }

    /// Sends once through the pacer.
    private func send(_ request: TransportRequest, call: String) async throws -> TransportResponse {
        try await pacer.admit()
        let started = ContinuousClock.now
        let response: TransportResponse
        do {
            response = try await transport.send(request)
        } catch let failure as TransportFailure {
            logger.debug("\(call) -> transport failure: \(failure.reason)")
            throw APIError(call: call, kind: failure.kind)
        }
        await pacer.noteAnswer()
        logger.debug("\(call) -> \(response.status) in \(ContinuousClock.now - started)")
        return response
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

    static func error(for response: TransportResponse, call: String, scope: String?, canBlock: Bool = true) -> APIError {
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
        case 403 where canBlock && isPage(response):
            return APIError(call: call, kind: .blocked, status: 403)
        case 403:
            kind = .forbidden(missingScope: mentionedScope(in: message) ?? scope)
        case 404: kind = .notFound
        case 300..<400:
            // Redirects are not followed: the token would go wherever they point.
            let target = response.header("Location").flatMap(URL.init(string:))?.host ?? "another address"
            return APIError(call: call, kind: .server(status: response.status), status: response.status, serverMessage: "a redirect to \(target), not followed")
        case 429:
            let after = response.header("Retry-After").flatMap(parseRetryAfter) ?? problem?.retryAfter.map { max(0, $0) }
            kind = .rateLimited(retryAfter: after)
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

    /// An HTML page (the gateway's, not the API's JSON).
    private static func isPage(_ response: TransportResponse) -> Bool {
        if response.header("Content-Type")?.lowercased().contains("html") == true { return true }
        let start = response.body.prefix(64).drop { [0x20, 0x0A, 0x0D, 0x09].contains($0) }
        return start.first == UInt8(ascii: "<")
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

/// Scheme, host and port: where a token may go is decided by these three together.
struct Origin: Equatable {
    var scheme: String
    var host: String
    var port: Int?

    init(_ url: URL) {
        scheme = url.scheme?.lowercased() ?? ""
        host = url.host?.lowercased() ?? ""
        port = url.port ?? ["http": 80, "https": 443][scheme]
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
