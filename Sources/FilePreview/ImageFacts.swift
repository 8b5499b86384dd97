import Foundation

/// The format and size of an image, read from its first bytes: "PNG image, 800×600".
enum ImageFacts {
    static func read(_ data: Data) -> String? {
        let b = [UInt8](data.prefix(65_536))
        func be16(_ i: Int) -> Int? { i + 1 < b.count ? Int(b[i]) << 8 | Int(b[i + 1]) : nil }
        func le16(_ i: Int) -> Int? { i + 1 < b.count ? Int(b[i + 1]) << 8 | Int(b[i]) : nil }
        func be32(_ i: Int) -> Int? { i + 3 < b.count ? Int(b[i]) << 24 | Int(b[i + 1]) << 16 | Int(b[i + 2]) << 8 | Int(b[i + 3]) : nil }
        func le32(_ i: Int) -> Int? { i + 3 < b.count ? Int(b[i + 3]) << 24 | Int(b[i + 2]) << 16 | Int(b[i + 1]) << 8 | Int(b[i]) : nil }
        func le24(_ i: Int) -> Int? { i + 2 < b.count ? Int(b[i + 2]) << 16 | Int(b[i + 1]) << 8 | Int(b[i]) : nil }
        func facts(_ format: String, _ width: Int?, _ height: Int?) -> String {
            guard let width, let height else { return "\(format) image" }
            return "\(format) image, \(width)×\(abs(height))"
        }
        if b.starts(with: [0x89, 0x50, 0x4E, 0x47]) { return facts("PNG", be32(16), be32(20)) }
        if b.starts(with: Array("GIF8".utf8)) { return facts("GIF", le16(6), le16(8)) }
        if b.starts(with: Array("BM".utf8)), b.count > 26 { return facts("BMP", le32(18), le32(22).map { Int(Int32(truncatingIfNeeded: $0)) }) }
        if b.starts(with: Array("RIFF".utf8)), b.count > 30, Array(b[8..<12]) == Array("WEBP".utf8) {
            switch String(decoding: b[12..<16], as: UTF8.self) {
            case "VP8X": return facts("WebP", le24(24).map { $0 + 1 }, le24(27).map { $0 + 1 })
            case "VP8 ": return facts("WebP", le16(26).map { $0 & 0x3FFF }, le16(28).map { $0 & 0x3FFF })
            case "VP8L":
                guard let bits = le32(21) else { return "WebP image" }
                return facts("WebP", (bits & 0x3FFF) + 1, ((bits >> 14) & 0x3FFF) + 1)
            default: return "WebP image"
            }
        }
        if b.starts(with: [0xFF, 0xD8]) {
            // The frame header (SOFn, not DHT, JPG or DAC) holds the size.
            var i = 2
            while i + 9 < b.count, b[i] == 0xFF {
                let marker = b[i + 1]
                if (0xC0...0xCF).contains(marker), ![0xC4, 0xC8, 0xCC].contains(marker) { return facts("JPEG", be16(i + 7), be16(i + 5)) }
                guard let length = be16(i + 2) else { break }
                i += 2 + length
            }
            return "JPEG image"
        }
        return nil
    }
}
