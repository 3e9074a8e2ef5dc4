import Foundation
import Testing

/// `jht-server keys`: the rotation an operator runs, on a real key file.
@Suite("jht-server keys")
struct KeysCommandTests {
    let folder = FileManager.default.temporaryDirectory.appendingPathComponent("jht-keys-cli-\(UUID().uuidString.prefix(8))")

    /// Runs `jht-server keys ...`; its exit status and what it printed.
    func keys(_ arguments: [String]) throws -> (status: Int32, output: String) {
        try Command.run(
            try ServerUnderTest.binary,
            ["keys"] + arguments + ["--database", folder.appendingPathComponent("jht.sqlite").path]
        )
    }

    func kids(_ listing: String) -> [String] {
        listing.split(separator: "\n").compactMap { line in line.split(separator: " ").first.map(String.init) }.filter { $0.hasPrefix("k") }
    }

    @Test func rotateThenRetireWithoutSigningAnyoneOut() async throws {
        defer { try? FileManager.default.removeItem(at: folder) }
        let keyFile = folder.appendingPathComponent("jht.keys")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        #expect(try keys(["list"]).status != 0, "no key file yet")
        // The server creates it, beside its database, on its first start.
        let server = try await ServerUnderTest.start([
            "--database", folder.appendingPathComponent("jht.sqlite").path, "--log-level", "error",
        ])
        server.stop()
        #expect(FileManager.default.fileExists(atPath: keyFile.path))

        let first = try keys(["list"])
        #expect(first.status == 0)
        #expect(!first.output.contains("secret"), "never prints secrets")
        let old = try #require(kids(first.output).first)
        #expect(first.output.contains("signs"))

        let rotated = try keys(["rotate", "--activate-in", "60"])
        #expect(rotated.status == 0, "\(rotated.output)")
        #expect(rotated.output.contains("Retire \(old) after"))
        let listed = try keys(["list"])
        let new = try #require(kids(listed.output).first { $0 != old })
        #expect(listed.output.contains("verifies; signs from"))
        let mode = (try FileManager.default.attributesOfItem(atPath: keyFile.path)[.posixPermissions] as? NSNumber)?.intValue
        #expect(mode == 0o600, "rewritten owner-only")

        let tooEarly = try keys(["retire", old])
        #expect(tooEarly.status != 0, "the old key still signs for another minute")
        let newKey = try keys(["retire", new])
        #expect(newKey.status != 0 && newKey.output.contains("rotate first"))
        let forced = try keys(["retire", old, "--force"])
        #expect(forced.status != 0, "even --force does not retire the key that signs now")
        #expect(try keys(["retire", "k00000000-000000"]).status != 0)
    }
}
