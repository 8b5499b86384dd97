import Synchronization

/// What the download links sent: how many answers and bytes, for tests and
/// benchmarks that check a client fetched only what it needed.
public final class DownloadMeter: Sendable {
    private let counts = Mutex((answers: 0, bytes: Int64(0)))

    public init() {}

    /// Download answers started and bytes written into their bodies so far.
    public var sent: (answers: Int, bytes: Int64) { counts.withLock { $0 } }

    func answered() { counts.withLock { $0.answers += 1 } }

    func wrote(_ count: Int) { counts.withLock { $0.bytes += Int64(count) } }
}
