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

/// Median over batches of the time per call, in microseconds.
func medianMicroseconds(batches: Int = 15, perBatch: Int, _ body: () -> Void) -> Double {
    for _ in 0..<perBatch / 4 { body() }  // warm up
    var times: [Double] = []
    for _ in 0..<batches {
        let start = DispatchTime.now().uptimeNanoseconds
        for _ in 0..<perBatch { body() }
        times.append(Double(DispatchTime.now().uptimeNanoseconds - start) / Double(perBatch) / 1_000)
    }
    return times.sorted()[times.count / 2]
}

let counts = CommandLine.arguments.dropFirst().compactMap { Int($0) }
let allFiles = (0..<(counts.max() ?? 100_000)).map(file)
for (rows, columns) in [(24, 80), (60, 200)] {
    for count in counts.isEmpty ? [100, 10_000, 100_000] : counts {
        var state = AppState(rows: rows, columns: columns, accountName: "Ромашка", driveHost: "drive-b.amocrm.ru")
        state.users = [7: "Анна Смирнова", 8: "Дмитрий Козлов", 9: "Екатерина Волкова"]
        state.now = now
        state.lists[.files]?.items = Array(allFiles.prefix(count))
        state.lists[.files]?.nextPage = nil
        // The cursor in the middle of the list, so the screen shows rows from deep inside it.
        state.lists[.files]?.viewport.moveTo(count / 2, count: count, height: rows - 3)
        let surface = MemorySurface(rows: rows, columns: columns)
        let render = medianMicroseconds(perBatch: 120) { Renderer.render(state, into: surface) }
        // A key as the user presses it: the reducer moves the cursor, then the frame is drawn.
        var step = 0
        let keyAndRender = medianMicroseconds(perBatch: 120) {
            step += 1
            _ = Reducer.reduce(&state, .input(.key(step % 20 < 10 ? .down : .up)))
            Renderer.render(state, into: surface)
        }
        print(#"{"rows": \#(rows), "columns": \#(columns), "files": \#(count), "render_us": \#(render), "key_us": \#(keyAndRender)}"#)
    }
}
