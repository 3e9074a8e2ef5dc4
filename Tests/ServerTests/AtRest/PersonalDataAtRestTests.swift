import Foundation
import GRDB
import HummingbirdTesting
import Models
import PostgresNIO
import Sync
import Testing

@testable import Server

/// Personal data is sealed where it rests: after every demo participant filed a claim with
/// their bank account and uploaded a KTP scan, no byte of the stores' files (the SQLite file
/// and its WAL; PostgreSQL's dump and relation files) or of the blob folder holds a full NIK,
/// KPJ, phone or account number, while the service reads them all back.
@Suite("Personal data at rest")
struct PersonalDataAtRestTests {
    let folder = FileManager.default.temporaryDirectory.appendingPathComponent("jht-at-rest-\(UUID().uuidString.prefix(8))")

    @Test func theSQLiteFilesAndTheBlobFolderHoldNoPersonalDataInTheClear() async throws {
        defer { try? FileManager.default.removeItem(at: folder) }
        let database = folder.appendingPathComponent("jht.sqlite")
        let store = try SQLiteStore(path: database.path, keyEncryption: .forTests)
        let blobs = try FileBlobStore(path: folder.appendingPathComponent("blobs").path, keys: store.atRestKeys)
        let server = try OfficeTestServer(store: store, blobs: blobs)
        let applied = try await server.app().test(.router) { client in try await client.everyoneFilesAClaim(on: server) }
        #expect(applied >= 5, "most demo participants may draft a claim")

        let files = [database, URL(fileURLWithPath: database.path + "-wal")] + AtRestScan.files(under: blobs.root)
        #expect(files.count > 10, "the database, its WAL and a sealed scan per participant")
        #expect(try AtRestScan.scan(files, in: "SQLite").isEmpty)
        // The scan finds what it looks for: the same bytes, unsealed, are full of it.
        let control = folder.appendingPathComponent("control")
        try Data(AtRestScan.ktpScan(of: DemoData.people[0].account)).write(to: control)
        #expect(try AtRestScan.findings(in: [control]).count == 1)
        try await Self.everythingReadsBack(store, blobs: blobs)
        let plainAmounts = try await store.writer.read { db in
            try Int.fetchOne(
                db,
                sql: "SELECT (SELECT COUNT(*) FROM ledgerEntry WHERE amount <> 0) + (SELECT COUNT(*) FROM participant WHERE balance <> 0)"
            )
        }
        #expect(plainAmounts == 0, "amounts are sealed with their ledger entries; balances are the ledgers' sums, never a column")
    }

    @Test(.enabled(if: PostgresTestDatabase.isConfigured))
    func thePostgresDumpAndRelationFilesHoldNoPersonalDataInTheClear() async throws {
        defer { try? FileManager.default.removeItem(at: folder) }
        let location = try await PostgresTestDatabase.create()
        let store = try await PostgresStore.connect(
            to: location,
            maximumConnections: 4,
            keyEncryption: .forTests,
            logger: PostgresTestDatabase.logger
        )
        let blobs = try FileBlobStore(path: folder.appendingPathComponent("blobs").path, keys: store.atRestKeys)
        let server = try OfficeTestServer(store: store, blobs: blobs)
        let applied = try await server.app().test(.router) { client in try await client.everyoneFilesAClaim(on: server) }
        #expect(applied >= 5, "most demo participants may draft a claim")
        try await Self.everythingReadsBack(store, blobs: blobs)
        await store.shutdown()

        let connection = try await PostgresStore.openConnection(to: location, logger: PostgresTestDatabase.logger)
        let (dump, relations) = try await AtRestScan.postgresFiles(
            of: location,
            in: folder,
            connection: connection,
            logger: PostgresTestDatabase.logger
        )
        let plainAmounts = try await connection.query(
            "SELECT (SELECT COUNT(*) FROM ledgerEntry WHERE amount <> 0) + (SELECT COUNT(*) FROM participant WHERE balance <> 0)",
            logger: PostgresTestDatabase.logger
        ).collect().first?.decode(Int64.self)
        try await connection.close()
        #expect(plainAmounts == 0, "amounts are sealed with their ledger entries; balances are the ledgers' sums, never a column")
        let dumped = try String(contentsOf: dump, encoding: .utf8)
        #expect(dumped.contains("COPY public.participant"), "the dump has the participants")
        #expect(try AtRestScan.scan([dump] + relations + AtRestScan.files(under: blobs.root), in: "PostgreSQL").isEmpty)
        if relations.isEmpty { Issue.record("the PostgreSQL data folder is not readable here; only the dump was scanned") }
    }

    /// The service still reads what it sealed: sign-in lookup by NIK, the account, the claim
    /// with its bank account, the ledger, the scans.
    static func everythingReadsBack(_ store: any Store, blobs: FileBlobStore) async throws {
        for person in DemoData.people {
            let account = try #require(try await store.account(nik: person.account.participant.nik))
            #expect(account == person.account, "\(person.account.participant.name)")
            let bucket = try await store.snapshot(of: .participant(account.participant.id.rawValue.uuidString))
            let banks = try bucket.records.values.filter { $0.key.type == "claim" }.compactMap {
                try $0.decode(as: Claim.self).bankAccount?.number
            }
            #expect(banks.isEmpty || banks.contains(AtRestScan.bankNumber(account)))
            let scan = AtRestScan.ktpScan(of: person.account)
            let digest = SampleFile.sha256(scan)
            #expect(try await store.uploads(owner: account.participant.id).contains { $0.sha256 == digest })
            #expect(try await blobs.get(sha256: digest).map(Array.init) == scan)
        }
        let siti = try #require(DemoData.people.first)
        #expect(try await store.ledger(of: siti.account.participant.id).balance == siti.account.membership.balance)
    }
}
