import Crypto
import Foundation
import HTTPTypes
import Models
import Sync

/// Issues and reads the opaque cursor tokens of pulls and pokes.
///
/// A token holds a position in each bucket the principal reads (in the order of
/// ``Authorization/readableBuckets(of:)``) and a MAC over those buckets and positions under
/// the signing key in force (``SigningKeys``, kept outside the database): a token the server
/// did not issue, or issued to another principal, is refused. On the wire: `2.`, the key id,
/// `.`, and the base64url of the positions (8 bytes each, big-endian) followed by 12 bytes of
/// HMAC-SHA256. A token signed by a key that has since been retired is not an attack but a
/// phone that was away for long: it is answered with a reset.
struct CursorCodec: Sendable {
    private let keys: SigningKeys
    private let now: @Sendable () -> Date

    static let macLength = 12

    init(keys: SigningKeys, now: @escaping @Sendable () -> Date) {
        self.keys = keys
        self.now = now
    }

    /// The token for `positions` in `buckets`.
    func cursor(_ positions: [Int64], in buckets: [BucketID]) -> SyncCursor {
        precondition(positions.count == buckets.count, "one position per bucket")
        // A server always has a signing key (the application refuses to start without one).
        guard let (kid, key) = keys.signing(at: now()) else { preconditionFailure("no signing key in force") }
        var bytes = Data(capacity: positions.count * 8 + Self.macLength)
        for position in positions { withUnsafeBytes(of: position.bigEndian) { bytes.append(contentsOf: $0) } }
        bytes.append(contentsOf: Self.mac(bytes, buckets, key).prefix(Self.macLength))
        return SyncCursor("2.\(kid)." + Base64URL.encode(bytes))
    }

    /// The positions `cursor` holds in `buckets`: zeros for ``SyncCursor/start``; `nil` for a
    /// token signed by a key no longer in force (the phone is told to reset).
    /// - Throws: a 400 problem (`cursor.invalid`) for a token this server did not issue for these buckets.
    func positions(of cursor: SyncCursor, in buckets: [BucketID]) throws(Problem) -> [Int64]? {
        if cursor.isStart { return Array(repeating: 0, count: buckets.count) }
        let parts = cursor.token.split(separator: ".", omittingEmptySubsequences: false)
        guard parts.count == 3, parts[0] == "2", !parts[1].isEmpty, let bytes = Base64URL.decode(parts[2]),
            bytes.count == buckets.count * 8 + Self.macLength
        else { throw Problem.invalidCursor }
        guard let key = keys.verifying(kid: parts[1], at: now()) else {
            guard keys.ring.keys.contains(where: { $0.kid == parts[1] }) else { throw Problem.invalidCursor }
            return nil
        }
        let body = bytes.prefix(buckets.count * 8)
        guard Data(Self.mac(Data(body), buckets, key).prefix(Self.macLength)) == bytes.suffix(Self.macLength) else {
            throw Problem.invalidCursor
        }
        return (0..<buckets.count).map { index in
            body.dropFirst(index * 8).prefix(8).reduce(Int64(0)) { ($0 << 8) | Int64($1) }
        }
    }

    private static func mac(_ body: Data, _ buckets: [BucketID], _ key: SymmetricKey) -> [UInt8] {
        var message = Data("v1".utf8)
        for bucket in buckets {
            message.append(0)
            message.append(contentsOf: bucket.rawValue.utf8)
        }
        message.append(0)
        message.append(body)
        return Array(HMAC<SHA256>.authenticationCode(for: message, using: key))
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
