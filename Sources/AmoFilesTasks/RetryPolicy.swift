import AmoFilesAPI
import Foundation

/// How a task repeats a call that may pass the next time (no answer, 5xx, 429):
/// exponential backoff with full jitter, so parallel uploads do not retry in step.
public struct RetryPolicy: Sendable {
    public var attempts: Int
    public var baseDelay: Double
    public var maxDelay: Double

    public init(attempts: Int = 8, baseDelay: Double = 0.25, maxDelay: Double = 15) {
        self.attempts = attempts
        self.baseDelay = baseDelay
        self.maxDelay = maxDelay
    }

    /// Runs `call`, repeating it while it fails retryably; `onRetry` hears of each repeat.
    public func run<T: Sendable>(
        onRetry: @Sendable (APIError, Int) -> Void = { _, _ in },
        _ call: () async throws -> T
    ) async throws -> T {
        var attempt = 1
        while true {
            do {
                return try await call()
            } catch let error as APIError where error.isRetryable && attempt < attempts {
                onRetry(error, attempt)
                let ceiling = min(maxDelay, baseDelay * pow(2, Double(attempt - 1)))
                try await Task.sleep(for: .milliseconds(Int64(Double.random(in: 0...ceiling) * 1000)))
                attempt += 1
            }
        }
    }
}
