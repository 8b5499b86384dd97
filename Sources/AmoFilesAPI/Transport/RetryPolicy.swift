import Foundation
import Synchronization

/// How often, and for how long, a call that may pass the next time (no answer, a
/// dropped connection, 5xx, 429) is sent again: exponential backoff with jitter,
/// so parallel uploads do not retry in step, within a number of tries and a time.
public struct RetryPolicy: Sendable, Equatable {
    /// Tries in all, the first one included.
    public var attempts: Int
    /// No new try starts after this many seconds since the first.
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

/// One repeat of a call, as the person waiting is told of it.
public struct RetryNotice: Sendable, CustomStringConvertible {
    public var call: String
    /// What went wrong: "the service did not answer (500)".
    public var reason: String
    public var delay: Double
    /// The try about to be made, and how many there may be.
    public var attempt: Int
    public var attempts: Int

    /// "the service did not answer (500); trying again in 2 s (2 of 5)".
    public var description: String {
        let seconds = delay < 1 ? String(format: "%.1f", delay) : String(Int(delay.rounded()))
        return "\(reason); trying again in \(seconds) s (\(attempt) of \(attempts))"
    }
}

/// Hands each `RetryNotice` to whoever shows them: the command line's stderr or the
/// UI's status line. Set once the listener exists; notices before that are dropped.
public final class RetryAnnouncer: Sendable {
    private let listener = Mutex<(@Sendable (RetryNotice) -> Void)?>(nil)

    public init(_ listener: (@Sendable (RetryNotice) -> Void)? = nil) {
        self.listener.withLock { $0 = listener }
    }

    public func listen(_ listener: (@Sendable (RetryNotice) -> Void)?) {
        self.listener.withLock { $0 = listener }
    }

    func announce(_ notice: RetryNotice) {
        listener.withLock { $0 }?(notice)
    }
}
