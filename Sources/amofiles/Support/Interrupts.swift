import AmoFilesTasks
import Foundation

/// Signals while transfers run. Ctrl-C: the first press calls `cancel`, the second
/// exits at once (status 130). SIGTERM and SIGHUP (a shutdown, a dropped SSH session)
/// exit at once. Every way out removes the partial files of downloads and leaves the
/// upload journal as it stands, for `amofiles upload --resume`.
final class Interrupts: @unchecked Sendable {
    private let sources: [any DispatchSourceSignal]
    private var presses = 0
    private static let handled = [SIGINT, SIGTERM, SIGHUP]

    private init(sources: [any DispatchSourceSignal]) { self.sources = sources }

    static func install(cancel: @escaping @Sendable () -> Void) -> Interrupts {
        let queue = DispatchQueue(label: "amofiles.interrupts")
        for number in handled { signal(number, SIG_IGN) }
        let interrupts = Interrupts(sources: handled.map { DispatchSource.makeSignalSource(signal: $0, queue: queue) })
        for (number, source) in zip(handled, interrupts.sources) {
            source.setEventHandler {
                // The handlers run on one serial queue, so `presses` needs no lock.
                if number == SIGINT {
                    interrupts.presses += 1
                    if interrupts.presses == 1 { return cancel() }
                    Output.note("\nStopped. Unfinished uploads stay in the journal: `amofiles transfers`, `amofiles upload --resume`.")
                }
                PartialDownloads.removeAll()
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
