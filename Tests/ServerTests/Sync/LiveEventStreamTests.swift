import Foundation
import ServiceLifecycle
import ServiceLifecycleTestKit
import Sync
import Testing

@testable import Server

/// A held live stream without I/O: the hub's commits become pokes with the right cursor, once
/// each and in order; nothing committed while the stream opens is missed; heartbeats reach every
/// stream once per round; a stream that ends leaves the hub, and graceful shutdown ends it.
@Suite("Live event stream")
struct LiveEventStreamTests {
    let cursors = CursorCodec(keys: .inMemory(), now: { Date() })
    let buckets = [BucketID.participant("a"), .reference]

    func positions(_ event: ArraySlice<UInt8>) throws -> [Int64] {
        try cursors.positions(ofPoke: event, in: buckets)
    }

    @Test func aPhoneBehindIsPokedAtOnceThenOncePerNewerCommit() async throws {
        let hub = PushHub()
        let events = try await LiveEventStream(hub: hub, cursors: cursors, buckets: buckets).open(from: [3, 1]) { [5, 1] }
        var iterator = events.makeAsyncIterator()
        #expect(try positions(try #require(await iterator.next())) == [5, 1], "behind: poked with the heads at once")
        hub.publish(bucket: .participant("a"), version: 5)  // as new as what the phone was told: nothing
        hub.publish(bucket: .participant("b"), version: 9)  // another participant's bucket: nothing
        hub.publish(bucket: .reference, version: 2)
        hub.publish(bucket: .participant("a"), version: 7)
        #expect(try positions(try #require(await iterator.next())) == [5, 2])
        #expect(try positions(try #require(await iterator.next())) == [7, 2])
    }

    @Test func aPhoneAtTheHeadsHearsNothingUntilACommit() async throws {
        let hub = PushHub()
        let events = try await LiveEventStream(hub: hub, cursors: cursors, buckets: buckets).open(from: [4, 1]) { [4, 1] }
        var iterator = events.makeAsyncIterator()
        hub.publish(bucket: .participant("a"), version: 6)
        #expect(try positions(try #require(await iterator.next())) == [6, 1], "the first event is the commit's poke")
    }

    @Test func aPhoneWhoseCursorCannotBeReadIsPokedAtOnce() async throws {
        let hub = PushHub()
        // A cursor signed by a retired key: its positions are unknown, even on empty buckets.
        let events = try await LiveEventStream(hub: hub, cursors: cursors, buckets: buckets).open(from: nil) { [0, 0] }
        var iterator = events.makeAsyncIterator()
        #expect(try positions(try #require(await iterator.next())) == [0, 0])
    }

    @Test func aCommitWhileTheStreamOpensIsNotMissed() async throws {
        let hub = PushHub()
        // The commit lands after the subscription and before the heads are read back older.
        let events = try await LiveEventStream(hub: hub, cursors: cursors, buckets: buckets).open(from: [4, 1]) {
            hub.publish(bucket: .participant("a"), version: 8)
            return [4, 1]
        }
        var iterator = events.makeAsyncIterator()
        #expect(try positions(try #require(await iterator.next())) == [8, 1])
    }

    @Test func everyStreamHearsOneHeartbeatPerRoundOfSlices() async throws {
        let hub = PushHub()
        let live = LiveEventStream(hub: hub, cursors: cursors, buckets: buckets)
        var iterators: [LiveEventBytes.AsyncIterator] = []
        for _ in 0..<7 { iterators.append(try await live.open(from: [0, 0]) { [0, 0] }.makeAsyncIterator()) }
        for slice in 0..<3 { hub.heartbeat(slice, of: 3) }
        hub.publish(bucket: .participant("a"), version: 1)
        for index in iterators.indices {
            #expect(await iterators[index].next() == LiveEventStream.heartbeat)
            #expect(try positions(try #require(await iterators[index].next())) == [1, 0], "one heartbeat, then the poke")
        }
    }

    @Test func aStreamThatEndsLeavesTheHub() async throws {
        let hub = PushHub()
        let events = try await LiveEventStream(hub: hub, cursors: cursors, buckets: buckets).open(from: [0, 0]) { [0, 0] }
        #expect(hub.subscriberCount == 1)
        let reader = Task {
            for await _ in events {}
        }
        reader.cancel()
        await reader.value
        #expect(hub.subscriberCount == 0)
    }

    @Test func gracefulShutdownEndsTheStream() async throws {
        let hub = PushHub()
        let events = try await LiveEventStream(hub: hub, cursors: cursors, buckets: buckets).open(from: [0, 0]) { [0, 0] }
        try await testGracefulShutdown { trigger in
            let reader = Task {
                var count = 0
                for await _ in events { count += 1 }
                return count
            }
            trigger.triggerGracefulShutdown()
            #expect(await reader.value == 0, "the stream ended without an event")
        }
        #expect(hub.subscriberCount == 0)
    }

    @Test func aFailedOpenLeavesNothingSubscribed() async throws {
        struct Unreachable: Error {}
        let hub = PushHub()
        await #expect(throws: Unreachable.self) {
            _ = try await LiveEventStream(hub: hub, cursors: cursors, buckets: buckets).open(from: [0, 0]) { throw Unreachable() }
        }
        #expect(hub.subscriberCount == 0)
    }
}
