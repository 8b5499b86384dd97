import AmoFilesAPI
import AmoFilesTasks
@testable import AmoFilesApp
import Foundation
import TerminalUI
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

    /// Keys pressed one after the other.
    static func press(_ state: inout AppState, _ keys: Key...) {
        for key in keys { _ = Reducer.reduce(&state, .input(.key(key))) }
    }

    /// The whole screen `state` draws, line by line.
    static func render(_ state: AppState) -> [String] {
        let surface = MemorySurface(rows: state.rows, columns: state.columns)
        Renderer.render(state, into: surface)
        return surface.lines
    }

    /// A record a file is attached to, as `links` lists it.
    static func linked(_ id: Int, _ name: String?, _ type: String = "leads") -> LinkedEntity {
        LinkedEntity(id: id, name: name, entityType: type, createdBy: nil, mainUserID: nil, dateCreate: nil, dateUpdate: nil,
                     updatedBy: nil, price: nil, pipelineID: nil, statusID: nil, closestTaskAt: nil)
    }

    /// An upload an earlier run left: 40% of 1.2 GB accepted.
    static let unfinishedUpload = UploadRecord(
        id: "r1", path: "/srv/big.iso", fileName: "big.iso", newVersionOf: nil, attach: nil, size: 1_200_000_000, modified: 0,
        driveURL: "http://drive", sessionID: 5, partSize: 1_048_576, sessionExpiresAt: 0, accepted: 480_000_000, nextURL: "http://drive/u",
        partsAccepted: 457)
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
