import Foundation
import Models
import PhoneSync
import Sync
import Testing

/// What an app shows: the status line (last synced, waiting, sending, refusals) and the badge
/// of each record, observed as they change.
@Suite("Sync status an app observes")
struct SyncStatusTests {
    @Test func theStatusFollowsALocalWriteItsPushAndARefusal() async throws {
        let (store, key) = try ReplicaStoreTests.replicaWithDraft()
        var statuses = store.syncStatusUpdates().makeAsyncIterator()
        var badges = store.syncStateUpdates(of: key).makeAsyncIterator()

        let waiting = try #require(try await statuses.next())
        #expect(waiting.pending == 1)
        #expect(waiting.sending == 0)
        #expect(waiting.lastSyncedAt == nil)
        #expect(!waiting.isUpToDate)
        #expect(try await badges.next() == .pending)

        let request = try #require(try store.beginPush(limit: 100))
        #expect(try await statuses.next()?.sending == 1)
        #expect(try await badges.next() == .sending)

        let server = Fixture.serverClaim(
            id: key.id,
            status: "submitted",
            taxNumber: npwp("server"),
            clock: HLCTimestamp(millis: 3, counter: 0, node: "server")
        )
        let mutation = try #require(request.mutations.first)
        let refusal = Rejection(code: "claim.tooManyOpen", message: "Another claim is open.")
        try store.applyPush(
            PushResponse(
                results: [MutationResult(mutationID: mutation.id, counter: mutation.counter, outcome: .rejected(refusal), record: server)]
            )
        )
        let refused = try #require(try await statuses.next())
        #expect(refused.pending == 0 && refused.sending == 0)
        #expect(refused.rejections.map(\.rejection) == [refusal])
        let badge = try #require(try await badges.next())
        #expect(badge.rejection?.rejection == refusal, "the badge carries the reason")
        #expect(badge.rejection?.serverRecord == server, "and the server's value, which stands")

        try store.acknowledgeRejection(try #require(refused.rejections.first).id)
        #expect(try await statuses.next()?.rejections.isEmpty == true)
        #expect(try await badges.next() == .synced)

        try store.applyPull(PullResponse(changes: [], cursor: 2, hasMore: false))
        let caughtUp = try #require(try await statuses.next())
        #expect(caughtUp.lastSyncedAt != nil)
        #expect(caughtUp.isUpToDate)
        #expect(try store.syncStatus() == caughtUp)
    }
}
