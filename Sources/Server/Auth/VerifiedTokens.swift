import Crypto
import Synchronization

/// Access tokens whose signature and payload were checked lately, so a phone's next request
/// with the same token skips the HMAC and the payload's decoding. Only what cannot change is
/// kept: the token itself (compared whole), the key that verified it, and its payload. The
/// expiry, that key still verifying under its id, and the sign-in not having ended are checked
/// on every use (``TokenService/check(accessToken:now:)``).
///
/// A fixed number of slots, each token in the one its hash picks (a newer token takes the slot
/// over): its memory does not grow with the number of phones.
final class VerifiedTokens: Sendable {
    struct Entry: Sendable {
        var token: String
        var kid: String
        var key: SymmetricKey
        var payload: TokenService.Payload
    }

    private let slots: Mutex<[Entry?]>
    private let mask: Int

    /// A cache of `2^bits` slots.
    init(bits: Int = 10) {
        slots = Mutex(Array(repeating: nil, count: 1 << bits))
        mask = (1 << bits) - 1
    }

    /// What `token` was found to carry, if it is the token in its slot.
    func entry(for token: String) -> Entry? {
        let slot = token.hashValue & mask
        return slots.withLock { slots in slots[slot].flatMap { $0.token == token ? $0 : nil } }
    }

    /// Keeps `entry`, whose token was just verified.
    func keep(_ entry: Entry) {
        let slot = entry.token.hashValue & mask
        slots.withLock { $0[slot] = entry }
    }
}
