import AmoFilesAPI
import AmoFilesTasks
import Foundation
import TerminalUI

/// What covers the list for a moment and takes the keys.
public enum Overlay: Sendable, Equatable {
    /// The key list, scrolled down by `scroll` lines when it does not fit.
    case help(scroll: Int)
    /// The log of the status line's messages, whole, scrolled up from the newest.
    case messages(scroll: Int)
    /// `/`: the search term as it is typed; `previous` comes back on Esc.
    case search(LineEditor, previous: String?)
    /// `/` over an open screen: its rows narrowed as the text is typed; `previous` comes back on Esc.
    case narrow(LineEditor, previous: String)
    /// `extension`: the file's, kept apart by the service and shown beside the editor.
    case rename(uuid: String, extension: String?, LineEditor)
    case filterForm(FilterForm)
    /// Where to save a download, prefilled with a safe name in the current folder.
    case saveAs(DownloadRequest, LineEditor)
    /// The folder several files are copied into.
    case saveInto(FileSet, LineEditor)
    /// The target exists: overwrite it?
    case overwrite(DownloadRequest, path: String)
    case confirm(question: String, edit: Edit)
    /// A step that costs something and is not an edit (cancelling a transfer): asked,
    /// and on yes these effects run.
    case ask(question: String, then: [Effect])
    /// A local file chosen in the picker to become the new active version of `file`:
    /// asked, since it replaces what the file shows (its extension too).
    case newVersion(LocalEntry, path: String, of: DriveFile)
    /// Uploads a previous run left unfinished: go on with them?
    case resumeOffer([UploadRecord])
    case attach(AttachForm)
    /// The record is picked: link, note or field?
    case attachWay(WayForm)
    /// `:`: a command typed in the bottom line.
    case command(LineEditor)
    /// Quit while transfers run? The default keeps uploads resumable.
    case quitWhileTransfers
}

/// A change to the drive the UI shows before the service confirms it, and undoes
/// if the service refuses.
public enum Edit: Sendable, Equatable {
    case rename(uuid: String, from: String, to: String)
    /// Files moved to the trash, with where they stood in the Files list.
    case delete([DriveFile], at: [Int])
    /// Files restored from the trash, with where they stood in the Trash list.
    case restore([DriveFile], at: [Int])
    /// Make `version` the active one of `file`; `previous` was active before.
    case activate(file: DriveFile, version: FileVersion, previous: String)
    case attach([DriveFile], to: LinkTarget, as: AttachWay)
    case detach([DriveFile], from: LinkTarget)
    /// Empty a file field of a record (the file stays on the drive).
    case clearField(id: Int, name: String, of: LinkTarget)
}
