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

/// Runs `body` for every item with at most `limit` at once, keeping the items' order
/// in the results; one item's failure does not stop the others.
public func runBounded<Item: Sendable, Output: Sendable>(
    _ items: [Item], limit: Int, _ body: @escaping @Sendable (Item) async throws -> Output
) async -> [Result<Output, any Error>] {
    await withTaskGroup(of: (Int, Result<Output, any Error>).self) { group in
        var results = [Result<Output, any Error>?](repeating: nil, count: items.count)
        var next = 0
        func startNext() {
            guard next < items.count else { return }
            let index = next
            let item = items[index]
            next += 1
            group.addTask {
                do { return (index, .success(try await body(item))) } catch { return (index, .failure(error)) }
            }
        }
        for _ in 0..<max(1, limit) { startNext() }
        for await (index, result) in group {
            results[index] = result
            startNext()
        }
        return results.map { $0! }
    }
}
