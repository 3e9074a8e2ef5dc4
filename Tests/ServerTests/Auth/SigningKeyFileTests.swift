import Crypto
import Foundation
import GRDB
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Logging
import Models
import Testing

@testable import Server

/// Keys live outside the database: in a key file only the server's user may read (or the
/// environment), read again when a rotation changes it; an older database's secret is deleted.
@Suite("Signing key file")
struct SigningKeyFileTests {
    let folder = FileManager.default.temporaryDirectory.appendingPathComponent("jht-keys-\(UUID().uuidString.prefix(8))")

    @Test func theEmbeddedDefaultCreatesItsKeyFileBesideTheDatabaseOwnerOnly() throws {
        defer { try? FileManager.default.removeItem(at: folder) }
        let database = folder.appendingPathComponent("data/jht-sync.sqlite").path
        let path = SigningKeyFile.defaultPath(for: .sqlite(path: database))
        #expect(path == folder.appendingPathComponent("data/jht-sync.keys").path)
        let (keys, created) = try SigningKeys.open(path: path, environment: [:])
        #expect(created)
        #expect(PrivateFiles.mode(path) == 0o600)
        #expect(PrivateFiles.mode(folder.appendingPathComponent("data").path) == 0o700)
        #expect(keys.ring.keys.count == 1)
        let again = try SigningKeys.open(path: path, environment: [:])
        #expect(!again.created && again.keys.ring.keys.map(\.kid) == keys.ring.keys.map(\.kid), "the same keys on the next start")
    }

