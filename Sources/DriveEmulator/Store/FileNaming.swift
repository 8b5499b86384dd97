/// How the drive names things: the extension is split off the uploaded name, the
/// ASCII `sanitized_name` is transliterated, and `type`/MIME follow the extension.
enum FileNaming {
    /// `"Договор.pdf"` -> `("Договор", "pdf")`. A leading dot is part of the name.
    static func split(_ fileName: String) -> (name: String, fileExtension: String) {
        guard let dot = fileName.lastIndex(of: "."), dot != fileName.startIndex else { return (fileName, "") }
        let ext = String(fileName[fileName.index(after: dot)...])
        guard !ext.isEmpty, ext.count <= 10, ext.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber) }) else {
            return (fileName, "")
        }
        return (String(fileName[..<dot]), ext.lowercased())
    }

    /// The ASCII name with its extension: the last segment of a download link, and the
    /// `file_name` an attachment note reads back with.
    static func asciiName(_ name: String, _ fileExtension: String) -> String {
        let sanitized = sanitize(name)
        return fileExtension.isEmpty ? sanitized : "\(sanitized).\(fileExtension)"
    }

    private static let cyrillic: [Character: String] = [
        "а": "a", "б": "b", "в": "v", "г": "g", "д": "d", "е": "e", "ё": "e", "ж": "zh", "з": "z", "и": "i",
        "й": "y", "к": "k", "л": "l", "м": "m", "н": "n", "о": "o", "п": "p", "р": "r", "с": "s", "т": "t",
        "у": "u", "ф": "f", "х": "kh", "ц": "ts", "ч": "ch", "ш": "sh", "щ": "shch", "ъ": "", "ы": "y", "ь": "",
        "э": "e", "ю": "yu", "я": "ya",
    ]

    /// The name in ASCII: Cyrillic transliterated, letters and digits kept,
    /// everything else folded into single `-` or `_`.
    static func sanitize(_ name: String) -> String {
        var out = ""
        for character in name {
            let lower = Character(character.lowercased())
            if let latin = cyrillic[lower] {
                out += character.isUppercase ? latin.capitalized : latin
            } else if character.isASCII, character.isLetter || character.isNumber || "-_".contains(character) {
                out.append(character)
            } else if character == " " || character == "." {
                if !out.hasSuffix("_") { out += "_" }
            } else if !out.hasSuffix("-") {
                out += "-"
            }
        }
        let trimmed = String(out.prefix(200))
        return trimmed.isEmpty ? "file" : trimmed
    }

    private static let kinds: [String: (type: String, mime: String)] = [
        "jpg": ("image", "image/jpeg"), "jpeg": ("image", "image/jpeg"), "png": ("image", "image/png"),
        "gif": ("image", "image/gif"), "bmp": ("image", "image/bmp"), "webp": ("image", "image/webp"),
        "svg": ("image", "image/svg+xml"), "heic": ("image", "image/heic"), "tiff": ("image", "image/tiff"),
        "mp4": ("video", "video/mp4"), "mov": ("video", "video/quicktime"), "avi": ("video", "video/x-msvideo"),
        "mkv": ("video", "video/x-matroska"), "webm": ("video", "video/webm"),
        "mp3": ("audio", "audio/mpeg"), "wav": ("audio", "audio/wav"), "ogg": ("audio", "audio/ogg"),
        "m4a": ("audio", "audio/mp4"), "flac": ("audio", "audio/flac"), "oga": ("audio", "audio/ogg"),
        "pdf": ("document", "application/pdf"), "doc": ("document", "application/msword"),
        "docx": ("document", "application/vnd.openxmlformats-officedocument.wordprocessingml.document"),
        "xls": ("document", "application/vnd.ms-excel"),
        "xlsx": ("document", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"),
        "ppt": ("document", "application/vnd.ms-powerpoint"),
        "pptx": ("document", "application/vnd.openxmlformats-officedocument.presentationml.presentation"),
        "odt": ("document", "application/vnd.oasis.opendocument.text"), "rtf": ("document", "application/rtf"),
        "txt": ("document", "text/plain"), "csv": ("document", "text/csv"),
        "zip": ("file", "application/zip"), "rar": ("file", "application/vnd.rar"), "7z": ("file", "application/x-7z-compressed"),
        "json": ("file", "application/json"), "xml": ("file", "application/xml"),
    ]

    /// The drive type and MIME type of an extension; a declared content type wins for MIME.
    static func kind(fileExtension: String, contentType: String?) -> (type: String, mime: String) {
        let known = kinds[fileExtension]
        let mime = contentType.flatMap { $0.isEmpty ? nil : $0 } ?? known?.mime ?? "application/octet-stream"
        if let known { return (known.type, mime) }
        for prefix in ["image", "video", "audio"] where mime.hasPrefix(prefix + "/") { return (prefix, mime) }
        return ("file", mime)
    }
}
