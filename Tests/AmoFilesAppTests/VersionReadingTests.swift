import AmoFilesAPI
import AmoFilesApp
import AmoFilesTasks
import EmulatorTesting
import FilePreview
import Foundation
import XCTest

/// A version read for the terminal: from the cache when it is there, an image with
/// what the service made of it.
final class VersionReadingTests: XCTestCase {
    func testAnImageFromTheCacheSaysWhichPreviewsTheServiceKeeps() async throws {
        let emulator = try await TestEmulator.start()
        addTeardownBlock { await emulator.stop() }
        let folder = NSTemporaryDirectory() + "amofiles-reading-\(UUID().uuidString.prefix(8))"
        addTeardownBlock { try? FileManager.default.removeItem(atPath: folder) }
        let cache = VersionCache(folder: folder)
        var png = Data([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 13] + Array("IHDR".utf8))
        png += Data([0, 0, 3, 32, 0, 0, 2, 88, 8, 2, 0, 0, 0])
        var source = VersionSource(uuid: "3f1c0000-0000-4000-8000-000000000001", name: "photo.png", fileExtension: "png",
                                   size: Int64(png.count), href: "http://127.0.0.1:9/never-asked")
        source.previews = [FilePreview(downloadLink: "http://drive/p/1", width: 160, height: 120)]
        cache.keep(png, of: source)
        let (preview, read) = try await VersionReading.preview(source, drive: emulator.api.drive, cache: cache)
        XCTAssertEqual(read, png.count)
        XCTAssertEqual(preview.kind, "PNG image, 800×600")
        XCTAssertEqual(preview.note, "the service keeps previews of it: 160×120")
    }
}
