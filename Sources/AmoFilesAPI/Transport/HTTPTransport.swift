import Foundation

/// A request as the clients build it; the transport knows nothing of amoCRM.
public struct TransportRequest: Sendable {
    public var method: String
    public var url: URL
    public var headers: [(String, String)]
    public var body: Data?
    public var timeout: TimeInterval

    public init(method: String, url: URL, headers: [(String, String)] = [], body: Data? = nil, timeout: TimeInterval = 60) {
        self.method = method
        self.url = url
        self.headers = headers
        self.body = body
        self.timeout = timeout
    }
}

/// A buffered answer.
public struct TransportResponse: Sendable {
    public var status: Int
    public var headers: [(String, String)]
    public var body: Data

    public init(status: Int, headers: [(String, String)], body: Data) {
        self.status = status
        self.headers = headers
        self.body = body
    }

    public func header(_ name: String) -> String? {
        headers.first { $0.0.caseInsensitiveCompare(name) == .orderedSame }?.1
    }
}

/// The seam between the clients and the network: one real implementation over
/// AsyncHTTPClient, and hand-written fakes in unit tests.
public protocol HTTPTransport: Sendable {
    /// Sends a request and buffers the whole answer (bounded by the implementation).
    func send(_ request: TransportRequest) async throws -> TransportResponse

    /// Sends a request and hands the answer's body to `consume` chunk by chunk,
    /// only when the status is 2xx; otherwise the (bounded) body is returned buffered.
    func stream(
        _ request: TransportRequest,
        consume: @Sendable (Data) async throws -> Void
    ) async throws -> TransportResponse
}

/// A failure below HTTP: no answer at all.
public struct TransportFailure: Error, Sendable, CustomStringConvertible {
    public var reason: String
    /// No connection was made (refused, unknown host): the request never left.
    public var unreached: Bool
    /// The host whose TLS certificate was refused; `reason` says why.
    public var refusedCertificateOf: String?

    public init(reason: String, unreached: Bool = false, refusedCertificateOf host: String? = nil) {
        self.reason = reason
        self.unreached = unreached
        self.refusedCertificateOf = host
    }

    public var description: String { reason }

    /// The failure as the requester reports it.
    var kind: APIError.Kind {
        if let host = refusedCertificateOf { return .certificate(host: host, reason: reason) }
        return .transport(reason: reason, unreached: unreached)
    }
}
