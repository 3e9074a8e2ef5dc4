import Foundation
import Models

/// The staff page's session cookie, `jht_staff`: the officer's access token, refresh token
/// and browser device id, so an expired access token is renewed without signing in again.
///
/// `HttpOnly` (no script reads it), `SameSite=Strict` (never sent on a request another site
/// starts, not even a link to the page: a request forged from elsewhere carries no session),
/// `Path=/staff`, for one working shift.
struct StaffCookie: Hashable, Sendable {
    static let name = "jht_staff"
    /// A shift: the browser forgets the session after 12 hours.
    static let maxAge = 12 * 3600

    var accessToken: String
    var refreshToken: String
    var deviceID: DeviceID

    /// The cookie in a `Cookie` request header, if present and well formed.
    init?(cookieHeader: String?) {
        guard let cookieHeader else { return nil }
        let pairs = cookieHeader.split(separator: ";").map { $0.trimmingCharacters(in: .whitespaces) }
        guard let pair = pairs.first(where: { $0.hasPrefix("\(Self.name)=") }) else { return nil }
        let parts = pair.dropFirst(Self.name.count + 1).split(separator: "~", omittingEmptySubsequences: false).map(String.init)
        guard parts.count == 3, !parts[0].isEmpty, !parts[1].isEmpty, let device = try? DeviceID.validated(parts[2]) else { return nil }
        self.init(accessToken: parts[0], refreshToken: parts[1], deviceID: device)
    }

    init(accessToken: String, refreshToken: String, deviceID: DeviceID) {
        self.accessToken = accessToken
        self.refreshToken = refreshToken
        self.deviceID = deviceID
    }

    /// The `Set-Cookie` value that stores this session.
    var setCookie: String {
        "\(Self.name)=\(accessToken)~\(refreshToken)~\(deviceID.rawValue); Path=/staff; Max-Age=\(Self.maxAge); HttpOnly; SameSite=Strict"
    }

    /// The `Set-Cookie` value that ends the session in the browser.
    static let clear = "\(name)=; Path=/staff; Max-Age=0; HttpOnly; SameSite=Strict"

    /// A fresh device id for a browser signing in.
    static func newDeviceID() -> DeviceID {
        DeviceID("staff-web-\(UUID().uuidString.prefix(13).lowercased())")
    }
}
