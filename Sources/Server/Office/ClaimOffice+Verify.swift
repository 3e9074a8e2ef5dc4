import Foundation
import HTTPTypes
import Logging
import Models
import Sync

extension ClaimOffice {
    /// The back office's verification and what came of it.
    struct VerificationOutcome: Sendable {
        var verified: Bool
        var findings: [VerificationFinding]
        var claim: Claim
        var audit: AuditEntry
        /// The step, when the claim moved to `verified`.
        var step: Step?
    }

    /// Checks the participant against the civil registry and the claim against the ledger
    /// balance. All match: the claim is verified. Any mismatch: the claim stays, the findings
    /// go to the audit log, and the officer decides (reject, or the CSO asks for a correction).
    func verify(_ claimID: Claim.ID, by officer: Officer) async throws -> VerificationOutcome {
        let (claim, _) = try await check(.verify, on: claimID, by: officer)
        guard let account = try await store.account(id: claim.participantID) else { throw Problem.internalError }
        let bucket = try await store.snapshot(of: .participant(claim.participantID.rawValue.uuidString))
        guard IdentityCheck.isEstablished(for: claim, account: account, records: bucket.records) else {
            throw Problem.identityUnverified(claim)
        }
        let registered: CivilRegistryRecord?
        do {
            registered = try await registry.lookUp(nik: account.participant.nik)
        } catch {
            logger.warning(
                "civil registry look-up failed",
                metadata: ["claim": "\(claimID)", "error": "\(String(reflecting: type(of: error)))"]
            )
            throw Problem.adapterUnavailable("civil registry")
        }
        let expected = configuration.rules.payout(for: claim.reason, membership: account.membership).gross
        let findings = Verification.findings(participant: account.participant, registry: registered, claim: claim, expectedGross: expected)
        let mismatches = findings.filter { !$0.matches }
        if mismatches.isEmpty {
            let step = try await apply(
                .verify,
                to: claimID,
                by: officer,
                annotation: Annotation(note: "Identity matches the civil registry; the amount agrees with the ledger balance.")
            )
            return VerificationOutcome(verified: true, findings: findings, claim: step.claim, audit: step.audit, step: step)
        }
        let entry = AuditEntry(
            claimID: claimID,
            participantID: claim.participantID,
            branchID: claim.branchID,
            actor: .officer(officer),
            event: "checkIdentity",
            from: claim.status,
            to: claim.status,
            reason: mismatches.map(\.detail).joined(separator: " "),
            causes: mismatches.map(\.causeCode),
            at: now()
        )
        _ = try await writer.write(BucketRequest(bucket: .participant(claim.participantID.rawValue.uuidString))) { _ in
            BucketDecision(BucketChanges(audit: [entry]), ())
        }
        logger.info(
            "verification found mismatches",
            metadata: ["claim": "\(claimID)", "causes": "\(mismatches.map(\.causeCode).joined(separator: ","))"]
        )
        return VerificationOutcome(verified: false, findings: findings, claim: claim, audit: entry, step: nil)
    }
}

extension Problem {
    /// A system outside our walls did not answer: nothing changed; try again.
    static func adapterUnavailable(_ name: String) -> Problem {
        Problem(
            status: .serviceUnavailable,
            code: "office.adapterUnavailable",
            title: "The \(name) is not answering",
            detail: "The \(name) could not be reached. Nothing was changed; try again in a moment.",
            headers: [.retryAfter: "5"]
        )
    }
}
