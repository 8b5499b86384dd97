import Foundation

/// Ctrl-C while transfers run: the first press calls `cancel`, the second exits at once
/// (status 130), leaving the upload journal for `amofiles upload --resume`.
final class Interrupts: @unchecked Sendable {
    private let source: any DispatchSourceSignal
    private var presses = 0

    private init(source: any DispatchSourceSignal) { self.source = source }

    static func install(cancel: @escaping @Sendable () -> Void) -> Interrupts {
        signal(SIGINT, SIG_IGN)
        let queue = DispatchQueue(label: "amofiles.interrupts")
        let interrupts = Interrupts(source: DispatchSource.makeSignalSource(signal: SIGINT, queue: queue))
        interrupts.source.setEventHandler {
            // The handler runs on one serial queue, so `presses` needs no lock.
            interrupts.presses += 1
            if interrupts.presses == 1 {
                cancel()
            } else {
                Output.note("\nStopped. Unfinished uploads stay in the journal: `amofiles transfers`, `amofiles upload --resume`.")
                _exit(130)
            }
        }
        interrupts.source.resume()
        return interrupts
    }

    func remove() {
        source.cancel()
        signal(SIGINT, SIG_DFL)
    }
}
