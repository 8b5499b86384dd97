import AmoFilesAPI
import AmoFilesTasks
import ArgumentParser
import Foundation

extension UsageGrouping: ExpressibleByArgument {}

/// `amofiles usage`: where the account's space goes, by kind, extension, month, year,
/// author or source, from one walk over its files.
struct UsageCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "usage",
        abstract: "Show where the account's space goes: its files' sizes by type, extension, month, year, author or source.",
        discussion: """
            Walks every file (pages of 250, under the request pace) and totals the active versions' \
            sizes, as `ls` lists them. The account's own count (every version, the trash left out) and \
            its limit come from GET /v1.0/files/stats when the service answers it.
            """)

    @OptionGroup var connection: ConnectionOptions
    @OptionGroup var output: OutputOptions
    @Option(help: "Group by type, ext, month, year, author or source.") var by: UsageGrouping = .type
    @Flag(help: "Total the trash instead of the files.") var trash = false

    func run() async throws {
        let api = try await connection.connect()
        let showProgress = !output.json && isatty(STDERR_FILENO) == 1
        let totals = try await api.drive.walkUsage(trash: trash) { totals in
            if showProgress { Output.write("\r\(totals.files) files, \(Output.size(totals.bytes)) so far…", to: STDERR_FILENO) }
        }
        if showProgress { Output.write("\r\u{1B}[K", to: STDERR_FILENO) }
        let stats = try? await api.drive.stats()
        let groups = totals.groups(by: by)
        if output.json {
            struct Shown: Encodable {
                let files: Int, bytes: Int64, by: String, trash: Bool, groups: [UsageGroup], stats: DriveStats?
            }
            return try Output.json(Shown(files: totals.files, bytes: totals.bytes, by: by.rawValue, trash: trash, groups: groups, stats: stats))
        }
        if totals.files == 0 { return Output.note(trash ? "The trash is empty." : "The account has no files.") }
        let users = by == .author ? await Output.userNames(api) : [:]
        let rows = groups.map { group in
            [by.label(group.key, users: users), String(group.files), Output.size(group.bytes), UsageTotals.share(group.bytes, of: totals.bytes)]
        }
        Output.table([by.rawValue.uppercased(), "FILES", "SIZE", "SHARE"], rows + [["total", String(totals.files), Output.size(totals.bytes), "100%"]], flexible: 0)
        if let stats {
            Output.line("The account uses \(Output.size(stats.used)) of \(Output.size(stats.limit)) (\(UsageTotals.share(stats.used, of: stats.limit)); the service's count: every version, the trash left out).")
        }
    }
}
