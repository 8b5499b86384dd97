import AsyncHTTPClient
import Foundation
import NIOCore
import NIOHTTP1
import NIOFoundationCompat

/// `HTTPTransport` over AsyncHTTPClient: pooled keep-alive connections, streamed bodies.
public final class AsyncHTTPTransport: HTTPTransport {
    private let client: HTTPClient
    private let ownsClient: Bool
    /// Error bodies and JSON answers are small; anything bigger is streamed.
    private let maxBufferedBody = 64 * 1024 * 1024

    public init() {
        var configuration = HTTPClient.Configuration()
        configuration.timeout = .init(connect: .seconds(10))
        configuration.decompression = .enabled(limit: .ratio(100))
        configuration.redirectConfiguration = .disallow
        // A refused connection is reported at once; the requester's retries (visible, bounded) decide what next.
        configuration.connectionPool.retryConnectionEstablishment = false
        client = HTTPClient(eventLoopGroupProvider: .singleton, configuration: configuration)
        ownsClient = true
    }

    deinit {
        // Never block here: the last reference may be dropped on an event loop thread.
        if ownsClient { client.shutdown(queue: .global()) { _ in } }
    }

    public func send(_ request: TransportRequest) async throws -> TransportResponse {
        let response = try await execute(request)
        do {
            let body = try await response.body.collect(upTo: maxBufferedBody)
            return TransportResponse(status: Int(response.status.code), headers: Self.headers(response), body: Data(buffer: body))
        } catch let error as NIOTooManyBytesError {
            throw TransportFailure(reason: "answer larger than \(error.maxBytes ?? maxBufferedBody) bytes")
        } catch {
            throw TransportFailure(reason: Self.describe(error))
        }
    }

    public func stream(
        _ request: TransportRequest,
        consume: @Sendable (Data) async throws -> Void
    ) async throws -> TransportResponse {
        let response = try await execute(request)
        let status = Int(response.status.code)
        guard (200..<300).contains(status) else {
            let body = try? await response.body.collect(upTo: 1024 * 1024)
            return TransportResponse(status: status, headers: Self.headers(response), body: body.map { Data(buffer: $0) } ?? Data())
        }
        do {
            for try await chunk in response.body {
                do {
                    try await consume(Data(buffer: chunk))
                } catch {
                    throw ConsumerFailure(underlying: error)
                }
            }
        } catch let failure as ConsumerFailure {
            throw failure.underlying
        } catch let error where error is CancellationError || Task.isCancelled {
            throw CancellationError()
        } catch {
            // Anything else broke the body mid-way: the connection, not the data.
            throw TransportFailure(reason: Self.describe(error))
        }
        return TransportResponse(status: status, headers: Self.headers(response), body: Data())
    }

    private func execute(_ request: TransportRequest) async throws -> HTTPClientResponse {
        var outgoing = HTTPClientRequest(url: request.url.absoluteString)
        outgoing.method = HTTPMethod(rawValue: request.method)
        for (name, value) in request.headers { outgoing.headers.add(name: name, value: value) }
        if let body = request.body {
            outgoing.body = .bytes(ByteBuffer(bytes: body))
        }
        do {
            return try await client.execute(outgoing, timeout: .milliseconds(Int64(request.timeout * 1000)))
        } catch let error where error is CancellationError || Task.isCancelled {
            // The client reports a cancelled request as its own error; callers need to see a cancellation.
            throw CancellationError()
        } catch {
            if let problem = Self.certificateProblem(error) {
                throw TransportFailure(reason: problem, unreached: true, refusedCertificateOf: request.url.host ?? "the host")
            }
            let reason = Self.describe(error)
            throw TransportFailure(reason: reason, unreached: Self.unreachedReasons.contains(reason))
        }
    }

    /// Why TLS refused the server's certificate, in words; nil for any other failure.
    /// BoringSSL says only that verification failed, not which check did.
    static func certificateProblem(_ error: any Error) -> String? {
        let text = String(describing: error)
        if text.contains("failedToValidateHostname") {
            return "it was issued for another name; check the account address"
        }
        if text.contains("CERTIFICATE_VERIFY_FAILED") {
            return "it is self-signed, from an authority this machine does not trust, or expired; check the address, the clock and the CA certificates (ca-certificates)"
        }
        if text.contains("handshakeFailed") || text.contains("NIOSSL") {
            return "the secure connection failed (\(text.prefix(120)))"
        }
        return nil
    }

    /// Failures that happen before a connection exists.
    private static let unreachedReasons: Set<String> = ["connection refused", "unknown host"]

    private static func headers(_ response: HTTPClientResponse) -> [(String, String)] {
        response.headers.map { ($0.name, $0.value) }
    }

    /// Transport errors are described by kind, never with the URL (it may hold an upload token).
    static func describe(_ error: any Error) -> String {
        if let error = error as? HTTPClientError {
            switch error {
            case .connectTimeout: return "connection timed out"
            case .deadlineExceeded: return "no answer in time"
            case .remoteConnectionClosed: return "the server closed the connection"
            case .cancelled: return "cancelled"
            default: return "HTTP client error (\(error.shortDescription))"
            }
        }
        let text = String(describing: error)
        if text.contains("connectionRefused") || text.contains("Connection refused") { return "connection refused" }
        if text.contains("NXDOMAIN") || text.contains("nodename nor servname") || text.contains("Name or service not known")
            || text.contains("getaddrinfo") { return "unknown host" }
        if text.contains("Connection reset") { return "the connection was reset" }
        if text.contains("stream ended at an unexpected time") || text.contains("invalidEOFState") {
            return "the connection closed before the answer"
        }
        if let error = error as? any IOErrorProtocol { return error.description }
        return String(describing: type(of: error)) + ": " + text.prefix(200)
    }
}

/// An error of the code consuming a streamed body (a local write), kept apart from transport errors.
private struct ConsumerFailure: Error {
    let underlying: any Error
}

private protocol IOErrorProtocol: Error, CustomStringConvertible {}
extension IOError: IOErrorProtocol {}

private extension HTTPClientError {
    var shortDescription: String {
        String(describing: self).split(separator: "(").first.map(String.init) ?? "unknown"
    }
}
