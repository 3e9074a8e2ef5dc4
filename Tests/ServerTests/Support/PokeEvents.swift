import Sync
import Testing

@testable import Server

extension CursorCodec {
    /// The positions in `buckets` that a live stream's poke event carries; the test fails when
    /// the bytes are not a poke.
    func positions(ofPoke event: some Collection<UInt8>, in buckets: [BucketID]) throws -> [Int64] {
        let text = String(decoding: event, as: UTF8.self)
        #expect(text.hasPrefix("event: poke\ndata: {\"cursor\":\""))
        let token = try #require(text.split(separator: "\"").dropFirst(3).first)
        return try #require(try positions(of: SyncCursor(String(token)), in: buckets))
    }
}
