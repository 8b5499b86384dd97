/// The first word of a command line, checked before the parser sees it: with the UI as
/// the default command, an unknown word would otherwise be read as a stray argument
/// of `browse` and answered with browse's usage.
enum CommandWords {
    /// Throws a usage error naming an unknown command (or the topic of `help`), with
    /// the list of commands and the nearest one.
    static func check(_ arguments: [String], commands: [String]) throws {
        guard let first = arguments.first, !first.hasPrefix("-") else { return }
        if first == "help" {
            guard arguments.count > 1, !arguments[1].hasPrefix("-") else { return }
            if !commands.contains(arguments[1]) { throw unknown(arguments[1], commands: commands) }
            return
        }
        if !commands.contains(first) { throw unknown(first, commands: commands) }
    }

    /// A first word that names no command; its lines are printed as they are (exit 2).
    struct Unknown: Error {
        var lines: [String]
    }

    private static func unknown(_ word: String, commands: [String]) -> Unknown {
        var first = "amofiles: unknown command “\(Output.plain(word))”"
        if let near = nearest(to: word, in: commands) { first += "; did you mean `\(near)`?" }
        return Unknown(lines: [first, "Commands: \(commands.joined(separator: ", ")).",
                               "`amofiles COMMAND --help` tells more of each; `amofiles` alone opens the UI."])
    }

    /// The command `word` is most likely a slip for: the only one it begins, or the
    /// closest by edit distance when that is small for its length.
    static func nearest(to word: String, in commands: [String]) -> String? {
        let lower = word.lowercased()
        let prefixed = commands.filter { $0.hasPrefix(lower) }
        if prefixed.count == 1 { return prefixed[0] }
        let scored = commands.map { ($0, distance(lower, $0)) }.min { $0.1 < $1.1 }
        guard let (command, score) = scored, score <= max(1, min(lower.count, command.count) / 3) else { return nil }
        return command
    }

    /// Levenshtein distance over characters.
    static func distance(_ a: String, _ b: String) -> Int {
        let a = Array(a), b = Array(b)
        guard !a.isEmpty else { return b.count }
        var previous = Array(0...b.count)
        for i in 1...a.count {
            var current = [i] + Array(repeating: 0, count: b.count)
            for j in stride(from: 1, through: b.count, by: 1) {
                current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1))
            }
            previous = current
        }
        return previous[b.count]
    }
}
