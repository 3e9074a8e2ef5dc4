import Foundation
import Models
import Sync

/// The documents a participant's claims reference, read from their bucket (the claims are the
/// truth: an upload is referenced while a claim lists it).
struct DocumentReferences: Sendable {
    var uploadIDs: Set<UUID>
    var sha256s: Set<String>

    /// Whether a claim references the upload (by its id, or by its content to be safe).
    func contains(_ upload: UploadRecord) -> Bool {
        uploadIDs.contains(upload.id) || upload.sha256.map(sha256s.contains) ?? false
    }

    static func load(owner: Participant.ID, store: any Store) async throws -> DocumentReferences {
        let snapshot = try await store.snapshot(of: .participant(owner.rawValue.uuidString))
        var references = DocumentReferences(uploadIDs: [], sha256s: [])
        for record in snapshot.records.values where record.key.type == Claim.syncSchema.type && !record.deleted {
            guard let claim = try? record.decode(as: Claim.self) else { continue }
            for document in claim.documents {
                if let id = document.uploadID { references.uploadIDs.insert(id) }
                references.sha256s.insert(document.sha256)
            }
        }
        return references
    }
}
