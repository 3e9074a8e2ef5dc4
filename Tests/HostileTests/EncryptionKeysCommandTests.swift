import Foundation
import Testing

/// `jht-server keys rotate-encryption | retire-encryption | reseal`: rotating the keys that seal
/// personal data, on a database and key file a real server made, without losing a byte.
@Suite("jht-server keys: encryption")
struct EncryptionKeysCommandTests {
    let folder = FileManager.default.temporaryDirectory.appendingPathComponent("jht-kek-cli-\(UUID().uuidString.prefix(8))")

    var storeArguments: [String] {
        ["--database", folder.appendingPathComponent("jht.sqlite").path, "--blobs", folder.appendingPathComponent("blobs").path]
    }

    /// `jht-server keys …` on this test's database (and blob folder, except for `list`, which reads
    /// the key file only).
    func keys(_ arguments: [String]) throws -> (status: Int32, output: String) {
        let store = arguments.first == "list" ? Array(storeArguments.prefix(2)) : storeArguments
        return try Command.run(try ServerUnderTest.binary, ["keys"] + arguments + store)
    }

    func keyEncryptionKids(_ listing: String) -> [String] {
        listing.split(separator: "\n").compactMap { $0.split(separator: " ").first.map(String.init) }.filter { $0.hasPrefix("w") }
    }

    /// Siti asks for a sign-in code: the server finds her by her NIK's keyed digest, so it
    /// unwrapped its data keys with the key file's key-encryption keys.
    func sitiCanAskForACode(_ server: ServerUnderTest) throws -> Bool {
        let body = #"{"nik":"3273015205900001","kpj":"12345678901","deviceId":"kek-test-phone"}"#
        let connection = try RawConnection(port: server.port)
        connection.send(
            "POST /v1/auth/participant/code HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n"
                + "Content-Length: \(body.utf8.count)\r\nConnection: close\r\n\r\n\(body)"
        )
        return connection.response(timeout: 30)?.status == 202
    }

    @Test func rotateRetireAndResealKeepEverythingReadable() async throws {
        defer { try? FileManager.default.removeItem(at: folder) }
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let first = try await ServerUnderTest.start(storeArguments + ["--log-level", "error"])
        #expect(try sitiCanAskForACode(first))
        first.stop()

        let listed = try keys(["list"])
        #expect(listed.status == 0 && listed.output.contains("wraps new data keys"), "\(listed.output)")
        let old = try #require(keyEncryptionKids(listed.output).first)

        let rotated = try keys(["rotate-encryption", "--activate-in", "0"])
        #expect(rotated.status == 0, "\(rotated.output)")
        #expect(rotated.output.contains("Retire \(old) when you like"))
        let new = try #require(keyEncryptionKids(try keys(["list"]).output).first { $0 != old })
        #expect(!rotated.output.contains("secret"), "never prints secrets")

        let resealed = try keys(["reseal"])
        #expect(resealed.status == 0, "\(resealed.output)")
        let count = resealed.output.split(separator: " ").dropFirst().first.flatMap { Int($0) } ?? 0
        #expect(count > 20, "every value sealed before the rotation is sealed again: \(resealed.output)")
        #expect(try keys(["reseal"]).output.hasPrefix("Sealed 0 values and 0 documents"), "nothing left under the old key")

        let retired = try keys(["retire-encryption", old])
        #expect(retired.status == 0, "nothing is wrapped by the old key any more: \(retired.output)")
        #expect(try keys(["retire-encryption", new]).status != 0, "the only key-encryption key stays")

        let second = try await ServerUnderTest.start(storeArguments + ["--log-level", "error"])
        defer { second.stop() }
        #expect(try sitiCanAskForACode(second), "the server unwraps its data keys with the new key-encryption key alone")
    }
}
