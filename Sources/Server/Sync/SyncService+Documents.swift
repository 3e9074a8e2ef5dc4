import Foundation
import Models
import Sync

extension SyncService {
    /// A participant's uploads by id, for the intent handler to check attachments against.
    func uploadsByID(of participant: Participant.ID) async throws -> [UUID: UploadRecord] {
        Dictionary(try await store.uploads(owner: participant).map { ($0.id, $0) }) { first, _ in first }
    }

    /// The uploads of the push's accepted attachments: marked retained in the push's own
    /// transaction, so their expiry never looks at them again.
    static func attachedUploads(_ mutations: [Mutation], results: [MutationResult]) -> [UUID] {
        let accepted = Set(results.filter(\.outcome.isAccepted).map(\.mutationID))
        return mutations.compactMap { mutation in
            guard accepted.contains(mutation.id), case .intent(let intent) = mutation.operation,
                case .attachDocument(let arguments)? = try? IntentCall(intent)
            else { return nil }
            return arguments.uploadID
        }
    }
}

extension Mutation {
    /// Whether it is an intent.
    var isIntent: Bool {
        if case .intent = operation { return true }
        return false
    }

    /// Whether it is an `attachDocument` intent.
    var attachesDocument: Bool {
        if case .intent(let intent) = operation { return intent.name == .attachDocument }
        return false
    }
}
