import Foundation
import TerminalUI
import XCTest

/// The Files and Trash screens driven in tmux against `amofiles serve --seed demo`,
/// with the emulator asked through the command line whether it agrees.
final class FilesScreenTests: XCTestCase {
    private var served: ServedEmulator!
    private var tmux: TmuxSession!

    override func setUpWithError() throws {
        served = try ServedEmulator(arguments: ["--seed", "demo"])
        tmux = try TmuxSession.ui(on: served)
    }

    override func tearDown() {
        tmux?.close()
        served?.stop()
    }

    private func cli(_ arguments: String...) throws -> [[String: Any]] {
        let result = try Binary.run(arguments + ["--json", "--account", served.accountURL], environment: served.env)
        XCTAssertEqual(result.status, 0, result.stderr)
        let page = try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any]
        return ((page?["_embedded"] as? [String: Any])?["files"] as? [[String: Any]]) ?? []
    }

    func testSearchShowsOnlyWhatTheServerMatches() throws {
        let expected = try cli("ls", "--term", "договор", "--all")
        XCTAssertGreaterThan(expected.count, 5)
        try tmux.send("/")
        try tmux.send("-l", "договор")
        // The prompt counts the matches while it is open; all pages in, no "loaded".
        let screen = tmux.waitFor("\(expected.count) matches") { $0.contains(" \(expected.count) files") && !$0.contains("files loaded") }
        XCTAssertTrue(screen.contains("Filter: term “договор”"), screen)
        try tmux.send("Enter", "c")
        tmux.waitFor("the filter cleared") { !$0.contains("Filter:") && $0.contains("files loaded") }
    }

    func testTheFilterFormNarrowsToPDFsOverOneMegabyte() throws {
        let expected = try cli("ls", "--ext", "pdf", "--min-size", "1MB", "--all")
        XCTAssertGreaterThan(expected.count, 3)
        try tmux.send("f")
        tmux.waitFor(text: "Extensions")
        try tmux.send("-l", "pdf")
        try tmux.send("Down")
        try tmux.send("-l", "1MB")
        try tmux.send("Enter")
        let screen = tmux.waitFor("\(expected.count) files") { $0.contains(" \(expected.count) files ·") }
        XCTAssertTrue(screen.contains("Filter: .pdf · over 1.0 MB"), screen)
        let rows = screen.split(separator: "\n").dropFirst(3).dropLast().filter { $0.contains("document") }
        XCTAssertFalse(rows.isEmpty)
        for row in rows {
            XCTAssertTrue(row.contains(".pdf") && row.contains(" MB "), "a row that does not match: \(row)")
        }
    }

    func testMarkedFilesGoToTheTrashAndComeBack() throws {
        try tmux.send("/")
        try tmux.send("-l", "Договор аренды офиса")
        tmux.waitFor(text: "Filter: term")
        try tmux.send("Enter")
        let before = try cli("ls", "--term", "Договор аренды офиса", "--all")
        let names = before.prefix(2).compactMap { $0["name"] as? String }
        XCTAssertEqual(names.count, 2)
        tmux.waitFor(text: " \(before.count) files ")
        try tmux.send("Space", "Space", "d")
        tmux.waitFor(text: "Move 2 files (“")
        try tmux.send("y")
        tmux.waitFor(text: "Moved 2 files to the trash")
        let trashed = Set(try cli("ls", "--trash", "--all").compactMap { $0["uuid"] as? String })
        XCTAssertTrue(before.prefix(2).allSatisfy { trashed.contains($0["uuid"] as? String ?? "") }, "the emulator has them in the trash")

        try tmux.send("2")
        let trash = tmux.waitFor("the trash with both") { screen in names.allSatisfy { screen.contains($0) } && screen.contains("PURGE IN") }
        XCTAssertTrue(trash.contains("30 d"), trash)
        // The two just deleted are the newest in the trash: the first two rows.
        try tmux.send("Space", "Space", "u")
        tmux.waitFor(text: "Restored 2 files.")
        let back = Set(try cli("ls", "--term", "Договор аренды офиса", "--all").compactMap { $0["uuid"] as? String })
        XCTAssertEqual(back, Set(before.compactMap { $0["uuid"] as? String }), "the emulator has them back in Files")
        try tmux.send("1")
        tmux.waitFor(text: " \(before.count) files ")
    }

    func testMarkedFilesDownloadIntoAFolderAndASecondTimeNothingComes() throws {
        try tmux.send("/")
        try tmux.send("-l", "Договор")
        tmux.waitFor(text: "Filter: term")
        try tmux.send("Enter")
        let listed = try cli("ls", "--term", "Договор", "--all")
        let chosen = Array(listed.prefix(3))
        XCTAssertEqual(chosen.count, 3)
        tmux.waitFor(text: " \(listed.count) files ")
        let folder = served.folder.appendingPathComponent("marked copies").path
        for round in 0..<2 {
            try tmux.send("g")
            if round == 0 { try tmux.send("Space", "Space", "Space") }
            try tmux.send("D")
            tmux.waitFor(text: "Download 3 files into folder:")
            try tmux.send("C-u")
            try tmux.send("-l", folder)
            try tmux.send("Enter")
            tmux.waitFor(text: round == 0 ? "Downloaded 3 files" : "Nothing to download: every copy is in")
        }
        // Each copy holds the bytes the command line downloads for that file.
        var expected: [Data] = []
        for file in chosen {
            let uuid = try XCTUnwrap(file["uuid"] as? String)
            let reference = served.folder.appendingPathComponent("reference-\(uuid)").path
            let result = try Binary.run(["download", uuid, "-o", reference, "--account", served.accountURL], environment: served.env)
            XCTAssertEqual(result.status, 0, result.stderr)
            expected.append(try XCTUnwrap(FileManager.default.contents(atPath: reference)))
        }
        let names = try FileManager.default.contentsOfDirectory(atPath: folder)
        XCTAssertEqual(names.count, 3, "\(names)")
        let copies = names.compactMap { FileManager.default.contents(atPath: folder + "/" + $0) }
        XCTAssertEqual(copies.sorted { $0.lexicographicallyPrecedes($1) }, expected.sorted { $0.lexicographicallyPrecedes($1) })
    }

    func testRenameShowsAtOnceAndTheEmulatorHasIt() throws {
        try tmux.send("r")
        tmux.waitFor(text: "Rename to:")
        try tmux.send("C-u")
        try tmux.send("-l", "Переименованный файл")
        try tmux.send("Enter")
        // Said only once the service has answered: the command line then finds the new name.
        let screen = tmux.waitFor(text: "Renamed to “Переименованный файл.")
        XCTAssertFalse(screen.contains("Could not"), screen)
        let renamed = try cli("ls", "--name", "Переименованный файл")
        XCTAssertEqual(renamed.count, 1)
    }

    func testTheOldestOfThreeVersionsMadeActive() throws {
        // A demo file with at least three versions and a name no other file has.
        var chosen: (uuid: String, name: String, versions: [[String: Any]])?
        let all = try cli("ls", "--all")
        for file in all where (file["has_multiple_versions"] as? Bool) == true {
            guard let uuid = file["uuid"] as? String, let name = file["name"] as? String,
                  all.filter({ ($0["name"] as? String) == name }).count == 1 else { continue }
            let result = try Binary.run(["versions", uuid, "--json", "--account", served.accountURL], environment: served.env)
            let page = try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any]
            let versions = ((page?["_embedded"] as? [String: Any])?["versions"] as? [[String: Any]]) ?? []
            if versions.count >= 3 {
                chosen = (uuid, name, versions)
                break
            }
        }
        let file = try XCTUnwrap(chosen, "the demo has a file with three versions")
        let oldest = try XCTUnwrap(file.versions.last)
        let oldestSize = try XCTUnwrap(oldest["size"] as? Int)
        try tmux.send("/")
        try tmux.send("-l", file.name)
        tmux.waitFor("only that file") { $0.contains(" 1 file") }
        try tmux.send("Enter")
        try tmux.send("v")
        tmux.waitFor(text: "\(file.versions.count) versions")
        try tmux.send("G")
        try tmux.send("Enter")
        tmux.waitFor(text: "Make version 1 of \(file.versions.count) (")
        try tmux.send("y")
        tmux.waitFor(text: "is now active")
        let info = try Binary.run(["info", file.uuid, "--json", "--account", served.accountURL], environment: served.env)
        let model = try XCTUnwrap(JSONSerialization.jsonObject(with: Data(info.stdout.utf8)) as? [String: Any])
        XCTAssertEqual(model["version_uuid"] as? String, oldest["uuid"] as? String, "amofiles info shows the oldest version active")
        // Download that version from the UI; a second time asks before overwriting.
        let target = served.folder.appendingPathComponent("from-the-ui.bin").path
        for answer in ["", "y"] {
            try tmux.send("D")
            tmux.waitFor(text: "Save as:")
            try tmux.send("C-u")
            try tmux.send("-l", target)
            try tmux.send("Enter")
            if !answer.isEmpty {
                tmux.waitFor(text: "exists. Overwrite it?")
                try tmux.send(answer)
            }
            tmux.waitFor(text: "Downloaded ")
            try tmux.send("G")  // stays on the oldest and clears the status line for the next round
            tmux.waitFor("the status cleared") { !$0.contains("Downloaded ") }
        }
        let reference = served.folder.appendingPathComponent("from-the-cli.bin").path
        let cli = try Binary.run(["download", file.uuid, "--version", try XCTUnwrap(oldest["uuid"] as? String), "-o", reference,
                                  "--account", served.accountURL], environment: served.env)
        XCTAssertEqual(cli.status, 0, cli.stderr)
        XCTAssertEqual(FileManager.default.contents(atPath: target), FileManager.default.contents(atPath: reference))
        XCTAssertEqual(FileManager.default.contents(atPath: target)?.count, oldestSize)

        try tmux.send("Escape")
        let size = Quantities.bytes(Int64(oldestSize))
        let screen = tmux.waitFor("the Files row with \(size)") { $0.contains(" \(size) ") && !$0.contains("Versions of") }
        XCTAssertTrue(screen.contains(file.name), screen)
    }

    func testHostileNamesShowAsVisibleStandInsAndChangeNothing() throws {
        let title = tmux.title
        try tmux.send("/")
        try tmux.send("-l", "HACKED")
        tmux.waitFor(text: "␛]0;HACKED␇Счёт")
        try tmux.send("C-u")
        try tmux.send("-l", "Очистка")
        let screen = tmux.waitFor(text: "␛[2J␛[HОчистка экрана")
        XCTAssertTrue(screen.contains(" 1 Files "), "the screen was not cleared:\n\(screen)")
        XCTAssertEqual(tmux.title, title, "the pane title did not change")
        try tmux.send("C-u")
        try tmux.send("-l", "fdp.exe")
        let bidi = tmux.waitFor(text: "invoice�fdp.exe.pdf")
        XCTAssertFalse(bidi.contains("\u{202E}"))
        // Esc and q as two presses: sent together they would read as Alt-q.
        try tmux.send("Escape")
        tmux.waitFor("the search gone") { !$0.contains("Filter:") }
        try tmux.send("q")
        tmux.waitFor(text: "EXITED=0")
    }
}
