import Foundation
import GRDB
import HTTPTypes
import HummingbirdTesting
import Logging
import Models
import PostgresNIO
import Testing

@testable import Server

/// A database as the version before sealing wrote it: the demo people, officers and ledger in
/// their old plain columns, and a claim's records, results, office views and audit entries as
/// plain JSON. The rows come from a real scenario on a current in-memory server (Siti files a
/// claim with her bank account and the CSO marks its documents complete), unsealed.
struct PlainDeployment {
    /// The last migration before sealing.
    static let lastPlainMigration = "2026-12-03-sign-in-lockouts"
    /// Tables copied as they are, their sealed column opened.
    static let copied = [
        "syncRecord", "syncBucket", "syncDevice", "syncResult", "officeAudit", "officeClaim", "officeNotice", "officeSurvey",
        "officeBiometricAttempt", "upload",
    ]

    /// Table name → rows (column → value), in plain text.
    var rows: [(table: String, values: [(String, DatabaseValue)])] = []
    /// A KTP scan a phone uploaded, for the blob folder.
    let scan = AtRestScan.ktpScan(of: DemoData.people[0].account)

    static func make() async throws -> PlainDeployment {
        let server = try OfficeTestServer()
        try await server.app().test(.router) { client in
            var siti = try await client.phone(
                Demo.person("Siti Rahayu"),
                device: "siti-before",
                inbox: server.inbox,
                clock: server.clock,
                uploads: server.store
            )
            let claim = try await siti.submitClaim(
                .resignation,
                bankAccount: try BankAccount(bank: .bca, number: AtRestScan.bankNumber(siti.account), holderName: "Siti Rahayu"),
                client: client,
                clock: server.clock
            )
            let cso = try await client.officers(["1001"], inbox: server.inbox)["1001"]!
            #expect(try await client.office("documents-complete", claim: claim, token: cso).status == .ok)
        }
        let store = try #require(server.store as? SQLiteStore)
        let sealing = store.sealing
        var deployment = PlainDeployment()
        deployment.rows = try await store.writer.read { db in
            var rows: [(table: String, values: [(String, DatabaseValue)])] = []
            for table in copied {
                let sealed = SealedColumn.all.first { $0.table == table }
                for row in try Row.fetchAll(db, sql: "SELECT * FROM \(table)") {
                    let values = try row.columnNames.map { column -> (String, DatabaseValue) in
                        let value: DatabaseValue = row[column]
                        guard column == sealed?.column, let bytes = Data.fromDatabaseValue(value) else { return (column, value) }
                        let plain = try sealing.open(bytes, for: sealed!.purpose)
                        // Records were JSON then (``StoredRecord`` came later).
                        guard table == "syncRecord" else { return (column, plain.databaseValue) }
                        return (column, try StoredJSON.encoder.encode(StoredRecord.decode(plain)).databaseValue)
                    }
                    rows.append((table, values))
                }
            }
            return rows
        }
        for person in DemoData.people {
            let p = person.account.participant
            let m = person.account.membership
            deployment.rows.append(
                (
                    "participant",
                    [
                        ("id", p.id.rawValue.uuidString.databaseValue), ("nik", p.nik.rawValue.databaseValue),
                        ("kpj", p.kpj.rawValue.databaseValue), ("name", p.name.databaseValue),
                        ("birthDate", p.birthDate.description.databaseValue), ("sex", p.sex.rawValue.databaseValue),
                        ("phone", p.phone?.rawValue.databaseValue ?? .null), ("email", p.email?.rawValue.databaseValue ?? .null),
                        ("branchID", p.branchID.rawValue.databaseValue),
                        ("dataUpdateCompletedAt", p.dataUpdateCompletedAt?.timeIntervalSince1970.databaseValue ?? .null),
                        ("membershipStatus", m.status.rawValue.databaseValue), ("employerName", m.employerName.databaseValue),
                        ("memberSince", m.memberSince.description.databaseValue),
                        ("endOfWorkDate", m.endOfWorkDate?.description.databaseValue ?? .null), ("balance", 0.databaseValue),
                        ("partialClaimTaken", m.partialClaimTaken.databaseValue), ("hasTaxNumber", m.hasTaxNumber.databaseValue),
                    ]
                )
            )
            let opening = try LedgerRow(LedgerRow.opening(p.id, balance: m.balance, at: Date()), sealing: .plain)
            deployment.rows.append(
                (
                    "ledgerEntry",
                    [
                        ("id", opening.id.databaseValue), ("participantID", opening.participantID.databaseValue),
                        ("claimID", DatabaseValue.null), ("amount", opening.amount.databaseValue),
                        ("source", opening.source.databaseValue), ("at", opening.at.databaseValue),
                    ]
                )
            )
        }
        for officer in DemoData.officers {
            deployment.rows.append(
                (
                    "officer",
                    [
                        ("id", officer.id.rawValue.uuidString.databaseValue), ("name", officer.name.databaseValue),
                        ("employeeNumber", officer.employeeNumber.databaseValue), ("branchID", officer.branchID.rawValue.databaseValue),
                        ("roles", StoredValue.roles(officer.roles).databaseValue),
                        ("phone", officer.phone?.rawValue.databaseValue ?? .null),
                    ]
                )
            )
        }
        return deployment
    }

