/// Why a call to the service failed, with the call named and what to do next.
///
/// Messages never carry a token: calls are named by method and path template, and
/// server text is quoted only from error bodies.
public struct APIError: Error, Sendable, CustomStringConvertible {
    public enum Kind: Sendable, Equatable {
        /// 401: the token is wrong, expired or revoked.
        case unauthorized
        /// 403: the token lacks a scope (named when known) or the rights.
        case forbidden(missingScope: String?)
        /// 403 with the service's HTML page: it blocked this address after too many requests.
        case blocked
        case notFound
        /// 400 with the server's validation details.
        case badRequest(details: [String])
        /// 429, with the server's `Retry-After` in seconds when it sent one.
        case rateLimited(retryAfter: Double?)
        /// 5xx, or a status the call does not expect.
        case server(status: Int)
        /// The connection failed: refused, reset, timed out, TLS. `unreached`: no
        /// connection was made, so the request was certainly not handled.
        case transport(reason: String, unreached: Bool = false)
        /// TLS refused the host's certificate: final, sending again cannot change it.
        case certificate(host: String, reason: String)
        /// The service answered something the client cannot read.
        case undecodable(reason: String)
        /// The client refused to send a token over an unsafe channel, or was misconfigured.
        case refused(reason: String)
    }

    /// The call, e.g. `GET /v1.0/files/{uuid}`.
    public var call: String
    public var kind: Kind
    /// The HTTP status, when there was an answer.
    public var status: Int?
    /// The server's own words (`detail` or `title`), already stripped of control characters.
    public var serverMessage: String?

    public init(call: String, kind: Kind, status: Int? = nil, serverMessage: String? = nil) {
        self.call = call
        self.kind = kind
        self.status = status
        self.serverMessage = serverMessage.map(APIError.plain)
    }

    /// True for failures that may pass when the same request is sent again.
    public var isRetryable: Bool {
        switch kind {
        case .transport, .rateLimited: true
        case .server(let status): status >= 500
        default: false
        }
    }

    /// What went wrong, as a retry notice says it before "trying again".
    public var retryReason: String {
        switch kind {
        case .rateLimited: "the service asks to slow down (429)"
        case .server(let status): "the service did not answer (\(status))"
        case .transport(let reason, _): "no answer from the service (\(reason))"
        default: "\(call) failed"
        }
    }

    public var description: String {
        var text = "\(call) failed: "
        switch kind {
        case .unauthorized:
            text += "401 unauthorized: the token is wrong, expired or revoked; run `amofiles login` or set AMOFILES_TOKEN"
        case .forbidden(let scope?):
            text += "403 forbidden: this token lacks the \(scope) scope; grant it to the integration and issue a new token"
        case .forbidden(nil):
            text += "403 forbidden: the token may not do this (missing scope or rights)"
        case .blocked:
            text += "403: the service has blocked this address after too many requests; wait, or ask amoCRM support to lift it"
        case .notFound:
            text += "404 not found"
        case .badRequest(let details):
            text += "400 bad request"
            if !details.isEmpty { text += " (" + details.joined(separator: "; ") + ")" }
        case .rateLimited(let after?):
            text += "429 too many requests; retry after \(after) s"
        case .rateLimited(nil):
            text += "429 too many requests; slow down and retry"
        case .server(let status):
            text += "the service answered \(status)"
        case .transport(let reason, _):
            text += "could not reach the service: \(reason)"
        case .certificate(let host, let reason):
            text += "the certificate of \(host) was not accepted: \(reason)"
        case .undecodable(let reason):
            text += "the answer could not be read: \(reason)"
        case .refused(let reason):
            text += reason
        }
        if let serverMessage, !serverMessage.isEmpty, !text.contains(serverMessage) {
            text += ": \(serverMessage)"
        }
        return text
    }

    /// The same error with `secret` (the token) replaced in the server's words: a
    /// service that echoes the token back must not get it printed.
    func redacting(_ secret: String?) -> APIError {
        // Real tokens are long; a short test token would match ordinary words.
        guard let secret, secret.count >= 8 else { return self }
        var copy = self
        copy.serverMessage = serverMessage?.replacingOccurrences(of: secret, with: "[token]")
        if case .badRequest(let details) = kind {
            copy.kind = .badRequest(details: details.map { $0.replacingOccurrences(of: secret, with: "[token]") })
        }
        return copy
    }

    /// Server text may hold anything; keep it to one printable line.
    static func plain(_ text: String) -> String {
        let scalars = text.unicodeScalars.map { scalar -> Character in
            switch scalar.properties.generalCategory {
            case .control, .format, .lineSeparator, .paragraphSeparator: " "
            default: Character(scalar)
            }
        }
        let line = String(scalars)
        return line.count > 300 ? String(line.prefix(300)) + "…" : line
    }
}
