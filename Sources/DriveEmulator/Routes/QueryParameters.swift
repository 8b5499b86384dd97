import Foundation

/// The query string as ordered, percent-decoded pairs (`filter[extensions][]` repeats).
struct QueryParameters: Sendable {
    let pairs: [(key: String, value: String)]

    init(_ query: String?) {
        pairs = (query ?? "").split(separator: "&").compactMap { part in
            let pieces = part.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            guard let rawKey = pieces.first, !rawKey.isEmpty else { return nil }
            func decode(_ text: Substring) -> String {
                String(text).replacingOccurrences(of: "+", with: " ").removingPercentEncoding ?? String(text)
            }
            return (decode(rawKey), pieces.count > 1 ? decode(pieces[1]) : "")
        }
    }

    func first(_ key: String) -> String? { pairs.first { $0.key == key }?.value }
    func all(_ key: String) -> [String] { pairs.filter { $0.key == key }.map(\.value) }
    func has(_ key: String) -> Bool { pairs.contains { $0.key == key } }

    /// An integer parameter within bounds, or a 400 naming it.
    func int(_ key: String, default value: Int? = nil, in range: ClosedRange<Int64> = Int64.min...Int64.max) throws -> Int64? {
        guard let text = first(key), !text.isEmpty else { return value.map(Int64.init) }
        guard let number = Int64(text), range.contains(number) else {
            throw EmulatorFailure.badRequest("\(key) must be an integer in \(range.lowerBound)...\(range.upperBound), got \"\(text)\"", path: key)
        }
        return number
    }

    /// Values of `key`, `key[]` and `key[0]`, `key[1]`, ... (the ways API v4 spells a list),
    /// each also split at commas.
    func indexed(_ key: String) -> [String] {
        pairs.filter { pair in
            guard pair.key.hasPrefix(key) else { return false }
            let rest = pair.key.dropFirst(key.count)
            return rest.isEmpty || (rest.hasPrefix("[") && rest.hasSuffix("]") && rest.dropFirst().dropLast().allSatisfy(\.isNumber))
        }
        .flatMap { $0.value.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) } }
        .filter { !$0.isEmpty }
    }

    /// Integers from a list parameter (see `indexed`).
    func ints(_ key: String) throws -> [Int] {
        try indexed(key).map { text in
            guard let number = Int(text) else {
                throw EmulatorFailure.badRequest("\(key)[] must hold integers, got \"\(text)\"", path: key)
            }
            return number
        }
    }

    /// What `with=` asks to include (`with=drive_url,contacts`).
    var withList: Set<String> { Set(indexed("with")) }

    /// This query with `page` (and `limit`) set, spelled as the service spells it.
    func with(page: Int, limit: Int) -> String {
        var kept = pairs.filter { $0.key != "page" && $0.key != "limit" }
        kept.append(("limit", String(limit)))
        kept.append(("page", String(page)))
        let allowed = CharacterSet(charactersIn: "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-._~")
        return kept.map {
            ($0.key.addingPercentEncoding(withAllowedCharacters: allowed) ?? $0.key) + "="
                + ($0.value.addingPercentEncoding(withAllowedCharacters: allowed) ?? $0.value)
        }.joined(separator: "&")
    }
}
