import AmoFilesAPI
import AmoFilesTasks
import FilePreview
import Foundation

/// Versions read for the terminal, by the UI and the command line alike: as much of
/// each as its kind needs, from the cache when it is there.
public enum VersionReading {
    public static func preview(_ source: VersionSource, drive: DriveClient, cache: VersionCache) async throws -> (preview: Preview, bytesRead: Int) {
        let (data, whole) = try await read(source, drive: drive, cache: cache)
        var preview = Preview.make(data, fileExtension: source.fileExtension, whole: whole)
        // A terminal shows no picture, but says what the service made of it.
        let sizes = source.previews.compactMap { preview in preview.width.flatMap { width in preview.height.map { "\(width)×\($0)" } } }
        if !preview.isText, !sizes.isEmpty, preview.note == nil {
            preview.note = "the service keeps previews of it: " + sizes.joined(separator: ", ")
        }
        return (preview, data.count)
    }

    public static func compare(_ old: VersionSource, _ new: VersionSource, drive: DriveClient, cache: VersionCache) async throws -> Comparison {
        // Both at once: the second need not wait for the first to arrive.
        async let first = read(old, drive: drive, cache: cache)
        async let second = read(new, drive: drive, cache: cache)
        let (before, after) = try await (first, second)
        return Comparison.make(old: (before.data, before.whole, old.fileExtension), new: (after.data, after.whole, new.fileExtension),
                               sizes: (old.size, new.size))
    }

    private static func read(_ source: VersionSource, drive: DriveClient, cache: VersionCache) async throws -> (data: Data, whole: Bool) {
        try await VersionBytes.fetch(source, first: Preview.bytesNeeded(fileExtension: source.fileExtension), drive: drive, cache: cache)
    }
}
