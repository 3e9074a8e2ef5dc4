import Foundation
import GRDB
import Models
import PostgresNIO
import Sync
import Testing

@testable import Server

/// The office half of the store contract: audit entries commit with their changes or not at
/// all, and the office views follow every commit of the records they show.
@Suite("Office store contract")
struct OfficeStoreContractTests {
    let now = Date(timeIntervalSince1970: 1_795_402_800)
    let siti = DemoData.people[0].account

    var bucket: BucketID { .participant(siti.participant.id.rawValue.uuidString) }

    func claim(_ status: ClaimStatus, branch: Branch.ID = "BDG-SUCI", id: Claim.ID = Claim.ID(UUID())) -> Claim {
        Claim(
            id: id,
            participantID: siti.participant.id,
            branchID: branch,
            reason: .resignation,
            channel: .app,
            status: status,
            netAmount: 8_500_000,
            createdAt: now
        )
    }

    func record<M: SyncedModel>(_ model: M, millis: Int64 = 1_795_402_800_000) throws -> SyncRecord {
        try SyncRecord.make(model, clock: HLCTimestamp(millis: millis, counter: 0, node: "server"), tag: "test")
    }

    func entry(_ claim: Claim, _ event: String, at: Date, causes: [String] = []) -> AuditEntry {
        AuditEntry(
            claimID: claim.id,
            participantID: claim.participantID,
            branchID: claim.branchID,
            actor: .system,
            event: event,
            from: .submitted,
            to: .documentsChecked,
            causes: causes,
            at: at
        )
    }

    /// Commits `records` and `audit` in one bucket transaction.
    @discardableResult
    func commit(_ store: any Store, _ records: [SyncRecord], audit: [AuditEntry] = []) async throws -> Int64? {
        try await store.seed(records, into: bucket, audit: audit)
    }

    struct Refused: Error {}

    @Test(arguments: StoreFactory.allCases)
    func auditEntriesCommitWithTheirChangesOrNotAtAll(_ factory: StoreFactory) async throws {
        let store = try await factory.make()
        try await DemoData.seedIfEmpty(store)
        let submitted = claim(.submitted)
        let first = entry(submitted, "submit", at: now)
        #expect(try await commit(store, [try record(submitted)], audit: [first]) != nil)
        // A decision that refuses writes nothing: neither its records nor its audit entry.
        let paid = try record(claim(.paid, id: submitted.id))
        await #expect(throws: Refused.self) {
            _ = try await store.transact(BucketRequest(bucket: bucket)) { _ -> BucketDecision<Void> in
                _ = BucketChanges(writes: [paid], audit: [entry(submitted, "recordPayment", at: now)])
                throw Refused()
            }
        }
        #expect(try await store.auditTrail(of: submitted.id) == [first])
        #expect(try await store.officeClaim(submitted.id)?.claim.status == .submitted)

