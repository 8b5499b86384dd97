import Foundation

/// File bytes beside the database: one file per version under `blobs/`, and the
/// bytes of unfinished uploads under `uploads/`. Demo files are generated on the fly
/// from a seed (see `GeneratedContent`), so a demo account costs no disk.
struct BlobStore: Sendable {
    let root: URL

    init(root: URL) throws {
        self.root = root
        for folder in ["blobs", "uploads"] {
            try FileManager.default.createDirectory(at: root.appendingPathComponent(folder), withIntermediateDirectories: true)
        }
    }

    func blobPath(_ key: String) -> String { root.appendingPathComponent("blobs/\(key)").path }
    func uploadPath(session: Int64) -> String { root.appendingPathComponent("uploads/\(session).part").path }

    /// Writes a part at `offset` of the session's upload file, drops anything after it,
    /// and syncs to disk before the part is answered.
    func writePart(_ bytes: [UInt8], session: Int64, offset: Int64) throws {
        let fd = open(uploadPath(session: session), O_WRONLY | O_CREAT, 0o600)
        guard fd >= 0 else { throw BlobError.io("open upload file", errno) }
        defer { close(fd) }
        var written = 0
        while written < bytes.count {
            let n = bytes.withUnsafeBytes { raw in
                pwrite(fd, raw.baseAddress! + written, bytes.count - written, off_t(offset) + off_t(written))
            }
            guard n > 0 else { throw BlobError.io("write part", errno) }
            written += n
        }
        guard ftruncate(fd, off_t(offset) + off_t(bytes.count)) == 0 else { throw BlobError.io("truncate", errno) }
        guard fsync(fd) == 0 else { throw BlobError.io("fsync", errno) }
    }

    /// Keeps `data` as the bytes of a version (the demo's documents).
    func writeBlob(_ data: Data, key: String) throws {
        guard FileManager.default.createFile(atPath: blobPath(key), contents: data) else { throw BlobError.io("write blob", errno) }
    }

    /// Makes a finished upload the bytes of a version.
    func promoteUpload(session: Int64, toBlob key: String) throws {
        let from = uploadPath(session: session)
        if !FileManager.default.fileExists(atPath: from) {
            // A zero-byte upload never wrote a part.
            _ = FileManager.default.createFile(atPath: from, contents: Data())
        }
        guard rename(from, blobPath(key)) == 0 else { throw BlobError.io("rename upload", errno) }
    }

    func removeBlob(_ key: String) {
        if !key.hasPrefix(GeneratedContent.prefix) { unlink(blobPath(key)) }
    }

    /// Reads the bytes of a version at `range` in chunks.
    func read(_ key: String, range: Range<Int64>, chunk: Int = 256 * 1024, _ body: ([UInt8]) async throws -> Void) async throws {
        if let generated = GeneratedContent(key: key) {
            var offset = range.lowerBound
            while offset < range.upperBound {
                let count = Int(min(Int64(chunk), range.upperBound - offset))
                try await body(generated.bytes(at: offset, count: count))
                offset += Int64(count)
            }
            return
        }
        guard let handle = FileHandle(forReadingAtPath: blobPath(key)) else { throw BlobError.missing(key) }
        defer { try? handle.close() }
        try handle.seek(toOffset: UInt64(range.lowerBound))
        var left = range.count
        while left > 0, let data = try handle.read(upToCount: Int(min(Int64(chunk), Int64(left)))), !data.isEmpty {
            left -= data.count
            try await body([UInt8](data))
        }
    }
}

enum BlobError: Error, CustomStringConvertible {
    case io(String, Int32)
    case missing(String)

    var description: String {
        switch self {
        case .io(let what, let code): "\(what): \(String(cString: strerror(code)))"
        case .missing(let key): "blob \(key) is missing"
        }
    }
}

/// Deterministic bytes for demo files: text for text-like files, noise otherwise.
struct GeneratedContent: Sendable {
    static let prefix = "generated:"
    let seed: UInt64
    let text: Bool

    static func key(seed: UInt64, text: Bool) -> String { "\(prefix)\(text ? "text" : "bin"):\(seed)" }

    init?(key: String) {
        let parts = key.split(separator: ":")
        guard key.hasPrefix(Self.prefix), parts.count == 3, let seed = UInt64(parts[2]) else { return nil }
        self.seed = seed
        self.text = parts[1] == "text"
    }

    private static let line = Array("Демо-файл amofiles: строка для проверки загрузки и выгрузки. Demo line.\n".utf8)

    func bytes(at offset: Int64, count: Int) -> [UInt8] {
        if text {
            return (0..<count).map { Self.line[Int((offset + Int64($0)) % Int64(Self.line.count))] }
        }
        return (0..<count).map { i in
            var x = seed &+ UInt64(offset + Int64(i)) &* 0x9E37_79B9_7F4A_7C15
            x = (x ^ (x >> 30)) &* 0xBF58_476D_1CE4_E5B9
            x = (x ^ (x >> 27)) &* 0x94D0_49BB_1331_11EB
            return UInt8(truncatingIfNeeded: x ^ (x >> 31))
        }
    }
}
