import AmoFilesTasks
import Foundation
import TerminalUI

/// One transfer (or a total) on one line, as both the command line and the
/// Transfers tab show it: `name  [#####.....]  45%  12.3 MB / 27.0 MB  3.4 MB/s  ETA 0:04`.
/// As the width shrinks the numbers go first, then the bar.
public enum TransferLine {
    public static func text(label: String, _ progress: TransferProgress, width: Int) -> String {
        let percent = String(format: "%3d%%", Int(progress.fraction * 100))
        let amounts = "\(Quantities.bytes(progress.done)) / \(Quantities.bytes(progress.total))"
        let rate = progress.rate.map(Quantities.rate) ?? ""
        let eta = progress.secondsLeft.map { "ETA " + Quantities.duration($0) } ?? ""
        // Fixed-width fields, so the bars do not jump as the numbers change.
        let detail = [percent, TerminalText.pad(amounts, columns: 19), TerminalText.pad(rate, columns: 10), TerminalText.pad(eta, columns: 11)]
            .joined(separator: "  ")
        for (right, barColumns) in [(detail, barColumns(width)), (percent, 12), (percent, 0)] {
            let nameColumns = width - right.count - (barColumns > 0 ? barColumns + 4 : 2)
            guard nameColumns >= 8 else { continue }
            let bar = barColumns > 0 ? "  " + Quantities.bar(progress.fraction, columns: barColumns) : ""
            return trimmed(TerminalText.pad(label, columns: nameColumns) + bar + "  " + right)
        }
        return TerminalText.fit(label, columns: max(1, width - 6)) + " " + percent
    }

    /// A transfer that is not moving: the name where the others have theirs, then `status`.
    public static func text(label: String, status: String, width: Int) -> String {
        let full = width - detailColumns - barColumns(width) - 4
        let nameColumns = full >= 8 ? full : max(8, width / 2)
        guard nameColumns + 2 < width else { return TerminalText.fit(label + "  " + status, columns: width) }
        return trimmed(TerminalText.pad(label, columns: nameColumns) + "  " + TerminalText.fit(status, columns: width - nameColumns - 2))
    }

    /// The width of the numbers after the bar: `45%  ` + amounts, rate and ETA fields.
    private static let detailColumns = 4 + 2 + 19 + 2 + 10 + 2 + 11

    private static func barColumns(_ width: Int) -> Int { min(32, max(12, width / 4)) }

    private static func trimmed(_ text: String) -> String {
        text.replacingOccurrences(of: "\\s+$", with: "", options: .regularExpression)
    }
}
