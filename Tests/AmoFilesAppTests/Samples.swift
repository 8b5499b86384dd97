import AmoFilesAPI
import AmoFilesApp
import Foundation
import XCTest

/// Files and states for reducer tests and golden screens.
enum Samples {
    static let users = [7: "Анна Смирнова", 8: "Li Wei"]
    /// 2026-11-22 12:00 UTC.
    static let now: Int64 = 1_795_348_800

    static func file(_ index: Int, _ name: String, ext: String, kind: FileKind = .document, size: Int64 = 1_500_000,
                     by: UserRef = .user(7), deleted: Bool = false) -> DriveFile {
        let when = now - Int64(index) * 86_400
        return DriveFile(
            uuid: String(format: "00000000-0000-4000-8000-%012d", index), versionUUID: String(format: "10000000-0000-4000-8000-%012d", index),
            type: kind, isTrashed: deleted, name: name, sanitizedName: name, size: size, sourceID: nil, hasMultipleVersions: false,
            createdAt: when, createdBy: by, updatedAt: when, updatedBy: by, deletedAt: deleted ? when : nil, deletedBy: deleted ? by : nil,
            metadata: FileMetadata(fileExtension: ext, mimeType: nil), previews: nil, sessionID: nil,
            links: DriveFile.Links(download: nil, downloadVersion: nil, this: nil))
    }

    static let mixed: [DriveFile] = [
        file(0, "Договор поставки №106", ext: "pdf"),
        file(1, "見積書 423", ext: "xlsx", size: 16_000, by: .user(8)),
        file(2, "Фото объекта", ext: "jpg", kind: .image, size: 84_000, by: .robot),
        file(3, "title\u{1B}]0;pwned\u{07}", ext: "txt", size: 12),
        file(4, "report\u{202E}fdp.exe", ext: "pdf", size: 3_400_000, by: .client(55)),
        file(5, "Очень длинное имя файла, которое не помещается в колонку даже на широком экране", ext: "docx"),
    ]

    static func state(rows: Int = 24, columns: Int = 80, files: [DriveFile] = mixed, complete: Bool = true) -> AppState {
        var state = AppState(rows: rows, columns: columns, accountName: "Ромашка", driveHost: "drive-b.amocrm.ru")
        state.users = users
        state.now = now
        state.lists[.files]?.items = files
        state.lists[.files]?.nextPage = complete ? nil : 2
        return state
    }
}

/// Times on screens are drawn in UTC while a test runs, and the zone the process
/// had is put back after it, so no other test sees a changed clock.
func useUTC(for test: XCTestCase) {
    let previous = ProcessInfo.processInfo.environment["TZ"]
    setenv("TZ", "UTC", 1)
    tzset()
    test.addTeardownBlock {
        if let previous { setenv("TZ", previous, 1) } else { unsetenv("TZ") }
        tzset()
    }
}
