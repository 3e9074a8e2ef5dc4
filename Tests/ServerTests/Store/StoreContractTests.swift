import Foundation
import Models
import Server
import Testing

/// One contract, every store: each test runs against each implementation. PostgreSQL joins
/// when `JHT_TEST_POSTGRES_URL` names a server (`scripts/test.sh` starts one and always sets it);
/// without it, ``StoreContractTests/postgresCasesRun()`` shows as skipped with the reason.
enum StoreFactory: String, CaseIterable, CustomTestStringConvertible {
    case sqliteInMemory
    case sqliteFile
    case postgres

    static var allCases: [StoreFactory] {
        PostgresTestDatabase.isConfigured ? [.sqliteInMemory, .sqliteFile, .postgres] : [.sqliteInMemory, .sqliteFile]
    }

    var testDescription: String { rawValue }

    func make() async throws -> any Store {
        switch self {
        case .sqliteInMemory:
            return try SQLiteStore.inMemory()
        case .sqliteFile:
            let folder = FileManager.default.temporaryDirectory.appendingPathComponent("jht-store-\(UUID().uuidString)")
            return try SQLiteStore(path: folder.appendingPathComponent("test.sqlite").path)
        case .postgres:
            return try await PostgresTestDatabase.store()
        }
    }
}

@Suite("Store contract")
struct StoreContractTests {
    let now = Date(timeIntervalSince1970: 1_795_000_000)

    /// Stands for the PostgreSQL cases of every contract suite: skipped, with the reason, when
    /// no test server is configured, so a bare `swift test` says what it did not check.
    @Test(.enabled(if: PostgresTestDatabase.isConfigured, "JHT_TEST_POSTGRES_URL is unset: the store contracts ran on SQLite only"))
    func postgresCasesRun() {
        #expect(StoreFactory.allCases.contains(.postgres))
    }

    @Test(arguments: StoreFactory.allCases)
    func seedsAndReadsDirectory(_ factory: StoreFactory) async throws {
        let store = try await factory.make()
        #expect(try await DemoData.seedIfEmpty(store))
        #expect(try await DemoData.seedIfEmpty(store) == false)
        #expect(try await store.branches().map(\.id) == ["BDG-SUCI", "MKS"])
        #expect(try await store.branch(id: "MKS")?.timeZone == .wita)
        #expect(try await store.branch(id: "NOPE") == nil)
        for person in DemoData.people {
            let account = person.account
            #expect(try await store.account(nik: account.participant.nik) == account)
            #expect(try await store.account(id: account.participant.id) == account)
        }
        for officer in DemoData.officers {
            #expect(try await store.officer(employeeNumber: officer.employeeNumber) == officer)
            #expect(try await store.officer(id: officer.id) == officer)
        }
        #expect(try await store.officer(employeeNumber: "9999") == nil)
    }

    /// A save updates the participant and membership in place; the balance is the ledger's: the
    /// first save's balance is the opening entry, later saves leave the ledger alone.
    @Test(arguments: StoreFactory.allCases)
    func saveUpdatesInPlaceAndTheBalanceIsTheLedgers(_ factory: StoreFactory) async throws {
        let store = try await factory.make()
        try await DemoData.seedIfEmpty(store)
        let seeded = DemoData.people[0].account
        var account = seeded
        account.membership.balance = 9_000_000
        account.membership.employerName = "PT Lain"
        account.participant.dataUpdateCompletedAt = nil
        try await store.save(account: account)
        var expected = account
        expected.membership.balance = seeded.membership.balance
        #expect(try await store.account(id: account.participant.id) == expected)
        let ledger = try await store.ledger(of: account.participant.id)
        #expect(ledger.entries.map(\.source) == [.openingBalance])
        #expect(ledger.balance == seeded.membership.balance)

        try await store.post(-1_000_000, to: account.participant.id)
        #expect(try await store.account(id: account.participant.id)?.membership.balance == seeded.membership.balance - 1_000_000)
        #expect(try await store.account(nik: account.participant.nik)?.membership.balance == seeded.membership.balance - 1_000_000)
    }

    @Test(arguments: StoreFactory.allCases)
    func challengeIsConsumedOnceAndCountsAttempts(_ factory: StoreFactory) async throws {
        let store = try await factory.make()
        let principal = PrincipalRef.participant(DemoData.people[0].account.participant.id)
        let challenge = SignInChallengeRecord(
            id: UUID(),
            principal: principal,
            deviceID: "device-0001",
            codeDigest: "abc",
            createdAt: now,
            expiresAt: now.addingTimeInterval(300)
        )
        try await store.insert(challenge: challenge)
        #expect(try await store.challenge(id: challenge.id) == challenge)
        #expect(try await store.challengeCount(for: principal, since: now.addingTimeInterval(-60)) == 1)
        #expect(try await store.challengeCount(for: principal, since: now.addingTimeInterval(1)) == 0)
        #expect(try await store.recordFailedAttempt(challengeID: challenge.id) == 1)
        #expect(try await store.recordFailedAttempt(challengeID: challenge.id) == 2)
        #expect(try await store.consume(challengeID: challenge.id, at: now))
        #expect(try await store.consume(challengeID: challenge.id, at: now) == false)
        #expect(try await store.challenge(id: challenge.id)?.consumedAt == now)
    }

