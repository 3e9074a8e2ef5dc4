import Foundation
import Models
import Sync

/// What one record being committed changes in the office views. Both stores compute it here
/// and write it in their own SQL, so the views mean the same on SQLite and PostgreSQL.
///
/// A record that does not decode into its model (which the merge prevents) is left out of the
/// view rather than failing the participant's commit.
enum OfficeProjection {
    /// Upsert the claim's row; `statusSince` is kept when the status did not change.
    case claim(id: String, participantID: String, branchID: String, status: String, statusSince: Double, claim: Data, signatures: Data)
    /// The claim is deleted (or no longer decodes): drop its row.
    case removeClaim(id: String)
    case notice(id: String, claimID: String, kind: String, createdAt: Double)
    case survey(claimID: String, submittedAt: Double, survey: Data)
    /// Kept once: an attempt never changes.
    case biometricAttempt(id: String, participantID: String, passed: Bool, attemptedAt: Double, attempt: Data)

    /// The record types that have a view.
    static let viewedTypes = [
        Claim.syncSchema.type, ParticipantNotification.syncSchema.type, SurveyResponse.syncSchema.type,
        BiometricAttempt.syncSchema.type,
    ]

    /// The change `record` makes, or `nil` when it touches no view.
    init?(_ record: SyncRecord) throws {
        let id = record.key.id
        let encoder = StoredJSON.encoder
        switch record.key.type {
        case Claim.syncSchema.type:
            guard !record.deleted, let claim = try? record.decode(as: Claim.self) else {
                self = .removeClaim(id: id)
                return
            }
            let signatures = (try? record["signatures"]?.decode(as: WorkflowSignatures.self)) ?? WorkflowSignatures()
            let statusSince = record.fields["status"].map { Double($0.latestClock.millis) / 1000 } ?? claim.createdAt.timeIntervalSince1970
            self = .claim(
                id: id,
                participantID: claim.participantID.rawValue.uuidString,
                branchID: claim.branchID.rawValue,
                status: claim.status.rawValue,
                statusSince: statusSince,
                claim: try encoder.encode(claim),
                signatures: try encoder.encode(signatures)
            )
        case ParticipantNotification.syncSchema.type:
            guard !record.deleted, let notice = try? record.decode(as: ParticipantNotification.self), let claimID = notice.claimID else {
                return nil
            }
            self = .notice(
                id: id,
                claimID: claimID.rawValue.uuidString,
                kind: notice.kind.rawValue,
                createdAt: notice.createdAt.timeIntervalSince1970
            )
        case SurveyResponse.syncSchema.type:
            guard !record.deleted, let survey = try? record.decode(as: SurveyResponse.self) else { return nil }
            self = .survey(
                claimID: survey.claimID.rawValue.uuidString,
                submittedAt: survey.submittedAt.timeIntervalSince1970,
                survey: try encoder.encode(survey)
            )
        case BiometricAttempt.syncSchema.type:
            guard !record.deleted, let attempt = try? record.decode(as: BiometricAttempt.self) else { return nil }
            self = .biometricAttempt(
                id: id,
                participantID: attempt.participantID.rawValue.uuidString,
                passed: attempt.result == .passed,
                attemptedAt: attempt.attemptedAt.timeIntervalSince1970,
                attempt: try encoder.encode(attempt)
            )
        default:
            return nil
        }
    }
}
