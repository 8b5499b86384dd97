import AmoFilesTasks
import Foundation

/// Signals while transfers run. Ctrl-C, SIGTERM and SIGHUP (a person stopping it, a
/// shutdown, a dropped SSH session) all stop at once: the partial files of downloads are
/// removed and the upload journal stays as it stands, for `amofiles upload --resume`.
/// Nothing is cancelled on the way out, so no way of stopping races a cancel.
final class Interrupts: @unchecked Sendable {
    private let sources: [any DispatchSourceSignal]
    private static let handled = [SIGINT, SIGTERM, SIGHUP]

    private init(sources: [any DispatchSourceSignal]) { self.sources = sources }

    /// `uploading`: say, on Ctrl-C or SIGTERM, where the unfinished uploads went.
    static func install(uploading: Bool) -> Interrupts {
        let queue = DispatchQueue(label: "amofiles.interrupts")
        for number in handled { signal(number, SIG_IGN) }
        let interrupts = Interrupts(sources: handled.map { DispatchSource.makeSignalSource(signal: $0, queue: queue) })
        for (number, source) in zip(handled, interrupts.sources) {
            source.setEventHandler {
                PartialDownloads.removeAll()
                // After a hang-up nobody reads the terminal.
                if uploading && number != SIGHUP {
                    Output.note("\nStopped. Unfinished uploads stay in the journal: `amofiles upload --resume` finishes them, "
                        + "`amofiles transfers --discard` forgets them.")
                }
                _exit(128 + number)
            }
            source.resume()
        }
        return interrupts
    }

    func remove() {
        for source in sources { source.cancel() }
        for number in Self.handled { signal(number, SIG_DFL) }
    }
}
