import Foundation

/// Spaces every call of a process to a request rate (7 per second by default, the
/// documented limit of an integration), and holds all calls back after a 429 for as
/// long as the service asked.
public actor Pacer {
    /// Requests per second; nil does not pace (tests against a local emulator).
    public let requestsPerSecond: Double?
    private var nextSlot = ContinuousClock.now
    private var pausedUntil = ContinuousClock.now

    public init(requestsPerSecond: Double? = 7) {
        self.requestsPerSecond = requestsPerSecond.flatMap { $0 > 0 ? $0 : nil }
    }

    /// Waits until this call may go out.
    public func admit() async throws {
        let now = ContinuousClock.now
        var slot = max(now, pausedUntil)
        if let rate = requestsPerSecond {
            slot = max(slot, nextSlot)
            nextSlot = slot + .nanoseconds(Int64(1_000_000_000 / rate))
        }
        if slot > now { try await Task.sleep(until: slot, clock: .continuous) }
    }

    /// Holds every call back for `seconds` (the 429's `Retry-After`, or a guess).
    public func pause(seconds: Double) {
        let until = ContinuousClock.now + .milliseconds(Int64(seconds * 1000))
        pausedUntil = max(pausedUntil, until)
    }
}
