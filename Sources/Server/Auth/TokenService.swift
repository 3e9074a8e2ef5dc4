import Crypto
import Foundation
import HTTPTypes
import Models
import Sync

/// Issues and checks tokens.
///
/// Access tokens are stateless and short-lived: `v2.<kid>.<payload>.<signature>`, base64url,
/// the payload a small JSON document signed with HMAC-SHA256 under the signing key named by
/// `kid` (``SigningKeys``: a key file or the environment, never the database). Each carries its
/// sign-in's family (`fam`), and stops working the moment that sign-in ends
/// (``RevokedSessions``). Refresh tokens are random, stored only as a SHA-256 digest, work once,
/// and are bound to the device they were issued to.
public struct TokenService: Sendable {
    struct Payload: Codable, Sendable {
        var k: Principal.Kind
        var sub: UUID
        var dev: String
        var fam: UUID
        var exp: Int64
        var roles: [OfficerRole]?
    }

    /// What an access token is worth.
    public enum Check: Hashable, Sendable {
        case valid(Principal)
        /// Malformed, forged, expired, or signed by a key that no longer verifies.
        case invalid
        /// Well signed and unexpired, but its sign-in has ended (signed out, or revoked).
        case sessionEnded
    }

    static let version = "v2"

    let keys: SigningKeys
    /// Sign-ins that ended; their tokens are refused.
    public let revoked: RevokedSessions
    /// Seconds an access token is valid.
    public let accessTokenLifetime: Int
    /// Seconds a refresh token is valid.
    public let refreshTokenLifetime: Int
    /// Tokens whose signature was checked lately.
    let verified = VerifiedTokens()

    /// Seconds an access token is valid unless configured otherwise: 15 minutes.
    public static let defaultAccessTokenLifetime = 15 * 60

    public init(
        keys: SigningKeys,
        revoked: RevokedSessions = RevokedSessions(retention: TimeInterval(defaultAccessTokenLifetime)),
        accessTokenLifetime: Int = defaultAccessTokenLifetime,
        refreshTokenLifetime: Int = 30 * 86_400
    ) {
        self.keys = keys
        self.revoked = revoked
        self.accessTokenLifetime = accessTokenLifetime
        self.refreshTokenLifetime = refreshTokenLifetime
    }

    /// A signed access token for `principal` in the sign-in `family`, valid from `now`. Throws
    /// 503 when no key signs (a key file whose keys are all retired or not yet active).
    public func accessToken(for principal: Principal, family: UUID, now: Date) throws(Problem) -> String {
        guard let (kid, key) = keys.signing(at: now) else { throw Problem.noSigningKey }
        let payload = Payload(
            k: principal.kind,
            sub: principal.id,
            dev: principal.deviceID.rawValue,
            fam: family,
            exp: Int64(now.timeIntervalSince1970) + Int64(accessTokenLifetime),
            roles: principal.kind == .officer ? principal.roles.sorted() : nil
        )
        let signed = "\(Self.version).\(kid).\(Base64URL.encode(try! JSONCoding.encoder.encode(payload)))"
        return signed + "." + Base64URL.encode(Data(HMAC<SHA256>.authenticationCode(for: Data(signed.utf8), using: key)))
    }

    /// The principal of a valid, unexpired access token signed by a key that still verifies,
    /// whose sign-in has not ended; `nil` otherwise.
    public func verify(accessToken token: String, now: Date) -> Principal? {
        guard case .valid(let principal) = check(accessToken: token, now: now) else { return nil }
        return principal
    }

