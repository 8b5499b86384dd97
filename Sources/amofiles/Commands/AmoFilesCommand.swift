import ArgumentParser
import Foundation

/// The root command: the full-screen UI by default, and subcommands for scripts.
@main
struct AmoFilesCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "amofiles",
        abstract: "Work with the files of an amoCRM / Kommo account from a terminal.",
        discussion: """
            Connect with --account URL and the AMOFILES_TOKEN environment variable, or save a \
            profile with `amofiles login` (kept in $XDG_CONFIG_HOME/amofiles/config.toml, mode 0600).
            `amofiles serve` runs a local emulator of the service for trying things out.

            Exit status: 0 success, 1 the service refused (the message gives status and detail),
            2 usage or configuration error, 3 the service could not be reached, 130 stopped by Ctrl-C.
            """,
        version: Version.full,
        subcommands: [
            BrowseCommand.self, DemoCommand.self, KeymapCommand.self, ServeCommand.self, LoginCommand.self, AccountCommand.self, ListCommand.self, InfoCommand.self,
            VersionsCommand.self, ActivateCommand.self, CatCommand.self, PreviewCommand.self, DiffCommand.self, RenameCommand.self, RemoveCommand.self, RestoreCommand.self,
            LinksCommand.self, AttachCommand.self, DetachCommand.self, EntityCommand.self, EntityFilesCommand.self, NotesCommand.self, FieldsCommand.self,
            UploadCommand.self, TransfersCommand.self, DownloadCommand.self, UsageCommand.self,
        ],
        defaultSubcommand: BrowseCommand.self)

    /// The names a first word may take.
    static var commandNames: [String] { configuration.subcommands.compactMap { $0.configuration.commandName } }

    /// Runs the command and maps failures to the documented exit statuses.
    static func main() async {
        Output.guardStandardStreams()
        do {
            try CommandWords.check(Array(CommandLine.arguments.dropFirst()), commands: commandNames)
            var command = try parseAsRoot()
            if var asyncCommand = command as? any AsyncParsableCommand {
                try await asyncCommand.run()
            } else {
                try command.run()
            }
        } catch let unknown as CommandWords.Unknown {
            Output.write(unknown.lines.joined(separator: "\n") + "\n", to: STDERR_FILENO)
            Foundation.exit(2)
        } catch {
            let code = exitCode(for: error)
            if code == .success || error is CleanExit {
                exit(withError: error)
            }
            if isArgumentParserError(error) {
                Output.write(fullMessage(for: error) + "\n", to: STDERR_FILENO)
                Foundation.exit(2)
            }
            if case CLIError.reported(nil, _) = error {} else { Output.error(String(describing: error)) }
            Foundation.exit(ExitStatus.code(for: error))
        }
    }

    private static func isArgumentParserError(_ error: any Error) -> Bool {
        error is ValidationError || String(reflecting: type(of: error)).hasPrefix("ArgumentParser.")
    }
}
