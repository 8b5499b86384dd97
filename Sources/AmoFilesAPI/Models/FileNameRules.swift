/// What a new file name may be, checked before it is sent: the service's own rules
/// are undocumented, and a name with control characters would turn up in every
/// listing and terminal after it.
public enum FileNameRules {
    /// Longest name accepted (the drive's names are shown in one line everywhere).
    public static let maxLength = 255

    /// Why `name` cannot be a file's name, or nil when it can.
    public static func problem(_ name: String) -> String? {
        if name.isEmpty { return "the name is empty" }
        if name.allSatisfy({ $0.isWhitespace }) { return "the name is only spaces" }
        for scalar in name.unicodeScalars {
            let value = scalar.value
            if value < 0x20 || (0x7F...0x9F).contains(value) || value == 0x2028 || value == 0x2029 {
                return "the name holds a control character (U+\(hex(value)))"
            }
            if (0x202A...0x202E).contains(value) || (0x2066...0x2069).contains(value) {
                return "the name holds a text-direction control (U+\(hex(value))), which would disguise it"
            }
        }
        if name.count > maxLength { return "the name is \(name.count) characters long; at most \(maxLength)" }
        return nil
    }

    /// The name to send for `typed` on a file whose extension is `ext`. The service
    /// keeps the extension apart from the name and adds it back, so a typed copy of
    /// it (`offer.bin` on a .bin file) is dropped rather than doubled.
    public static func name(_ typed: String, keeping ext: String?) -> String {
        guard let ext, !ext.isEmpty else { return typed }
        let suffix = "." + ext.lowercased()
        guard typed.lowercased().hasSuffix(suffix), typed.count > suffix.count else { return typed }
        return String(typed.dropLast(suffix.count))
    }

    /// The extension `typed` ends with when it is not the file's own (".pdf" typed on
    /// a .bin file, which the service turns into `….pdf.bin`); nil otherwise.
    public static func otherExtension(in typed: String, than ext: String?) -> String? {
        guard let dot = typed.lastIndex(of: "."), dot != typed.startIndex else { return nil }
        let typedExt = typed[typed.index(after: dot)...]
        guard !typedExt.isEmpty, typedExt.count <= 8, !typedExt.contains(" "), typedExt.contains(where: \.isLetter),
              typedExt.lowercased() != (ext ?? "").lowercased() else { return nil }
        return String(typedExt)
    }

    private static func hex(_ value: UInt32) -> String {
        let digits = String(value, radix: 16, uppercase: true)
        return String(repeating: "0", count: max(0, 4 - digits.count)) + digits
    }
}
