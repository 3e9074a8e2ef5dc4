import Foundation
import HTTPTypes
import Logging
import Models

/// One-time-code sign-in for participants (NIK + KPJ) and officers (employee number), and
/// refresh-token rotation. Rules:
/// - a code lives 5 minutes and allows 5 wrong tries; a challenge works once;
/// - at most 5 challenges per person per 15 minutes (against brokers and code bombing);
/// - wrong codes lock the person out, longer each time (``LockoutPolicy``), and each client
///   address may ask for codes and send wrong ones only so often (``SignInService+Guards``);
/// - a refresh token works once; presenting a used one revokes its family;
/// - a sign-in that ends (sign-out, a reused refresh token) ends its access tokens at once
///   (``RevokedSessions``); sign-out ends only the caller's own sign-in.
public struct SignInService: Sendable {
    public struct Limits: Sendable {
        public var codeLifetime: TimeInterval = 5 * 60
        public var maxFailedAttempts = 5
        public var maxChallenges = 5
        public var challengeWindow: TimeInterval = 15 * 60
        /// Wrong codes lock the identity out, longer each time.
        public var lockout = LockoutPolicy()
        /// Code requests from one client address, for any identity, known or not; `nil`: no
        /// limit. Sized for carrier-grade NAT, where many phones share one address: the limits
        /// per identity are the guard of each person, this one only slows a spray.
        public var codeRequestsPerAddress: RateLimit? = RateLimit(capacity: 300, per: 15 * 60)
        /// Wrong codes (and unknown challenges) from one client address; `nil`: no limit.
        public var wrongCodesPerAddress: RateLimit? = RateLimit(capacity: 100, per: 3600)
        public init() {}

        /// Turns the limits per client address off (jht-sim and load runs, where every phone
        /// comes from one address); the limits per person stay.
        public mutating func removeAddressLimits() {
            codeRequestsPerAddress = nil
            wrongCodesPerAddress = nil
        }
    }

    /// The outcome of a successful sign-in or refresh.
    public struct Tokens: Sendable {
        public var accessToken: String
        public var refreshToken: String
        public var expiresIn: Int
        public var principal: Principal
    }

    let store: any Store
    let tokens: TokenService
    let codeSender: any CodeSender
    let limits: Limits
    /// What each client address has used of its limits (in memory, this process).
    let addresses: AddressLimits
    let logger: Logger
    let now: @Sendable () -> Date

    public init(
        store: any Store,
        tokens: TokenService,
        codeSender: any CodeSender,
        limits: Limits,
        logger: Logger,
        now: @escaping @Sendable () -> Date
    ) {
        self.store = store
        self.tokens = tokens
        self.codeSender = codeSender
        self.limits = limits
        self.addresses = AddressLimits(limits)
        self.logger = logger
        self.now = now
    }

    /// Starts a participant sign-in. Throws 404 when no participant has this NIK and KPJ.
    public func requestParticipantCode(nik: NIK, kpj: KPJ, deviceID: DeviceID, from address: String?) async throws -> SignInChallengeRecord
    {
        try admitCodeRequest(from: address)
        guard let account = try await store.account(nik: nik), account.participant.kpj == kpj else {
            throw Problem(
                status: .notFound,
                code: "auth.participantNotFound",
                title: "No participant found",
                detail: "No participant matches this NIK and KPJ. Check both numbers on your ID card and participant card."
            )
        }
        guard let phone = account.participant.phone else {
            throw Problem(
                status: .unprocessableContent,
                code: "auth.noPhoneOnFile",
                title: "No phone number on file",
                detail: "We have no mobile number to send a code to. Update your data at a branch or through Lapak Asik."
            )
        }
        return try await startChallenge(for: .participant(account.participant.id), phone: phone, deviceID: deviceID)
    }

