import AmoFilesAPI
import TerminalUI

/// Every property of a file model as label and value, for `amofiles info` and the
/// detail pane alike.
public enum FileProperties {
    /// `versions`: how many the file has, when known.
    public static func rows(_ file: DriveFile, users: [Int: String], now: Int64, versions: Int? = nil) -> [(label: String, value: String)] {
        var rows: [(String, String)] = [
            ("uuid", file.uuid), ("name", file.name), ("extension", file.metadata?.fileExtension ?? "-"),
            ("sanitized name", file.sanitizedName), ("type", file.type.rawValue),
            ("size", "\(Quantities.bytes(file.size)) (\(file.size) bytes)"), ("mime type", file.metadata?.mimeType ?? "-"),
            ("active version", file.versionUUID), ("versions", versions.map(String.init) ?? (file.hasMultipleVersions ? "several" : "1")),
            ("source id", file.sourceID.map(String.init) ?? "-"),
            ("created", "\(Quantities.time(file.createdAt)) by \(file.createdBy.displayName(users: users))"),
            ("updated", "\(Quantities.time(file.updatedAt)) by \(file.updatedBy.displayName(users: users))"),
        ]
        if let deletedAt = file.deletedAt {
            rows.append(("in trash", "since \(Quantities.time(deletedAt)) by \(file.deletedBy?.displayName(users: users) ?? "-")"))
            rows.append(("purged in", file.daysUntilPurge(now: now).map { "\($0) days" } ?? "-"))
        } else {
            rows.append(("in trash", "no"))
        }
        rows.append(("download", file.links.download?.href ?? "-"))
        rows.append(("this version", file.links.downloadVersion?.href ?? "-"))
        let previews = (file.previews ?? []).map { preview in
            preview.width.flatMap { width in preview.height.map { "\(width)×\($0)" } } ?? "preview"
        }
        rows.append(("previews", previews.isEmpty ? "none" : previews.joined(separator: ", ")))
        if let session = file.sessionID { rows.append(("upload session", String(session))) }
        return rows
    }
}
