import AmoFilesAPI
import AmoFilesTasks
import DriveEmulator

/// A failure of the command line itself, with the exit status it maps to.
enum CLIError: Error, CustomStringConvertible {
    /// Bad configuration or usage: exit 2.
    case config(String)
    /// A local problem (a file that cannot be read or written): exit 1.
    case local(String)

    var description: String {
        switch self {
        case .config(let text), .local(let text): text
        }
    }
}

/// Exit statuses: 0 success, 1 the service refused (or a local failure), 2 usage or
/// configuration, 3 the service could not be reached.
enum ExitStatus {
    static func code(for error: any Error) -> Int32 {
        switch error {
        case let error as APIError:
            switch error.kind {
            case .transport: return 3
            case .refused: return 2
            default: return 1
            }
        case is EmulatorStartError:
            return 2
        case let error as CLIError:
            if case .config = error { return 2 }
            return 1
        default:
            return 1
        }
    }
}
