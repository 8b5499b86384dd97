import AmoFilesAPI
import Foundation

public typealias TaskID = Int

/// An entity files are attached to: `lead 123`.
public struct LinkTarget: Codable, Sendable, Hashable, CustomStringConvertible {
    public var entity: EntityType
    public var id: Int

    public init(entity: EntityType, id: Int) {
        self.entity = entity
        self.id = id
    }

    /// Parses `lead:123`, `leads:123`, `contact:45`.
    public init?(_ text: String) {
        let parts = text.split(separator: ":", maxSplits: 1).map(String.init)
        guard parts.count == 2, let entity = EntityType(name: parts[0]), let id = Int(parts[1]), id > 0 else { return nil }
        self.init(entity: entity, id: id)
    }

    public var description: String { "\(entity.singular) \(id)" }
}

/// What a task does. Edits carry what the UI needs to say what failed and what stayed.
public enum TaskWork: Sendable {
    /// A new upload, or one from the journal (`resuming` its record).
    case upload(FileUpload, resuming: UploadRecord? = nil)
    case download(FileDownload, name: String, size: Int64)
    /// `from` is the name before, when the caller knows it (the TUI does).
    case rename(uuid: String, from: String?, to: String)
    case activate(uuid: String, name: String, version: String)
    case delete([String])
    case restore([String])
    case attach([String], to: LinkTarget, as: AttachWay = .link)
    case detach([String], from: LinkTarget)
    /// Empty a file field of a record (`name` for the messages).
    case clearField(id: Int, name: String, of: LinkTarget)

    /// Uploads and downloads share the bounded pool; edits run at once.
    public var isTransfer: Bool {
        switch self {
        case .upload, .download: true
        default: false
        }
    }

    /// The bytes a transfer will move, known before it starts (nil for edits).
    public var expectedBytes: Int64? {
        switch self {
        case .upload(_, let record?): record.size
        case .upload(let upload, nil): try? FileUpload.identity(upload.path).size
        case .download(_, _, let size): size
        default: nil
        }
    }

    /// The file a transfer reads or writes, by its name only.
    public var fileName: String? {
        switch self {
        case .upload(let upload, _): upload.fileName
        case .download(_, let name, _): name
        default: nil
        }
    }

    /// One line for a list of tasks: `upload report.pdf`.
    public var title: String {
        switch self {
        case .upload(let upload, _):
            upload.newVersionOf == nil ? "upload \(upload.fileName)" : "upload \(upload.fileName) as a new version"
        case .download(_, let name, _): "download \(name)"
        case .rename(let uuid, let from, let to): "rename \(from.map { "“\($0)”" } ?? uuid) to “\(to)”"
        case .activate(_, let name, _): "switch the active version of \(name)"
        case .delete(let uuids): "move \(Self.count(uuids)) to the trash"
        case .restore(let uuids): "restore \(Self.count(uuids))"
        case .attach(let uuids, let target, .link): "attach \(Self.count(uuids)) to \(target)"
        case .attach(let uuids, let target, let way): "attach \(Self.count(uuids)) to \(target) \(way.phrase)"
        case .detach(let uuids, let target): "detach \(Self.count(uuids)) from \(target)"
        case .clearField(_, let name, let target): "clear “\(name)” of \(target)"
        }
    }

    /// What a failure leaves, so the UI can undo what it showed ahead of the answer.
    public var consequence: String {
        switch self {
        case .upload: "nothing was added to the drive"
        case .download: "nothing was written"
        case .rename(_, let from, _): from.map { "the file keeps the name “\($0)”" } ?? "the file keeps its name"
        case .activate: "the active version is unchanged"
        case .delete(let uuids): uuids.count == 1 ? "the file stays in Files" : "the files stay in Files"
        case .restore(let uuids): uuids.count == 1 ? "the file stays in the trash" : "the files stay in the trash"
        case .attach(_, _, .field): "the field is unchanged"
        case .attach: "nothing was attached"
        case .detach: "the links stay"
        case .clearField: "the field keeps its file"
        }
    }

    static func count(_ uuids: [String]) -> String { uuids.count == 1 ? "1 file" : "\(uuids.count) files" }
}

/// Where a task is.
public enum TaskState: Sendable {
    case queued
    case running
    case done(TaskOutcome)
    case failed(TaskError)
    case cancelled

    public var isFinished: Bool {
        switch self {
        case .queued, .running: false
        default: true
        }
    }
}

/// What a finished task produced.
public enum TaskOutcome: Sendable {
    case file(DriveFile)
    case downloaded(path: String, bytes: Int64)
    case done
    /// A change to several files: what the service gave back, and the uuids that were
    /// already as asked (in the trash, out of it, not attached), left alone.
    case edited(files: [DriveFile], unchanged: [String])
}

