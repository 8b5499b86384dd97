import Foundation

/// The fixed facts of the emulated account.
enum DemoAccount {
    static let id = 31_415_926
    static let name = "Демо-аккаунт amofiles"
    static let subdomain = "demo"
    static let timeZone = TimeZone(identifier: "Europe/Moscow") ?? TimeZone(secondsFromGMT: 3 * 3600)!
    /// The user behind the emulator's tokens.
    static let adminUserID = 7_758_337
    /// The user behind a token without admin rights (`serve --no-admin`).
    static let memberUserID = 2_647_957

    static let users: [(id: Int, name: String, email: String, lang: String)] = [
        (7_758_337, "Анна Смирнова", "anna@demo.example", "ru"),
        (2_647_957, "Дмитрий Козлов", "dmitry@demo.example", "ru"),
        (3_100_001, "Екатерина Волкова", "ekaterina@demo.example", "ru"),
        (3_100_002, "Игорь Петров", "igor@demo.example", "ru"),
        (3_100_003, "Li Wei", "li.wei@demo.example", "en"),
        (3_100_004, "John Carter", "john@demo.example", "en"),
    ]
}

/// A small deterministic generator (splitmix64), so the demo account is the same on
/// every machine, and a fuzz test's failure can be replayed.
public struct SeededRandom: RandomNumberGenerator {
    private var state: UInt64
    public init(seed: UInt64) { state = seed }

    public mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    mutating func uuid() -> String {
        var bytes = (0..<16).map { _ in UInt8.random(in: 0...255, using: &self) }
        bytes[6] = (bytes[6] & 0x0F) | 0x40
        bytes[8] = (bytes[8] & 0x3F) | 0x80
        let hex = bytes.map { String(format: "%02x", $0) }.joined()
        let i = hex.startIndex
        func slice(_ a: Int, _ b: Int) -> Substring { hex[hex.index(i, offsetBy: a)..<hex.index(i, offsetBy: b)] }
        return "\(slice(0, 8))-\(slice(8, 12))-\(slice(12, 16))-\(slice(16, 20))-\(slice(20, 32))"
    }

    /// A size spread evenly on a log scale between two bounds.
    mutating func logUniform(_ low: Int64, _ high: Int64) -> Int64 {
        let value = exp(Double.random(in: log(Double(low))...log(Double(high)), using: &self))
        return Int64(value)
    }
}
