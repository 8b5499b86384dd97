import Foundation
import Logging
import Synchronization

/// A swift-log handler appending lines to a file (never to the terminal).
struct FileLogHandler: LogHandler {
    private let sink: Sink
    var metadata: Logger.Metadata = [:]
    var logLevel: Logger.Level = .info

    init(path: String) throws {
        guard let handle = FileHandle(forWritingAtPath: path) ?? {
            _ = FileManager.default.createFile(atPath: path, contents: nil, attributes: [.posixPermissions: 0o600])
            return FileHandle(forWritingAtPath: path)
        }() else {
            throw CLIError.config("cannot write the log file \(path)")
        }
        handle.seekToEndOfFile()
        sink = Sink(handle: handle)
    }

    subscript(metadataKey key: String) -> Logger.Metadata.Value? {
        get { metadata[key] }
        set { metadata[key] = newValue }
    }

    func log(event: LogEvent) {
        let stamp = ISO8601DateFormatter().string(from: Date())
        sink.append("\(stamp) \(event.level) \(event.message)\n")
    }

    final class Sink: Sendable {
        private let handle: Mutex<FileHandle>
        init(handle: FileHandle) { self.handle = Mutex(handle) }
        func append(_ line: String) {
            handle.withLock { try? $0.write(contentsOf: Data(line.utf8)) }
        }
    }
}
