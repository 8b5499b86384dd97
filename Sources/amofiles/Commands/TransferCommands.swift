import AmoFilesAPI
import AmoFilesTasks
import ArgumentParser
import Foundation

/// `amofiles upload PATH...`.
struct UploadCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "upload", abstract: "Upload local files, in parts, as new files or as a new version of one.")

    @OptionGroup var connection: ConnectionOptions
    @OptionGroup var output: OutputOptions
    @Argument(help: "Local files.") var paths: [String]
    @Option(name: .customLong("new-version-of"), help: ArgumentHelp("Upload as a new (active) version of this file.", valueName: "uuid"))
    var newVersionOf: String?

    func validate() throws {
        if paths.isEmpty { throw ValidationError("name at least one file to upload") }
        if newVersionOf != nil && paths.count != 1 { throw ValidationError("--new-version-of takes exactly one file") }
        for path in paths {
            var isDirectory: ObjCBool = false
            guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory), !isDirectory.boolValue else {
                throw ValidationError("\(path) is not a readable file")
            }
        }
    }

    func run() async throws {
        let api = try await connection.connect()
        var uploaded: [DriveFile] = []
        for path in paths {
            let file = try await FileUpload(path: path, newVersionOf: newVersionOf).run(drive: api.drive)
            uploaded.append(file)
            if !output.json { print("Uploaded \(path) -> \(file.uuid) \(Output.plain(file.displayName)) (\(Output.size(file.size)))") }
        }
        if output.json { try Output.json(uploaded) }
    }
}

/// `amofiles download UUID`.
struct DownloadCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "download", abstract: "Download a file, or one of its versions.")

    @OptionGroup var connection: ConnectionOptions
    @Argument(help: "The file's uuid.") var uuid: String
    @Option(help: ArgumentHelp("Download this version instead of the active one.", valueName: "uuid")) var version: String?
    @Option(name: [.customShort("o"), .customLong("output")], help: ArgumentHelp("Where to write (a file or a folder). Default: the file's name here.", valueName: "path"))
    var outputPath: String?
    @Flag(help: "Overwrite an existing file.") var force = false

    func run() async throws {
        let api = try await connection.connect()
        let file = try await api.drive.file(uuid)
        guard !file.isTrashed else { throw CLIError.local("\(uuid) is in the trash; `amofiles restore \(uuid)` first") }
        var href = file.links.download?.href
        var name = file.displayName
        if let version {
            guard let chosen = try await api.drive.versions(of: uuid).first(where: { $0.uuid == version }) else {
                throw CLIError.local("file \(uuid) has no version \(version); see `amofiles versions \(uuid)`")
            }
            href = chosen.links.download?.href
            let ext = chosen.metadata?.fileExtension ?? ""
            name = ext.isEmpty ? chosen.name : "\(chosen.name).\(ext)"
        }
        guard let href else { throw CLIError.local("the service gave no download link for \(uuid)") }
        var target = outputPath ?? FileDownload.safeFileName(name)
        var isDirectory: ObjCBool = false
        if FileManager.default.fileExists(atPath: target, isDirectory: &isDirectory), isDirectory.boolValue {
            target = (target as NSString).appendingPathComponent(FileDownload.safeFileName(name))
        }
        let bytes = try await FileDownload(href: href, target: target, overwrite: force).run(drive: api.drive)
        print("Downloaded \(Output.plain(name)) to \(target) (\(Output.size(bytes))).")
    }
}
