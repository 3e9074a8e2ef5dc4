import Crypto
import Foundation
import HTTPTypes
import Models
import Sync

/// Issues and reads the opaque cursor tokens of pulls and pokes.
///
/// A token holds a position in each bucket the principal reads (in the order of
/// ``Authorization/readableBuckets(of:)``) and a MAC over those buckets and positions under
/// the server's cursor key: a token the server did not issue, or issued to another principal,
/// is refused. On the wire: `1.` and the base64url of the positions (8 bytes each, big-endian)
/// followed by 12 bytes of HMAC-SHA256.
struct CursorCodec: Sendable {
    private let key: SymmetricKey

    static let macLength = 12

    /// A codec keyed by `secret` (a server-wide setting every process shares).
    init(secret: String) {
        key = SymmetricKey(data: SHA256.hash(data: Data("jht-sync cursor key\u{0}\(secret)".utf8)))
    }

    /// A new random secret for ``init(secret:)``.
    static func makeSecret() -> String {
        SymmetricKey(size: .bits256).withUnsafeBytes { Data($0).base64EncodedString() }
    }

    /// The token for `positions` in `buckets`.
    func cursor(_ positions: [Int64], in buckets: [BucketID]) -> SyncCursor {
        precondition(positions.count == buckets.count, "one position per bucket")
        var bytes = Data(capacity: positions.count * 8 + Self.macLength)
        for position in positions { withUnsafeBytes(of: position.bigEndian) { bytes.append(contentsOf: $0) } }
        bytes.append(contentsOf: mac(bytes, buckets).prefix(Self.macLength))
        return SyncCursor("1." + Self.base64URL(bytes))
    }

    /// The positions `cursor` holds in `buckets`: zeros for ``SyncCursor/start``.
    /// - Throws: a 400 problem (`cursor.invalid`) for a token this server did not issue for these buckets.
    func positions(of cursor: SyncCursor, in buckets: [BucketID]) throws(Problem) -> [Int64] {
        if cursor.isStart { return Array(repeating: 0, count: buckets.count) }
        guard cursor.token.hasPrefix("1."), let bytes = Self.data(base64URL: String(cursor.token.dropFirst(2))),
            bytes.count == buckets.count * 8 + Self.macLength
        else { throw Problem.invalidCursor }
        let body = bytes.prefix(buckets.count * 8)
        guard Data(mac(Data(body), buckets).prefix(Self.macLength)) == bytes.suffix(Self.macLength) else { throw Problem.invalidCursor }
        return (0..<buckets.count).map { index in
            body.dropFirst(index * 8).prefix(8).reduce(Int64(0)) { ($0 << 8) | Int64($1) }
        }
    }

    private func mac(_ body: Data, _ buckets: [BucketID]) -> [UInt8] {
        var message = Data("v1".utf8)
        for bucket in buckets {
            message.append(0)
            message.append(contentsOf: bucket.rawValue.utf8)
        }
        message.append(0)
        message.append(body)
        return Array(HMAC<SHA256>.authenticationCode(for: message, using: key))
    }

    static func base64URL(_ data: Data) -> String {
        data.base64EncodedString().replacingOccurrences(of: "+", with: "-").replacingOccurrences(of: "/", with: "_")
            .replacingOccurrences(of: "=", with: "")
    }

    static func data(base64URL text: String) -> Data? {
        guard text.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "-" || $0 == "_") }) else { return nil }
        var base64 = text.replacingOccurrences(of: "-", with: "+").replacingOccurrences(of: "_", with: "/")
        base64 += String(repeating: "=", count: (4 - base64.count % 4) % 4)
        return Data(base64Encoded: base64)
    }
}

extension Problem {
    static let invalidCursor = Problem(
        status: .badRequest,
        code: "cursor.invalid",
        title: "Unknown cursor",
        detail: "This cursor was not issued to you by this server. Pull without a cursor to start from the beginning."
    )
}
