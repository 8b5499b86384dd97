import AmoFilesAPI
import Foundation
import TerminalUI

/// How the client commands print: readable tables, or the API's JSON with `--json`.
enum Output {
    static var stdoutIsTerminal: Bool { isatty(STDOUT_FILENO) == 1 }

    /// Prints JSON (sorted keys, so output is stable for scripts and diffs).
    static func json<T: Encodable>(_ value: T) throws {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        line(String(decoding: try encoder.encode(value), as: UTF8.self))
    }

    static func size(_ bytes: Int64) -> String { Quantities.bytes(bytes) }

    /// A Unix time in the local time zone, `2026-11-22 17:30`.
    static func time(_ seconds: Int64?) -> String { seconds.map(Quantities.time) ?? "-" }

    /// User names for a table; when they cannot be listed (admins only) the ids stay
    /// and stderr says why, once.
    static func userNames(_ api: AmoConnection) async -> [Int: String] {
        let users = await api.account.namesForDisplay(currentUserID: api.currentUserID)
        if let reason = users.unavailable { note("amofiles: user names are not shown (\(reason)); ids stand in for them") }
        return users.names
    }

    /// Who did something, by name when the user is known.
    static func who(_ ref: UserRef?, users: [Int: String]) -> String { ref?.displayName(users: users) ?? "-" }

    /// Prints rows as columns sized to their content; the `flexible` column is cut
    /// to fit the terminal when stdout is one. Every cell passes `TerminalText`.
    static func table(_ header: [String], _ rows: [[String]], flexible: Int? = nil, to fd: Int32 = STDOUT_FILENO) {
        let cells = ([header] + rows).map { $0.map(TerminalText.sanitize) }
        var widths = header.indices.map { column in cells.map { TerminalText.width($0[column]) }.max() ?? 0 }
        if let flexible, isatty(fd) == 1 {
            var size = winsize()
            let columns = ioctl(fd, UInt(TIOCGWINSZ), &size) == 0 && size.ws_col > 0 ? Int(size.ws_col) : 120
            let others = widths.enumerated().filter { $0.offset != flexible }.reduce(0) { $0 + $1.element } + 2 * (widths.count - 1)
            widths[flexible] = max(12, min(widths[flexible], columns - others))
        }
        for row in cells {
            let line = row.enumerated().map { column, cell in
                column == row.count - 1 ? TerminalText.truncate(cell, columns: widths[column])
                    : TerminalText.pad(cell, columns: widths[column])
            }.joined(separator: "  ")
            write(line.replacingOccurrences(of: "\\s+$", with: "", options: .regularExpression) + "\n", to: fd)
        }
    }

    static func fileRows(_ files: [DriveFile], users: [Int: String], trash: Bool) -> (header: [String], rows: [[String]]) {
        if trash {
            let header = ["UUID", "NAME", "SIZE", "DELETED", "BY", "PURGE IN"]
            let now = Int64(Date().timeIntervalSince1970)
            let rows = files.map { file -> [String] in
                let purge = file.daysUntilPurge(now: now).map { "\($0) d" } ?? "-"
                return [file.uuid, file.displayName, size(file.size), time(file.deletedAt), who(file.deletedBy, users: users), purge]
            }
            return (header, rows)
        }
        let header = ["UUID", "NAME", "SIZE", "TYPE", "UPDATED", "BY"]
        let rows = files.map { file in
            [file.uuid, file.displayName, size(file.size), file.type.rawValue, time(file.updatedAt), who(file.updatedBy, users: users)]
        }
        return (header, rows)
    }

    /// "1 file", "3 files".
    static func count(_ number: Int, _ noun: String) -> String { "\(number) \(noun)\(number == 1 ? "" : "s")" }

    /// Untrusted text made safe for one line of a terminal.
    static func plain(_ text: String) -> String { TerminalText.sanitize(text) }

    /// One line on stdout at once (unbuffered), for results printed while others still run.
    static func line(_ text: String) {
        write(text + "\n", to: STDOUT_FILENO)
    }

    /// A message on stderr; its lines stay lines (a list of problems), each made safe.
    static func error(_ text: String) {
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false).map { TerminalText.sanitize(String($0)) }
        write("amofiles: " + lines.joined(separator: "\n") + "\n", to: STDERR_FILENO)
    }

    static func note(_ text: String) {
        write(text + "\n", to: STDERR_FILENO)
    }

    /// A call being tried again, on stderr: "amofiles: the service did not answer (500); trying again in 2 s (2 of 5)".
    @Sendable static func retryNotice(_ notice: RetryNotice) {
        note("amofiles: \(notice)")
    }

    /// Writes all of `text`. A reader that went away (`amofiles ls | head -1`) ends the
    /// program quietly, with the status a shell expects of SIGPIPE; other errors drop the text.
    static func write(_ text: String, to fd: Int32) {
        // What `print` buffered goes first, so the two never interleave out of order.
        fflush(nil)
        var bytes = Array(text.utf8)[...]
        while !bytes.isEmpty {
            let written = bytes.withUnsafeBytes { Glibc.write(fd, $0.baseAddress, $0.count) }
            if written > 0 {
                bytes = bytes.dropFirst(written)
            } else if written < 0, errno == EINTR {
                continue
            } else {
                if errno == EPIPE { _exit(128 + SIGPIPE) }
                return
            }
        }
    }

    /// Standard streams that were closed (`amofiles ls >&-`) are pointed at /dev/null,
    /// so no file or socket opened later takes their number and receives our output.
    static func guardStandardStreams() {
        for fd in [STDIN_FILENO, STDOUT_FILENO, STDERR_FILENO] where fcntl(fd, F_GETFD) == -1 {
            let null = open("/dev/null", O_RDWR)
            if null >= 0, null != fd {
                dup2(null, fd)
                close(null)
            }
        }
    }
}