    @Test func aKeyFileOthersMayReadIsRefused() throws {
        defer { try? FileManager.default.removeItem(at: folder) }
        let path = folder.appendingPathComponent("jht.keys").path
        _ = try SigningKeys.open(path: path, environment: [:])
        try FileManager.default.setAttributes([.posixPermissions: 0o644], ofItemAtPath: path)
        #expect {
            _ = try SigningKeys.open(path: path, environment: [:])
        } throws: { error in
            "\(error)".contains("chmod 600")
        }
    }

    @Test func keysInTheEnvironmentWinOverAnyFile() throws {
        defer { try? FileManager.default.removeItem(at: folder) }
        let ring = SigningKeyRing.new(at: Date())
        let json = String(decoding: try SigningKeyFile.encoder.encode(ring), as: UTF8.self)
        let path = folder.appendingPathComponent("never-created.keys").path
        let (keys, created) = try SigningKeys.open(path: path, environment: ["JHT_SIGNING_KEYS": json])
        #expect(keys.ring.keys.map(\.kid) == ring.keys.map(\.kid) && keys.source == .environment && !created)
        #expect(!FileManager.default.fileExists(atPath: path))
        #expect(throws: ConfigurationError.self) { try SigningKeys.open(path: path, environment: ["JHT_SIGNING_KEYS": #"{"keys":[]}"#]) }
    }

    @Test func aRotationWrittenToTheFileReachesTheRunningServer() throws {
        defer { try? FileManager.default.removeItem(at: folder) }
        let path = folder.appendingPathComponent("jht.keys").path
        let (keys, _) = try SigningKeys.open(path: path, environment: [:])
        #expect(try keys.reloadIfChanged() == nil, "nothing changed")
        let file = SigningKeyFile(path: path)
        var ring = try file.read()
        let added = ring.rotate(at: Date(), activationDelay: 60)
        Thread.sleep(forTimeInterval: 0.01)
        try file.write(ring)
        #expect(PrivateFiles.mode(path) == 0o600, "rewritten owner-only")
        #expect(try keys.reloadIfChanged()?.keys.map(\.kid).contains(added.kid) == true)
        #expect(keys.verifying(kid: added.kid[...], at: Date()) != nil)
    }

    /// What an older deployment had: the secret in the `setting` table, access tokens signed
    /// with it (format v1), refresh tokens stored by digest, a challenge in flight.
    @Test func anOlderDeploymentsSecretIsDeletedItsAccessTokensRefusedAndItsRefreshTokensKept() async throws {
        defer { try? FileManager.default.removeItem(at: folder) }
        let path = folder.appendingPathComponent("jht.sqlite").path
        let siti = Demo.person("Siti Rahayu")
        let oldSecret = "the-secret-that-lived-in-the-database"
        let oldRefresh = "refresh-token-from-before"
        let now = Date()
        do {
            try PrivateFiles.folder(folder)
            let pool = try DatabasePool(path: path)
            try SQLiteSchema.migrator.migrate(pool, upTo: "2026-11-22-uploads")
            try await pool.write { db in
                try db.execute(sql: "INSERT INTO setting (name, value) VALUES ('token-signing-key', ?)", arguments: [oldSecret])
                try db.execute(
                    sql: """
                        INSERT INTO signInChallenge (id, principalKind, principalID, deviceID, codeDigest, createdAt, expiresAt)
                        VALUES ('00000000-0000-4000-8000-0000000000AA', 'participant', ?, 'siti-phone-1', 'ab12', ?, ?)
                        """,
                    arguments: [siti.participant.id.rawValue.uuidString, now.timeIntervalSince1970, now.timeIntervalSince1970 + 300]
                )
            }
        }
        let store = try SQLiteStore(path: path)
        try await store.insert(
            refreshToken: RefreshTokenRecord(
                digest: TokenService.digest(oldRefresh),
                familyID: UUID(),
                principal: .participant(siti.participant.id),
                deviceID: "siti-phone-1",
                createdAt: now,
                expiresAt: now.addingTimeInterval(86_400)
            )
        )
        let settings = try await store.writer.read { db in try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM setting") }
        #expect(settings == 0, "the secret is gone from the database")

        let app = try await buildApplication(
            configuration: ServerConfiguration(port: 0, databasePath: path),
            dependencies: ServerDependencies(store: store, codeSender: CodeInbox().sender, logger: Logger(label: "test"))
        )
        try await app.test(.router) { client in
            try await client.execute(uri: "/v1/me", method: .get, headers: .bearer(Self.v1Token(for: siti, secret: oldSecret))) {
                #expect($0.status == .unauthorized, "an access token signed with the database's secret no longer works")
                #expect(problemCode($0.body) == "auth.invalidToken", "so the phone refreshes")
            }
            let refreshed = try await client.execute(
                uri: "/v1/auth/refresh",
                method: .post,
                headers: .json,
                body: JSON.body(["refreshToken": oldRefresh, "deviceId": "siti-phone-1"])
            ) { (response: TestResponse) throws in
                #expect(response.status == .ok, "nobody is signed out: refresh tokens never depended on the secret")
                return try #require(try JSON.object(response.body)["accessToken"] as? String)
            }
            try await client.execute(uri: "/v1/me", method: .get, headers: .bearer(refreshed)) { #expect($0.status == .ok) }
            try await client.execute(
                uri: "/v1/auth/token",
                method: .post,
                headers: .json,
                body: JSON.body(["challengeId": "00000000-0000-4000-8000-0000000000aa", "code": "123456", "deviceId": "siti-phone-1"])
            ) { #expect(problemCode($0.body) == "auth.codeExpired", "a code made with the old secret: ask for a new one") }
        }
    }

    /// An access token as the server made them before keys had ids.
    static func v1Token(for person: ParticipantAccount, secret: String) -> String {
        let payload = #"{"k":"participant","sub":"\#(person.participant.id.rawValue.uuidString)","dev":"siti-phone-1","exp":9999999999}"#
        let body = Base64URL.encode(Data(payload.utf8))
        let key = SymmetricKey(data: SHA256.hash(data: Data(secret.utf8)))
        let signature = Base64URL.encode(Data(HMAC<SHA256>.authenticationCode(for: Data("v1.\(body)".utf8), using: key)))
        return "v1.\(body).\(signature)"
    }
}
