import Foundation

/// Sizes, rates, durations and progress bars as people read them.
public enum Quantities {
    /// 1536 -> "1.5 KB"; decimal units, as the service's own size filter uses.
    public static func bytes(_ count: Int64) -> String {
        let units = ["B", "KB", "MB", "GB", "TB"]
        var value = Double(count)
        var unit = 0
        while value >= 1000, unit < units.count - 1 {
            value /= 1000
            unit += 1
        }
        return unit == 0 ? "\(count) B" : String(format: value < 10 ? "%.1f %@" : "%.0f %@", value, units[unit])
    }

    /// A Unix time in the local time zone: `2026-11-22 17:30`.
    public static func time(_ seconds: Int64) -> String {
        var moment = time_t(seconds)
        var parts = tm()
        localtime_r(&moment, &parts)
        return String(format: "%04d-%02d-%02d %02d:%02d", parts.tm_year + 1900, parts.tm_mon + 1, parts.tm_mday, parts.tm_hour, parts.tm_min)
    }

    /// 100000 as "100,000".
    public static func grouped(_ value: Int) -> String {
        let digits = String(value.magnitude)
        let grouped = digits.enumerated().map { index, digit in
            index > 0 && (digits.count - index) % 3 == 0 ? ",\(digit)" : String(digit)
        }.joined()
        return value < 0 ? "-" + grouped : grouped
    }

    /// A Unix time's day in the local time zone: `2026-11-22`.
    public static func date(_ seconds: Int64) -> String {
        String(time(seconds).prefix(10))
    }

    /// "1.5MB" -> 1500000, "2KiB" -> 2048, "500" -> 500; nil when it is not a size.
    public static func parseBytes(_ text: String) -> Int64? {
        let units: [(String, Double)] = [
            ("kib", 1024), ("mib", 1_048_576), ("gib", 1_073_741_824), ("kb", 1000), ("mb", 1_000_000), ("gb", 1_000_000_000),
            ("k", 1000), ("m", 1_000_000), ("g", 1_000_000_000), ("b", 1),
        ]
        let lower = text.lowercased().trimmingCharacters(in: .whitespaces)
        for (suffix, factor) in units where lower.hasSuffix(suffix) {
            guard let number = Double(lower.dropLast(suffix.count).trimmingCharacters(in: .whitespaces)), number >= 0 else { return nil }
            return Int64(number * factor)
        }
        guard let number = Int64(lower), number >= 0 else { return nil }
        return number
    }

    /// Unix seconds, `YYYY-MM-DD`, `YYYY-MM-DD HH:MM` or `YYYY-MM-DDTHH:MM[:SS]` in local time; nil otherwise.
    public static func parseTime(_ text: String) -> Int64? {
        parseTime(text, asEnd: false)
    }

    /// The last second `text` names, for the end of a range: "2026-04-09" is up to
    /// 23:59:59 of that day, "2026-04-09 17:30" up to 17:30:59.
    public static func parseEndTime(_ text: String) -> Int64? {
        parseTime(text, asEnd: true)
    }

    /// Unix seconds, or a local date with or without a time.
    private static func parseTime(_ text: String, asEnd: Bool) -> Int64? {
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        if let seconds = Int64(trimmed) { return seconds }
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        for format in ["yyyy-MM-dd'T'HH:mm:ss", "yyyy-MM-dd'T'HH:mm", "yyyy-MM-dd HH:mm", "yyyy-MM-dd"] {
            formatter.dateFormat = format
            guard let date = formatter.date(from: trimmed) else { continue }
            let start = Int64(date.timeIntervalSince1970)
            guard asEnd else { return start }
            switch format {
            case "yyyy-MM-dd":
                // A day is not always 24 hours long (summer time): the next day's start, less one.
                let next = Calendar.current.date(byAdding: .day, value: 1, to: date).map { Int64($0.timeIntervalSince1970) }
                return (next ?? start + 86_400) - 1
            case "yyyy-MM-dd'T'HH:mm:ss": return start
            default: return start + 59
            }
        }
        return nil
    }

    /// "3.4 MB/s".
    public static func rate(_ bytesPerSecond: Double) -> String {
        bytes(Int64(bytesPerSecond.rounded())) + "/s"
    }

    /// 75 -> "1:15", 3725 -> "1:02:05".
    public static func duration(_ seconds: Double) -> String {
        // A rate near zero gives an ETA past any use; beyond 99 hours it is only "long".
        guard seconds.isFinite, seconds < 360_000 else { return ">99:00:00" }
        let total = Int(max(0, seconds).rounded(.up))
        let (hours, minutes, rest) = (total / 3600, total / 60 % 60, total % 60)
        return hours > 0 ? String(format: "%d:%02d:%02d", hours, minutes, rest) : String(format: "%d:%02d", minutes, rest)
    }

    /// `[#####.....]` of exactly `columns` (at least 3).
    public static func bar(_ fraction: Double, columns: Int) -> String {
        let inner = max(1, columns - 2)
        let filled = fraction.isFinite ? Int((min(1, max(0, fraction)) * Double(inner)).rounded(.down)) : 0
        return "[" + String(repeating: "#", count: filled) + String(repeating: ".", count: inner - filled) + "]"
    }
}
