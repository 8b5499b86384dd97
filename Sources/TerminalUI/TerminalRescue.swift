import Foundation
import Synchronization

/// Gets the terminal back to a shell's state when the program is told to stop or
/// crashes. SIGTERM, SIGHUP and SIGINT ask the UI loop to quit (it checks
/// `stopRequested`); a second one, or a crash, restores the terminal from the
/// handler itself (saved termios and plain reset sequences, both safe in a handler).
public enum TerminalRescue {
    /// True once SIGTERM, SIGHUP or SIGINT arrived.
    public static var stopRequested: Bool { stopSignals.load(ordering: .relaxed) > 0 }

    static func save(fd: Int32) {
        rescueFD = fd
        tcgetattr(fd, &savedModes)
    }

    static func install() {
        for signal in [SIGTERM, SIGHUP, SIGINT] { setHandler(signal, onStop) }
        for signal in [SIGSEGV, SIGBUS, SIGILL, SIGTRAP, SIGABRT, SIGFPE] { setHandler(signal, onCrash) }
    }

    static func uninstall() {
        for signal in [SIGTERM, SIGHUP, SIGINT, SIGSEGV, SIGBUS, SIGILL, SIGTRAP, SIGABRT, SIGFPE] {
            Foundation.signal(signal, SIG_DFL)
        }
        rescueFD = -1
    }

    private static func setHandler(_ signal: Int32, _ handler: @convention(c) (Int32) -> Void) {
        var action = sigaction()
        action.__sigaction_handler.sa_handler = handler
        sigemptyset(&action.sa_mask)
        sigaction(signal, &action, nil)
    }
}

private let stopSignals = Atomic<Int>(0)
nonisolated(unsafe) private var savedModes = termios()
nonisolated(unsafe) private var rescueFD: Int32 = -1

/// Leaves the alternate screen, shows the cursor, stops mouse reports, resets attributes.
private let resetSequence: [UInt8] = Array("\u{1B}[?1000l\u{1B}[?1002l\u{1B}[?1006l\u{1B}[0m\u{1B}[?25h\u{1B}[?1049l\r\n".utf8)

private func restoreTerminal() {
    guard rescueFD >= 0 else { return }
    tcsetattr(rescueFD, TCSANOW, &savedModes)
    _ = resetSequence.withUnsafeBufferPointer { write(rescueFD, $0.baseAddress, $0.count) }
}

private func onStop(_ signal: Int32) {
    if stopSignals.add(1, ordering: .relaxed).newValue > 1 {
        restoreTerminal()
        _exit(128 + signal)
    }
}

private func onCrash(_ signal: Int32) {
    restoreTerminal()
    Foundation.signal(signal, SIG_DFL)
    raise(signal)
}
