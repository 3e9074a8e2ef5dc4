import Foundation

/// One face-verification attempt reported by a phone; appended, never edited.
public struct BiometricAttempt: Codable, Hashable, Sendable, Identifiable {
    /// Whether the face check passed.
    public enum Result: String, Codable, Hashable, Sendable {
        case passed
        case failed
    }

    /// Why a face check failed, as the face vendor reports it (DOMAIN.md, "What the real app does").
    public enum FailureReason: String, Codable, Hashable, Sendable, CaseIterable {
        case lowLight
        case faceAngle
        case faceCovered
        case motion
        case noMatch
        case livenessFailure
    }

    /// The attempt's id, chosen by the phone.
    public var id: ID
    /// The participant whose face was checked.
    public var participantID: Participant.ID
    /// The claim the check was for, if any.
    public var claimID: Claim.ID?
    /// Passed or failed.
    public var result: Result
    /// Why it failed (low light, face angle, ...), for advice and for the office.
    public var failureReason: FailureReason?
    /// The vendor's liveness score, 0...1.
    public var livenessScore: Double
    /// The phone that ran the check.
    public var deviceID: DeviceID
    /// When the phone says the attempt was made.
    public var attemptedAt: Date
    /// When the server recorded it (set by the server; the daily rate limit counts by it).
    public var receivedAt: Date?

    /// An attempt as the phone reports it.
    public init(
        id: ID,
        participantID: Participant.ID,
        claimID: Claim.ID?,
        result: Result,
        failureReason: FailureReason?,
        livenessScore: Double,
        deviceID: DeviceID,
        attemptedAt: Date,
        receivedAt: Date? = nil
    ) {
        self.id = id
        self.participantID = participantID
        self.claimID = claimID
        self.result = result
        self.failureReason = failureReason
        self.livenessScore = livenessScore
        self.deviceID = deviceID
        self.attemptedAt = attemptedAt
        self.receivedAt = receivedAt
    }
}

/// When failed face checks turn into a fallback ticket.
///
/// DOMAIN.md: public reports speak of blocking after about three failures; no official
/// number was found, so both values are configuration.
public struct BiometricPolicy: Codable, Hashable, Sendable {
    /// Failed checks within the window that open a fallback ticket (about three in public reports).
    public var failuresBeforeFallback: Int
    /// Failures older than this many seconds do not count.
    public var windowSeconds: Int
    /// Attempts allowed per participant per day (rate limit against brokers).
    public var attemptsPerDay: Int

    /// A policy; the defaults are the ones in force (`GET /v1/config`).
    public init(failuresBeforeFallback: Int = 3, windowSeconds: Int = 86_400, attemptsPerDay: Int = 10) {
        self.failuresBeforeFallback = failuresBeforeFallback
        self.windowSeconds = windowSeconds
        self.attemptsPerDay = attemptsPerDay
    }
}
