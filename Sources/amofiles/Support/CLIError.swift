import AmoFilesAPI
import AmoFilesTasks
import DriveEmulator

/// A failure of the command line itself, with the exit status it maps to.
enum CLIError: Error, CustomStringConvertible {
    /// Bad configuration or usage: exit 2.
    case config(String)
    /// A local problem (a file that cannot be read or written): exit 2.
    case local(String)
    /// What the service holds or answered does not allow it (a trashed file, a missing
    /// version, an answer without the file): exit 1, as the service's own refusals.
    case service(String)
    /// Transfers failed and each failure was printed as it happened: only the summary
    /// of several is left to say; the status is the first failure's.
    case reported(summary: String?, first: any Error)

    var description: String {
        switch self {
        case .config(let text), .local(let text), .service(let text): text
        case .reported(let summary, _): summary ?? ""
        }
    }
}

/// Exit statuses: 0 success, 1 the service refused, 2 usage, configuration or local
/// input (a file that cannot be read), 3 the service could not be reached; 130 (Ctrl-C)
/// and 141 (a closed pipe) are exits of their own.
enum ExitStatus {
    static func code(for error: any Error) -> Int32 {
        switch error {
        case let error as APIError:
            switch error.kind {
            case .transport, .certificate: return 3
            case .refused: return 2
            default: return 1
            }
        case let error as TaskError:
            return code(for: error.underlying)
        case is EmulatorStartError:
            return 2
        case let failure as TaskFailure:
            if case .protocolViolation = failure { return 1 }
            return 2
        case let error as CLIError:
            switch error {
            case .config, .local: return 2
            case .service: return 1
            case .reported(_, let first): return code(for: first)
            }
        default:
            return 1
        }
    }
}