    /// Starts an officer sign-in. Officers receive the code on their registered work phone.
    public func requestOfficerCode(employeeNumber: String, deviceID: DeviceID, from address: String?) async throws -> SignInChallengeRecord
    {
        try admitCodeRequest(from: address)
        guard let officer = try await store.officer(employeeNumber: employeeNumber) else {
            throw Problem(
                status: .notFound,
                code: "auth.officerNotFound",
                title: "No officer found",
                detail: "No officer has this employee number."
            )
        }
        guard let phone = officer.phone else {
            throw Problem(
                status: .unprocessableContent,
                code: "auth.noPhoneOnFile",
                title: "No work phone on file",
                detail: "Ask the branch administrator to register your work phone."
            )
        }
        return try await startChallenge(for: .officer(officer.id), phone: phone, deviceID: deviceID)
    }

    func startChallenge(for principal: PrincipalRef, phone: PhoneNumber, deviceID: DeviceID) async throws -> SignInChallengeRecord {
        let now = now()
        try await checkLockout(principal, at: now)
        let recent = try await store.challengeCount(for: principal, since: now.addingTimeInterval(-limits.challengeWindow))
        guard recent < limits.maxChallenges else {
            throw Problem(
                status: .tooManyRequests,
                code: "auth.tooManyCodes",
                title: "Too many codes requested",
                detail: "Wait \(Int(limits.challengeWindow / 60)) minutes before asking for another code.",
                headers: [.retryAfter: "\(Int(limits.challengeWindow))"]
            )
        }
        let id = UUID()
        let code = codeSender.makeCode()
        let challenge = SignInChallengeRecord(
            id: id,
            principal: principal,
            deviceID: deviceID,
            codeDigest: try tokens.codeDigest(code: code, challengeID: id, now: now),
            createdAt: now,
            expiresAt: now.addingTimeInterval(limits.codeLifetime)
        )
        try await store.insert(challenge: challenge)
        try await codeSender.send(code: code, to: phone)
        logger.info("sign-in challenge created", metadata: ["kind": "\(principal.kind)", "challenge": "\(id)"])
        return challenge
    }

    /// Exchanges a challenge and its code for tokens.
    public func exchange(challengeID: UUID, code: String, deviceID: DeviceID, from address: String?) async throws -> Tokens {
        try admitExchange(from: address)
        guard let challenge = try await store.challenge(id: challengeID), challenge.deviceID == deviceID else {
            throw try await wrongCode(challenge: nil, from: address)
        }
        guard challenge.consumedAt == nil, challenge.expiresAt > now() else {
            throw Problem(
                status: .unauthorized,
                code: "auth.codeExpired",
                title: "The code has expired or was used",
                detail: "Ask for a new code."
            )
        }
        try await checkLockout(challenge.principal, at: now())
        guard challenge.failedAttempts < limits.maxFailedAttempts else {
            throw Problem(
                status: .tooManyRequests,
                code: "auth.tooManyAttempts",
                title: "Too many wrong codes",
                detail: "This code is locked after \(limits.maxFailedAttempts) wrong tries. Ask for a new code."
            )
        }
        guard tokens.codeMatches(code, challengeID: challengeID, digest: challenge.codeDigest, now: now()) else {
            throw try await wrongCode(challenge: challenge, from: address)
        }
        guard try await store.consume(challengeID: challengeID, at: now()) else {
            throw Problem(
                status: .unauthorized,
                code: "auth.codeExpired",
                title: "The code has expired or was used",
                detail: "Ask for a new code."
            )
        }
        try await store.clearLockout(of: challenge.principal)
        let family = UUID()
        let principal = try await principal(for: challenge.principal, deviceID: deviceID, family: family)
        let refresh = tokens.newRefreshToken()
        let issuedAt = now()
        try await store.insert(
            refreshToken: RefreshTokenRecord(
                digest: refresh.digest,
                familyID: family,
                principal: challenge.principal,
                deviceID: deviceID,
                createdAt: issuedAt,
                expiresAt: issuedAt.addingTimeInterval(TimeInterval(tokens.refreshTokenLifetime))
            )
        )
        logger.info("signed in", metadata: ["kind": "\(principal.kind.rawValue)", "device": "\(deviceID)"])
        return Tokens(
            accessToken: try tokens.accessToken(for: principal, family: family, now: issuedAt),
            refreshToken: refresh.token,
            expiresIn: tokens.accessTokenLifetime,
            principal: principal
        )
    }

