import Foundation

/// Keeps every call of a process within a request rate (7 per second by default, the
/// documented limit of an integration): never more than that many in any one-second
/// window, so a short command's few calls go out at once instead of 143 ms apart.
/// After a 429 it holds all calls back for as long as the service asked; after the
/// service blocks the address, it lets no call out at all.
public actor Pacer {
    /// Requests per second; nil does not pace (tests against a local emulator).
    public let requestsPerSecond: Double?
    /// When the last `burst` calls went out (or will, for those still waiting).
    private var recent: [Departure] = []
    private var nextTicket: UInt64 = 0
    private var pausedUntil = ContinuousClock.now
    /// The service's refusal of this address; every later call fails with it at once.
    private var block: APIError?
    /// True once any call of this run got an answer: a refused connection before that
    /// means a wrong address or a service that is down, not a hiccup worth a retry.
    public private(set) var hasAnswered = false

    public init(requestsPerSecond: Double? = 7) {
        self.requestsPerSecond = requestsPerSecond.flatMap { $0 > 0 ? $0 : nil }
    }

    /// Waits until this call may go out and says when it did; throws the block once the
    /// address is blocked.
    @discardableResult
    public func admit() async throws -> ContinuousClock.Instant {
        if let block { throw block }
        let now = ContinuousClock.now
        var slot = max(now, pausedUntil)
        var ticket: UInt64?
        if let rate = requestsPerSecond {
            // `burst` calls per window: 7 per second, or one per two seconds for a rate of 0.5.
            let burst = max(1, Int(rate))
            let window = Duration.nanoseconds(Int64(Double(burst) / rate * 1_000_000_000))
            if recent.count == burst, let oldest = recent.indices.min(by: { recent[$0].at < recent[$1].at }) {
                slot = max(slot, recent.remove(at: oldest).at + window)
            }
            let mine = nextTicket
            nextTicket &+= 1
            recent.append(Departure(ticket: mine, at: slot))
            ticket = mine
        }
        if slot > now { try await Task.sleep(until: slot, clock: .continuous) }
        // A late wake-up (a loaded machine) is a later departure: the window counts from it.
        let left = max(slot, ContinuousClock.now)
        if let ticket, let index = recent.firstIndex(where: { $0.ticket == ticket }) { recent[index].at = left }
        return left
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

    private struct Departure {
        let ticket: UInt64
        var at: ContinuousClock.Instant
    }
}
