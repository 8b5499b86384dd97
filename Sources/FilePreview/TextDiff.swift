/// How two texts differ, line by line (Myers' O(ND) algorithm), gathered into hunks
/// with three lines of context as `diff -u` prints them, and within a changed line
/// the words that changed.
public struct TextDiff: Sendable, Equatable {
    public enum Kind: Sendable, Equatable { case same, removed, added }

    /// One line of a hunk; `changed` are the ranges (in characters) of the words that
    /// differ from its counterpart on the other side.
    public struct Line: Sendable, Equatable {
        public var kind: Kind
        public var text: String
        /// Its number in the old text (removed, same) and in the new one (added, same).
        public var old: Int?
        public var new: Int?
        public var changed: [Range<Int>] = []
    }

    public struct Hunk: Sendable, Equatable {
        public var oldStart: Int, oldCount: Int, newStart: Int, newCount: Int
        public var lines: [Line]

        /// `@@ -3,7 +3,8 @@` (a count of one is left out, as `diff -u` does).
        public var header: String {
            func side(_ start: Int, _ count: Int) -> String { count == 1 ? "\(start)" : "\(start),\(count)" }
            return "@@ -\(side(oldStart, oldCount)) +\(side(newStart, newCount)) @@"
        }
    }

    public var hunks: [Hunk]
    public var added: Int
    public var removed: Int

    public var isEmpty: Bool { hunks.isEmpty }

    /// "+12 −3 lines in 2 places", or "no difference in the text".
    public var summary: String {
        guard !isEmpty else { return "no difference in the text" }
        let places = hunks.count == 1 ? "1 place" : "\(hunks.count) places"
        return "+\(added) −\(removed) line\(added + removed == 1 ? "" : "s") in \(places)"
    }

    public init(old: [String], new: [String], context: Int = 3) {
        let script = Self.script(old, new)
        added = script.filter { $0.kind == .added }.count
        removed = script.filter { $0.kind == .removed }.count
        hunks = Self.hunks(script, context: context)
    }

    /// The unified diff's lines: headers, then each hunk's header and lines.
    public func unified(oldName: String, newName: String) -> [String] {
        guard !isEmpty else { return [] }
        var lines = ["--- " + oldName, "+++ " + newName]
        for hunk in hunks {
            lines.append(hunk.header)
            for line in hunk.lines {
                lines.append((line.kind == .added ? "+" : line.kind == .removed ? "-" : " ") + line.text)
            }
        }
        return lines
    }

    // MARK: The edit script

    /// Every line of both texts in order: kept, removed or added.
    static func script(_ old: [String], _ new: [String]) -> [Line] {
        // Lines compared as numbers: equal text, equal number.
        var ids: [String: Int] = [:]
        func id(_ line: String) -> Int {
            if let id = ids[line] { return id }
            ids[line] = ids.count
            return ids.count - 1
        }
        let (a, b) = (old.map(id), new.map(id))
        var lines: [Line] = []
        var (x, y) = (0, 0)
        for (kind, count) in Self.edits(a, b) {
            for _ in 0..<count {
                switch kind {
                case .same:
                    lines.append(Line(kind: .same, text: old[x], old: x + 1, new: y + 1))
                    (x, y) = (x + 1, y + 1)
                case .removed:
                    lines.append(Line(kind: .removed, text: old[x], old: x + 1, new: nil))
                    x += 1
                case .added:
                    lines.append(Line(kind: .added, text: new[y], old: nil, new: y + 1))
                    y += 1
                }
            }
        }
        return markWords(lines)
    }

    /// Myers' shortest edit script between two sequences, as runs of one kind.
    /// Past `limit` edits it gives up finding the shortest and replaces the rest whole.
    static func edits<T: Equatable>(_ a: [T], _ b: [T], limit: Int = 20_000) -> [(Kind, Int)] {
        // Common start and end first: most versions differ in a few places.
        var prefix = 0
        while prefix < a.count, prefix < b.count, a[prefix] == b[prefix] { prefix += 1 }
        var suffix = 0
        while suffix < a.count - prefix, suffix < b.count - prefix, a[a.count - 1 - suffix] == b[b.count - 1 - suffix] { suffix += 1 }
        let oldMiddle = Array(a[prefix..<(a.count - suffix)]), newMiddle = Array(b[prefix..<(b.count - suffix)])
        var runs: [(Kind, Int)] = prefix > 0 ? [(.same, prefix)] : []
        runs += middle(oldMiddle, newMiddle, limit: limit)
        if suffix > 0 { runs.append((.same, suffix)) }
        return merged(runs)
    }

