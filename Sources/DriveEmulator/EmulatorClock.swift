import Foundation
import Synchronization

/// The emulator's sense of time: the real clock plus an offset that tests move
/// forward (to expire sessions, tokens and the trash without waiting).
public final class EmulatorClock: Sendable {
    private let offset = Mutex<Int64>(0)

    public init() {}

    /// Unix seconds as the emulator sees them.
    public func now() -> Int64 {
        Int64(Date().timeIntervalSince1970) + offset.withLock { $0 }
    }

    public func advance(by seconds: Int64) {
        offset.withLock { $0 += seconds }
    }
}
