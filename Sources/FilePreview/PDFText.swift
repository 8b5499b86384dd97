import Foundation

/// The text of a PDF through `pdftotext` (poppler-utils), when it is installed.
enum PDFText {
    static func preview(_ data: Data, fileExtension ext: String) -> Preview? {
        guard ext == "pdf" || data.starts(with: Array("%PDF-".utf8)) else { return nil }
        guard let tool = Self.tool else {
            return Preview(kind: "PDF", lines: [], partial: false,
                           note: "pdftotext reads the text of PDFs: apt-get install poppler-utils (or dnf install poppler-utils)")
        }
        let folder = NSTemporaryDirectory()
        let input = folder + "amofiles-preview-\(UUID().uuidString.prefix(8)).pdf"
        // Only the owner may read the account's file while it is here.
        guard FileManager.default.createFile(atPath: input, contents: data, attributes: [.posixPermissions: 0o600]) else { return nil }
        defer { unlink(input) }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: tool)
        process.arguments = ["-layout", "-enc", "UTF-8", "-l", "200", "-q", input, "-"]
        let output = Pipe()
        process.standardOutput = output
        process.standardError = FileHandle.nullDevice
        do { try process.run() } catch { return nil }
        // A PDF that keeps it busy is given ten seconds.
        let watchdog = DispatchWorkItem { if process.isRunning { process.terminate() } }
        DispatchQueue.global().asyncAfter(deadline: .now() + 10, execute: watchdog)
        let text = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        watchdog.cancel()
        guard process.terminationStatus == 0 else {
            return Preview(kind: "PDF", lines: [], partial: false, note: "pdftotext could not read it (it may be damaged or protected)")
        }
        let lines = TextLines.split(String(decoding: text, as: UTF8.self).replacingOccurrences(of: "\u{0C}", with: "\n"))
        return Preview(kind: "PDF, its text", lines: lines, partial: false)
    }

    /// `pdftotext` on the PATH.
    static var tool: String? {
        let path = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin"
        return path.split(separator: ":").map { "\($0)/pdftotext" }.first { FileManager.default.isExecutableFile(atPath: $0) }
    }
}
