import Foundation
import HTTPTypes
import Logging
import Models

/// Signs officers in to the staff page in a browser: by the sign-in form (employee number,
/// then the code sent to the work phone), or by a one-time link made by a signed-in officer
/// app (a ticket valid two minutes, exchanged at once for the session cookie). Sessions are
/// the same tokens the API uses, so they expire, rotate and revoke the same way.
struct StaffAuth: Sendable {
    let store: any Store
    let signIn: SignInService
    let logger: Logger
    let now: @Sendable () -> Date

    /// How long a one-time link works.
    static let ticketLifetime: TimeInterval = 120

    /// The signed-in officer of a request, renewing the access token when it expired.
    /// - Returns: `nil` when there is no valid session; otherwise the officer and, when the
    ///   tokens were renewed, the cookie to set.
    func session(cookieHeader: String?) async throws -> (officer: Officer, renewed: StaffCookie?)? {
        guard let cookie = StaffCookie(cookieHeader: cookieHeader) else { return nil }
        if let principal = signIn.tokens.verify(accessToken: cookie.accessToken, now: now()), principal.kind == .officer,
            principal.deviceID == cookie.deviceID
        {
            return try await store.officer(id: Officer.ID(principal.id)).map { ($0, nil) }
        }
        let tokens: SignInService.Tokens
        do {
            tokens = try await signIn.refresh(refreshToken: cookie.refreshToken, deviceID: cookie.deviceID)
        } catch is Problem {
            return nil
        }
        guard tokens.principal.kind == .officer, let officer = try await store.officer(id: Officer.ID(tokens.principal.id)) else {
            return nil
        }
        return (officer, StaffCookie(accessToken: tokens.accessToken, refreshToken: tokens.refreshToken, deviceID: cookie.deviceID))
    }

    /// Form step 1: sends a code to the officer's work phone.
    func requestCode(employeeNumber: String) async throws -> (challengeID: UUID, deviceID: DeviceID, sentTo: String) {
        let deviceID = StaffCookie.newDeviceID()
        let challenge = try await signIn.requestOfficerCode(employeeNumber: employeeNumber, deviceID: deviceID, from: ClientAddress.current)
        let phone = try await store.officer(employeeNumber: employeeNumber)?.phone?.masked ?? "your work phone"
        return (challenge.id, deviceID, phone)
    }

    /// Form step 2, or a ticket: the code (or the ticket's secret) for a session.
    func exchange(challengeID: UUID, code: String, deviceID: DeviceID) async throws -> StaffCookie {
        let tokens = try await signIn.exchange(challengeID: challengeID, code: code, deviceID: deviceID, from: ClientAddress.current)
        guard tokens.principal.kind == .officer else {
            try? await signIn.signOut(ownRefreshToken: tokens.refreshToken)
            throw Problem(status: .forbidden, code: "auth.officerOnly", title: "Officers only", detail: "The staff page is for officers.")
        }
        return StaffCookie(accessToken: tokens.accessToken, refreshToken: tokens.refreshToken, deviceID: deviceID)
    }

    /// A one-time sign-in link for `officer`, for opening the staff page in a browser.
    func makeTicket(for officer: Officer) async throws -> (path: String, expiresAt: Date) {
        let at = now()
        let principal = PrincipalRef.officer(officer.id)
        let recent = try await store.challengeCount(for: principal, since: at.addingTimeInterval(-signIn.limits.challengeWindow))
        guard recent < signIn.limits.maxChallenges else {
            throw Problem(
                status: .tooManyRequests,
                code: "auth.tooManyCodes",
                title: "Too many sign-in links",
                detail: "Wait \(Int(signIn.limits.challengeWindow / 60)) minutes before asking for another link.",
                headers: [.retryAfter: "\(Int(signIn.limits.challengeWindow))"]
            )
        }
        let id = UUID()
        let secret = TokenService.randomToken(bytes: 24)
        let expiresAt = at.addingTimeInterval(Self.ticketLifetime)
        try await store.insert(
            challenge: SignInChallengeRecord(
                id: id,
                principal: principal,
                deviceID: StaffCookie.newDeviceID(),
                codeDigest: try signIn.tokens.codeDigest(code: secret, challengeID: id, now: at),
                createdAt: at,
                expiresAt: expiresAt
            )
        )
        logger.info("staff sign-in link issued", metadata: ["officer": "\(officer.id)", "challenge": "\(id)"])
        return ("/staff/sign-in?ticket=\(id.uuidString).\(secret)", expiresAt)
    }

    /// Redeems a ticket from a one-time link.
    func redeem(ticket: String) async throws -> StaffCookie {
        let parts = ticket.split(separator: ".", maxSplits: 1).map(String.init)
        let invalid = Problem(
            status: .unauthorized,
            code: "auth.invalidTicket",
            title: "This sign-in link does not work",
            detail: "The link is malformed, expired or already used. Ask for a new one, or sign in with your employee number."
        )
        guard parts.count == 2, let id = UUID(uuidString: parts[0]), let challenge = try await store.challenge(id: id),
            case .officer = challenge.principal
        else { throw invalid }
        do {
            return try await exchange(challengeID: id, code: parts[1], deviceID: challenge.deviceID)
        } catch is Problem {
            throw invalid
        }
    }

    /// Ends the session of a cookie (its refresh-token family is revoked).
    func signOut(cookieHeader: String?) async {
        guard let cookie = StaffCookie(cookieHeader: cookieHeader) else { return }
        try? await signIn.signOut(ownRefreshToken: cookie.refreshToken)
    }
}