    /// Rotates a refresh token.
    public func refresh(refreshToken: String, deviceID: DeviceID) async throws -> Tokens {
        let next = tokens.newRefreshToken()
        let issuedAt = now()
        let replacement = RefreshTokenRecord(
            digest: next.digest,
            familyID: UUID(),
            principal: .participant(.init(UUID())),
            deviceID: deviceID,
            createdAt: issuedAt,
            expiresAt: issuedAt.addingTimeInterval(TimeInterval(tokens.refreshTokenLifetime))
        )
        let outcome = try await store.rotate(
            refreshTokenDigest: TokenService.digest(refreshToken),
            deviceID: deviceID,
            replacement: replacement,
            at: issuedAt
        )
        switch outcome {
        case .rotated(let ref, let family):
            let principal = try await principal(for: ref, deviceID: deviceID, family: family)
            return Tokens(
                accessToken: try tokens.accessToken(for: principal, family: family, now: issuedAt),
                refreshToken: next.token,
                expiresIn: tokens.accessTokenLifetime,
                principal: principal
            )
        case .reused(let family):
            // The family's access tokens end here and now, in every process.
            tokens.revoked.insert(family, endedAt: issuedAt)
            logger.warning("refresh token reused; family revoked", metadata: ["device": "\(deviceID)"])
            throw Problem(
                status: .unauthorized,
                code: "auth.refreshTokenReused",
                title: "Signed out for safety",
                detail: "This sign-in was used from somewhere else, so every session of it was ended. Sign in again."
            )
        case .unknown, .expired, .wrongDevice:
            throw Problem(
                status: .unauthorized,
                code: "auth.invalidRefreshToken",
                title: "Sign in again",
                detail: "The refresh token is not valid for this device any more. Sign in again; your unsent changes stay on the phone."
            )
        }
    }

    /// Ends the caller's own sign-in: its refresh tokens and, at once, its access tokens. A
    /// refresh token of another sign-in is refused (403) and nothing ends.
    public func signOut(_ caller: Principal, refreshToken: String) async throws {
        guard let family = caller.family else { throw Problem.unauthenticated }
        let presented = try await store.family(ofRefreshTokenDigest: TokenService.digest(refreshToken))
        guard presented == nil || presented == family else {
            logger.warning("sign-out with another sign-in's refresh token refused", metadata: ["device": "\(caller.deviceID)"])
            throw Problem(
                status: .forbidden,
                code: "auth.notYourSession",
                title: "Not your sign-in",
                detail: "This refresh token belongs to another sign-in. Sign out with your own."
            )
        }
        try await end(family: family)
    }

    /// Ends the sign-in a refresh token belongs to, when the caller holds that token itself (the
    /// staff page's own cookie). Nothing happens for an unknown token.
    func signOut(ownRefreshToken refreshToken: String) async throws {
        guard let family = try await store.family(ofRefreshTokenDigest: TokenService.digest(refreshToken)) else { return }
        try await end(family: family)
    }

    private func end(family: UUID) async throws {
        let at = now()
        try await store.revokeFamily(family, at: at)
        tokens.revoked.insert(family, endedAt: at)
    }

    func principal(for ref: PrincipalRef, deviceID: DeviceID, family: UUID) async throws -> Principal {
        switch ref {
        case .participant(let id):
            return Principal(kind: .participant, id: id.rawValue, deviceID: deviceID, family: family)
        case .officer(let id):
            guard let officer = try await store.officer(id: id) else {
                throw Problem(status: .unauthorized, code: "auth.officerNotFound", title: "Officer no longer registered")
            }
            return Principal(kind: .officer, id: id.rawValue, deviceID: deviceID, roles: officer.roles, family: family)
        }
    }
}
