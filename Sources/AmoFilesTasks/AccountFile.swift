import Foundation

/// A JSON file in the state folder that keeps one value per account (by its URL), for
/// what a run leaves to the next: the records used last, the last walk of the drive.
/// A file that cannot be read is no value; one that cannot be written costs only that.
struct AccountFile<Value: Codable>: Sendable {
    let path: String
    let account: String

    var value: Value? { all()[account] }

    func save(_ value: Value) {
        var all = all()
        all[account] = value
        guard let data = try? JSONEncoder().encode(all) else { return }
        try? FileManager.default.createDirectory(atPath: LocalPath.folder(of: path), withIntermediateDirectories: true)
        try? PrivateFile.save(data, to: path, durable: false)
    }

    private func all() -> [String: Value] {
        guard let data = FileManager.default.contents(atPath: path) else { return [:] }
        return (try? JSONDecoder().decode([String: Value].self, from: data)) ?? [:]
    }
}
