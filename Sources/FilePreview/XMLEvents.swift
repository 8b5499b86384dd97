/// The elements, attributes and text of the XML inside office files, in order: a
/// small reader of our own (the parts are machine-written and well formed; nothing is
/// fetched, no entity but the five and character references is expanded).
struct XMLEvents {
    enum Event: Equatable {
        case start(String, [String: String])
        case end(String)
        case text(String)
    }

    static func read(_ bytes: [UInt8], _ handle: (Event) -> Void) {
        var index = 0
        let count = bytes.count
        while index < count {
            if bytes[index] != UInt8(ascii: "<") {
                let start = index
                while index < count, bytes[index] != UInt8(ascii: "<") { index += 1 }
                handle(.text(unescape(bytes[start..<index])))
                continue
            }
            // Comments, processing instructions, declarations and CDATA.
            if starts(bytes, index, "<!--") { index = skip(bytes, past: "-->", from: index); continue }
            if starts(bytes, index, "<![CDATA[") {
                let start = index + 9
                let end = skip(bytes, past: "]]>", from: start)
                handle(.text(String(decoding: bytes[start..<max(start, end - 3)], as: UTF8.self)))
                index = end
                continue
            }
            if starts(bytes, index, "<?") || starts(bytes, index, "<!") { index = skip(bytes, past: ">", from: index); continue }
            let closing = index + 1 < count && bytes[index + 1] == UInt8(ascii: "/")
            var cursor = index + (closing ? 2 : 1)
            let nameStart = cursor
            while cursor < count, !isSpace(bytes[cursor]), bytes[cursor] != UInt8(ascii: ">"), bytes[cursor] != UInt8(ascii: "/") { cursor += 1 }
            let name = String(decoding: bytes[nameStart..<cursor], as: UTF8.self)
            var attributes: [String: String] = [:]
            var selfClosing = false
            while cursor < count, bytes[cursor] != UInt8(ascii: ">") {
                if bytes[cursor] == UInt8(ascii: "/") { selfClosing = true; cursor += 1; continue }
                if isSpace(bytes[cursor]) { cursor += 1; continue }
                let keyStart = cursor
                while cursor < count, bytes[cursor] != UInt8(ascii: "="), bytes[cursor] != UInt8(ascii: ">"), !isSpace(bytes[cursor]) { cursor += 1 }
                let key = String(decoding: bytes[keyStart..<cursor], as: UTF8.self)
                while cursor < count, bytes[cursor] != UInt8(ascii: "\""), bytes[cursor] != UInt8(ascii: "'"), bytes[cursor] != UInt8(ascii: ">") { cursor += 1 }
                guard cursor < count, bytes[cursor] != UInt8(ascii: ">") else { break }
                let quote = bytes[cursor]
                let valueStart = cursor + 1
                cursor = valueStart
                while cursor < count, bytes[cursor] != quote { cursor += 1 }
                attributes[key] = unescape(bytes[valueStart..<min(cursor, count)])
                cursor += 1
            }
            index = cursor + 1
            if closing {
                handle(.end(name))
            } else {
                handle(.start(name, attributes))
                if selfClosing { handle(.end(name)) }
            }
        }
    }

    private static func isSpace(_ byte: UInt8) -> Bool { byte == 0x20 || byte == 0x0A || byte == 0x0D || byte == 0x09 }

    private static func starts(_ bytes: [UInt8], _ index: Int, _ prefix: StaticString) -> Bool {
        let text = prefix.utf8Start
        for offset in 0..<prefix.utf8CodeUnitCount where index + offset >= bytes.count || bytes[index + offset] != text[offset] { return false }
        return true
    }

    /// The index just past `marker`, or the end.
    private static func skip(_ bytes: [UInt8], past marker: StaticString, from index: Int) -> Int {
        var cursor = index
        while cursor < bytes.count {
            if starts(bytes, cursor, marker) { return cursor + marker.utf8CodeUnitCount }
            cursor += 1
        }
        return bytes.count
    }

    private static func unescape(_ bytes: ArraySlice<UInt8>) -> String {
        let text = String(decoding: bytes, as: UTF8.self)
        guard text.contains("&") else { return text }
        var out = ""
        var rest = Substring(text)
        while let amp = rest.firstIndex(of: "&") {
            out += rest[..<amp]
            guard let semi = rest[amp...].firstIndex(of: ";"), rest.distance(from: amp, to: semi) <= 10 else {
                out += "&"
                rest = rest[rest.index(after: amp)...]
                continue
            }
            let entity = rest[rest.index(after: amp)..<semi]
            switch entity {
            case "amp": out += "&"
            case "lt": out += "<"
            case "gt": out += ">"
            case "quot": out += "\""
            case "apos": out += "'"
            default:
                let number = entity.hasPrefix("#x") ? UInt32(entity.dropFirst(2), radix: 16) : entity.hasPrefix("#") ? UInt32(entity.dropFirst()) : nil
                if let number, let scalar = Unicode.Scalar(number) { out.unicodeScalars.append(scalar) } else { out += "&\(entity);" }
            }
            rest = rest[rest.index(after: semi)...]
        }
        return out + rest
    }
}
