import Foundation

/// The first bytes of a file as `hexdump -C` lays them out.
enum HexView {
    static let bytesShown = 4096

    /// A file without text: what it is, and its first bytes.
    static func preview(_ data: Data, kind: String, whole: Bool) -> Preview {
        let shown = data.count > bytesShown ? ", the first \(bytesShown / 1024) KiB in hex" : ""
        var preview = Preview(kind: kind + shown, lines: lines(data.prefix(bytesShown)), partial: !whole)
        preview.isText = false
        return preview
    }

    static func lines(_ data: Data) -> [String] {
        let bytes = [UInt8](data)
        return stride(from: 0, to: bytes.count, by: 16).map { offset in
            let row = bytes[offset..<min(offset + 16, bytes.count)]
            var hex = row.enumerated().map { String(format: "%02x", $0.element) + ($0.offset == 7 ? " " : "") }.joined(separator: " ")
            hex = hex.padding(toLength: 49, withPad: " ", startingAt: 0)
            let text = String(row.map { (0x20..<0x7F).contains($0) ? Character(Unicode.Scalar($0)) : "." })
            return String(format: "%08x  ", offset) + hex + " |" + text + "|"
        }
    }
}