        let check = entry(submitted, "checkIdentity", at: now.addingTimeInterval(60), causes: ["identity.nameMismatch"])
        try await commit(store, [], audit: [check])
        #expect(try await store.auditTrail(of: submitted.id) == [first, check])
        let other = claim(.submitted)
        let third = entry(other, "submit", at: now.addingTimeInterval(30))
        try await commit(store, [try record(other)], audit: [third])
        #expect(try await store.auditLog(of: "BDG-SUCI", from: now, until: now.addingTimeInterval(61)) == [first, third, check])
        #expect(try await store.auditLog(of: "BDG-SUCI", from: now.addingTimeInterval(1), until: now.addingTimeInterval(60)) == [third])
        #expect(try await store.auditLog(of: "MKS", from: now, until: now.addingTimeInterval(61)).isEmpty)
        let trails = try await store.auditTrails(of: [submitted.id, other.id, Claim.ID(UUID())])
        #expect(trails[submitted.id] == [first, check])
        #expect(trails[other.id] == [third])
        #expect(trails.count == 2)
    }

    @Test(arguments: StoreFactory.allCases)
    func theClaimViewFollowsCommits(_ factory: StoreFactory) async throws {
        let store = try await factory.make()
        try await DemoData.seedIfEmpty(store)
        let draft = claim(.draft)
        try await commit(store, [try record(draft)])
        var office = try #require(try await store.officeClaim(draft.id))
        #expect(office.claim == draft)
        #expect(office.participantName == "Siti Rahayu")
        #expect(try await store.openClaims().isEmpty, "drafts are the participant's alone")

        // The status moves: the view follows and notes when.
        var submitted = draft
        submitted.status = .submitted
        try await commit(store, [try record(submitted, millis: 1_795_402_900_000)])
        office = try #require(try await store.officeClaim(draft.id))
        #expect(office.claim.status == .submitted)
        #expect(office.statusSince == Date(timeIntervalSince1970: 1_795_402_900))
        #expect(try await store.officeClaims(of: "BDG-SUCI", in: [.submitted]).map(\.claim.id) == [draft.id])
        #expect(try await store.officeClaims(of: "BDG-SUCI", in: [.approved]).isEmpty)
        #expect(try await store.officeClaims(of: "MKS", in: [.submitted]).isEmpty)
        #expect(try await store.officeClaims([draft.id, Claim.ID(UUID())]).map(\.claim.id) == [draft.id])
        #expect(try await store.openClaims().map(\.claim.id) == [draft.id])

        // Notifications about it: the latest of each kind.
        for (offset, kind) in [(0.0, ParticipantNotification.Kind.statusChanged), (60, .slaAtRisk), (120, .statusChanged)] {
            let notice = ParticipantNotification(
                id: .init(UUID()),
                participantID: siti.participant.id,
                claimID: draft.id,
                kind: kind,
                title: "t",
                body: "b",
                createdAt: now.addingTimeInterval(offset)
            )
            try await commit(store, [try record(notice)])
        }
        office = try #require(try await store.officeClaim(draft.id))
        #expect(office.notices == [.statusChanged: now.addingTimeInterval(120), .slaAtRisk: now.addingTimeInterval(60)])
        #expect(office.lastNoticeAt == now.addingTimeInterval(120))

        // Paid claims leave the open list; deleted ones leave the view.
        var paid = submitted
        paid.status = .paid
        try await commit(store, [try record(paid, millis: 1_795_403_000_000)])
        #expect(try await store.openClaims().isEmpty)
        var tombstone = try record(paid, millis: 1_795_403_100_000)
        tombstone.deleted = true
        try await commit(store, [tombstone])
        #expect(try await store.officeClaim(draft.id) == nil)
    }

    @Test(arguments: StoreFactory.allCases)
    func surveysAndFaceChecksAreFoundByBranchAndPeriod(_ factory: StoreFactory) async throws {
        let store = try await factory.make()
        try await DemoData.seedIfEmpty(store)
        let paid = claim(.paid)
        let survey = try SurveyResponse(
            id: .init(UUID()),
            claimID: paid.id,
            clarity: 4,
            speed: 3,
            overall: 5,
            comment: nil,
            submittedAt: now
        )
        let attempt = BiometricAttempt(
            id: .init(UUID()),
            participantID: siti.participant.id,
            claimID: nil,
            result: .failed,
            failureReason: .motion,
            livenessScore: 0.2,
            deviceID: "siti-phone-1",
            attemptedAt: now
        )
        try await commit(store, [try record(paid), try record(survey), try record(attempt)])
        let day = (now.addingTimeInterval(-1), now.addingTimeInterval(86_400))
        #expect(try await store.surveys(of: "BDG-SUCI", from: day.0, until: day.1) == [survey])
        #expect(try await store.surveys(of: "MKS", from: day.0, until: day.1).isEmpty)
        #expect(try await store.surveys(of: "BDG-SUCI", from: day.1, until: day.1.addingTimeInterval(86_400)).isEmpty)
        #expect(try await store.biometricAttempts(of: "BDG-SUCI", from: day.0, until: day.1) == [attempt])
        #expect(try await store.biometricAttempts(of: "MKS", from: day.0, until: day.1).isEmpty)
    }

    @Test func theSQLiteAuditLogRefusesUpdatesAndDeletes() async throws {
        let store = try SQLiteStore.inMemory()
        try await DemoData.seedIfEmpty(store)
        let submitted = claim(.submitted)
        try await store.seed([], into: bucket, audit: [entry(submitted, "submit", at: now)])
        for sql in ["UPDATE officeAudit SET branchID = 'MKS'", "DELETE FROM officeAudit"] {
            await #expect(throws: DatabaseError.self) {
                try await store.writer.write { db in try db.execute(sql: sql) }
            }
        }
        #expect(try await store.auditTrail(of: submitted.id).count == 1)
    }

    @Test(.enabled(if: PostgresTestDatabase.isConfigured, "JHT_TEST_POSTGRES_URL is unset: needs a PostgreSQL server"))
    func thePostgresAuditLogRefusesUpdatesDeletesAndTruncation() async throws {
        let store = try await PostgresTestDatabase.store()
        try await DemoData.seedIfEmpty(store)
        let submitted = claim(.submitted)
        try await store.seed([], into: bucket, audit: [entry(submitted, "submit", at: now)])
        for sql in ["UPDATE officeAudit SET branchID = 'MKS'", "DELETE FROM officeAudit", "TRUNCATE officeAudit"] {
            await #expect(throws: (any Error).self) {
                try await store.rows(PostgresQuery(unsafeSQL: sql))
            }
        }
        #expect(try await store.auditTrail(of: submitted.id).count == 1)
    }
}
