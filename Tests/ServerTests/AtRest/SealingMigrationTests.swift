import Foundation
import GRDB
import Models
import PostgresNIO
import Sync
import Testing

@testable import Server

/// A database and blob folder the version before sealing wrote, in plain text, are sealed in
/// place when the new version opens them: afterwards no byte holds a full NIK, KPJ, phone or
/// account number, and everything reads back as it was.
@Suite("Sealing an older deployment")
struct SealingMigrationTests {
    let folder = FileManager.default.temporaryDirectory.appendingPathComponent("jht-sealing-\(UUID().uuidString.prefix(8))")

    @Test func aSQLiteDatabaseAndItsBlobsAreSealedInPlace() async throws {
        defer { try? FileManager.default.removeItem(at: folder) }
        try PrivateFiles.folder(folder)
        let deployment = try await PlainDeployment.make()
        let database = folder.appendingPathComponent("jht.sqlite").path
        try deployment.write(toSQLite: database)
        let blobFolder = folder.appendingPathComponent("blobs")
        let plainBlob = try plainBlob(deployment.scan, in: blobFolder)
        let files = { [URL(fileURLWithPath: database), URL(fileURLWithPath: database + "-wal")] + AtRestScan.files(under: blobFolder) }
        #expect(try !AtRestScan.findings(in: files()).isEmpty, "before: plain text everywhere")

        let store = try SQLiteStore(path: database, keyEncryption: .forTests)
        let blobs = try FileBlobStore(path: blobFolder.path, keys: store.atRestKeys)
        #expect(try blobs.sealPlainFiles() == 1)
        #expect(try blobs.sealPlainFiles() == 0, "the folder is marked sealed")
        #expect(try SealedBlobFile.isSealed(plainBlob))
        let after = try AtRestScan.findings(in: files())
        #expect(after.isEmpty, "after: \(after)")
        try await Self.readsBack(deployment, store: store, blobs: blobs)
        #expect(try await store.resealAll() == 0, "everything is sealed under the key that seals")
    }

    @Test(.enabled(if: PostgresTestDatabase.isConfigured))
    func aPostgresDatabaseIsSealedInPlace() async throws {
        defer { try? FileManager.default.removeItem(at: folder) }
        try PrivateFiles.folder(folder)
        let deployment = try await PlainDeployment.make()
        let location = try await PostgresTestDatabase.create()
        let logger = PostgresTestDatabase.logger
        try await deployment.write(toPostgres: location, logger: logger)

        let store = try await PostgresStore.connect(to: location, maximumConnections: 4, keyEncryption: .forTests, logger: logger)
        let blobs = try FileBlobStore(path: folder.appendingPathComponent("blobs").path, keys: store.atRestKeys)
        _ = try await blobs.put(deployment.scan)
        try await Self.readsBack(deployment, store: store, blobs: blobs)
        #expect(try await store.resealAll() == 0)
        await store.shutdown()

        let connection = try await PostgresStore.openConnection(to: location, logger: logger)
        let (dump, relations) = try await AtRestScan.postgresFiles(of: location, in: folder, connection: connection, logger: logger)
        try await connection.close()
        #expect(!relations.isEmpty, "the relation files were read")
        let findings = try AtRestScan.findings(in: [dump] + relations)
        #expect(findings.isEmpty, "\(findings)")
    }

    /// A blob as the version before sealing kept it: the bytes as they came, under their SHA-256.
    func plainBlob(_ bytes: [UInt8], in folder: URL) throws -> URL {
        let sha256 = SampleFile.sha256(bytes)
        let parent = folder.appendingPathComponent(String(sha256.prefix(2))).appendingPathComponent(String(sha256.dropFirst(2).prefix(2)))
        try PrivateFiles.folder(parent)
        let url = parent.appendingPathComponent(sha256)
        try PrivateFiles.create(url, contents: Data(bytes))
        return url
    }

    /// Every person, officer, balance, record and view of the deployment reads back as it was.
    static func readsBack(_ deployment: PlainDeployment, store: any Store, blobs: any BlobStore) async throws {
        for person in DemoData.people {
            #expect(try await store.account(nik: person.account.participant.nik) == person.account, "\(person.account.participant.name)")
        }
        for officer in DemoData.officers {
            #expect(try await store.officer(employeeNumber: officer.employeeNumber) == officer)
        }
        let siti = Demo.person("Siti Rahayu")
        let records = try await store.snapshot(of: .participant(siti.participant.id.rawValue.uuidString)).records
        let plainStates = try deployment.rows.filter { $0.table == "syncRecord" }.compactMap { row in
            try Data.fromDatabaseValue(row.values.first { $0.0 == "state" }!.1).map {
                try StoredJSON.decoder.decode(SyncRecord.self, from: $0)
            }
        }
        #expect(!plainStates.isEmpty)
        for record in plainStates where record.key.type == "claim" || record.key.type == "profile" {
            #expect(records[record.key] == record, "\(record.key)")
        }
        let claim = try #require(records.values.first { $0.key.type == "claim" }).decode(as: Claim.self)
        #expect(claim.bankAccount?.number == AtRestScan.bankNumber(siti))
        let office = try #require(try await store.officeClaim(claim.id))
        #expect(office.claim.bankAccount == claim.bankAccount && office.participantName == "Siti Rahayu")
        #expect(!(try await store.auditTrail(of: claim.id)).isEmpty)
        #expect(try await store.ledger(of: siti.participant.id).balance == siti.membership.balance)
        #expect(try await !store.uploads(owner: siti.participant.id).isEmpty)
        #expect(try await blobs.get(sha256: SampleFile.sha256(deployment.scan)).map(Array.init) == deployment.scan)
    }
}
