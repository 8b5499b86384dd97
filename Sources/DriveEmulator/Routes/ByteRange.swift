import Foundation

/// A `Range: bytes=…` header as a file host reads it (RFC 9110 §14.1.2): one span,
/// `a-b`, `a-` or the last `-n` bytes. Several spans, or a header that does not
/// parse, are ignored (the whole file is sent), as the RFC allows.
enum ByteRange: Equatable {
    case span(Range<Int64>)
    /// Starts at or past the end (416).
    case unsatisfiable
    case ignored

    static func parse(_ header: String, size: Int64) -> ByteRange {
        let text = header.trimmingCharacters(in: .whitespaces)
        guard text.lowercased().hasPrefix("bytes="), !text.contains(",") else { return .ignored }
        let spec = text.dropFirst("bytes=".count).trimmingCharacters(in: .whitespaces)
        let parts = spec.split(separator: "-", maxSplits: 1, omittingEmptySubsequences: false).map { $0.trimmingCharacters(in: .whitespaces) }
        guard parts.count == 2 else { return .ignored }
        let first = Int64(parts[0]), last = Int64(parts[1])
        switch (parts[0].isEmpty, parts[1].isEmpty) {
        case (true, false):
            // The last n bytes; all of a file shorter than n.
            guard let count = last, count > 0 else { return size == 0 ? .ignored : .unsatisfiable }
            return .span(max(0, size - count)..<size)
        case (false, _):
            guard let start = first, start >= 0 else { return .ignored }
            guard start < size else { return .unsatisfiable }
            if parts[1].isEmpty { return .span(start..<size) }
            guard let end = last, end >= start else { return .ignored }
            return .span(start..<min(size, end + 1))
        default:
            return .ignored
        }
    }
}
