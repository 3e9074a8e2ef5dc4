import Foundation
import Models
import Testing

@testable import Server

/// Tokens, cursors and key secrets are base64url without padding: the standard alphabet's `+`
/// and `/`, padding and anything else are refused, not read as the bytes they would mean there.
@Suite("Base64url")
struct Base64URLTests {
    @Test func readsWhatItWritesAndNothingElse() {
        let bytes = Data([0xFB, 0xFF, 0xBF, 0x61])
        let text = Base64URL.encode(bytes)
        #expect(text == "-_-_YQ")
        #expect(Base64URL.decode(Substring(text)) == bytes)
        for refused in ["+/+/YQ", "-_-_YQ==", "YQ=", "Y Q", "YQ\n", "é"] {
            #expect(Base64URL.decode(Substring(refused)) == nil, "\(refused)")
        }
        #expect(Data(base64Encoded: "+/+/YQ==") == bytes, "the standard alphabet would have read it")
        for count in 0..<40 {
            let data = Data((0..<count).map { UInt8(truncatingIfNeeded: $0 &* 37 &+ 251) })
            let written = Base64URL.encode(data)
            #expect(!written.contains { "+/=".contains($0) }, "\(written)")
            #expect(Base64URL.decode(Substring(written)) == data, "\(count) bytes")
        }
    }

    @Test func aTokenWrittenInTheStandardAlphabetIsNotValid() throws {
        let now = Date()
        let tokens = TokenService(keys: .inMemory(at: now), revoked: RevokedSessions(retention: 900))
        let principal = Principal(kind: .participant, id: UUID(), deviceID: DeviceID("phone-1"))
        let token = try tokens.accessToken(for: principal, family: UUID(), now: now)
        #expect(tokens.verify(accessToken: token, now: now) != nil)
        let standard = token.replacingOccurrences(of: "-", with: "+").replacingOccurrences(of: "_", with: "/")
        for variant in [token + "=", standard] where variant != token {
            #expect(tokens.verify(accessToken: variant, now: now) == nil, "\(variant)")
        }
    }
}
