import Foundation
import HTTPTypes
import Hummingbird
import Synchronization

/// Faults the emulator can inject, for tests and benchmarks of clients that must survive them.
public struct FaultInjection: Sendable, Equatable {
    /// Added before every answer.
    public var latencyMilliseconds = 0
    /// Share of requests answered 500 without being handled.
    public var failRate = 0.0
    /// Share of requests whose connection is closed without an answer: half of them
    /// before the request is handled (it is lost), half after (its answer is lost).
    public var dropRate = 0.0
    /// Requests per second per listener above which the answer is 429 with `Retry-After`; 0 is no limit.
    public var rateLimit = 0
    /// Seeds the draws of failures and drops, so a run can be replayed; nil draws at random.
    public var seed: UInt64?
    /// Download links send the whole file whatever `Range` asks, as some hosts do.
    public var ignoresRange = false
    /// Attaches (links, attachment notes, file fields) are answered as done and not kept,
    /// as users of other clients report of the service: a client must read back.
    public var losesAttaches = false

    public init() {}

    public var isActive: Bool { latencyMilliseconds > 0 || failRate > 0 || dropRate > 0 || rateLimit > 0 }
}

/// Applies `FaultInjection` to every request except the `/_emulator/` controls.
struct FaultMiddleware<Context: RequestContext>: RouterMiddleware {
    let faults: FaultInjection
    let style: FailureStyle
    private let window = RateWindow()
    private let draws: FaultDraws

    init(faults: FaultInjection, style: FailureStyle) {
        self.faults = faults
        self.style = style
        draws = FaultDraws(seed: faults.seed)
    }

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        if request.uri.path.hasPrefix("/_emulator/") { return try await next(request, context) }
        if faults.latencyMilliseconds > 0 {
            try await Task.sleep(for: .milliseconds(faults.latencyMilliseconds))
        }
        if faults.rateLimit > 0, overRateLimit() {
            var response = try FailureMiddleware<Context>.reply(
                EmulatorFailure(status: 429, title: "Too Many Requests", detail: "more than \(faults.rateLimit) requests per second"), style: style)
            response.headers[.retryAfter] = "1"
            return response
        }
        if draws.next() < faults.failRate {
            return try FailureMiddleware<Context>.reply(
                EmulatorFailure(status: 500, title: "Internal Server Error", detail: "injected failure"), style: style)
        }
        if draws.next() < faults.dropRate {
            if draws.next() < 0.5 { return Self.droppedConnection }
            _ = try await next(request, context)
            return Self.droppedConnection
        }
        return try await next(request, context)
    }

    /// A response whose body fails at once: the server closes the connection without an answer.
    private static var droppedConnection: Response {
        Response(status: .ok, headers: [.contentLength: "1"], body: ResponseBody { _ in throw DroppedConnection() })
    }

    private func overRateLimit() -> Bool {
        window.count(at: Int64(Date().timeIntervalSince1970)) > faults.rateLimit
    }
}

/// The numbers that decide which requests fail: seeded, or from the system's generator.
private final class FaultDraws: Sendable {
    private let seeded: Mutex<SeededRandom?>

    init(seed: UInt64?) { seeded = Mutex(seed.map { SeededRandom(seed: $0) }) }

    /// A number in 0..<1.
    func next() -> Double {
        seeded.withLock { generator in
            guard var seeded = generator else { return Double.random(in: 0..<1) }
            defer { generator = seeded }
            return Double.random(in: 0..<1, using: &seeded)
        }
    }
}

/// Requests counted per wall-clock second.
private final class RateWindow: Sendable {
    private let state = Mutex<(second: Int64, count: Int)>((0, 0))

    /// Counts one more request and returns how many this second has seen.
    func count(at second: Int64) -> Int {
        state.withLock { state in
            if state.second != second { state = (second, 0) }
            state.count += 1
            return state.count
        }
    }
}

private struct DroppedConnection: Error {}
