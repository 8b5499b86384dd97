import Foundation

/// Keeps every call of a process within a request rate (7 per second by default, the
/// documented limit of an integration): never more than that many in any one-second
/// window, so a short command's few calls go out at once instead of 143 ms apart.
/// After a 429 it holds all calls back for as long as the service asked; after the
/// service blocks the address, it lets no call out at all.
public actor Pacer {
    /// Requests per second; nil does not pace (tests against a local emulator).
    public let requestsPerSecond: Double?
    /// When the last `burst` calls went out, oldest first.
    private var recent: [ContinuousClock.Instant] = []
    private var pausedUntil = ContinuousClock.now
    /// The service's refusal of this address; every later call fails with it at once.
    private var block: APIError?
    /// True once any call of this run got an answer: a refused connection before that
    /// means a wrong address or a service that is down, not a hiccup worth a retry.
    public private(set) var hasAnswered = false

    public init(requestsPerSecond: Double? = 7) {
        self.requestsPerSecond = requestsPerSecond.flatMap { $0 > 0 ? $0 : nil }
    }

    /// Waits until this call may go out; throws the block once the address is blocked.
    public func admit() async throws {
        if let block { throw block }
        let now = ContinuousClock.now
        var slot = max(now, pausedUntil)
        if let rate = requestsPerSecond {
            // `burst` calls per window: 7 per second, or one per two seconds for a rate of 0.5.
            let burst = max(1, Int(rate))
            let window = Duration.nanoseconds(Int64(Double(burst) / rate * 1_000_000_000))
            if recent.count == burst { slot = max(slot, recent.removeFirst() + window) }
            recent.append(slot)
        }
        if slot > now { try await Task.sleep(until: slot, clock: .continuous) }
    }

    /// Holds every call back for `seconds` (the 429's `Retry-After`, or a guess).
    public func pause(seconds: Double) {
        let until = ContinuousClock.now + .milliseconds(Int64(seconds * 1000))
        pausedUntil = max(pausedUntil, until)
    }

    /// Stops every call of the run: the service has blocked this address.
    public func stopAll(_ error: APIError) {
        if block == nil { block = error }
    }

    func noteAnswer() { hasAnswered = true }
}
