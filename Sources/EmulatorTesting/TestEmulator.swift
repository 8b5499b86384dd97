import AmoFilesAPI
import DriveEmulator
import Foundation
import Synchronization

/// Starts an emulator on free loopback ports with a fresh data folder, and a
/// client connected to it. Every integration test starts its server this way.
public struct TestEmulator: Sendable {
    public let emulator: Emulator
    public let api: AmoConnection
    public let transport: AsyncHTTPTransport

    public static func start(
        seed: EmulatorOptions.Seed = .empty,
        flavor: EmulatorFlavor = .amocrm,
        scopes: [String] = ["files", "files_delete"],
        admin: Bool = true,
        customersMode: CustomersMode = .segments,
        maxPartSize: Int? = nil,
        dataFolder: URL? = nil,
        token: String? = nil,
        faults: FaultInjection = FaultInjection(),
        host: String = "127.0.0.1",
        accountPort: Int = 0,
        drivePort: Int = 0,
        pacer: Pacer = Pacer(requestsPerSecond: nil),
        retries: RetryPolicies = .quick
    ) async throws -> TestEmulator {
        var options = EmulatorOptions()
        options.seed = seed
        options.flavor = flavor
        options.scopes = scopes
        options.admin = admin
        options.customersMode = customersMode
        options.maxPartSize = maxPartSize
        options.dataFolder = dataFolder
        options.token = token
        options.faults = faults
        options.host = host
        options.accountPort = accountPort
        options.drivePort = drivePort
        let emulator = try await Emulator.start(options)
        let transport = AsyncHTTPTransport()
        // The drive URL is known, so discovery (one more call that faults could hit) is skipped.
        let api = try await AmoConnection.connect(
            accountURL: emulator.accountURL, tokens: LongLivedToken(emulator.token), driveURL: emulator.driveURL,
            transport: transport, pacer: pacer, retries: retries)
        return TestEmulator(emulator: emulator, api: api, transport: transport)
    }

    /// A loopback address of its own (Linux answers all of 127/8) for a test that stops an
    /// emulator and starts another on the same ports: nothing else binds there meanwhile.
    public static func privateLoopbackHost() -> String {
        "127.\(Int.random(in: 1...254)).\(Int.random(in: 1...254)).\(Int.random(in: 1...254))"
    }

    /// Stops the listeners and removes the data folder this run made.
    public func stop() async {
        await emulator.stop(removingData: true)
    }

    /// Runs `body` on this emulator and stops it afterwards, whether `body` failed or not.
    public func whileRunning(_ body: (TestEmulator) async throws -> Void) async throws {
        do {
            try await body(self)
        } catch {
            await stop()
            throw error
        }
        await stop()
    }

    /// A client of the same emulator with another token.
    public func connection(token: String) async throws -> AmoConnection {
        try await AmoConnection.connect(
            accountURL: emulator.accountURL, tokens: LongLivedToken(token), driveURL: emulator.driveURL, transport: transport,
            pacer: Pacer(requestsPerSecond: nil), retries: .quick)
    }

    /// Uploads bytes as a new file (or version) with plain sequential parts; returns the file and the number of parts.
    public func upload(_ bytes: [UInt8], name: String, newVersionOf: String? = nil) async throws -> (file: DriveFile, parts: Int) {
        let session = try await api.drive.createUploadSession(UploadSessionRequest(fileName: name, fileSize: Int64(bytes.count), fileUUID: newVersionOf))
        var url = session.uploadURL
        var offset = 0
        var parts = 0
        while true {
            let end = min(bytes.count, offset + session.maxPartSize)
            parts += 1
            switch try await api.drive.uploadPart(Data(bytes[offset..<end]), to: url, partNumber: parts) {
            case .next(let next):
                url = next.nextURL
                offset = end
            case .finished(let file):
                return (file, parts)
            }
        }
    }

    /// Raw HTTP against either listener, for checking exact statuses and bodies.
    public func raw(
        _ method: String, _ url: String, body: Data? = nil, token: String? = nil, contentType: String = "application/json",
        headers: [(String, String)] = []
    ) async throws -> TransportResponse {
        var request = TransportRequest(method: method, url: URL(string: url)!, body: body)
        request.headers += headers
        if let token = token ?? Optional(emulator.token), !token.isEmpty { request.headers.append(("Authorization", "Bearer \(token)")) }
        if body != nil { request.headers.append(("Content-Type", contentType)) }
        return try await transport.send(request)
    }

    public var drive: String { emulator.driveURL.absoluteString }
    public var account: String { emulator.accountURL.absoluteString }
}

/// Deterministic bytes for tests.
public func testBytes(_ count: Int, seed: UInt64 = 1) -> [UInt8] {
    var state = seed
    return (0..<count).map { _ in
        state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
        return UInt8(truncatingIfNeeded: state >> 33)
    }
}

/// A thread-safe list for what callbacks hand a test (progress, notes, saved tokens).
public final class Collected<Element: Sendable>: Sendable {
    private let items = Mutex<[Element]>([])
    public init() {}
    public var values: [Element] { items.withLock { $0 } }
    public func append(_ item: Element) { items.withLock { $0.append(item) } }
}

/// Collects downloaded chunks into one `Data`.
public final class DataBox: Sendable {
    private let bytes = Mutex(Data())
    public init() {}
    public var data: Data { bytes.withLock { $0 } }
    public func append(_ chunk: Data) { bytes.withLock { $0.append(chunk) } }
}
