import AmoFilesAPI
import AmoFilesTasks
import FilePreview
import TerminalUI

/// Everything that can change the state: input, and answers to effects.
public enum Action: Sendable {
    case input(InputEvent)
    case pageLoaded(Tab, generation: Int, page: Int, files: [DriveFile], hasMore: Bool)
    case pageFailed(Tab, generation: Int, message: String)
    /// Every file of the list, to sort; nil when there are more than `FileSort.wholeListLimit`.
    case wholeListLoaded(Tab, generation: Int, files: [DriveFile]?)
    /// The last page of the list, found by doubling and halving, with its files.
    case lastPageFound(Tab, generation: Int, page: Int, files: [DriveFile])
    case usersLoaded([Int: String])
    /// The names could not be listed (a token without admin rights): ids stay, said once.
    case usersUnavailable(reason: String)
    /// A call is being tried again; the notice says why and when.
    case retrying(String)
    case versionsLoaded(fileUUID: String, [FileVersion])
    case versionsFailed(fileUUID: String, message: String)
    case tick(now: Int64)
    /// The pause after the search keystroke with this token has passed.
    case searchPaused(token: Int)
    /// The service took the edit; `files` are the files it answered with.
    /// `unchanged`: uuids that were already as asked (in the trash, out of it, not attached).
    case editDone(Edit, files: [DriveFile], unchanged: [String] = [])
    case editFailed(Edit, message: String)
    case downloadTargetExists(DownloadRequest, path: String)
    case downloadFinished(DownloadRequest, path: String, bytes: Int64)
    case downloadFailed(DownloadRequest, message: String)
    /// Marked files going into a folder: `count` copies to make, `already` whole there,
    /// `unlinked` files the service gave no download link for.
    case downloadsQueued(folder: String, count: Int, bytes: Int64, already: Int, unlinked: Int)
    /// The copies of a folder download ended: `done` whole, `failed` not (failed or cancelled).
    case downloadsFinished(folder: String, done: Int, bytes: Int64, failed: Int)
    case downloadsRefused(folder: String, message: String)
    /// An upload or download changed (queued, progress, done, failed, cancelled).
    case transferChanged(TaskSnapshot)
    case folderListed(path: String, [LocalEntry])
    case folderFailed(path: String, message: String)
    /// The unfinished uploads of this drive found in the journal at start.
    case journalRead([UploadRecord])
    case linksLoaded(fileUUID: String, [LinkedEntity])
    case linksFailed(fileUUID: String, message: String)
    /// Records matching a search, with what tells each apart (by record id).
    case entitiesFound(token: Int, [CRMEntity], details: [Int: RecordDetails])
    /// The file fields of the record's type, and the record as it is now, for the way form.
    case attachChoicesLoaded(LinkTarget, fields: [CustomField], record: CRMEntity)
    case attachChoicesFailed(LinkTarget, message: String)
    case entitySearchFailed(token: Int, message: String)
    case entityNamed(LinkTarget, name: String)
    /// A page of an entity's files; `nextBeforeID` is nil after the last page.
    case entityPageLoaded(LinkTarget, generation: Int, files: [DriveFile], nextBeforeID: Int?)
    case entityFailed(LinkTarget, message: String)
    /// The files in a record's fields and attachment notes, for the view of `generation`.
    case recordUsesLoaded(LinkTarget, generation: Int, RecordUses)
    case recordUsesFailed(LinkTarget, generation: Int, message: String)
    /// The totals of the walk so far: of the files, or once they are done of the trash.
    case usageProgress(UsageTotals, inTrash: Bool)
    /// A whole walk: just ended, or (`earlier`) the last one, read back.
    case usageWalked(UsageWalk, earlier: Bool)
    case usageWalkStopped
    case usageWalkFailed(message: String)
    /// What pushing the chosen folders would send, to ask about.
    case pushPlanned(PushPlan)
    case pushPlanFailed(message: String)
    /// A pushed file went up but the manifest could not say so: the next push sends it again.
    case pushNotRecorded(path: String, message: String)
    /// The preview asked for as `request`.
    case previewLoaded(request: Int, Preview)
    case previewFailed(request: Int, message: String)
    /// The comparison asked for as `request`.
    case compared(request: Int, Comparison)
    case comparisonFailed(request: Int, message: String)
}

extension Action {
    /// An answer of the service or the task layer (not input, not the clock, not a retry notice).
    var isAnswer: Bool {
        switch self {
        case .input, .tick, .retrying, .searchPaused: false
        default: true
        }
    }
}

/// Work `reduce` asks the runtime to do; answers come back as actions.
public enum Effect: Sendable, Equatable {
    case loadPage(Tab, generation: Int, page: Int, filter: FileFilter)
    /// Every file of the list, in pages of 250, unless there are more than `FileSort.wholeListLimit`.
    case loadWholeList(Tab, generation: Int, filter: FileFilter)
    /// Find the list's last page (about 2·log₂(pages) requests) and load it.
    case findLastPage(Tab, generation: Int, filter: FileFilter)
    case loadUsers
    case loadVersions(fileUUID: String)
    /// Post `searchPaused(token)` after the typing pause.
    case pauseSearch(token: Int)
    case runEdit(Edit)
    /// Download to `path`; without `overwrite`, an existing file is reported back instead.
    case download(DownloadRequest, path: String, overwrite: Bool)
    /// Copy each file into the folder (made if missing), skipping copies already whole.
    case downloadInto(FileSet, folder: String)
    case listFolder(path: String)
    /// Upload local files, as new files or as a new version of one drive file.
    case upload(paths: [String], newVersionOf: String?, attach: LinkTarget?)
    case cancelTransfer(TaskID)
    case retryTransfer(TaskID)
    case readJournal
    case resume([UploadRecord])
    case loadLinks(fileUUID: String)
    /// Search entities by name after a typing pause, unless a newer search came.
    case searchEntities(EntityType, query: String, token: Int, users: [Int: String])
    case loadAttachChoices(LinkTarget)
    case loadEntityName(LinkTarget)
    case loadEntityPage(LinkTarget, generation: Int, beforeID: Int?)
    case loadRecordUses(LinkTarget, generation: Int)
    /// Walk the folders and ask the manifest what each file is (new, changed, unchanged).
    case planPush(PushPlan)
    /// Send what the plan holds; each folder file that went up is recorded in the manifest.
    case push(PushPlan)
    /// The last walk of the drive when one was saved, else a walk.
    case loadUsage
    /// Walk the drive's files and trash, reporting as it goes.
    case walkUsage
    case stopUsageWalk
    /// The first bytes of a version (or all of it, as its kind needs), made a preview.
    case loadPreview(VersionSource, request: Int)
    /// Both versions read as previews are, and compared.
    case compare(old: VersionSource, new: VersionSource, request: Int)
    case suspend
    /// The user asks to quit; the reducer asks first while transfers run.
    case quit
    /// Leave the UI: uploads stay in the journal unless `cancellingUploads`.
    case exit(cancellingUploads: Bool)
}
