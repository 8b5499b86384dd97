import Foundation

/// How often, and for how long, a call that may pass the next time (no answer, a
/// dropped connection, 5xx, 429) is sent again: exponential backoff with jitter,
/// so parallel uploads do not retry in step, within a number of tries and a time.
public struct RetryPolicy: Sendable, Equatable {
    /// Tries in all, the first one included.
    public var attempts: Int
    /// The waits between tries add up to at most this many seconds.
    public var budget: Double
    public var baseDelay: Double
    public var maxDelay: Double

    public init(attempts: Int, budget: Double, baseDelay: Double, maxDelay: Double) {
        self.attempts = max(1, attempts)
        self.budget = budget
        self.baseDelay = baseDelay
        self.maxDelay = maxDelay
    }

    /// Reads, edits and session openings: 5 tries within 30 s.
    public static let calls = RetryPolicy(attempts: 5, budget: 30, baseDelay: 0.5, maxDelay: 8)
    /// Upload parts: a part is worth more patience than a listing (8 tries within 2 minutes).
    public static let uploadParts = RetryPolicy(attempts: 8, budget: 120, baseDelay: 0.5, maxDelay: 20)
    /// One try: for calls that must not be repeated.
    public static let once = RetryPolicy(attempts: 1, budget: 0, baseDelay: 0, maxDelay: 0)

    /// The wait before try `attempt + 1`: half of the doubled delay, plus a random half.
    public func delay(after attempt: Int) -> Double {
        let ceiling = min(maxDelay, baseDelay * pow(2, Double(max(0, attempt - 1))))
        return ceiling / 2 + Double.random(in: 0...(ceiling / 2))
    }

    /// The same tries and time allowed, with the backoff multiplied by `factor` (tests).
    public func scaled(_ factor: Double) -> RetryPolicy {
        RetryPolicy(attempts: attempts, budget: budget, baseDelay: baseDelay * factor, maxDelay: maxDelay * factor)
    }
}

/// The policies of one connection: which one a call uses depends on what it sends.
public struct RetryPolicies: Sendable {
    public var calls: RetryPolicy
    public var uploadParts: RetryPolicy

    public init(calls: RetryPolicy = .calls, uploadParts: RetryPolicy = .uploadParts) {
        self.calls = calls
        self.uploadParts = uploadParts
    }

    /// The service's own timings.
    public static let standard = RetryPolicies()

    /// Backoff a hundred times shorter: for tests against the emulator.
    public static let quick = RetryPolicies(calls: RetryPolicy.calls.scaled(0.01), uploadParts: RetryPolicy.uploadParts.scaled(0.01))
}
