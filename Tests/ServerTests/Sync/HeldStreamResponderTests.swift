import AsyncHTTPClient
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import NIOCore
import Sync
import Testing

@testable import Server

/// The live stream's responder over real HTTP: the stream a handler leaves in the slot is what
/// the phone reads; an answer that is not the stream goes out as the handler made it and leaves
/// nothing subscribed; every other request is answered as it comes.
@Suite("Held stream responder")
struct HeldStreamResponderTests {
    let hub = PushHub()
    let cursors = CursorCodec(keys: .inMemory(), now: { Date() })
    let buckets = [BucketID.participant("a"), .reference]

    /// A router whose live route opens a stream on the hub, leaves it in the slot and answers
    /// `status` with a body of its own.
    func app(liveStatus status: HTTPResponse.Status) -> some ApplicationProtocol {
        let router = Router(context: ServiceRequestContext.self)
        router.get("/v1/sync/live") { [hub, cursors, buckets] _, _ -> Response in
            let events = try await LiveEventStream(hub: hub, cursors: cursors, buckets: buckets).open(from: [0, 0]) { [3, 1] }
            HeldStreamSlot.current?.hold(events)
            return Response(
                status: status,
                headers: [.contentType: "text/event-stream"],
                body: ResponseBody(byteBuffer: ByteBuffer(string: "the handler's own body"))
            )
        }
        router.get("/other") { _, _ in "other" }
        return Application(
            responder: HeldStreamResponder(base: router.buildResponder()),
            configuration: .init(address: .hostname("127.0.0.1", port: 0))
        )
    }

    @Test func theStreamInTheSlotIsWhatThePhoneReads() async throws {
        try await app(liveStatus: .ok).test(.live) { client in
            let port = try #require(client.port)
            let response = try await HTTPClient.shared.execute(
                HTTPClientRequest(url: "http://127.0.0.1:\(port)/v1/sync/live"),
                timeout: .seconds(10)
            )
            var body = response.body.makeAsyncIterator()
            let first = try #require(try await body.next())
            #expect(try cursors.positions(ofPoke: first.readableBytesView, in: buckets) == [3, 1], "the phone behind is poked at once")
            #expect(hub.subscriberCount == 1)
            hub.publish(bucket: .reference, version: 2)
            let second = try #require(try await body.next())
            #expect(try cursors.positions(ofPoke: second.readableBytesView, in: buckets) == [3, 2])
        }
    }

    @Test func anAnswerThatIsNotTheStreamGoesOutAsMadeAndLeavesNothingSubscribed() async throws {
        try await app(liveStatus: .unauthorized).test(.live) { client in
            try await client.execute(uri: "/v1/sync/live", method: .get) { response in
                #expect(response.status == .unauthorized)
                #expect(String(buffer: response.body) == "the handler's own body")
            }
            try await client.execute(uri: "/other", method: .get) { response in
                #expect(response.status == .ok)
                #expect(String(buffer: response.body) == "other")
            }
        }
        #expect(hub.subscriberCount == 0, "the stream nobody writes leaves the hub")
    }

    @Test func aPhoneThatLeftDuringTheSetUpLeavesNothingSubscribed() async throws {
        let events = try await LiveEventStream(hub: hub, cursors: cursors, buckets: buckets).open(from: [0, 0]) { [3, 1] }
        #expect(hub.subscriberCount == 1)
        let left = Task {
            withUnsafeCurrentTask { $0?.cancel() }
            var response = Response(status: .ok)
            try HeldStreamResponder.attach(events, to: &response)
        }
        await #expect(throws: CancellationError.self) { try await left.value }
        #expect(hub.subscriberCount == 0)

        let kept = try await LiveEventStream(hub: hub, cursors: cursors, buckets: buckets).open(from: [0, 0]) { [3, 1] }
        var response = Response(status: .ok)
        try HeldStreamResponder.attach(kept, to: &response)
        #expect(hub.subscriberCount == 1, "the stream the phone reads stays")
    }
}