    private static func middle<T: Equatable>(_ a: [T], _ b: [T], limit: Int) -> [(Kind, Int)] {
        let (n, m) = (a.count, b.count)
        if n == 0 || m == 0 { return [(.removed, n), (.added, m)].filter { $0.1 > 0 } }
        let maxD = min(n + m, limit)
        let offset = maxD + 1
        var v = [Int](repeating: 0, count: 2 * maxD + 3)
        // Each round keeps only the diagonals it reached (-d...d): a copy of all of
        // them per round made a 10,000-line comparison slow.
        var trace: [[Int]] = []
        var found = false
        outer: for d in 0...maxD {
            trace.append(Array(v[(offset - d)...(offset + d)]))
            for k in stride(from: -d, through: d, by: 2) {
                var x = k == -d || (k != d && v[offset + k - 1] < v[offset + k + 1]) ? v[offset + k + 1] : v[offset + k - 1] + 1
                var y = x - k
                while x < n, y < m, a[x] == b[y] { (x, y) = (x + 1, y + 1) }
                v[offset + k] = x
                if x >= n, y >= m { found = true; break outer }
            }
        }
        guard found else { return [(.removed, n), (.added, m)] }
        // Walk back through the saved frontiers.
        var steps: [Kind] = []
        var (x, y) = (n, m)
        for d in stride(from: trace.count - 1, through: 1, by: -1) {
            // Round d's frontier as it was when round d began: diagonals -d...d at 0...2d.
            let v = trace[d]
            let k = x - y
            let down = k == -d || (k != d && v[d + k - 1] < v[d + k + 1])
            let previousK = down ? k + 1 : k - 1
            let previousX = v[d + previousK]
            let previousY = previousX - previousK
            while x > previousX, y > previousY { steps.append(.same); (x, y) = (x - 1, y - 1) }
            steps.append(down ? .added : .removed)
            (x, y) = (previousX, previousY)
        }
        while x > 0, y > 0 { steps.append(.same); (x, y) = (x - 1, y - 1) }
        return merged(steps.reversed().map { ($0, 1) })
    }

    private static func merged(_ runs: [(Kind, Int)]) -> [(Kind, Int)] {
        var out: [(Kind, Int)] = []
        for (kind, count) in runs where count > 0 {
            if let last = out.last, last.0 == kind { out[out.count - 1].1 += count } else { out.append((kind, count)) }
        }
        return out
    }

    // MARK: Hunks and words

    private static func hunks(_ script: [Line], context: Int) -> [Hunk] {
        let changed = script.indices.filter { script[$0].kind != .same }
        guard !changed.isEmpty else { return [] }
        // Changes closer than twice the context share a hunk.
        var groups: [ClosedRange<Int>] = []
        for index in changed {
            let range = max(0, index - context)...min(script.count - 1, index + context)
            if let last = groups.last, range.lowerBound <= last.upperBound + 1 {
                groups[groups.count - 1] = last.lowerBound...max(last.upperBound, range.upperBound)
            } else {
                groups.append(range)
            }
        }
        return groups.map { group in
            let lines = Array(script[group])
            let oldLines = lines.filter { $0.kind != .added }, newLines = lines.filter { $0.kind != .removed }
            // A side with no line here starts where the line before it was (as diff -u says it).
            let oldStart = oldLines.first?.old ?? (script[..<group.lowerBound].last { $0.old != nil }?.old ?? 0)
            let newStart = newLines.first?.new ?? (script[..<group.lowerBound].last { $0.new != nil }?.new ?? 0)
            return Hunk(oldStart: oldStart, oldCount: oldLines.count, newStart: newStart, newCount: newLines.count, lines: lines)
        }
    }

    /// In each run of removed lines followed by added ones, the lines paired in order
    /// get the ranges of the words that differ.
    private static func markWords(_ lines: [Line]) -> [Line] {
        var lines = lines
        var index = 0
        while index < lines.count {
            guard lines[index].kind == .removed else { index += 1; continue }
            let removedStart = index
            while index < lines.count, lines[index].kind == .removed { index += 1 }
            let addedStart = index
            while index < lines.count, lines[index].kind == .added { index += 1 }
            for pair in 0..<min(addedStart - removedStart, index - addedStart) {
                let (old, new) = (removedStart + pair, addedStart + pair)
                // Words of a line of a megabyte are not compared: the whole line is marked.
                guard lines[old].text.count < 10_000, lines[new].text.count < 10_000 else { continue }
                let (oldWords, newWords) = (words(lines[old].text), words(lines[new].text))
                var (o, n) = (0, 0)
                for (kind, count) in edits(oldWords.map(\.text), newWords.map(\.text), limit: 2_000) {
                    switch kind {
                    case .same: (o, n) = (o + count, n + count)
                    case .removed:
                        lines[old].changed.append(oldWords[o].range.lowerBound..<oldWords[o + count - 1].range.upperBound)
                        o += count
                    case .added:
                        lines[new].changed.append(newWords[n].range.lowerBound..<newWords[n + count - 1].range.upperBound)
                        n += count
                    }
                }
            }
        }
        return lines
    }

    /// Words and the gaps between them, with their places in characters.
    static func words(_ text: String) -> [(text: String, range: Range<Int>)] {
        var out: [(String, Range<Int>)] = []
        var current = ""
        var start = 0
        var position = 0
        var inWord = false
        for character in text {
            let isWord = character.isLetter || character.isNumber
            if !current.isEmpty, isWord != inWord || !isWord {
                out.append((current, start..<position))
                (current, start) = ("", position)
            }
            current.append(character)
            inWord = isWord
            position += 1
        }
        if !current.isEmpty { out.append((current, start..<position)) }
        return out
    }
}
