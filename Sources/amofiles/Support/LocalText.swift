import Foundation

/// Reads a small local text file (a keymap), refusing with the reason what is not
/// one: a folder, a device or FIFO (which could block), something huge, or binary.
enum LocalText {
    static func read(_ path: String, what: String, limit: Int = 1 << 20) throws -> String {
        // `--keymap /dev/null`: none, as `tmux -f /dev/null` and `ssh -F /dev/null` mean it.
        if path == "/dev/null" { return "" }
        var info = stat()
        guard stat(path, &info) == 0 else {
            throw CLIError.local("\(what) \(path) cannot be read: \(String(cString: strerror(errno)))")
        }
        switch info.st_mode & S_IFMT {
        case S_IFREG: break
        case S_IFDIR: throw CLIError.local("\(what) \(path) is a folder, not a file")
        default: throw CLIError.local("\(what) \(path) is not a regular file")
        }
        guard Int(info.st_size) <= limit else {
            throw CLIError.local("\(what) \(path) is too large (\(info.st_size) bytes; at most \(limit))")
        }
        guard let handle = FileHandle(forReadingAtPath: path) else {
            throw CLIError.local("\(what) \(path) cannot be read: \(String(cString: strerror(errno)))")
        }
        defer { try? handle.close() }
        let data: Data
        do {
            data = try handle.readToEnd() ?? Data()
        } catch {
            throw CLIError.local("\(what) \(path) cannot be read: \(error.localizedDescription)")
        }
        guard !data.contains(0), let text = String(data: data, encoding: .utf8) else {
            throw CLIError.local("\(what) \(path) is not UTF-8 text")
        }
        return text
    }
}
