import Foundation
import Hummingbird
import Logging
import ServiceLifecycle
import Synchronization

/// A second small server that answers the way the real service has been seen to
/// where our emulator keeps to the reference: DELETE answers 200 `{}`, a file that
/// is not there answers 204, a listing answers 200 in a shape of no page, users are
/// refused to a non-admin, and, once blocked, every request gets nginx's HTML 403
/// (the address block after repeated rate-limit breaches). One host serves both
/// API v4 and the drive. It counts the requests it was sent. The file `slow` is
/// there, and its download trickles (4 KB every 50 ms of 256 KB), to stop a client mid-way.
public final class VariantService: Sendable {
    public let url: URL
    public let token = "variant-token"
    private let requests = Mutex(0)
    private let blocked = Mutex(false)
    private let running: Task<Void, any Error>
    private let group: ServiceGroup

    /// How many requests have come in so far.
    public var requestCount: Int { requests.withLock { $0 } }

    /// From now on, every request gets the HTML 403 of an address block.
    public func block() { blocked.withLock { $0 = true } }

    public static func start() async throws -> VariantService {
        let (bound, boundContinuation) = AsyncStream.makeStream(of: Int.self)
        let box = ServiceBox()
        let router = Router()
        router.middlewares.add(CountingMiddleware(box: box))
        router.get("/api/v4/account") { _, _ in
            Self.json(#"{"id": 1, "name": "Variant", "subdomain": "variant", "current_user_id": 42, "drive_url": "\#(box.url)"}"#)
        }
        router.get("/api/v4/users") { _, _ in
            Self.json(#"{"title": "Forbidden", "type": "https://httpstatus.es/403", "status": 403, "detail": "Access denied"}"#, status: .forbidden, type: "application/problem+json")
        }
        router.get("/v1.0/files") { _, _ in Self.json(#"{"_page": 1, "_links": {}}"#) }
        router.get("/v1.0/files/slow") { _, _ in Self.json(Self.slowFile(box.url)) }
        router.get("/v1.0/files/:uuid") { _, _ in Response(status: .noContent) }
        router.get("/download/slow/slow.bin") { _, _ in
            Response(status: .ok, headers: [.contentType: "application/octet-stream", .contentLength: String(Self.slowSize)], body: ResponseBody { writer in
                for _ in 0..<(Self.slowSize / 4096) {
                    try await writer.write(ByteBuffer(repeating: 0x61, count: 4096))
                    try await Task.sleep(for: .milliseconds(50))
                }
                try await writer.finish(nil)
            })
        }
        router.delete("/v1.0/files") { _, _ in Self.json("{}") }
        let application = Application(
            router: router, configuration: .init(address: .hostname("127.0.0.1", port: 0), serverName: nil),
            onServerRunning: { channel in boundContinuation.yield(channel.localAddress?.port ?? 0) },
            logger: Logger(label: "variant", factory: { _ in SwiftLogNoOpLogHandler() }))
        let group = ServiceGroup(configuration: .init(services: [application], logger: Logger(label: "variant", factory: { _ in SwiftLogNoOpLogHandler() })))
        let running = Task {
            defer { boundContinuation.finish() }
            try await group.run()
        }
        var port = 0
        for await value in bound {
            port = value
            break
        }
        guard port > 0 else { throw VariantServiceError() }
        let service = VariantService(url: URL(string: "http://127.0.0.1:\(port)")!, running: running, group: group)
        box.service.withLock { $0 = service }
        return service
    }

    private init(url: URL, running: Task<Void, any Error>, group: ServiceGroup) {
        self.url = url
        self.running = running
        self.group = group
    }

    /// Stops the listener and waits until it has.
    public func stop() async {
        await group.triggerGracefulShutdown()
        let running = self.running
        let deadline = Task {
            try await Task.sleep(for: .milliseconds(500))
            running.cancel()
        }
        _ = await running.result
        deadline.cancel()
    }

    fileprivate func take() -> Bool {
        requests.withLock { $0 += 1 }
        return blocked.withLock { $0 }
    }

    public static let slowSize = 1 << 18

    /// A file model whose download link trickles.
    static func slowFile(_ base: String) -> String {
        #"{"uuid":"slow","version_uuid":"v-slow","name":"slow","sanitized_name":"slow","type":"file","size":\#(slowSize),"is_trashed":false,"has_multiple_versions":false,"created_at":1,"created_by":{"type":"internal","id":42},"updated_at":1,"updated_by":{"type":"internal","id":42},"deleted_at":null,"deleted_by":null,"source_id":null,"session_id":null,"previews":null,"metadata":{"extension":"bin","mime_type":"application/octet-stream"},"_links":{"download":{"href":"\#(base)/download/slow/slow.bin"},"self":{"href":"\#(base)/v1.0/files/slow"}}}"#
    }

    static func json(_ text: String, status: HTTPResponse.Status = .ok, type: String = "application/json") -> Response {
        Response(status: status, headers: [.contentType: type], body: ResponseBody(byteBuffer: ByteBuffer(string: text)))
    }

    static let blockPage = "<html>\r\n<head><title>403 Forbidden</title></head>\r\n<body>\r\n<center><h1>403 Forbidden</h1></center>\r\n<hr><center>nginx</center>\r\n</body>\r\n</html>\r\n"
}

/// The routes are made before the service exists; they reach it through this.
private final class ServiceBox: Sendable {
    let service = Mutex<VariantService?>(nil)
    var url: String { service.withLock { $0?.url.absoluteString } ?? "" }
}

private struct CountingMiddleware<Context: RequestContext>: RouterMiddleware {
    let box: ServiceBox

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        guard let service = box.service.withLock({ $0 }) else { return try await next(request, context) }
        if service.take() { return VariantService.json(VariantService.blockPage, status: .forbidden, type: "text/html") }
        return try await next(request, context)
    }
}

struct VariantServiceError: Error, CustomStringConvertible {
    var description: String { "the variant service did not start" }
}
