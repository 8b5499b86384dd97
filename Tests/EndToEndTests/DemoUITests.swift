import Foundation
import XCTest

final class DemoUITests: XCTestCase {
    func testDemoPagesResizesAndLeavesAWorkingShell() throws {
        let tmux = try TmuxSession(columns: 100, rows: 30)
        defer { tmux.close() }
        try tmux.send("\(Binary.path) demo; echo EXITED=$?", "Enter")
        tmux.waitFor(text: "Demo account")
        // Two pages load at the start (the second ahead of need); then nothing until the cursor moves.
        let first = tmux.waitFor("two pages") { $0.contains("100 files loaded") }
        XCTAssertTrue(first.contains(" 1 Files "), first)

        // G goes to the true end of the list, beyond the rows loaded.
        try tmux.send("G")
        let end = tmux.waitFor("the end of the list") { $0.range(of: #" row ([\d,]+) of \1 "#, options: .regularExpression) != nil }
        XCTAssertFalse(end.contains("files loaded"), end)

        try tmux.send("2")
        tmux.waitFor(text: "PURGE IN")
        try tmux.resize(columns: 40, rows: 12)
        let narrow = tmux.waitFor("the narrow layout") { $0.contains("NAME") && !$0.contains("DELETED") }
        XCTAssertTrue(narrow.split(separator: "\n").allSatisfy { $0.count <= 40 }, narrow)
        try tmux.resize(columns: 20, rows: 5)
        tmux.waitFor(text: "terminal too small")
        try tmux.resize(columns: 100, rows: 30)
        tmux.waitFor(text: "PURGE IN")

        try tmux.send("q")
        tmux.waitFor(text: "EXITED=0")
        XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: tmux.home.appendingPathComponent("tmp").path), [],
                       "quitting the demo leaves no data folder behind")
        try tmux.send("stty -a | tr ' ' '\\n' | grep -x -- '-\\?echo'", "Enter")
        let shell = tmux.waitFor("stty's echo setting") { $0.contains("\necho\n") || $0.contains("\n-echo\n") }
        XCTAssertTrue(shell.contains("\necho\n"), "the terminal echoes again:\n\(shell)")
    }

    func testQClosesOneThingAtATimeAndShiftQQuitsFromAnywhere() throws {
        let tmux = try TmuxSession(columns: 100, rows: 30)
        defer { tmux.close() }
        try tmux.send("\(Binary.path) demo; echo EXITED=$?", "Enter")
        tmux.waitFor("the first page") { $0.contains("files loaded") }
        try tmux.send("v")
        tmux.waitFor(text: "Versions of ")
        try tmux.send("?")
        tmux.waitFor(text: "Keys (")
        try tmux.send("q")
        tmux.waitFor("the help closed, the versions still open") { !$0.contains("Keys (") && $0.contains("Versions of ") }
        // `/` narrows the versions to the rows holding the text; Esc shows them all again.
        try tmux.send("/")
        try tmux.send("-l", "zzz")
        try tmux.send("Enter")
        tmux.waitFor("no version holds zzz") { $0.contains("“zzz”: 0 of ") && !$0.contains(" KB ") && !$0.contains(" MB ") }
        try tmux.send("Escape")
        tmux.waitFor("every version again") { !$0.contains("“zzz”") && ($0.contains(" KB ") || $0.contains(" MB ")) && $0.contains("Versions of ") }
        try tmux.send("q")
        tmux.waitFor("the versions closed, the Files list back") { !$0.contains("Versions of ") && $0.contains("UPDATED") }
        try tmux.send("U")
        tmux.waitFor(text: "Upload from ")
        try tmux.send("2")
        tmux.waitFor("Trash, with the picker closed") { $0.contains("PURGE IN") && !$0.contains("Upload from ") }
        try tmux.send("l")
        try tmux.send("Q")
        tmux.waitFor(text: "EXITED=0")
    }

    func testSuspendResumeAndSIGTERMGiveTheTerminalBack() throws {
        let tmux = try TmuxSession(columns: 80, rows: 24, environment: ["NO_COLOR": "1"])
        defer { tmux.close() }
        // Alone on its line: with `; echo`, the shell would go on when the job stops.
        try tmux.send("\(Binary.path) demo --keymap /dev/null", "Enter")
        tmux.waitFor("the first page") { $0.contains("50 files loaded") }
        // NO_COLOR: attributes only, no foreground or background colours.
        let styled = tmux.screenWithAttributes
        XCTAssertNil(styled.range(of: #"\e\[[0-9;]*(3[0-7]|4[0-7])m"#, options: .regularExpression), "a colour escape despite NO_COLOR")

        try tmux.send("C-z")
        tmux.waitFor(text: "Stopped")
        try tmux.send("fg", "Enter")
        tmux.waitFor("the UI back") { $0.contains(" 1 Files ") && $0.contains("files loaded") }

        let pid = try XCTUnwrap(tmux.shellChildren.first, "the demo runs under the session's shell")
        kill(pid, SIGTERM)
        tmux.waitFor("the shell back") { !$0.contains(" 1 Files ") }
        try tmux.send("echo EXITED=$?", "Enter")
        XCTAssertEqual(tmux.waitForExit(), "0", "SIGTERM is a clean quit:\n\(tmux.screen)")
        try tmux.send("stty -a | tr ' ' '\\n' | grep -x -- '-\\?echo'", "Enter")
        let echo = tmux.waitFor("stty's echo setting") { $0.contains("\necho\n") || $0.contains("\n-echo\n") }
        XCTAssertTrue(echo.contains("\necho\n"), echo)
    }

    func testKeymapCheckReportsTheBadLineAndTheUIRefusesToStartWithIt() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("amofiles-keymap-\(UUID().uuidString.prefix(8))")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let good = folder.appendingPathComponent("good.txt")
        let bad = folder.appendingPathComponent("bad.txt")
        try Data("# mine\nquit  x\ncancel C-x\n".utf8).write(to: good)
        // Two bad lines and one key two actions share in Files and Trash.
        try Data("search /\n\nfly  C-f\nfilter  /\nup  C-ß\n".utf8).write(to: bad)
        let fine = try Binary.run(["keymap", "--check", good.path])
        XCTAssertEqual(fine.status, 0, fine.stderr)
        let broken = try Binary.run(["keymap", "--check", bad.path])
        XCTAssertEqual(broken.status, 2)
        XCTAssertTrue(broken.stderr.contains("has 3 problems"), broken.stderr)
        XCTAssertTrue(broken.stderr.contains("line 3: unknown action \"fly\""), broken.stderr)
        XCTAssertTrue(broken.stderr.contains("line 4: / is bound to filter here and to search on line 1"), broken.stderr)
        XCTAssertTrue(broken.stderr.contains("line 5: \"C-ß\" is not a key name"), broken.stderr)
        let clash = folder.appendingPathComponent("clash.txt")
        try Data("quit  x\n".utf8).write(to: clash)
        let refused = try Binary.run(["demo", "--keymap", clash.path])
        XCTAssertEqual(refused.status, 2, "a key two actions share on one screen stops the UI")
        XCTAssertTrue(refused.stderr.contains("line 1: x is bound to quit here and to cancel by default"), refused.stderr)
        let demo = try Binary.run(["demo", "--keymap", bad.path])
        XCTAssertEqual(demo.status, 2, "a bad keymap stops the UI before the screen changes")
        XCTAssertTrue(demo.stderr.contains("line 3"), demo.stderr)
        let defaults = try Binary.run(["keymap"])
        XCTAssertTrue(defaults.stdout.contains("close           q\nquit            Q F10"), defaults.stdout)
    }
}
