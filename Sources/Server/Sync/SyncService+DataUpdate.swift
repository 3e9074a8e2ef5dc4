import Foundation
import Models
import Sync

extension SyncService {
    /// Whether an accepted mutation of the push reports a passed face check.
    ///
    /// A passed face check completes the data update (pengkinian data): the selfie is its third
    /// stage (DOMAIN.md, "What the real app does today"), so a participant who had not done it
    /// can claim in the app once the server has accepted a passed attempt. Recorded on the
    /// participant's account in the push's own transaction.
    static func passesFaceCheck(_ mutations: [Mutation], results: [MutationResult]) -> Bool {
        let accepted = Set(results.filter(\.outcome.isAccepted).map(\.mutationID))
        return mutations.contains { mutation in
            guard accepted.contains(mutation.id), case .intent(let intent) = mutation.operation,
                case .reportBiometricAttempt(let arguments)? = try? IntentCall(intent)
            else { return false }
            return arguments.attempt.result == .passed
        }
    }
}
