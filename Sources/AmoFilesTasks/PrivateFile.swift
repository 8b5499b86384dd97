import Foundation

/// Files only their owner may read (tokens, the upload journal, cached versions),
/// replaced atomically: written to a temporary beside the target with mode 0600,
/// synced unless `durable` is false (a cache loses nothing it cannot fetch again),
/// then renamed.
public enum PrivateFile {
    public static func save(_ data: Data, to path: String, durable: Bool = true) throws {
        let temporary = path + temporaryMark + String(getpid())
        let fd = open(temporary, O_WRONLY | O_CREAT | O_TRUNC, 0o600)
        guard fd >= 0 else { throw TaskFailure.localFile("cannot write \(path): \(String(cString: strerror(errno)))") }
        let written = data.withUnsafeBytes { write(fd, $0.baseAddress, data.count) }
        let synced = !durable || fsync(fd) == 0
        close(fd)
        guard written == data.count, synced, rename(temporary, path) == 0 else {
            unlink(temporary)
            throw TaskFailure.localFile("cannot write \(path)")
        }
    }

    private static let temporaryMark = ".tmp-"

    /// The process that was writing `name`, when it is one of our temporaries.
    public static func writer(ofTemporary name: String) -> pid_t? {
        guard let mark = name.range(of: temporaryMark, options: .backwards) else { return nil }
        return pid_t(name[mark.upperBound...])
    }
}