    /// What `token` is worth at `now`: the signature, the expiry, then whether its sign-in ended.
    public func check(accessToken token: String, now: Date) -> Check {
        let payload: Payload
        if let known = verified.entry(for: token), keys.verifying(kid: Substring(known.kid), at: now) == known.key {
            payload = known.payload
        } else {
            let parts = token.split(separator: ".", omittingEmptySubsequences: false)
            guard parts.count == 4, parts[0] == Self.version, let key = keys.verifying(kid: parts[1], at: now),
                let signature = Base64URL.decode(parts[3])
            else { return .invalid }
            let signed = token.utf8.prefix(token.utf8.count - parts[3].utf8.count - 1)
            guard HMAC<SHA256>.isValidAuthenticationCode(signature, authenticating: Data(signed), using: key),
                let json = Base64URL.decode(parts[2]), let decoded = try? JSONCoding.decoder.decode(Payload.self, from: json)
            else { return .invalid }
            payload = decoded
            verified.keep(VerifiedTokens.Entry(token: token, kid: String(parts[1]), key: key, payload: payload))
        }
        guard payload.exp > Int64(now.timeIntervalSince1970) else { return .invalid }
        guard !revoked.contains(payload.fam) else { return .sessionEnded }
        let roles = Set(payload.roles ?? [])
        return .valid(Principal(kind: payload.k, id: payload.sub, deviceID: DeviceID(payload.dev), roles: roles, family: payload.fam))
    }

    /// A new refresh token and its stored digest.
    public func newRefreshToken() -> (token: String, digest: String) {
        let token = Self.randomToken(bytes: 32)
        return (token, Self.digest(token))
    }

    /// The SHA-256 digest (hex) a refresh token is stored under.
    public static func digest(_ token: String) -> String {
        hex(SHA256.hash(data: Data(token.utf8)))
    }

    /// The keyed digest a one-time code is stored under, bound to its challenge: the id of the
    /// key that made it, a colon, then the hex HMAC, so it is checked under the same key after a
    /// rotation.
    public func codeDigest(code: String, challengeID: UUID, now: Date) throws(Problem) -> String {
        guard let (kid, key) = keys.signing(at: now) else { throw Problem.noSigningKey }
        return kid + ":" + Self.hex(Self.codeMAC(code: code, challengeID: challengeID, key: key))
    }

    /// Whether `code` is the one `digest` was made from. A digest of a key that no longer
    /// verifies (or of the database-held secret before keys left the database) never matches.
    public func codeMatches(_ code: String, challengeID: UUID, digest: String, now: Date) -> Bool {
        let parts = digest.split(separator: ":", maxSplits: 1)
        guard parts.count == 2, let key = keys.verifying(kid: parts[0], at: now), let mac = Self.bytes(hex: parts[1]) else {
            return false
        }
        return HMAC<SHA256>.isValidAuthenticationCode(mac, authenticating: Self.codeMessage(code, challengeID), using: key)
    }

    static func codeMAC(code: String, challengeID: UUID, key: SymmetricKey) -> HashedAuthenticationCode<SHA256> {
        HMAC<SHA256>.authenticationCode(for: codeMessage(code, challengeID), using: key)
    }

    static func codeMessage(_ code: String, _ challengeID: UUID) -> Data { Data("\(challengeID.uuidString):\(code)".utf8) }

    /// The bytes of lower-case hex text; `nil` for anything else.
    static func bytes(hex: Substring) -> [UInt8]? {
        let digits = Array(hex.utf8)
        guard digits.count.isMultiple(of: 2) else { return nil }
        var bytes: [UInt8] = []
        bytes.reserveCapacity(digits.count / 2)
        for index in stride(from: 0, to: digits.count, by: 2) {
            guard let byte = UInt8(String(decoding: digits[index...index + 1], as: UTF8.self), radix: 16) else { return nil }
            bytes.append(byte)
        }
        return bytes
    }

    static func hex(_ bytes: some Sequence<UInt8>) -> String { bytes.map { String(format: "%02x", $0) }.joined() }

    static func randomToken(bytes count: Int) -> String {
        var generator = SystemRandomNumberGenerator()
        return Base64URL.encode(Data((0..<count).map { _ in UInt8.random(in: .min ... .max, using: &generator) }))
    }
}

extension Problem {
    /// No signing key is active: the key file's keys are all retired or not yet active.
    static let noSigningKey = Problem(
        status: .serviceUnavailable,
        code: "auth.noSigningKey",
        title: "Signing in is not possible right now",
        detail: "The server has no active signing key. Try again shortly.",
        headers: [.retryAfter: "30"]
    )
}
