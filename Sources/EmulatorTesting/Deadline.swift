import Foundation

/// Runs `body`, or throws once `seconds` have passed: a test that waits on a stream
/// or a state fails with what it waited for instead of hanging the whole run.
public func withDeadline<T: Sendable>(
    _ seconds: Double, _ what: String, _ body: @escaping @Sendable () async throws -> T
) async throws -> T {
    try await withThrowingTaskGroup(of: T.self) { group in
        group.addTask { try await body() }
        group.addTask {
            try await Task.sleep(for: .milliseconds(Int64(seconds * 1000)))
            throw DeadlinePassed(what: what, seconds: seconds)
        }
        defer { group.cancelAll() }
        return try await group.next()!
    }
}

/// Polls `condition` every 20 ms until it holds; throws past `seconds`.
public func waitUntil(_ seconds: Double, _ what: String, _ condition: @escaping @Sendable () async -> Bool) async throws {
    let deadline = ContinuousClock.now + .milliseconds(Int64(seconds * 1000))
    while await !condition() {
        guard ContinuousClock.now < deadline else { throw DeadlinePassed(what: what, seconds: seconds) }
        try await Task.sleep(for: .milliseconds(20))
    }
}

public struct DeadlinePassed: Error, CustomStringConvertible {
    public var what: String
    public var seconds: Double
    public var description: String { "gave up waiting for \(what) after \(seconds) s" }
}
