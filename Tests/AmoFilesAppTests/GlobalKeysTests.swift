import AmoFilesAPI
import AmoFilesTasks
@testable import AmoFilesApp
import TerminalUI
import XCTest

/// The keys that mean the same on every screen, tried on every screen: where each
/// one leads (tab, open screens, overlay) and what it asks the runtime for.
final class GlobalKeysTests: XCTestCase {
    private static let lead = LinkTarget(entity: .leads, id: 22_859_115)

    private static func press(_ state: inout AppState, _ keys: Key...) {
        for key in keys { _ = Reducer.reduce(&state, .input(.key(key))) }
    }

    private static func command(_ state: inout AppState, _ text: String) {
        press(&state, .character(":"))
        for character in text { press(&state, character == " " ? .space : .character(character)) }
        press(&state, .enter)
    }

    /// Every screen a person can be on, reached the way a person reaches it.
    private static let screens: [(name: String, make: @Sendable () -> AppState)] = [
        ("Files", { Samples.state() }),
        ("Trash", { var state = Samples.state(); press(&state, .character("2")); return state }),
        ("Transfers", { var state = Samples.state(); press(&state, .character("3")); return state }),
        ("Usage", { var state = Samples.state(); press(&state, .character("4")); return state }),
        ("Versions", { var state = Samples.state(); press(&state, .character("v")); return state }),
        ("Links", { var state = Samples.state(); press(&state, .character("l")); return state }),
        ("a lead over Links", {
            var state = Samples.state()
            let file = state.list.items[0]
            press(&state, .character("l"))
            _ = Reducer.reduce(&state, .linksLoaded(fileUUID: file.uuid, [
                Samples.linked(lead.id, "Обучение"),
            ]))
            press(&state, .enter)
            return state
        }),
        ("a lead over Trash", { var state = Samples.state(); press(&state, .character("2")); command(&state, "lead 22859115"); return state }),
        ("the picker", { var state = Samples.state(); press(&state, .character("U")); return state }),
        ("the picker over a lead", { var state = Samples.state(); command(&state, "lead 22859115"); press(&state, .character("U")); return state }),
        ("marking files for a lead", { var state = Samples.state(); command(&state, "lead 22859115"); press(&state, .character("a")); return state }),
        ("the details", { var state = Samples.state(columns: 80); press(&state, .character("i")); return state }),
        ("a preview", {
            var files = Samples.mixed
            files[0].links.download = HALLink(href: "http://drive/download/0")
            var state = Samples.state(files: files)
            press(&state, .character("p"))
            return state
        }),
    ]

    private let quit: [Effect] = [.exit(cancellingUploads: false)]

    func testTabKeysLeaveWhatIsOpenForTheTabTheyName() {
        for (name, make) in Self.screens {
            for (key, tab) in [(Key.character("1"), Tab.files), (.character("2"), .trash), (.character("3"), .transfers), (.character("4"), .usage)] {
                var state = make()
                Self.press(&state, key)
                XCTAssertEqual(state.tab, tab, "\(key) on \(name)")
                XCTAssertEqual(state.stack, [], "\(key) on \(name) closes what was open")
                XCTAssertNil(state.overlay, "\(key) on \(name)")
            }
            var state = make()
            let start = state.tab
            Self.press(&state, .tab)
            XCTAssertEqual(state.tab.rawValue, (start.rawValue + 1) % Tab.allCases.count, "Tab on \(name)")
            XCTAssertEqual(state.stack, [], "Tab on \(name)")
            state = make()
            Self.press(&state, .backTab)
            XCTAssertEqual(state.tab.rawValue, (start.rawValue + Tab.allCases.count - 1) % Tab.allCases.count, "S-Tab on \(name)")
            XCTAssertEqual(state.stack, [], "S-Tab on \(name)")
        }
    }

    func testTheCommandLineAndHelpOpenOverEveryScreenAndLeaveItAsItWas() {
        for (name, make) in Self.screens {
            for (key, expected) in [(Key.character(":"), Overlay.command(LineEditor(""))), (.character("?"), .help(scroll: 0))] {
                var state = make()
                let (tab, stack) = (state.tab, state.stack)
                Self.press(&state, key)
                XCTAssertEqual(state.overlay, expected, "\(key) on \(name)")
                XCTAssertEqual(state.tab, tab, "\(key) on \(name)")
                XCTAssertEqual(state.stack, stack, "\(key) on \(name)")
                Self.press(&state, .escape)
                XCTAssertNil(state.overlay, "Esc closes what \(key) opened on \(name)")
                XCTAssertEqual(state.stack, stack, "and only that, on \(name)")
            }
        }
    }

