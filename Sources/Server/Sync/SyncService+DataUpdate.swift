import Foundation
import Logging
import Models
import Sync

extension SyncService {
    /// A passed face check completes the data update (pengkinian data): the selfie is its third
    /// stage (DOMAIN.md, "What the real app does today"), so a participant who had not done it
    /// can claim in the app once the server has accepted a passed attempt. Recorded once, on
    /// the participant's account, after the push that carried the attempt committed.
    func completeDataUpdate(_ mutations: [Mutation], results: [MutationResult], participant: Participant.ID) async throws {
        let accepted = Set(results.filter(\.outcome.isAccepted).map(\.mutationID))
        let passed = mutations.contains { mutation in
            guard accepted.contains(mutation.id), case .intent(let intent) = mutation.operation,
                intent.name == .reportBiometricAttempt,
                let attempt = try? intent.arguments["attempt"]?.decode(as: BiometricAttempt.self)
            else { return false }
            return attempt.result == .passed
        }
        guard passed, var account = try await store.account(id: participant), account.participant.dataUpdateCompletedAt == nil else {
            return
        }
        account.participant.dataUpdateCompletedAt = now()
        try await store.save(account: account)
        logger.info("data update completed by a passed face check", metadata: ["participant": "\(participant.rawValue)"])
    }
}
