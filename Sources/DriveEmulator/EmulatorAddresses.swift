import Synchronization

/// The listeners' base URLs, known once both are bound (port 0 picks them).
final class EmulatorAddresses: Sendable {
    private let urls = Mutex<(account: String, drive: String)>(("", ""))

    var accountURL: String { urls.withLock { $0.account } }
    var driveURL: String { urls.withLock { $0.drive } }

    func set(account: String? = nil, drive: String? = nil) {
        urls.withLock { value in
            if let account { value.account = account }
            if let drive { value.drive = drive }
        }
    }
}

/// Which service the emulator imitates.
public enum EmulatorFlavor: String, Sendable, CaseIterable {
    /// amoCRM: 200 for every part, `/v1.0/sessions/upload/{token}` URLs, 524288-byte parts.
    case amocrm
    /// Kommo: 202 for non-final parts, `/upload/{token}` URLs, 131072-byte parts.
    case kommo

    public var defaultMaxPartSize: Int { self == .amocrm ? 524_288 : 131_072 }
}
