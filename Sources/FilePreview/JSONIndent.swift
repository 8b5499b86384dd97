/// JSON laid out one value a line, indented by two, keys in the file's own order
/// (a parser would sort them or lose them). Works on the first bytes of a file too;
/// nil for text that does not start as JSON does.
enum JSONIndent {
    static func indent(_ text: String) -> String? {
        let body = text.drop { $0.isWhitespace }
        guard body.first == "{" || body.first == "[" else { return nil }
        var out = ""
        var depth = 0
        var inString = false, escaped = false
        var characters = Array(body)
        characters.reserveCapacity(characters.count)
        var index = 0
        func newline() { out += "\n" + String(repeating: "  ", count: max(0, depth)) }
        while index < characters.count {
            let character = characters[index]
            index += 1
            if inString {
                out.append(character)
                if escaped { escaped = false } else if character == "\\" { escaped = true } else if character == "\"" { inString = false }
                continue
            }
            switch character {
            case "\"":
                inString = true
                out.append(character)
            case "{", "[":
                out.append(character)
                // An empty object or array stays on its line.
                var next = index
                while next < characters.count, characters[next].isWhitespace { next += 1 }
                if next < characters.count, characters[next] == (character == "{" ? "}" : "]") {
                    out.append(characters[next])
                    index = next + 1
                } else {
                    depth += 1
                    newline()
                }
            case "}", "]":
                depth -= 1
                newline()
                out.append(character)
            case ",":
                out.append(character)
                newline()
            case ":":
                out += ": "
            case _ where character.isWhitespace:
                break
            default:
                out.append(character)
            }
        }
        return out
    }
}
