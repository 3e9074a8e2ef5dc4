import Foundation
import Sync

/// How a store writes personal data: sealed by its cipher, or plain, only in the migrations
/// that shipped before sealing (they must keep writing what they always wrote; the sealing
/// migration that follows them seals it). Reading opens sealed values and passes plain ones,
/// written before sealing, as they are.
enum Sealing: Sendable {
    case sealed(AtRestCipher)
    case plain

    func seal(_ bytes: Data, for purpose: AtRestCipher.Purpose) -> Data {
        switch self {
        case .sealed(let cipher): cipher.seal(bytes, for: purpose)
        case .plain: bytes
        }
    }

    func open(_ bytes: Data, for purpose: AtRestCipher.Purpose) throws -> Data {
        guard AtRestCipher.isSealed(bytes) else { return bytes }
        guard case .sealed(let cipher) = self else { throw AtRestCipher.OpenError.unknownKey(AtRestCipher.kid(of: bytes) ?? "") }
        return try cipher.open(bytes, for: purpose)
    }

    /// A record's state as stored (``StoredRecord``), sealed.
    func encode(record: SyncRecord) -> Data {
        seal(StoredRecord.encode(record), for: .recordState)
    }

    /// A record's state ``encode(record:)`` stored (or stored as JSON before it).
    func decodeRecord(from bytes: Data) throws -> SyncRecord {
        try StoredRecord.decode(try open(bytes, for: .recordState))
    }

    /// `value` as stored JSON (``StoredJSON``), sealed.
    func encode(_ value: some Encodable, for purpose: AtRestCipher.Purpose) throws -> Data {
        seal(try StoredJSON.encoder.encode(value), for: purpose)
    }

    /// A value ``encode(_:for:)`` stored.
    func decode<T: Decodable>(_ type: T.Type, from bytes: Data, for purpose: AtRestCipher.Purpose) throws -> T {
        try StoredJSON.decoder.decode(T.self, from: try open(bytes, for: purpose))
    }
}
