// Frame benchmark: how long one frame of the Files screen takes to draw into the
// in-memory surface with 100, 10,000 and 100,000 loaded rows, at 80x24 and 200x60.
// Prints one JSON object per case; Benchmarks/run.py turns them into the table.
import AmoFilesAPI
import AmoFilesApp
import Foundation
import TerminalUI

let names = ["Договор поставки №%d", "Счёт на оплату %d", "見積書 %d", "Quarterly report %d", "Фото объекта %d"]
let extensions = ["pdf", "xlsx", "pdf", "docx", "jpg"]
let now = Int64(Date().timeIntervalSince1970)

func file(_ index: Int) -> DriveFile {
    let name = String(format: names[index % names.count], index)
    let when = now - Int64(index) * 600
    return DriveFile(
        uuid: String(format: "00000000-0000-4000-8000-%012d", index), versionUUID: String(format: "10000000-0000-4000-8000-%012d", index),
        type: index % 5 == 4 ? .image : .document, isTrashed: false, name: name, sanitizedName: name,
        size: Int64(1_000 + index * 37 % 5_000_000), sourceID: nil, hasMultipleVersions: false,
        createdAt: when, createdBy: .user(7), updatedAt: when, updatedBy: .user(index % 3 + 7), deletedAt: nil, deletedBy: nil,
        metadata: FileMetadata(fileExtension: extensions[index % extensions.count], mimeType: nil), previews: nil, sessionID: nil,
        links: DriveFile.Links(download: nil, downloadVersion: nil, this: nil))
}

/// One screen size and row count, with its state and surface ready to draw.
final class Case {
    let rows: Int, columns: Int, files: Int
    var state: AppState
    let surface: MemorySurface
    var renderTimes: [Double] = []
    var keyTimes: [Double] = []
    private var step = 0

    init(rows: Int, columns: Int, files: [DriveFile]) {
        self.rows = rows
        self.columns = columns
        self.files = files.count
        state = AppState(rows: rows, columns: columns, accountName: "Ромашка", driveHost: "drive-b.amocrm.ru")
        state.users = [7: "Анна Смирнова", 8: "Дмитрий Козлов", 9: "Екатерина Волкова"]
        state.now = now
        _ = Reducer.reduce(&state, .pageLoaded(.files, generation: 0, page: 1, files: files, hasMore: false))
        // The cursor about the middle of the list (a page is the list's height less one
        // row), so the screen shows rows from deep inside it.
        for _ in 0..<(files.count / 2 / max(1, rows - 4)) { _ = Reducer.reduce(&state, .input(.key(.pageDown))) }
        surface = MemorySurface(rows: rows, columns: columns)
    }

    func render() { Renderer.render(state, into: surface) }

    /// A key as the user presses it: the reducer moves the cursor, then the frame is drawn.
    func key() {
        step += 1
        _ = Reducer.reduce(&state, .input(.key(step % 20 < 10 ? .down : .up)))
        Renderer.render(state, into: surface)
    }
}

func microseconds(per count: Int, _ body: () -> Void) -> Double {
    let start = DispatchTime.now().uptimeNanoseconds
    for _ in 0..<count { body() }
    return Double(DispatchTime.now().uptimeNanoseconds - start) / Double(count) / 1_000
}

let counts = CommandLine.arguments.dropFirst().compactMap { Int($0) }
let sizes = counts.isEmpty ? [100, 10_000, 100_000] : counts
let allFiles = (0..<(sizes.max() ?? 100)).map(file)
let cases = [(24, 80), (60, 200)].flatMap { rows, columns in
    sizes.map { Case(rows: rows, columns: columns, files: Array(allFiles.prefix($0))) }
}
for item in cases { _ = microseconds(per: 100, item.render) }  // warm up every case
// Round robin: a noisy moment hits every case alike instead of one.
for _ in 0..<15 {
    for item in cases {
        item.renderTimes.append(microseconds(per: 100, item.render))
        item.keyTimes.append(microseconds(per: 100, item.key))
    }
}
func median(_ values: [Double]) -> Double { values.sorted()[values.count / 2] }
for item in cases {
    print(#"{"rows": \#(item.rows), "columns": \#(item.columns), "files": \#(item.files), "render_us": \#(median(item.renderTimes)), "key_us": \#(median(item.keyTimes))}"#)
}
