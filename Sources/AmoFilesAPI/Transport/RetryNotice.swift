import Foundation
import Synchronization

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