/// A failed task: the message says what failed and what was left as it was.
/// Why a task failed, in parts, for the command line and the UI to word as they show it.
public struct TaskError: Error, Sendable, CustomStringConvertible {
    /// The work that failed: "upload a.bin".
    public let title: String
    /// The step of it that failed, when not the whole work: "attach it to lead 5".
    public let step: String?
    /// Why, in the service's or the system's words.
    public let cause: String
    /// What it leaves behind: "nothing was added to the drive".
    public let outcome: String
    public let underlying: any Error
    /// An upload whose journal entry was kept: it can be resumed.
    public let resumable: Bool

    public init(title: String, step: String? = nil, cause: String, outcome: String, underlying: any Error, resumable: Bool) {
        self.title = title
        self.step = step
        self.cause = cause
        self.outcome = outcome
        self.underlying = underlying
        self.resumable = resumable
    }

    /// The failure as one sentence of its own: "upload a.bin failed: …; nothing was added to the drive".
    public var message: String { "\(title)\(step.map { ": \($0)" } ?? "") failed: \(cause); \(outcome)" }

    public var description: String { message }
}

/// Bytes moved so far, and the recent rate.
public struct TransferProgress: Sendable, Equatable {
    public var done: Int64
    public var total: Int64
    /// Bytes per second over the last few seconds; nil until there are two samples.
    public var rate: Double?

    public init(done: Int64, total: Int64, rate: Double? = nil) {
        self.done = done
        self.total = total
        self.rate = rate
    }

    public var fraction: Double { total > 0 ? max(0, min(1, Double(done) / Double(total))) : (done >= total ? 1 : 0) }

    /// Seconds left at the recent rate.
    public var secondsLeft: Double? {
        guard let rate, rate > 0 else { return nil }
        // In doubles: a size from the service may be anything, and the difference must not overflow.
        return max(0, Double(total) - Double(done)) / rate
    }
}

/// A task as the UI sees it at one moment.
public struct TaskSnapshot: Sendable, Identifiable {
    public let id: TaskID
    public let work: TaskWork
    public var state: TaskState
    public var progress: TransferProgress?
    /// What the user should know that is not a failure (a session that had to start over).
    public var notes: [String]
    public let startedAt: Date

    public var title: String { work.title }
}

/// A rate over a sliding window of samples; a drop (a transfer that started over) resets it.
struct RateMeter {
    private var samples: [(time: Double, bytes: Int64)] = []
    let window: Double

    init(window: Double = 5) { self.window = window }

    mutating func add(_ bytes: Int64, at time: Double) -> Double? {
        if let last = samples.last, bytes < last.bytes { samples.removeAll() }
        samples.append((time, bytes))
        while samples.count > 2, let first = samples.first, time - first.time > window { samples.removeFirst() }
        guard let first = samples.first, time - first.time > 0.2 else { return nil }
        return Double(bytes - first.bytes) / (time - first.time)
    }
}

/// Where a set of transfers stands together: counts and bytes, for a total line.
public struct TransferTotals: Sendable, Equatable {
    public var count = 0
    public var finished = 0
    public var failed = 0
    public var cancelled = 0
    public var queued = 0
    public var running = 0
    /// Bytes of the transfers that finished or may still finish, and the rate of the running ones.
    public var progress = TransferProgress(done: 0, total: 0)

    public init(_ snapshots: some Sequence<TaskSnapshot>) {
        var rate = 0.0
        for snapshot in snapshots where snapshot.work.isTransfer {
            count += 1
            let size = snapshot.progress?.total ?? 0
            switch snapshot.state {
            case .queued:
                queued += 1
                progress.total += size
            case .running:
                running += 1
                progress.total += size
                progress.done += snapshot.progress?.done ?? 0
                rate += snapshot.progress?.rate ?? 0
            case .done:
                finished += 1
                progress.total += size
                progress.done += size
            case .failed: failed += 1
            case .cancelled: cancelled += 1
            }
        }
        progress.rate = rate > 0 ? rate : nil
    }

    /// Some transfer is still queued or running.
    public var isActive: Bool { queued + running > 0 }

    /// "2/6 done, 1 failed, 1 queued".
    public var label: String {
        var label = "\(finished)/\(count) done"
        if failed > 0 { label += ", \(failed) failed" }
        if cancelled > 0 { label += ", \(cancelled) cancelled" }
        if queued > 0 { label += ", \(queued) queued" }
        return label
    }
}
