import Foundation
import XCTest

/// `amofiles usage` against `serve --seed demo`: its totals are what `ls --all` sums to.
final class UsageCommandTests: XCTestCase {
    func testUsageTotalsEqualTheListingAndTheExtensionsAddUp() throws {
        let served = try ServedEmulator(arguments: ["--seed", "demo"])
        defer { served.stop() }
        let listed = try jsonObject(Binary.run(["ls", "--all", "--json", "--account", served.accountURL], environment: served.env))
        let files = try XCTUnwrap((listed["_embedded"] as? [String: Any])?["files"] as? [[String: Any]])
        let sum = files.reduce(0) { $0 + ($1["size"] as? Int ?? 0) }
        let usage = try jsonObject(Binary.run(["usage", "--by", "ext", "--json", "--account", served.accountURL], environment: served.env))
        XCTAssertEqual(usage["files"] as? Int, files.count)
        XCTAssertEqual(usage["bytes"] as? Int, sum)
        let groups = try XCTUnwrap(usage["groups"] as? [[String: Any]])
        let pdf = try XCTUnwrap(groups.first { $0["key"] as? String == "pdf" })
        let pdfSum = files.filter { ($0["metadata"] as? [String: Any])?["extension"] as? String == "pdf" }.reduce(0) { $0 + ($1["size"] as? Int ?? 0) }
        XCTAssertEqual(pdf["bytes"] as? Int, pdfSum)
        let stats = try XCTUnwrap(usage["stats"] as? [String: Any], "the emulator answers /v1.0/files/stats")
        XCTAssertGreaterThanOrEqual(stats["used"] as? Int ?? 0, sum, "every version counts, so at least the active ones")

        let table = try Binary.run(["usage", "--account", served.accountURL], environment: served.env)
        XCTAssertEqual(table.status, 0, table.stderr)
        XCTAssertTrue(table.stdout.contains("The account uses "), table.stdout)
        let bad = try Binary.run(["usage", "--by", "colour", "--account", served.accountURL], environment: served.env)
        XCTAssertEqual(bad.status, 2, "an unknown grouping is a usage error")
    }
}