    /// The branches first (the people name them), then every row.
    var ordered: [(table: String, values: [(String, DatabaseValue)])] {
        let branches = [DemoData.bandung, DemoData.makassar].map { branch in
            (
                table: "branch",
                values: [
                    ("id", branch.id.rawValue.databaseValue), ("name", branch.name.databaseValue), ("city", branch.city.databaseValue),
                    ("timeZone", branch.timeZone.rawValue.databaseValue), ("dailyJHTQuota", branch.dailyJHTQuota.databaseValue),
                    ("opensAtMinute", branch.opensAtMinute.databaseValue), ("closesAtMinute", branch.closesAtMinute.databaseValue),
                ]
            )
        }
        return branches + rows
    }

    /// Writes the deployment into a SQLite database migrated up to the last plain migration.
    func write(toSQLite path: String) throws {
        let pool = try DatabasePool(path: path)
        try SQLiteSchema.migrator(keyEncryption: .forTests).migrate(pool, upTo: Self.lastPlainMigration)
        try pool.write { db in
            for (table, values) in ordered {
                let columns = values.map(\.0)
                try db.execute(
                    sql:
                        "INSERT INTO \(table) (\(columns.joined(separator: ", "))) VALUES (\(columns.map { _ in "?" }.joined(separator: ", ")))",
                    arguments: StatementArguments(values.map(\.1))
                )
            }
        }
        try pool.close()
    }

    /// Writes the deployment into a PostgreSQL database migrated up to the last plain migration.
    func write(toPostgres location: PostgresLocation, logger: Logger) async throws {
        let connection = try await PostgresStore.openConnection(to: location, logger: logger)
        _ = try await PostgresSchema.migrate(on: connection, keyEncryption: .forTests, upTo: Self.lastPlainMigration, logger: logger)
        for (table, values) in ordered {
            var query = PostgresQuery(
                unsafeSQL: "INSERT INTO \(table) (\(values.map(\.0).joined(separator: ", "))) VALUES ("
                    + (1...values.count).map { "$\($0)" }.joined(separator: ", ") + ")"
            )
            for (column, value) in values { try Self.bind(value, column: column, table: table, to: &query.binds) }
            try await connection.query(query, logger: logger)
        }
        try await connection.close()
    }

    /// SQLite keeps booleans as integers; PostgreSQL's columns say which they are.
    static let booleans: Set<String> = ["deleted", "verified", "retained", "passed", "partialClaimTaken", "hasTaxNumber"]

    static func bind(_ value: DatabaseValue, column: String, table: String, to binds: inout PostgresBindings) throws {
        switch value.storage {
        case .null: binds.appendNull()
        case .int64(let number): if booleans.contains(column) { binds.append(number != 0) } else { binds.append(number) }
        case .double(let number): binds.append(number)
        case .string(let text): binds.append(text)
        case .blob(let bytes): try binds.append(bytes)
        }
    }
}
