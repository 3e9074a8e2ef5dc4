import Crypto
import Foundation
import Models
import Sync

/// Issues and checks tokens.
///
/// Access tokens are stateless and short-lived: `v1.<payload>.<signature>`, base64url, the
/// payload a small JSON document signed with HMAC-SHA256 under a key every server process
/// reads from the store. Refresh tokens are random, stored only as a SHA-256 digest, work
/// once, and are bound to the device they were issued to.
public struct TokenService: Sendable {
    struct Payload: Codable {
        var k: Principal.Kind
        var sub: UUID
        var dev: String
        var exp: Int64
        var roles: [OfficerRole]?
    }

    let key: SymmetricKey
    /// Seconds an access token is valid.
    public let accessTokenLifetime: Int
    /// Seconds a refresh token is valid.
    public let refreshTokenLifetime: Int

    public init(secret: String, accessTokenLifetime: Int = 15 * 60, refreshTokenLifetime: Int = 30 * 86_400) {
        self.key = SymmetricKey(data: SHA256.hash(data: Data(secret.utf8)))
        self.accessTokenLifetime = accessTokenLifetime
        self.refreshTokenLifetime = refreshTokenLifetime
    }

    /// A new random secret for ``init(secret:accessTokenLifetime:refreshTokenLifetime:)``.
    public static func makeSecret() -> String { randomToken(bytes: 32) }

    /// A signed access token for `principal`, valid from `now`.
    public func accessToken(for principal: Principal, now: Date) -> String {
        let payload = Payload(
            k: principal.kind,
            sub: principal.id,
            dev: principal.deviceID.rawValue,
            exp: Int64(now.timeIntervalSince1970) + Int64(accessTokenLifetime),
            roles: principal.kind == .officer ? principal.roles.sorted() : nil
        )
        let body = Base64URL.encode(try! JSONCoding.encoder.encode(payload))
        let signature = Base64URL.encode(Data(HMAC<SHA256>.authenticationCode(for: Data("v1.\(body)".utf8), using: key)))
        return "v1.\(body).\(signature)"
    }

    /// The principal of a valid, unexpired access token; `nil` otherwise.
    public func verify(accessToken token: String, now: Date) -> Principal? {
        let parts = token.split(separator: ".", omittingEmptySubsequences: false)
        guard parts.count == 3, parts[0] == "v1", let signature = Base64URL.decode(parts[2]),
            HMAC<SHA256>.isValidAuthenticationCode(signature, authenticating: Data("v1.\(parts[1])".utf8), using: key),
            let json = Base64URL.decode(parts[1]), let payload = try? JSONCoding.decoder.decode(Payload.self, from: json),
            payload.exp > Int64(now.timeIntervalSince1970)
        else { return nil }
        return Principal(kind: payload.k, id: payload.sub, deviceID: DeviceID(payload.dev), roles: Set(payload.roles ?? []))
    }

    /// A new refresh token and its stored digest.
    public func newRefreshToken() -> (token: String, digest: String) {
        let token = Self.randomToken(bytes: 32)
        return (token, Self.digest(token))
    }

    /// The SHA-256 digest (hex) a refresh token is stored under.
    public static func digest(_ token: String) -> String {
        SHA256.hash(data: Data(token.utf8)).map { String(format: "%02x", $0) }.joined()
    }

    /// The keyed digest a one-time code is stored under, bound to its challenge.
    public func codeDigest(code: String, challengeID: UUID) -> String {
        let mac = HMAC<SHA256>.authenticationCode(for: Data("\(challengeID.uuidString):\(code)".utf8), using: key)
        return Data(mac).map { String(format: "%02x", $0) }.joined()
    }

    static func randomToken(bytes count: Int) -> String {
        var generator = SystemRandomNumberGenerator()
        return Base64URL.encode(Data((0..<count).map { _ in UInt8.random(in: .min ... .max, using: &generator) }))
    }
}

/// Base64url without padding (RFC 4648 §5).
enum Base64URL {
    static func encode(_ data: Data) -> String {
        data.base64EncodedString().replacingOccurrences(of: "+", with: "-").replacingOccurrences(of: "/", with: "_")
            .replacingOccurrences(of: "=", with: "")
    }

    static func decode(_ text: Substring) -> Data? {
        var base64 = text.replacingOccurrences(of: "-", with: "+").replacingOccurrences(of: "_", with: "/")
        base64.append(String(repeating: "=", count: (4 - base64.count % 4) % 4))
        return Data(base64Encoded: base64)
    }
}
