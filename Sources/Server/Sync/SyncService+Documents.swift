import Foundation
import Logging
import Models
import Sync

extension SyncService {
    /// A participant's uploads by id, for the intent handler to check attachments against.
    func uploadsByID(of participant: Participant.ID) async throws -> [UUID: UploadRecord] {
        Dictionary(try await store.uploads(owner: participant).map { ($0.id, $0) }) { first, _ in first }
    }

    /// Marks the uploads of accepted attachments as retained, so their expiry never looks at
    /// them again. (The expiry checks the claims itself before dropping anything; this only
    /// spares it the work, so a failure here is logged and the push still succeeds.)
    func retainAttachedUploads(_ mutations: [Mutation], results: [MutationResult]) async {
        let accepted = Set(results.filter(\.outcome.isAccepted).map(\.mutationID))
        for mutation in mutations where mutation.attachesDocument && accepted.contains(mutation.id) {
            guard case .intent(let intent) = mutation.operation, let id = intent.arguments["uploadID"]?.stringValue,
                let uploadID = UUID(uuidString: id)
            else { continue }
            do {
                try await store.retain(uploadID: uploadID)
            } catch {
                logger.warning("could not mark an attached upload retained", metadata: ["upload": "\(uploadID)"])
            }
        }
    }
}

extension Mutation {
    /// Whether it is an `attachDocument` intent.
    var attachesDocument: Bool {
        if case .intent(let intent) = operation { return intent.name == .attachDocument }
        return false
    }
}