    @Test(arguments: StoreFactory.allCases)
    func refreshTokenRotationDetectsReuse(_ factory: StoreFactory) async throws {
        let store = try await factory.make()
        let principal = PrincipalRef.officer(Officer.ID(UUID()))
        let family = UUID()
        func token(_ digest: String) -> RefreshTokenRecord {
            RefreshTokenRecord(
                digest: digest,
                familyID: family,
                principal: principal,
                deviceID: "device-0001",
                createdAt: now,
                expiresAt: now.addingTimeInterval(3600)
            )
        }
        try await store.insert(refreshToken: token("first"))
        #expect(try await store.rotate(refreshTokenDigest: "nope", deviceID: "device-0001", replacement: token("x"), at: now) == .unknown)
        #expect(
            try await store.rotate(refreshTokenDigest: "first", deviceID: "other-device", replacement: token("x"), at: now) == .wrongDevice
        )
        #expect(
            try await store.rotate(refreshTokenDigest: "first", deviceID: "device-0001", replacement: token("second"), at: now)
                == .rotated(principal, family: family)
        )
        // The used token again: theft suspected, the whole family goes.
        #expect(
            try await store.rotate(refreshTokenDigest: "first", deviceID: "device-0001", replacement: token("third"), at: now)
                == .reused(family: family)
        )
        #expect(
            try await store.rotate(refreshTokenDigest: "second", deviceID: "device-0001", replacement: token("fourth"), at: now)
                == .expired
        )
    }

    @Test(arguments: StoreFactory.allCases)
    func refreshTokenExpiresAndFamilyRevokes(_ factory: StoreFactory) async throws {
        let store = try await factory.make()
        let principal = PrincipalRef.participant(Participant.ID(UUID()))
        let record = RefreshTokenRecord(
            digest: "d1",
            familyID: UUID(),
            principal: principal,
            deviceID: "device-0001",
            createdAt: now,
            expiresAt: now
        )
        try await store.insert(refreshToken: record)
        var next = record
        next.digest = "d2"
        #expect(try await store.rotate(refreshTokenDigest: "d1", deviceID: "device-0001", replacement: next, at: now) == .expired)
        #expect(try await store.family(ofRefreshTokenDigest: "d1") == record.familyID)
        #expect(try await store.family(ofRefreshTokenDigest: "unknown") == nil)
    }

    @Test(arguments: StoreFactory.allCases)
    func endedFamiliesAreReadBackWithWhenTheyEnded(_ factory: StoreFactory) async throws {
        let store = try await factory.make()
        let principal = PrincipalRef.participant(Participant.ID(UUID()))
        let (ended, earlier, kept) = (UUID(), UUID(), UUID())
        for (index, family) in [ended, earlier, kept].enumerated() {
            try await store.insert(
                refreshToken: RefreshTokenRecord(
                    digest: "digest-\(index)",
                    familyID: family,
                    principal: principal,
                    deviceID: "device-0001",
                    createdAt: now,
                    expiresAt: now.addingTimeInterval(3600)
                )
            )
        }
        try await store.revokeFamily(earlier, at: now.addingTimeInterval(-3600))
        try await store.revokeFamily(ended, at: now)
        try await store.revokeFamily(ended, at: now.addingTimeInterval(60))  // already ended: stays ended when it did
        let since = try await store.revokedFamilies(since: now.addingTimeInterval(-900))
        #expect(since == [ended: now], "ended in the last 15 minutes, and when")
        #expect(
            try await store.rotate(
                refreshTokenDigest: "digest-0",
                deviceID: "device-0001",
                replacement: .init(
                    digest: "next",
                    familyID: ended,
                    principal: principal,
                    deviceID: "device-0001",
                    createdAt: now,
                    expiresAt: now
                ),
                at: now
            ) == .expired,
            "an ended family's refresh tokens do not work"
        )
        #expect(try await store.family(ofRefreshTokenDigest: "digest-2") == kept)
    }

    @Test(arguments: StoreFactory.allCases)
    func wrongCodesAreCountedPerIdentityEvenAtOnceAndCleared(_ factory: StoreFactory) async throws {
        let store = try await factory.make()
        let officer = PrincipalRef.officer(Officer.ID(UUID()))
        let other = PrincipalRef.participant(Participant.ID(UUID()))
        let policy = LockoutPolicy()
        #expect(try await store.lockout(of: officer) == nil)
        try await withThrowingTaskGroup(of: Void.self) { group in
            for _ in 0..<10 { group.addTask { _ = try await store.recordWrongCode(of: officer, policy: policy, at: now) } }
            try await group.waitForAll()
        }
        let state = try #require(try await store.lockout(of: officer))
        #expect(state.failures == 10, "ten processes counting at once count ten")
        #expect(state.lockedUntil == now.addingTimeInterval(300), "the tenth locks for five minutes")
        #expect(try await store.lockout(of: other) == nil)
        try await store.clearLockout(of: officer)
        #expect(try await store.lockout(of: officer) == nil)
    }
}
