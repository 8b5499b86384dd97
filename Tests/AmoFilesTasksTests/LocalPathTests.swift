import AmoFilesTasks
import XCTest

final class LocalPathTests: XCTestCase {
    func testFoldersAndNamesOfEveryShape() {
        let cases: [(path: String, folder: String, name: String)] = [
            ("a", ".", "a"), ("-", ".", "-"), (".", ".", "."), ("..", ".", ".."), ("", ".", ""),
            ("/", "/", "/"), ("//", "/", "/"), ("/a", "/", "a"), ("a/b", "a", "b"), ("a/b/", "a", "b"),
            ("/x/y/z.pdf", "/x/y", "z.pdf"), ("a//b", "a", "b"), ("./q", ".", "q"), ("договор/ф.txt", "договор", "ф.txt"),
        ]
        for (path, folder, name) in cases {
            XCTAssertEqual(LocalPath.folder(of: path), folder, "folder of \(path)")
            XCTAssertEqual(LocalPath.name(of: path), name, "name of \(path)")
        }
    }

    func testJoinPutsOneSlashBetween() {
        XCTAssertEqual(LocalPath.join("a", "b"), "a/b")
        XCTAssertEqual(LocalPath.join("/", "b"), "/b")
        XCTAssertEqual(LocalPath.join("a/", "b"), "a/b")
        XCTAssertEqual(LocalPath.join("", "b"), "b")
    }
}
