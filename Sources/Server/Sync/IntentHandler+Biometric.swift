import Foundation
import Models
import Sync

extension IntentHandler {
    /// How far ahead of the server's clock an attempt's time may be (the phone's clock drifts).
    static let attemptClockSkew: TimeInterval = 5 * 60

    /// Records a face-verification attempt as an append-only record and, when the claim's
    /// failures reach the policy's threshold, opens the claim's one fallback ticket.
    ///
    /// Deterministic given the bucket and `now`, and the ticket's id is derived from the
    /// claim's: however many reports arrive, in whatever order and however often replayed,
    /// a claim gets at most one ticket. Once it has one, further app attempts for the claim
    /// are refused until an officer has verified the participant.
    func reportBiometricAttempt(
        _ arguments: ReportBiometricAttempt,
        mutation: Mutation,
        records: [RecordKey: SyncRecord]
    ) throws(Rejection)
        -> [RecordEffect]
    {
        var attempt = arguments.attempt
        guard attempt.participantID == participantID else {
            throw Rejection(code: "attempt.otherParticipant", message: "An attempt is reported for yourself only.")
        }
        guard attempt.deviceID.rawValue == mutation.deviceID else {
            throw Rejection(code: "attempt.otherDevice", message: "An attempt is reported by the device that made it.")
        }
        guard (0...1).contains(attempt.livenessScore), (attempt.result == .failed) == (attempt.failureReason != nil) else {
            throw Rejection(code: "attempt.invalid", message: "A failed attempt has a reason; a liveness score is between 0 and 1.")
        }
        guard attempt.attemptedAt <= now.addingTimeInterval(Self.attemptClockSkew) else {
            throw Rejection(
                code: "attempt.inFuture",
                message: "The attempt's time is ahead of the server's clock. Set the phone's date and time to automatic."
            )
        }
        let key = RecordKey(type: BiometricAttempt.syncSchema.type, id: attempt.recordID)
        guard key == mutation.record else {
            throw Rejection(code: "intent.invalidTarget", message: "Report an attempt as the record it creates.")
        }
        if records[key] != nil { return [] }  // Already recorded (the same attempt reported twice).
        let recorded = Self.attempts(in: records)
        var earlier: [BiometricAttempt] = []
        if let claimID = attempt.claimID {
            let (claim, _) = try loadClaim(RecordKey(type: Claim.syncSchema.type, id: claimID.rawValue.uuidString), records: records)
            guard !claim.status.isFinal else {
                throw Rejection(code: "attempt.claimClosed", message: "This claim is \(claim.status.rawValue); it needs no face check.")
            }
            if let ticket = try Self.fallbackTicket(for: claimID, in: records), let refusal = Self.attemptRefusal(ticket) {
                throw refusal
            }
            earlier = recorded.filter { $0.claimID == claimID }
        }
        let today = self.today
        let usedToday = recorded.filter { LocalDate($0.receivedAt ?? $0.attemptedAt, in: branch.timeZone) == today }.count
        guard usedToday < biometric.attemptsPerDay else {
            throw Rejection(
                code: "attempt.rateLimited",
                message: "You have used today's \(biometric.attemptsPerDay) face checks. Try again tomorrow, or visit a branch."
            )
        }
        attempt.receivedAt = now
        var effects = [RecordEffect(key: key, operation: .create(fields: try Self.fields(of: attempt)))]
        if let claimID = attempt.claimID, biometric.callsForFallback(earlier + [attempt]) {
            let reasons = Set((earlier + [attempt]).compactMap(\.failureReason))
            let ticket = FallbackTicket(
                id: FallbackTicket.id(forClaim: claimID),
                participantID: participantID,
                claimID: claimID,
                status: .open,
                openedAt: now,
                failureReasons: BiometricAttempt.FailureReason.allCases.filter(reasons.contains)
            )
            effects.append(
                RecordEffect(
                    key: RecordKey(type: FallbackTicket.syncSchema.type, id: ticket.recordID),
                    operation: .create(fields: try Self.fields(of: ticket)),
                    derived: true
                )
            )
        }
        return effects
    }

    /// Why a face check for a claim with this ticket is refused; `nil` when it is not.
    static func attemptRefusal(_ ticket: FallbackTicket) -> Rejection? {
        switch ticket.status {
        case .closed:
            return nil
        case .verified:
            return Rejection(
                code: "attempt.alreadyVerified",
                message: "An officer has verified you for this claim; it needs no face check."
            )
        case .rejected:
            return Rejection(
                code: "attempt.identityRejected",
                message: "An officer could not verify your identity for this claim. Visit the branch with your original ID card."
            )
        case .open, .booked, .checkedIn, .noShow:
            return Rejection(
                code: "attempt.fallbackOpen",
                message: "Face checks for this claim moved to a branch visit or a video call. Book or keep your appointment."
            )
        }
    }

    /// Refuses an app submission while the claim's face check waits for an officer: a
    /// fallback ticket that is not verified blocks it, whatever channel the draft names.
    func requireFaceCheckCleared(_ claim: Claim, records: [RecordKey: SyncRecord]) throws(Rejection) {
        guard let ticket = try Self.fallbackTicket(for: claim.id, in: records), ticket.blocksApp else { return }
        throw Rejection(
            code: "claim.fallbackPending",
            message: "Your identity is checked at your appointment; the officer continues this claim there. Nothing needs re-entering."
        )
    }

    /// Every biometric attempt recorded in the bucket.
    static func attempts(in records: [RecordKey: SyncRecord]) -> [BiometricAttempt] {
        records.values.filter { $0.key.type == BiometricAttempt.syncSchema.type && !$0.deleted }.compactMap {
            try? $0.decode(as: BiometricAttempt.self)
        }
    }

    /// The claim's fallback ticket, if one was opened.
    static func fallbackTicket(for claimID: Claim.ID, in records: [RecordKey: SyncRecord]) throws(Rejection) -> FallbackTicket? {
        let key = RecordKey(type: FallbackTicket.syncSchema.type, id: FallbackTicket.id(forClaim: claimID).rawValue.uuidString)
        guard let record = records[key], !record.deleted else { return nil }
        do {
            return try record.decode(as: FallbackTicket.self)
        } catch {
            throw Rejection(code: "ticket.unreadable", message: "This claim's fallback ticket cannot be read; contact the branch.")
        }
    }

    /// A model's fields as a record's, for a create.
    static func fields(of model: some Encodable) throws(Rejection) -> [String: JSONValue] {
        let unreadable = Rejection(code: "record.unreadable", message: "The record could not be written.")
        guard let value = try? JSONValue(encoding: model), case .object(let fields) = value else { throw unreadable }
        return fields
    }
}
