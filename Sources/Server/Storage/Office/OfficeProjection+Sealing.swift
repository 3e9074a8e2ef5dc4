import Foundation

extension OfficeProjection {
    /// The same change with its personal data sealed (the claim with its bank account, the
    /// survey, the attempt); ids, statuses and times stay plain for the views' queries.
    func sealed(by sealing: Sealing) -> OfficeProjection {
        switch self {
        case .claim(let id, let participantID, let branchID, let status, let statusSince, let claim, let signatures):
            .claim(
                id: id,
                participantID: participantID,
                branchID: branchID,
                status: status,
                statusSince: statusSince,
                claim: sealing.seal(claim, for: .officeClaim),
                signatures: signatures
            )
        case .survey(let claimID, let submittedAt, let survey):
            .survey(claimID: claimID, submittedAt: submittedAt, survey: sealing.seal(survey, for: .survey))
        case .biometricAttempt(let id, let participantID, let passed, let attemptedAt, let attempt):
            .biometricAttempt(
                id: id,
                participantID: participantID,
                passed: passed,
                attemptedAt: attemptedAt,
                attempt: sealing.seal(attempt, for: .biometricAttempt)
            )
        case .removeClaim, .notice:
            self
        }
    }
}