    func testQClosesTheScreenOnTopAndQuitsOnlyOnABareTab() {
        for (name, make) in Self.screens {
            var state = make()
            // Marking files for a lead goes back to the lead: its own test below.
            guard state.attachingTo == nil else { continue }
            let stack = state.stack
            let bare = stack.isEmpty && state.attachingTo == nil && !state.showingDetails
            let effects = Reducer.reduce(&state, .input(.key(.character("q"))))
            if bare {
                XCTAssertEqual(effects, quit, "q on \(name), with nothing open, quits")
            } else {
                XCTAssertEqual(effects, [], "q on \(name) does not quit")
                XCTAssertEqual(state.stack, Array(stack.dropLast(stack.isEmpty ? 0 : 1)), "q on \(name) closes the screen on top only")
            }
        }
    }

    func testEscapeGoesBackOneStepAndNeverQuits() {
        for (name, make) in Self.screens {
            var state = make()
            guard state.attachingTo == nil else { continue }
            let stack = state.stack
            XCTAssertEqual(Reducer.reduce(&state, .input(.key(.escape))), [], "Esc on \(name)")
            XCTAssertEqual(state.stack, Array(stack.dropLast(stack.isEmpty ? 0 : 1)), "Esc on \(name)")
        }
    }

    func testShiftQAndControlCQuitFromEveryScreen() {
        for (name, make) in Self.screens {
            for key in [Key.character("Q"), .control("c")] {
                var state = make()
                XCTAssertEqual(Reducer.reduce(&state, .input(.key(key))), quit, "\(key) on \(name)")
            }
        }
    }

    func testSlashNarrowsAnOpenScreenAndSearchesTheServerOnAFileTab() {
        for (name, make) in Self.screens {
            var state = make()
            let stack = state.stack
            Self.press(&state, .character("/"))
            switch (stack.isEmpty, state.tab) {
            case (false, _), (true, .transfers), (true, .usage):
                XCTAssertEqual(state.overlay, .narrow(LineEditor(""), previous: ""), "/ on \(name)")
            case (true, .files), (true, .trash):
                guard case .search? = state.overlay else { return XCTFail("/ on \(name): \(String(describing: state.overlay))") }
            }
            XCTAssertEqual(state.stack, stack, "/ on \(name)")
        }
    }

    func testHelpStartsWithTheKeysOfTheScreenItOpensOver() {
        let firsts: [String: (title: String, first: String)] = [
            "Files": ("Files", "i Enter        show or hide every property of the file"),
            "Trash": ("Trash", "u              restore the marked files"),
            "Transfers": ("Transfers", "x              cancel the transfer under the cursor"),
            "Versions": ("Versions of Договор поставки №106.pdf", "Enter          make the version under the cursor the active one"),
            "Links": ("Links of Договор поставки №106.pdf", "i Enter        open the files of the record under the cursor"),
            "a lead over Links": ("Files of lead 22859115 «Обучение»", "Space          mark a file, then move down"),
            "the picker": ("Local files", "Enter          open the folder; on a file, upload it"),
            "marking files for a lead": ("Files", "a              attach the marked files (or this one) to lead 22859115"),
        ]
        for (name, make) in Self.screens {
            guard let expected = firsts[name] else { continue }
            var state = make()
            Self.press(&state, .character("?"))
            let lines = HelpView.lines(state)
            XCTAssertEqual(lines.first, " " + expected.title, name)
            XCTAssertTrue(lines.count > 1 && lines[1].hasPrefix("  " + expected.first), "\(name): \(lines.prefix(3))")
            let everywhere = lines.firstIndex(of: " Everywhere") ?? 0
            XCTAssertTrue(lines[everywhere...].contains { $0.contains("q              close this screen") }, name)
            if ["Files", "Versions", "a lead over Links"].contains(name) {
                XCTAssertTrue(lines[..<everywhere].contains { $0.hasPrefix("  p              ") }, "\(name): p previews, among the screen's own keys")
            }
        }
    }

    func testQInHelpClosesTheHelpOnly() {
        for (name, make) in Self.screens {
            var state = make()
            let stack = state.stack
            Self.press(&state, .character("?"))
            XCTAssertEqual(Reducer.reduce(&state, .input(.key(.character("q")))), [], "q in help over \(name)")
            XCTAssertNil(state.overlay)
            XCTAssertEqual(state.stack, stack, "the screen under the help stays: \(name)")
        }
    }

    func testAMarkingForALeadEndsWithEscOrQBackOnTheLead() {
        for key in [Key.escape, .character("q")] {
            var state = Self.screens.first { $0.name == "marking files for a lead" }!.make()
            XCTAssertEqual(state.attachingTo?.target, Self.lead)
            Self.press(&state, key)
            XCTAssertNil(state.attachingTo)
            XCTAssertEqual(state.entity?.target, Self.lead, "\(key) comes back to the lead's files")
        }
    }
}
