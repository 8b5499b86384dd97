@testable import AmoFilesApp

/// What the tests read and set of the state in one word: views of the tab screens
/// and of the topmost open screen of each kind.
extension AppState {
    /// The file lists of both file tabs.
    var lists: [Tab: FileList] {
        get { [.files: filesTab.list, .trash: trashTab.list] }
        set {
            if let list = newValue[.files] { filesTab.list = list }
            if let list = newValue[.trash] { trashTab.list = list }
        }
    }

    /// The current tab's file list (the Files list on Transfers).
    var list: FileList {
        get { fileTab(tab).list }
        set { if tab == .trash { trashTab.list = newValue } else { filesTab.list = newValue } }
    }

    var isFiltered: Bool { tab != .transfers && fileTab(tab).isFiltered }

    var attachingTo: EntityView? {
        get { filesTab.attachingTo }
        set { filesTab.attachingTo = newValue }
    }

    var versions: VersionList? {
        get { topmost(VersionsScreen.self)?.list }
        set { replaceTopmost(VersionsScreen.self, with: newValue.map(VersionsScreen.init(list:))) }
    }

    var links: LinkList? {
        get { topmost(LinksScreen.self)?.list }
        set { replaceTopmost(LinksScreen.self, with: newValue.map(LinksScreen.init(list:))) }
    }

    var entity: EntityView? {
        get { topmost(EntityScreen.self)?.view }
        set { replaceTopmost(EntityScreen.self, with: newValue.map(EntityScreen.init(view:))) }
    }

    var picker: LocalPicker? {
        get { topmost(PickerScreen.self)?.picker }
        set { replaceTopmost(PickerScreen.self, with: newValue.map(PickerScreen.init(picker:))) }
    }

    private func topmost<Kind: Screen>(_ kind: Kind.Type) -> Kind? {
        stack.lazy.reversed().compactMap { $0.screen as? Kind }.first
    }

    /// Puts `screen` in the place of the topmost screen of its kind (on top when there
    /// is none), or closes that one when `screen` is nil.
    private mutating func replaceTopmost<Kind: Screen>(_ kind: Kind.Type, with screen: Kind?) {
        let index = stack.lastIndex { $0.screen is Kind }
        switch (index, screen.flatMap(OpenScreen.init)) {
        case let (index?, screen?): stack[index] = screen
        case let (index?, nil): stack.remove(at: index)
        case let (nil, screen?): stack.append(screen)
        case (nil, nil): break
        }
    }
}
